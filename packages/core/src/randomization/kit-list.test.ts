import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../protocol/parse-protocol.js';
import { allocationDesignOf } from './allocation-design.js';
import { dispenseKit, generateKitList, packWeightsOf } from './kit-list.js';

const load = (id: string) =>
  allocationDesignOf(
    parseProtocol(
      readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'protocols', `${id}.yaml`), 'utf8'),
      `${id}.yaml`,
    ).protocol,
  );
const platinium = load('platinium');
const immunosep = load('immunosep');
const SECRET = 'kit-list-test-secret-42';

/** Pearson correlation of x with y. */
function correlation(x: readonly number[], y: readonly number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    const dy = (y[i] ?? 0) - my;
    sxy += (xi - mx) * dy;
    sxx += (xi - mx) ** 2;
    syy += dy * dy;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('packWeightsOf', () => {
  it('weights ImmunoSep placebo twice, since it serves both strata', () => {
    expect(packWeightsOf(immunosep)).toEqual({ 'active:MALS': 1, 'active:SIP': 1, placebo: 2 });
    expect(packWeightsOf(platinium)).toEqual({ 'ifn-gamma': 1, placebo: 1 });
  });
});

describe('generateKitList', () => {
  const list = generateKitList(platinium, SECRET, 'FR01', 4000);
  const isActive = list.kits.map((k): number => (k.pack === 'ifn-gamma' ? 1 : 0));
  const numbers = list.kits.map((k) => Number(k.kitNumber));

  it('gives distinct 6-digit numbers and a balanced stock', () => {
    expect(new Set(numbers).size).toBe(4000);
    expect(numbers.every((n) => n >= 100000 && n <= 999999)).toBe(true);
    expect(isActive.reduce((s, v) => s + v, 0)).toBe(2000);
  });

  it('gives kit numbers that do not correlate with the arm', () => {
    // n = 4000: |r| has SD 1/sqrt(n) = 0.016 under independence; 4 SD.
    expect(Math.abs(correlation(numbers, isActive))).toBeLessThan(0.064);
    // Neither parity nor the leading digit tells the arm.
    const parity = numbers.map((n) => n % 2);
    expect(Math.abs(correlation(parity, isActive))).toBeLessThan(0.064);
    const lead = numbers.map((n) => Math.floor(n / 100000));
    expect(Math.abs(correlation(lead, isActive))).toBeLessThan(0.064);
  });

  it('dispenses kits of one arm in no rising order of number', () => {
    const active = list.kits.filter((k) => k.pack === 'ifn-gamma').map((k) => Number(k.kitNumber));
    const rises = active.slice(1).filter((n, i) => n > (active[i] ?? 0)).length;
    // A random order rises at half the steps.
    expect(rises / (active.length - 1)).toBeGreaterThan(0.45);
    expect(rises / (active.length - 1)).toBeLessThan(0.55);
  });

  it('is reproducible, differs by site and seed, and a longer list starts with the shorter', () => {
    expect(generateKitList(platinium, SECRET, 'FR01', 4000)).toEqual(list);
    expect(generateKitList(platinium, SECRET, 'FR02', 10).kits).not.toEqual(list.kits.slice(0, 10));
    expect(generateKitList(platinium, `${SECRET}x`, 'FR01', 10).kits).not.toEqual(list.kits.slice(0, 10));
    expect(generateKitList(platinium, SECRET, 'FR01', 37).kits).toEqual(list.kits.slice(0, 37));
  });

  it('prints the prefix and checks its arguments', () => {
    expect(generateKitList(platinium, SECRET, 'FR01', 3, { prefix: 'FR01-' }).kits[0]?.kitNumber).toMatch(
      /^FR01-\d{6}$/,
    );
    expect(() => generateKitList(platinium, SECRET, 'FR01', 2000, { digits: 4 })).toThrow(
      'kit count must be an integer in 1..1000 for 4 digits, got 2000',
    );
  });
});

describe('dispenseKit', () => {
  const list = generateKitList(immunosep, SECRET, 'GR01', 12);

  it('gives the first unused kit of the allocated pack', () => {
    const mals = list.kits.filter((k) => k.pack === 'active:MALS');
    expect(dispenseKit(list, 'active:MALS', new Set())).toEqual(mals[0]);
    expect(dispenseKit(list, 'active:MALS', new Set([mals[0]?.kitNumber ?? '']))).toEqual(mals[1]);
  });

  it('returns undefined when the pack is out of stock', () => {
    const used = new Set(list.kits.filter((k) => k.pack === 'placebo').map((k) => k.kitNumber));
    expect(dispenseKit(list, 'placebo', used)).toBeUndefined();
  });
});
