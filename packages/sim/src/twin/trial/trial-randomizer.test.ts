import { readFileSync } from 'node:fs';
import { allocationDesignOf, generateStratumList, parseProtocol } from '@immunotrial/core';
import { describe, expect, it } from 'vitest';
import { TrialRandomizer, trialSecret } from './trial-randomizer.js';

const design = (id: string) =>
  allocationDesignOf(parseProtocol(readFileSync(`protocols/${id}.yaml`, 'utf8'), id).protocol);

describe('TrialRandomizer', () => {
  it("allocates each site's participants in the order of the core's list for that site", () => {
    const d = design('platinium');
    const secret = trialSecret(4, 17);
    const r = new TrialRandomizer(d, secret);
    const arms = Array.from({ length: 70 }, () => r.allocate({ site: 'S01' }));
    // Past the first 32 slots the list is regenerated longer: prefix-stable, the same sequence.
    expect(arms).toEqual(
      generateStratumList(d, secret, 'site=S01', 70)
        .slots.slice(0, 70)
        .map((s) => s.arm),
    );
  });

  it('keeps ImmunoSep strata apart: each stratum of a site follows its own list', () => {
    const d = design('immunosep');
    const secret = trialSecret(4, 3);
    const r = new TrialRandomizer(d, secret);
    const mals: string[] = [];
    const sip: string[] = [];
    for (let i = 0; i < 30; i++) {
      mals.push(r.allocate({ stratum: 'MALS', site: 'S02' }));
      sip.push(r.allocate({ stratum: 'SIP', site: 'S02' }));
    }
    const list = (key: string): string[] =>
      generateStratumList(d, secret, key, 30)
        .slots.slice(0, 30)
        .map((s) => s.arm);
    expect(mals).toEqual(list('stratum=MALS|site=S02'));
    expect(sip).toEqual(list('stratum=SIP|site=S02'));
  });

  it('balances the arms by minimization when the design says so', () => {
    const d = {
      ...design('platinium'),
      method: 'minimization' as const,
      blockSizes: [],
      minimizationProbability: 0.8,
    };
    const r = new TrialRandomizer(d, trialSecret(1, 1));
    const counts = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const arm = r.allocate({ site: i % 3 === 0 ? 'S01' : 'S02' });
      counts.set(arm, (counts.get(arm) ?? 0) + 1);
    }
    expect(Math.abs((counts.get('ifn-gamma') ?? 0) - (counts.get('placebo') ?? 0))).toBeLessThanOrEqual(4);
  });
});
