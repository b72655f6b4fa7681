import { testBackends, verifyAuditChain, type OpenDatabase } from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, setUpUnit, type TestUnit } from '../test-support.js';
import { confirmEligibility, recordConsent } from './enrolment.js';
import { listScreenings, manualOutcome, recordScreening } from './screening.js';

describe.each(testBackends())('screening and enrolment on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
  }, 120_000);
  afterAll(async () => {
    await opened.close();
  });

  async function allMet(ref: string) {
    const { loaded } = { loaded: await u.deps.protocols.get(u.deps.db, 'infinity', 1) };
    const e = loaded.protocol.eligibility;
    return manualOutcome(u.deps, u.trialId, {
      patientRef: ref,
      answers: [
        ...e.inclusion.map((c) => ({ id: c.id, result: 'met' as const })),
        ...e.exclusion.map((c) => ({ id: c.id, result: 'not_met' as const })),
      ],
    });
  }

  it('logs a screen failure with the failing criteria as reasons', async () => {
    const outcome = await allMet('P-fail');
    const failed = {
      ...outcome,
      criteria: outcome.criteria.map((c) => (c.id === 'I1' ? { ...c, result: 'not_met' as const } : c)),
      status: 'ineligible' as const,
    };
    const { participant, screening } = await recordScreening(u.deps, u.as.coordinator, u.trialId, {
      siteId: u.siteA,
      source: 'manual',
      outcome: failed,
    });
    expect(participant.status).toBe('screen_failed');
    expect(participant.screeningNumber).toBe('A01-0001');
    expect(screening.failureReasons).toMatchObject([{ id: 'I1', kind: 'inclusion' }]);
    expect(screening.protocolVersion).toBe(1);
  });

  it('screens, consents and confirms eligibility with a signature naming signer, time and meaning', async () => {
    const { participant } = await recordScreening(u.deps, u.as.coordinator, u.trialId, {
      siteId: u.siteA,
      source: 'manual',
      outcome: await allMet('P-ok'),
    });
    expect(participant.status).toBe('screened');
    const consented = await recordConsent(u.deps, u.as.coordinator, participant.id, {
      givenBy: 'relative',
      consentDate: '2026-03-17',
    });
    expect(consented.status).toBe('consented');
    await expect(
      confirmEligibility(u.deps, u.as.investigator, participant.id, {
        answers: {},
        password: 'wrong password!',
        meaning: 'I confirm eligibility',
      }),
    ).rejects.toMatchObject({ code: 'signature.invalid' });
    const loaded = await u.deps.protocols.get(u.deps.db, 'infinity', 1);
    const attested = [
      ...loaded.protocol.eligibility.inclusion,
      ...loaded.protocol.eligibility.exclusion,
    ].filter((c) => c.attestation === true);
    const answers = Object.fromEntries(attested.map((c) => [c.id, c.id.startsWith('I')]));
    const signed = await confirmEligibility(u.deps, u.as.investigator, participant.id, {
      answers,
      password: PASSWORD,
      meaning: 'I confirm eligibility',
    });
    expect(signed).toMatchObject({
      eligible: true,
      signerName: 'investigator -a',
      signedAt: '2026-03-17T09:00:00.000Z',
      meaning: 'I confirm eligibility',
    });
  });

  it('refuses a coordinator signature and hides site A participants from site B', async () => {
    const { participant } = await recordScreening(u.deps, u.as.coordinator, u.trialId, {
      siteId: u.siteA,
      source: 'manual',
      outcome: await allMet('P-iso'),
    });
    await recordConsent(u.deps, u.as.coordinator, participant.id, {
      givenBy: 'patient',
      consentDate: '2026-03-16',
    });
    await expect(
      confirmEligibility(u.deps, u.as.coordinator, participant.id, {
        answers: {},
        password: PASSWORD,
        meaning: 'x',
      }),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(
      recordConsent(u.deps, u.siteBCoordinator, participant.id, {
        givenBy: 'patient',
        consentDate: '2026-03-16',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      recordScreening(u.deps, u.siteBCoordinator, u.trialId, {
        siteId: u.siteA,
        source: 'manual',
        outcome: await allMet('x'),
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const seenByB = await listScreenings(u.deps, u.siteBCoordinator, u.trialId);
    expect(seenByB).toEqual([]);
    const seenByMonitor = await listScreenings(u.deps, u.as.data_manager, u.trialId);
    expect(seenByMonitor.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the audit chain intact through it all', async () => {
    expect((await verifyAuditChain(u.deps.db)).ok).toBe(true);
  });
});
