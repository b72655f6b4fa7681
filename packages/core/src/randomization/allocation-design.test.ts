import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../protocol/parse-protocol.js';
import type { Protocol } from '../protocol/schema.js';
import { allocationDesignOf, stratumKeyOf, strataKeysOf } from './allocation-design.js';
import { treatmentFor } from './treatment.js';

const load = (id: string): Protocol =>
  parseProtocol(
    readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'protocols', `${id}.yaml`), 'utf8'),
    `${id}.yaml`,
  ).protocol;

const infinity = load('infinity');
const immunosep = load('immunosep');
const iris7 = load('iris7');

describe('allocationDesignOf', () => {
  it('reads the shipped permuted-block designs with a site factor', () => {
    const d = allocationDesignOf(infinity);
    expect(d).toMatchObject({
      protocolId: 'infinity',
      method: 'permuted_blocks',
      arms: ['ifn-gamma', 'placebo'],
      ratio: { 'ifn-gamma': 1, placebo: 1 },
      blockSizes: [2, 4],
      perSite: true,
      factors: [{ id: 'site', from: 'site', levels: undefined }],
    });
    expect(allocationDesignOf(iris7).blockSizes).toEqual([3, 6]);
  });

  it('reads ImmunoSep as biomarker-stratified by eligibility stratum and site, with its double-dummy packs', () => {
    const d = allocationDesignOf(immunosep);
    expect(d.method).toBe('biomarker_stratified');
    expect(d.factors.map((f) => f.id)).toEqual(['stratum', 'site']);
    expect(
      d.treatments.map((t) => `${t.arm}/${t.stratum ?? '-'} ${t.pack}: ${t.regimens.join('+')}`),
    ).toEqual([
      'active/MALS active:MALS: anakinra-iv+sc-dummy-mals',
      'active/SIP active:SIP: ifn-gamma-sc+iv-dummy-sip',
      'placebo/MALS placebo: iv-placebo+sc-placebo',
      'placebo/SIP placebo: iv-placebo+sc-placebo',
    ]);
  });

  it('rejects a block size that is not a multiple of the ratio sum', () => {
    const bad: Protocol = { ...iris7, allocation: { ...iris7.allocation, block_sizes: [3, 4] } };
    expect(() => allocationDesignOf(bad)).toThrow(
      "iris7: block size 4 is not a multiple of the ratio's sum 3",
    );
  });

  it('rejects a ratio that misses an arm', () => {
    const bad: Protocol = { ...infinity, allocation: { ...infinity.allocation, ratio: { 'ifn-gamma': 1 } } };
    expect(() => allocationDesignOf(bad)).toThrow('infinity: ratio has no weight for arm "placebo"');
  });

  it('rejects a biomarker-stratified design without an eligibility-stratum factor', () => {
    const bad: Protocol = { ...immunosep, allocation: { ...immunosep.allocation, factors: [] } };
    expect(() => allocationDesignOf(bad)).toThrow('needs a factor with from: eligibility_stratum');
  });
});

describe('stratum keys', () => {
  const sep = allocationDesignOf(immunosep);

  it('orders factors as the design does and encodes levels', () => {
    expect(stratumKeyOf(sep, { site: 'S|1', stratum: 'SIP' })).toBe('stratum=SIP|site=S%7C1');
    expect(
      stratumKeyOf(
        allocationDesignOf({ ...infinity, allocation: { ...infinity.allocation, per_site: false } }),
        {},
      ),
    ).toBe('all');
  });

  it('refuses the eligibility strata none and unknown, and a missing site', () => {
    expect(() => stratumKeyOf(sep, { stratum: 'none', site: 'S01' })).toThrow(
      'factor "stratum": "none" is not one of MALS, SIP',
    );
    expect(() => stratumKeyOf(sep, { stratum: 'MALS' })).toThrow('no level given for factor "site"');
  });

  it('lists every stratum of a set of sites', () => {
    expect(strataKeysOf(sep, ['A', 'B'])).toEqual([
      'stratum=MALS|site=A',
      'stratum=MALS|site=B',
      'stratum=SIP|site=A',
      'stratum=SIP|site=B',
    ]);
  });
});

describe('treatmentFor', () => {
  const sep = allocationDesignOf(immunosep);

  it('gives the double-dummy regimens of an arm in a stratum', () => {
    expect(treatmentFor(sep.treatments, 'active', 'MALS').regimens).toEqual(['anakinra-iv', 'sc-dummy-mals']);
    expect(treatmentFor(sep.treatments, 'active', 'SIP').regimens).toEqual(['ifn-gamma-sc', 'iv-dummy-sip']);
    expect(treatmentFor(sep.treatments, 'placebo', 'SIP').pack).toBe('placebo');
  });

  it('gives an unstratified arm its regimens whatever the stratum', () => {
    expect(treatmentFor(allocationDesignOf(iris7).treatments, 'cyt107-b').regimens).toEqual([
      'cyt107-b-im',
      'cyt107-b-dummy-im',
    ]);
  });

  it('throws for an arm with no row', () => {
    expect(() => treatmentFor(sep.treatments, 'active', 'none')).toThrow(
      'no treatment for arm "active" in stratum "none"',
    );
  });
});
