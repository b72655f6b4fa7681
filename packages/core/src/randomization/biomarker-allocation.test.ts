import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../protocol/parse-protocol.js';
import { allocationDesignOf, stratumKeyOf, strataKeysOf } from './allocation-design.js';
import { generateAllocationList, nextSlot } from './allocation-list.js';
import { treatmentFor } from './treatment.js';

// The ImmunoSep rule (DOMAIN.md §1): the eligibility stratum decides the comparison, then 1:1 active vs
// placebo by blocks within the stratum (and site), with the double-dummy table of the blinding section.
const immunosep = parseProtocol(
  readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'protocols', 'immunosep.yaml'), 'utf8'),
  'immunosep.yaml',
).protocol;
const design = allocationDesignOf(immunosep);
const SECRET = 'immunosep-test-secret-0001';
const SITES = ['GR01', 'GR02', 'NL01'];
const list = generateAllocationList(design, SECRET, strataKeysOf(design, SITES), 60);

interface Allocated {
  readonly stratum: string;
  readonly arm: string;
  readonly regimens: readonly string[];
}

/** Randomizes participants in the order given, each taking the next slot of their stratum. */
function randomize(participants: readonly { stratum: string; site: string }[]): Allocated[] {
  const used = new Map<string, number>();
  return participants.map(({ stratum, site }) => {
    const key = stratumKeyOf(design, { stratum, site });
    const slot = nextSlot(list, key, used.get(key) ?? 0);
    if (!slot) throw new Error(`list exhausted for ${key}`);
    used.set(key, (used.get(key) ?? 0) + 1);
    return { stratum, arm: slot.arm, regimens: treatmentFor(design.treatments, slot.arm, stratum).regimens };
  });
}

const cohort = Array.from({ length: 150 }, (_, i) => ({
  stratum: i % 3 === 0 ? 'MALS' : 'SIP',
  site: SITES[i % SITES.length] ?? 'GR01',
}));

describe('the ImmunoSep biomarker rule', () => {
  const allocated = randomize(cohort);

  it('never gives a MALS participant interferon gamma, nor a SIP participant anakinra', () => {
    for (const a of allocated.filter((x) => x.stratum === 'MALS')) {
      expect(a.regimens).not.toContain('ifn-gamma-sc');
      expect(a.regimens).toEqual(
        a.arm === 'active' ? ['anakinra-iv', 'sc-dummy-mals'] : ['iv-placebo', 'sc-placebo'],
      );
    }
    for (const a of allocated.filter((x) => x.stratum === 'SIP')) {
      expect(a.regimens).not.toContain('anakinra-iv');
      expect(a.regimens).toEqual(
        a.arm === 'active' ? ['ifn-gamma-sc', 'iv-dummy-sip'] : ['iv-placebo', 'sc-placebo'],
      );
    }
  });

  it('gives every participant one IV and one SC preparation (double dummy)', () => {
    const route = new Map(immunosep.regimens.map((r) => [r.id, r.route]));
    for (const a of allocated) expect(a.regimens.map((id) => route.get(id)).sort()).toEqual(['iv', 'sc']);
  });

  it('allocates 1:1 within each stratum and site, balanced at the end of every complete block', () => {
    for (const stratumList of list.strata) {
      const byBlock = new Map<number, string[]>();
      for (const s of stratumList.slots)
        byBlock.set(s.block ?? -1, [...(byBlock.get(s.block ?? -1) ?? []), s.arm]);
      for (const armsInBlock of byBlock.values()) {
        expect(armsInBlock.filter((a) => a === 'active').length * 2).toBe(armsInBlock.length);
      }
    }
    for (const stratum of ['MALS', 'SIP']) {
      const inStratum = allocated.filter((a) => a.stratum === stratum);
      const active = inStratum.filter((a) => a.arm === 'active').length;
      // Per site, at most half of the largest block (2) away from 1:1: 3 sites -> at most 6 overall.
      expect(Math.abs(2 * active - inStratum.length)).toBeLessThanOrEqual(2 * 2 * SITES.length);
    }
  });

  it('keeps MALS and SIP in separate sequences', () => {
    const mals = list.strata.find((s) => s.stratumKey === 'stratum=MALS|site=GR01');
    const sip = list.strata.find((s) => s.stratumKey === 'stratum=SIP|site=GR01');
    expect(mals?.slots.map((s) => s.arm)).not.toEqual(sip?.slots.map((s) => s.arm));
  });

  it('cannot randomize a patient whose eligibility stratum is none or unknown', () => {
    expect(() => stratumKeyOf(design, { stratum: 'unknown', site: 'GR01' })).toThrow(
      'factor "stratum": "unknown" is not one of MALS, SIP',
    );
  });
});
