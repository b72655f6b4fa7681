import { type OpenDatabase, testBackends } from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolText, setUpUnit, type TestUnit } from '../test-support.js';
import { manualOutcome, recordScreening } from './screening.js';
import { listTrials, loadProtocol } from './trials.js';

describe.each(testBackends())('protocol versions on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
  }, 120_000);
  afterAll(async () => {
    await opened.close();
  });

  it('keeps the stored text, amends with a new version, and records later screenings under it', async () => {
    const text = protocolText('infinity');
    expect(await loadProtocol(u.deps, u.admin, text, 'protocols/infinity.yaml')).toEqual({
      trialId: 'infinity',
      versionNo: 1,
      outcome: 'unchanged',
    });
    const changed = text
      .replace("version: '1.0'", "version: '1.1'")
      .replace('enrolment: { planned: 170 }', 'enrolment: { planned: 180 }');
    expect(changed).not.toBe(text);
    const sameVersion = text.replace('enrolment: { planned: 170 }', 'enrolment: { planned: 190 }');
    await expect(loadProtocol(u.deps, u.admin, sameVersion, 'infinity.yaml')).rejects.toMatchObject({
      code: 'protocol.version_reused',
    });
    await expect(loadProtocol(u.deps, u.as.investigator, changed, 'infinity.yaml')).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    expect(await loadProtocol(u.deps, u.admin, changed, 'infinity-1.1.yaml')).toEqual({
      trialId: 'infinity',
      versionNo: 2,
      outcome: 'amended',
    });
    expect((await listTrials(u.deps, u.as.monitor)).find((t) => t.id === 'infinity')?.currentVersion).toBe(2);
    const loaded = await u.deps.protocols.get(u.deps.db, 'infinity', 2);
    const e = loaded.protocol.eligibility;
    const outcome = await manualOutcome(u.deps, 'infinity', {
      patientRef: 'after-amendment',
      answers: [
        ...e.inclusion.map((c) => ({ id: c.id, result: 'met' as const })),
        ...e.exclusion.map((c) => ({ id: c.id, result: 'not_met' as const })),
      ],
    });
    const { participant, screening } = await recordScreening(u.deps, u.as.coordinator, 'infinity', {
      siteId: u.siteA,
      source: 'manual',
      outcome,
    });
    expect([participant.protocolVersion, screening.protocolVersion]).toEqual([2, 2]);
    const stored = await u.deps.db
      .selectFrom('protocol_versions')
      .select(['version_no', 'protocol_version'])
      .where('trial_id', '=', 'infinity')
      .orderBy('version_no')
      .execute();
    expect(stored).toEqual([
      { version_no: 1, protocol_version: '1.0' },
      { version_no: 2, protocol_version: '1.1' },
    ]);
  });
});
