import { describe, expect, it } from 'vitest';
import reference from '../../fixtures/random/xoshiro128starstar.json' with { type: 'json' };
import { randomExponential, randomInteger, randomNormal } from './variates.js';
import { Xoshiro128 } from './xoshiro128.js';

// Reference outputs from Blackman & Vigna's C code (fixtures/random/xoshiro128starstar.c).
describe('Xoshiro128 (xoshiro128** 1.1)', () => {
  it('reproduces the reference C outputs from state [1, 2, 3, 4]', () => {
    const rng = new Xoshiro128([1, 2, 3, 4]);
    expect(Array.from({ length: 8 }, () => rng.nextUint32())).toEqual(reference.state_1234);
  });
  it('jumps 2^64 steps as the reference jump()', () => {
    const rng = new Xoshiro128([1, 2, 3, 4]);
    for (let i = 0; i < 8; i++) rng.nextUint32();
    rng.jump();
    expect(Array.from({ length: 4 }, () => rng.nextUint32())).toEqual(reference.after_jump);
  });
  it('seeds through SplitMix64 as the reference', () => {
    const rng = Xoshiro128.fromSeed(42);
    expect(Array.from({ length: 4 }, () => rng.nextUint32())).toEqual(reference.seed_42);
  });
  it('repeats its draws from a clone and from the same seed', () => {
    const a = Xoshiro128.fromSeed(7);
    a.nextDouble();
    const b = a.clone();
    expect([a.nextDouble(), a.nextDouble()]).toEqual([b.nextDouble(), b.nextDouble()]);
    expect(Xoshiro128.fromSeed(7).nextUint32()).toBe(Xoshiro128.fromSeed(7).nextUint32());
  });
  it('gives doubles in [0, 1) with mean near 1/2', () => {
    const rng = Xoshiro128.fromSeed(1);
    let sum = 0;
    for (let i = 0; i < 100000; i++) {
      const u = rng.nextDouble();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    // SE of the mean is 0.29 / sqrt(1e5) = 9e-4; 5 SE.
    expect(Math.abs(sum / 100000 - 0.5)).toBeLessThan(0.0046);
  });
  it('rejects an all-zero state and an unsafe seed', () => {
    expect(() => new Xoshiro128([0, 0, 0, 0])).toThrow(
      new RangeError('Xoshiro128: state must not be all zero'),
    );
    expect(() => Xoshiro128.fromSeed(0.5)).toThrow(RangeError);
  });
});

describe('variates', () => {
  it('draws normals with mean 0 and variance 1 (within 5 SE)', () => {
    const rng = Xoshiro128.fromSeed(3);
    const n = 100000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = randomNormal(rng);
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
  it('draws exponentials with mean 1 (within 5 SE)', () => {
    const rng = Xoshiro128.fromSeed(4);
    let s = 0;
    for (let i = 0; i < 100000; i++) s += randomExponential(rng);
    expect(Math.abs(s / 100000 - 1)).toBeLessThan(5 / Math.sqrt(100000));
  });
  it('draws integers below n, each value about equally often', () => {
    const rng = Xoshiro128.fromSeed(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) {
      const k = randomInteger(rng, 3);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts)
      expect(Math.abs(c - 10000)).toBeLessThan(5 * Math.sqrt(30000 * (1 / 3) * (2 / 3)));
  });
});
