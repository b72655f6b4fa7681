import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../protocol/parse-protocol.js';
import { allocationDesignOf, strataKeysOf, type AllocationDesign } from './allocation-design.js';
import { generateAllocationList, generateStratumList, type AllocationSlot } from './allocation-list.js';
import { dispenseKit, generateKitList } from './kit-list.js';
import { treatmentFor } from './treatment.js';

/** Every block of the list holds each arm exactly size x weight / sum times. */
function blocksBalanced(design: AllocationDesign, slots: readonly AllocationSlot[]): boolean {
  const total = design.arms.reduce((s, a) => s + (design.ratio[a] ?? 0), 0);
  const blocks = new Map<number, AllocationSlot[]>();
  for (const s of slots) blocks.set(s.block ?? -1, [...(blocks.get(s.block ?? -1) ?? []), s]);
  return [...blocks.values()].every((block) => {
    const size = block[0]?.blockSize ?? 0;
    return (
      block.length === size &&
      design.blockSizes.includes(size) &&
      design.arms.every(
        (a) => block.filter((s) => s.arm === a).length === (size * (design.ratio[a] ?? 0)) / total,
      )
    );
  });
}

const designArb = fc
  .record({
    weights: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 }),
    multiples: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ weights, multiples }): AllocationDesign => {
    const arms = weights.map((_, i) => `arm${i}`);
    const total = weights.reduce((s, w) => s + w, 0);
    return {
      protocolId: 'prop',
      protocolVersion: '1.0',
      method: 'permuted_blocks',
      arms,
      ratio: Object.fromEntries(arms.map((a, i) => [a, weights[i] ?? 1])),
      blockSizes: multiples.map((m) => m * total),
      factors: [],
      perSite: false,
      minimizationProbability: undefined,
      treatments: [],
    };
  });
const secretArb = fc.string({ minLength: 16, maxLength: 40 });

describe('allocation list properties', () => {
  test.prop([designArb, secretArb, fc.integer({ min: 1, max: 120 })])(
    'every block is complete and balanced to the ratio, for any ratio and block sizes',
    (design, secret, n) => {
      const { slots } = generateStratumList(design, secret, 'all', n);
      expect(slots.length).toBeGreaterThanOrEqual(n);
      expect(blocksBalanced(design, slots)).toBe(true);
    },
  );

  test.prop([designArb, secretArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 })])(
    'a list is reproducible and a longer one starts with a shorter one',
    (design, secret, a, b) => {
      const short = generateStratumList(design, secret, 'all', Math.min(a, b)).slots;
      const long = generateStratumList(design, secret, 'all', Math.max(a, b)).slots;
      expect(long.slice(0, short.length)).toEqual(short);
      expect(generateStratumList(design, secret, 'all', Math.max(a, b)).slots).toEqual(long);
    },
  );
});

describe('the four shipped protocols', () => {
  const dir = join(import.meta.dirname, '..', '..', '..', '..', 'protocols');
  it.each(['infinity', 'platinium', 'immunosep', 'iris7'])(
    '%s: lists for three sites are balanced and every allocation has a treatment and a kit',
    (id) => {
      const protocol = parseProtocol(readFileSync(join(dir, `${id}.yaml`), 'utf8'), `${id}.yaml`).protocol;
      const design = allocationDesignOf(protocol);
      const sites = ['S1', 'S2', 'S3'];
      const list = generateAllocationList(
        design,
        'shipped-protocols-secret',
        strataKeysOf(design, sites),
        30,
      );
      const stratumFactor = design.factors.find((f) => f.from === 'eligibility_stratum');
      for (const site of sites) {
        const kits = generateKitList(design, 'shipped-protocols-secret', site, 200);
        const used = new Set<string>();
        for (const stratum of list.strata.filter((s) => s.stratumKey.includes(`site=${site}`))) {
          expect(blocksBalanced(design, stratum.slots)).toBe(true);
          const level = stratumFactor ? /stratum=([^|]+)/.exec(stratum.stratumKey)?.[1] : undefined;
          for (const slot of stratum.slots.slice(0, 10)) {
            const kit = dispenseKit(kits, treatmentFor(design.treatments, slot.arm, level).pack, used);
            expect(kit).toBeDefined();
            used.add(kit?.kitNumber ?? '');
          }
        }
      }
    },
  );
});
