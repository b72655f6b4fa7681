import { Xoshiro128 } from '@immunotrial/stats';
import { describe, expect, it } from 'vitest';
import { DrawSampler } from './draw-sampler.js';
import { randomBeta, randomGamma, randomPoisson } from './variates.js';

function moments(values: Float64Array): [number, number] {
  const n = values.length;
  const m = values.reduce((s, v) => s + v, 0) / n;
  return [m, values.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1)];
}

// Each mean is checked within 5 standard errors (sd / sqrt(n)).
describe('random variates', () => {
  const n = 40000;
  it.each([0.5, 1, 3.7, 60])('draws Gamma(%d) with mean and variance equal to the shape', (shape) => {
    const rng = Xoshiro128.fromSeed(11);
    const [m, v] = moments(Float64Array.from({ length: n }, () => randomGamma(rng, shape)));
    expect(Math.abs(m - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
    expect(v / shape).toBeCloseTo(1, 1);
  });

  it('draws Beta(a, b) with mean a / (a + b)', () => {
    const rng = Xoshiro128.fromSeed(12);
    const [m] = moments(Float64Array.from({ length: n }, () => randomBeta(rng, 20, 60)));
    expect(Math.abs(m - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / 81 / n));
  });

  it.each([0.3, 4, 75])('draws Poisson(%d) with mean and variance equal to the mean', (mean) => {
    const rng = Xoshiro128.fromSeed(13);
    const [m, v] = moments(Float64Array.from({ length: n }, () => randomPoisson(rng, mean)));
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
    expect(v / mean).toBeCloseTo(1, 1);
  });
});

describe('DrawSampler', () => {
  const n = 200000;
  it('repeats the xoshiro128** outputs of stats from the same state', () => {
    const a = Xoshiro128.fromSeed(5);
    const b = a.clone();
    const sampler = new DrawSampler();
    sampler.seedFrom(a);
    // seedFrom took four words; a generator with those words (the last made odd) gives the same stream.
    const words = [b.nextUint32(), b.nextUint32(), b.nextUint32(), b.nextUint32() | 1].map((w) => w >>> 0);
    const reference = new Xoshiro128(words);
    for (let i = 0; i < 100; i++) expect(sampler.nextUint32()).toBe(reference.nextUint32());
  });

  it('draws standard normals by the ziggurat: mean 0, variance 1, tail beyond 3 at 0.27%', () => {
    const sampler = new DrawSampler();
    sampler.seedFrom(Xoshiro128.fromSeed(6));
    const z = Float64Array.from({ length: n }, () => sampler.normal());
    const [m, v] = moments(z);
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(v - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    const tail = z.filter((x) => Math.abs(x) > 3).length / n;
    // P(|Z| > 3) = 0.0026998 (R: 2 * pnorm(-3)).
    expect(Math.abs(tail - 0.0026998)).toBeLessThan(5 * Math.sqrt(0.0027 / n));
  });

  it('fills Beta draws in its inlined loops exactly as gamma(a) for each, then gamma(b) for each', () => {
    const fast = new DrawSampler();
    fast.seedFrom(Xoshiro128.fromSeed(8));
    const reference = new DrawSampler();
    reference.setState(fast.state());
    const out = new Float64Array(20000);
    fast.fillBeta(3.2, 97, out, 0, out.length);
    const x = Float64Array.from(out, () => reference.gamma(3.2));
    for (let i = 0; i < out.length; i++) {
      const xi = x[i] ?? NaN;
      expect(out[i]).toBe(xi / (xi + reference.gamma(97)));
    }
    expect(fast.state()).toEqual(reference.state());
  });

  it('fills Beta and Gamma draws with the right means', () => {
    const sampler = new DrawSampler();
    sampler.seedFrom(Xoshiro128.fromSeed(7));
    const beta = new Float64Array(n);
    sampler.fillBeta(41, 123, beta, 0, n);
    expect(Math.abs(moments(beta)[0] - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / 165 / n));
    const gamma = new Float64Array(n);
    sampler.fillGamma(0.7, 2, gamma, 0, n);
    expect(Math.abs(moments(gamma)[0] - 0.35)).toBeLessThan(5 * Math.sqrt(0.7 / 4 / n));
  });
});
