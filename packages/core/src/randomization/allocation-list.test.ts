import { describe, expect, it } from 'vitest';
import type { AllocationDesign } from './allocation-design.js';
import {
  generateAllocationList,
  generateStratumList,
  nextSlot,
  type AllocationSlot,
} from './allocation-list.js';

const SECRET = '5f2c9a0e4b7d1c3a8e6f0b2d4c6a8e0f';

const design = (over: Partial<AllocationDesign> = {}): AllocationDesign => ({
  protocolId: 'test',
  protocolVersion: '1.0',
  method: 'permuted_blocks',
  arms: ['a', 'b', 'c'],
  ratio: { a: 2, b: 1, c: 1 },
  blockSizes: [4, 8, 12],
  factors: [{ id: 'site', from: 'site', levels: undefined }],
  perSite: true,
  minimizationProbability: undefined,
  treatments: [],
  ...over,
});

const arms = (slots: readonly AllocationSlot[]): string => slots.map((s) => s.arm).join('');

describe('generateStratumList', () => {
  it('gives the same list for the same seed, version and stratum', () => {
    const a = generateStratumList(design(), SECRET, 'site=S01', 200);
    const b = generateStratumList(design(), SECRET, 'site=S01', 200);
    expect(a).toEqual(b);
  });

  it('gives different lists for another seed, another stratum or another protocol version', () => {
    const base = arms(generateStratumList(design(), SECRET, 'site=S01', 200).slots);
    expect(arms(generateStratumList(design(), `${SECRET}0`, 'site=S01', 200).slots)).not.toBe(base);
    expect(arms(generateStratumList(design(), SECRET, 'site=S02', 200).slots)).not.toBe(base);
    expect(
      arms(generateStratumList(design({ protocolVersion: '1.1' }), SECRET, 'site=S01', 200).slots),
    ).not.toBe(base);
  });

  it('balances every complete block to the ratio', () => {
    const { slots } = generateStratumList(design(), SECRET, 'site=S01', 1000);
    const blocks = new Map<number, AllocationSlot[]>();
    for (const s of slots) blocks.set(s.block ?? -1, [...(blocks.get(s.block ?? -1) ?? []), s]);
    for (const block of blocks.values()) {
      const size = block[0]?.blockSize ?? 0;
      expect(block).toHaveLength(size);
      const count = (arm: string): number => block.filter((s) => s.arm === arm).length;
      expect([count('a'), count('b'), count('c')]).toEqual([size / 2, size / 4, size / 4]);
    }
  });

  it('varies block sizes, drawing each from the allowed set', () => {
    const { slots } = generateStratumList(design(), SECRET, 'site=S01', 600);
    const sizes = new Map<number, number>();
    for (const s of slots) sizes.set(s.block ?? -1, s.blockSize ?? 0);
    const seen = [...sizes.values()];
    expect(new Set(seen)).toEqual(new Set([4, 8, 12]));
    // Each size is drawn with probability 1/3: every one appears in at least a fifth of the blocks.
    for (const size of [4, 8, 12])
      expect(seen.filter((x) => x === size).length).toBeGreaterThan(seen.length / 5);
    // Not one size repeated in runs: consecutive blocks change size often.
    const changes = seen.slice(1).filter((x, i) => x !== seen[i]).length;
    expect(changes).toBeGreaterThan(seen.length / 2);
  });

  it('ends on a whole block, and a longer list starts with the shorter one', () => {
    const short = generateStratumList(design(), SECRET, 'site=S01', 10);
    const last = short.slots[short.slots.length - 1];
    expect(short.slots.length).toBeGreaterThanOrEqual(10);
    expect(short.slots.filter((s) => s.block === last?.block)).toHaveLength(last?.blockSize ?? -1);
    const long = generateStratumList(design(), SECRET, 'site=S01', 300);
    expect(long.slots.slice(0, short.slots.length)).toEqual(short.slots);
  });

  it('is not predictable within a block from the previous block', () => {
    // With a fixed block size of 2 and a 1:1 ratio, each block is AB or BA with probability 1/2.
    const d = design({ arms: ['a', 'b'], ratio: { a: 1, b: 1 }, blockSizes: [2] });
    const firsts = generateStratumList(d, SECRET, 'site=S01', 2000).slots.filter((s) => s.sequence % 2 === 0);
    const share = firsts.filter((s) => s.arm === 'a').length / firsts.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
  });

  it('draws simple randomization by the ratio, without blocks', () => {
    const { slots } = generateStratumList(
      design({ method: 'simple', blockSizes: [] }),
      SECRET,
      'site=S01',
      4000,
    );
    expect(slots).toHaveLength(4000);
    expect(slots.every((s) => s.block === null)).toBe(true);
    const share = slots.filter((s) => s.arm === 'a').length / slots.length;
    expect(share).toBeGreaterThan(0.47);
    expect(share).toBeLessThan(0.53);
  });

  it('refuses minimization designs and bad lengths', () => {
    expect(() => generateStratumList(design({ method: 'minimization' }), SECRET, 'all', 10)).toThrow(
      'test: minimization allocates one participant at a time and has no list',
    );
    expect(() => generateStratumList(design(), SECRET, 'all', 0)).toThrow(
      'list length must be a positive integer, got 0',
    );
  });
});

describe('nextSlot', () => {
  const list = generateAllocationList(design(), SECRET, ['site=S01', 'site=S02'], 8);

  it('takes the slot after the used ones in the stratum', () => {
    const s01 = list.strata[0]?.slots ?? [];
    expect(nextSlot(list, 'site=S01', 0)).toEqual(s01[0]);
    expect(nextSlot(list, 'site=S01', 3)).toEqual(s01[3]);
    expect(nextSlot(list, 'site=S02', 0)?.stratumKey).toBe('site=S02');
  });

  it('returns undefined when the stratum list is used up', () => {
    const n = list.strata[0]?.slots.length ?? 0;
    expect(nextSlot(list, 'site=S01', n)).toBeUndefined();
  });

  it('throws for an unknown stratum or a bad count', () => {
    expect(() => nextSlot(list, 'site=S09', 0)).toThrow(
      'the allocation list of test 1.0 has no stratum "site=S09"',
    );
    expect(() => nextSlot(list, 'site=S01', -1)).toThrow('used count must be a non-negative integer, got -1');
  });
});
