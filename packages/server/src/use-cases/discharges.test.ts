import { ianaZone } from '@immunotrial/core';
import { type OpenDatabase, testBackends, verifyAuditChain } from '@immunotrial/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { signIn } from '../http/test-client.js';
import { enrolReady, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from './allocation-setup.js';
import { recordDischarge, type StayTimes, stayOrderError } from './discharges.js';
import { participantVisits } from './dosing.js';
import { changeStatus, participantDetail } from './participants.js';
import { randomizeParticipant } from './randomization.js';

// PLATINIUM at site A (Europe/Paris, UTC+1 in March 2026): randomized and D1 on 17 March 09:00 UTC, so
// study day 1 = 17 March; an ICU discharge on 21 March (local) is study day 5.
const RANDOMIZED = '2026-03-17T09:00:00Z';
const TODAY = '2026-03-25T09:00:00Z';
const ICU = '2026-03-21T15:00:00+01:00';
const HOSPITAL = '2026-03-24T11:00:00+01:00';

describe.each(testBackends())('ICU and hospital discharge on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let app: FastifyInstance;
  let pid = '';
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened, ['platinium']);
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'discharge-test-seed-0123456789',
    });
    u.now.ms = Date.parse(RANDOMIZED);
    pid = await enrolReady(u, u.siteA, 'dis-1');
    await randomizeParticipant(u.deps, u.as.investigator, pid, { firstDoseAt: u.now.ms });
    u.now.ms = Date.parse(TODAY);
    app = await buildApp(u.deps);
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const dailyDays = async (): Promise<number[]> =>
    (await participantVisits(u.deps, u.as.coordinator, pid))
      .filter((v) => v.visit === 'daily')
      .map((v) => v.day);

  it('refuses an ICU discharge in the future or before randomization, naming the field', async () => {
    await expect(
      recordDischarge(u.deps, u.as.coordinator, pid, { icuDischargedAt: Date.parse('2026-03-26T10:00:00Z') }),
    ).rejects.toMatchObject({
      code: 'request.invalid',
      path: 'icuDischargedAt',
      message: 'icuDischargedAt: 2026-03-26T11:00:00+01:00 is in the future',
    });
    await expect(
      recordDischarge(u.deps, u.as.coordinator, pid, { icuDischargedAt: Date.parse('2026-03-17T08:00:00Z') }),
    ).rejects.toMatchObject({
      code: 'request.invalid',
      message:
        'icuDischargedAt: 2026-03-17T09:00:00+01:00 is before randomization (2026-03-17T10:00:00+01:00)',
    });
    await expect(recordDischarge(u.deps, u.as.coordinator, pid, {})).rejects.toMatchObject({
      code: 'request.invalid',
    });
  });

  it('keeps the daily visits open until the ICU discharge is recorded, then stops them on its day', async () => {
    const before = await dailyDays();
    expect(before.length).toBeGreaterThan(9);
    expect(before).toContain(9);
    const view = await recordDischarge(u.deps, u.as.coordinator, pid, { icuDischargedAt: Date.parse(ICU) });
    expect(view.icuDischargedAt).toBe('2026-03-21T14:00:00.000Z');
    expect(view.hospitalDischargedAt).toBeNull();
    expect(await dailyDays()).toEqual([1, 2, 3, 4, 5]);
    const visits = await participantVisits(u.deps, u.as.coordinator, pid);
    // Today is study day 9: no daily visit is due any more, and the single visits (d10, ...) remain.
    expect(visits.filter((v) => v.visit === 'daily' && v.status === 'due')).toEqual([]);
    expect(visits.some((v) => v.visit === 'd10')).toBe(true);
  });

  it('refuses a hospital discharge before the ICU discharge, then records one after it', async () => {
    await expect(
      recordDischarge(u.deps, u.as.investigator, pid, {
        hospitalDischargedAt: Date.parse('2026-03-20T10:00:00+01:00'),
      }),
    ).rejects.toMatchObject({
      code: 'request.invalid',
      path: 'hospitalDischargedAt',
      message:
        'hospitalDischargedAt: 2026-03-20T10:00:00+01:00 is before the ICU discharge (2026-03-21T15:00:00+01:00)',
    });
    const view = await recordDischarge(u.deps, u.as.investigator, pid, {
      hospitalDischargedAt: Date.parse(HOSPITAL),
    });
    await expect(
      recordDischarge(u.deps, u.as.investigator, pid, {
        icuDischargedAt: Date.parse('2026-03-24T12:00:00+01:00'),
        reason: 'wrong day',
      }),
    ).rejects.toMatchObject({
      path: 'icuDischargedAt',
      message:
        'icuDischargedAt: 2026-03-24T12:00:00+01:00 is after the hospital discharge (2026-03-24T11:00:00+01:00)',
    });
    expect(view.hospitalDischargedAt).toBe('2026-03-24T10:00:00.000Z');
    expect(view.icuDischargedAt).toBe('2026-03-21T14:00:00.000Z');
  });

  it('corrects a recorded discharge only with a reason, and audits old and new values', async () => {
    const corrected = Date.parse('2026-03-21T09:30:00+01:00');
    await expect(
      recordDischarge(u.deps, u.as.coordinator, pid, { icuDischargedAt: corrected }),
    ).rejects.toMatchObject({
      code: 'request.invalid',
      path: 'reason',
      message:
        'reason: the recorded ICU discharge (2026-03-21T15:00:00+01:00) can be changed only with a reason',
    });
    // The same value again is no change: no reason needed, nothing audited.
    await recordDischarge(u.deps, u.as.coordinator, pid, { icuDischargedAt: Date.parse(ICU) });
    await recordDischarge(u.deps, u.as.coordinator, pid, {
      icuDischargedAt: corrected,
      reason: 'transcription error',
    });
    const events = await u.deps.db
      .selectFrom('audit_events')
      .select(['field', 'old_value', 'new_value', 'reason', 'role', 'entity_id'])
      .where('trial_id', '=', u.trialId)
      .where('field', 'in', ['icuDischargedAt', 'hospitalDischargedAt'])
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      {
        field: 'icuDischargedAt',
        old_value: null,
        new_value: '2026-03-21T14:00:00.000Z',
        reason: null,
        role: 'coordinator',
        entity_id: pid,
      },
      {
        field: 'hospitalDischargedAt',
        old_value: null,
        new_value: '2026-03-24T10:00:00.000Z',
        reason: null,
        role: 'investigator',
        entity_id: pid,
      },
      {
        field: 'icuDischargedAt',
        old_value: '2026-03-21T14:00:00.000Z',
        new_value: '2026-03-21T08:30:00.000Z',
        reason: 'transcription error',
        role: 'coordinator',
        entity_id: pid,
      },
    ]);
    expect((await verifyAuditChain(u.deps.db)).ok).toBe(true);
  });

  it('refuses other sites, roles without status.write, and a participant not randomized', async () => {
    const at = { icuDischargedAt: Date.parse(ICU) };
    await expect(recordDischarge(u.deps, u.siteBCoordinator, pid, at)).rejects.toMatchObject({
      code: 'not_found',
    });
    for (const actor of [u.as.monitor, u.as.data_manager, u.as.pharmacist]) {
      await expect(recordDischarge(u.deps, actor, pid, at)).rejects.toMatchObject({ code: 'auth.forbidden' });
    }
    const screened = await enrolReady(u, u.siteA, 'dis-not-randomized');
    await expect(recordDischarge(u.deps, u.as.coordinator, screened, at)).rejects.toMatchObject({
      code: 'state.invalid',
    });
  });

  it('refuses a discharge after the end of a recorded death date', async () => {
    u.now.ms = Date.parse(RANDOMIZED);
    const dead = await enrolReady(u, u.siteA, 'dis-dead');
    await randomizeParticipant(u.deps, u.as.investigator, dead, { firstDoseAt: u.now.ms });
    u.now.ms = Date.parse(TODAY);
    await changeStatus(u.deps, u.as.investigator, dead, { status: 'dead', deathDate: '2026-03-20' });
    await expect(
      recordDischarge(u.deps, u.as.coordinator, dead, {
        icuDischargedAt: Date.parse('2026-03-21T00:30:00+01:00'),
      }),
    ).rejects.toMatchObject({
      code: 'request.invalid',
      path: 'icuDischargedAt',
      message: 'icuDischargedAt: 2026-03-21T00:30:00+01:00 is after the recorded death date (2026-03-20)',
    });
    const stoppedAt = async (): Promise<string | undefined> =>
      (
        await u.deps.db
          .selectFrom('participants')
          .select('updated_at')
          .where('id', '=', dead)
          .executeTakeFirst()
      )?.updated_at;
    const before = await stoppedAt();
    u.now.ms = Date.parse('2026-03-25T12:00:00Z');
    // Discharged (as a death in the unit is) late on the death day itself: accepted.
    const view = await recordDischarge(u.deps, u.as.coordinator, dead, {
      icuDischargedAt: Date.parse('2026-03-20T23:30:00+01:00'),
    });
    expect(view.icuDischargedAt).toBe('2026-03-20T22:30:00.000Z');
    // The time of the status change (the calendars' and analyses' stop) is not moved by a later discharge.
    expect(await stoppedAt()).toBe(before);
    u.now.ms = Date.parse(TODAY);
  });

  it('refuses a death date before a recorded discharge day', async () => {
    u.now.ms = Date.parse(RANDOMIZED);
    const discharged = await enrolReady(u, u.siteA, 'dis-then-dead');
    await randomizeParticipant(u.deps, u.as.investigator, discharged, { firstDoseAt: u.now.ms });
    u.now.ms = Date.parse(TODAY);
    await recordDischarge(u.deps, u.as.coordinator, discharged, {
      icuDischargedAt: Date.parse('2026-03-22T10:00:00+01:00'),
    });
    await expect(
      changeStatus(u.deps, u.as.investigator, discharged, { status: 'dead', deathDate: '2026-03-21' }),
    ).rejects.toMatchObject({
      path: 'deathDate',
      message: 'deathDate: 2026-03-21 is before the recorded discharge (2026-03-22)',
    });
    const dead = await changeStatus(u.deps, u.as.investigator, discharged, {
      status: 'dead',
      deathDate: '2026-03-22',
    });
    expect(dead.status).toBe('dead');
  });

  it('serves the route: 200 with the view, 400 naming a bad field, and no arm for blinded roles', async () => {
    const url = `/api/participants/${pid}/discharge`;
    const coordinator = await signIn(app, 'coordinator-a');
    const bad = await coordinator.call('POST', url, { icuDischargedAt: '21/03/2026' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { path?: string } }>().error.path).toContain('icuDischargedAt');
    const refused = await coordinator.call('POST', url, {
      hospitalDischargedAt: '2026-03-20T10:00:00+01:00',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { code: string; path: string } }>().error).toMatchObject({
      code: 'request.invalid',
      path: 'hospitalDischargedAt',
    });
    const ok = await coordinator.call('POST', url, {
      hospitalDischargedAt: '2026-03-24T12:00:00+01:00',
      reason: 'time taken from the discharge letter',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ hospitalDischargedAt: string }>().hospitalDischargedAt).toBe('2026-03-24T11:00:00.000Z');
    expect(ok.body).not.toContain('"arm"');
    for (const actor of [u.as.coordinator, u.as.statistician]) {
      const detail = await participantDetail(u.deps, actor, pid);
      expect(detail.participant.icuDischargedAt).toBe('2026-03-21T08:30:00.000Z');
      expect(detail.participant.arm).toBeUndefined();
      expect(detail.randomization?.arm).toBeUndefined();
    }
  });

  it('records admissions at or before randomization: not in the future, not after randomization, hospital first', async () => {
    const admit = (
      input: { icuAdmittedAt?: string | null; hospitalAdmittedAt?: string | null },
      reason?: string,
    ) =>
      recordDischarge(u.deps, u.as.coordinator, pid, {
        ...(input.icuAdmittedAt === undefined
          ? {}
          : { icuAdmittedAt: input.icuAdmittedAt === null ? null : Date.parse(input.icuAdmittedAt) }),
        ...(input.hospitalAdmittedAt === undefined
          ? {}
          : {
              hospitalAdmittedAt:
                input.hospitalAdmittedAt === null ? null : Date.parse(input.hospitalAdmittedAt),
            }),
        ...(reason === undefined ? {} : { reason }),
      });
    await expect(admit({ icuAdmittedAt: '2026-03-26T10:00:00Z' })).rejects.toMatchObject({
      code: 'request.invalid',
      path: 'icuAdmittedAt',
      message: 'icuAdmittedAt: 2026-03-26T11:00:00+01:00 is in the future',
    });
    await expect(admit({ icuAdmittedAt: '2026-03-17T10:30:00+01:00' })).rejects.toMatchObject({
      code: 'request.invalid',
      path: 'icuAdmittedAt',
      message:
        'icuAdmittedAt: 2026-03-17T10:30:00+01:00 is after randomization (2026-03-17T10:00:00+01:00); participants are randomized in the ICU',
    });
    await expect(admit({ hospitalAdmittedAt: '2026-03-18T08:00:00+01:00' })).rejects.toMatchObject({
      path: 'hospitalAdmittedAt',
      message:
        'hospitalAdmittedAt: 2026-03-18T08:00:00+01:00 is after randomization (2026-03-17T10:00:00+01:00); participants are randomized in the ICU',
    });
    // Randomized at the very minute of admission: accepted (at, not after).
    const view = await admit({ icuAdmittedAt: '2026-03-17T10:00:00+01:00' });
    expect(view.icuAdmittedAt).toBe('2026-03-17T09:00:00.000Z');
    expect(view.hospitalAdmittedAt).toBeNull();
    await admit({ icuAdmittedAt: '2026-03-15T22:00:00+01:00' }, 'admission time from the ICU chart');
    await expect(admit({ hospitalAdmittedAt: '2026-03-16T08:00:00+01:00' })).rejects.toMatchObject({
      path: 'hospitalAdmittedAt',
      message:
        'hospitalAdmittedAt: 2026-03-16T08:00:00+01:00 is after the ICU admission (2026-03-15T22:00:00+01:00)',
    });
    await admit({ hospitalAdmittedAt: '2026-03-14T18:00:00+01:00' });
    await expect(admit({ icuAdmittedAt: '2026-03-14T12:00:00+01:00' }, 'wrong day')).rejects.toMatchObject({
      path: 'icuAdmittedAt',
      message:
        'icuAdmittedAt: 2026-03-14T12:00:00+01:00 is before the hospital admission (2026-03-14T18:00:00+01:00)',
    });
    await expect(admit({ hospitalAdmittedAt: null })).rejects.toMatchObject({
      path: 'reason',
      message:
        'reason: the recorded hospital admission (2026-03-14T18:00:00+01:00) can be changed only with a reason',
    });
    // Both in one request: one audit event per field.
    const both = await admit(
      { hospitalAdmittedAt: '2026-03-14T17:00:00+01:00', icuAdmittedAt: '2026-03-15T21:00:00+01:00' },
      'times from the transfer letter',
    );
    expect([both.hospitalAdmittedAt, both.icuAdmittedAt]).toEqual([
      '2026-03-14T16:00:00.000Z',
      '2026-03-15T20:00:00.000Z',
    ]);
    const events = await u.deps.db
      .selectFrom('audit_events')
      .select(['field', 'old_value', 'new_value', 'reason'])
      .where('entity_id', '=', pid)
      .where('field', 'in', ['icuAdmittedAt', 'hospitalAdmittedAt'])
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { field: 'icuAdmittedAt', old_value: null, new_value: '2026-03-17T09:00:00.000Z', reason: null },
      {
        field: 'icuAdmittedAt',
        old_value: '2026-03-17T09:00:00.000Z',
        new_value: '2026-03-15T21:00:00.000Z',
        reason: 'admission time from the ICU chart',
      },
      { field: 'hospitalAdmittedAt', old_value: null, new_value: '2026-03-14T17:00:00.000Z', reason: null },
      {
        field: 'hospitalAdmittedAt',
        old_value: '2026-03-14T17:00:00.000Z',
        new_value: '2026-03-14T16:00:00.000Z',
        reason: 'times from the transfer letter',
      },
      {
        field: 'icuAdmittedAt',
        old_value: '2026-03-15T21:00:00.000Z',
        new_value: '2026-03-15T20:00:00.000Z',
        reason: 'times from the transfer letter',
      },
    ]);
    expect((await verifyAuditChain(u.deps.db)).ok).toBe(true);
  });

  it('serves admissions on the route: 400 naming a malformed or misplaced admission, 200 with the view', async () => {
    const url = `/api/participants/${pid}/discharge`;
    const investigator = await signIn(app, 'investigator-a');
    const bad = await investigator.call('POST', url, { hospitalAdmittedAt: '2026-03-14 17:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { path?: string } }>().error.path).toContain('hospitalAdmittedAt');
    const late = await investigator.call('POST', url, { icuAdmittedAt: '2026-03-18T10:00:00+01:00' });
    expect(late.statusCode).toBe(400);
    expect(late.json<{ error: { code: string; path: string } }>().error).toMatchObject({
      code: 'request.invalid',
      path: 'icuAdmittedAt',
    });
    const ok = await investigator.call('POST', url, {
      icuAdmittedAt: '2026-03-15T20:30:00+01:00',
      reason: 'minute misread',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ icuAdmittedAt: string; hospitalAdmittedAt: string }>()).toMatchObject({
      icuAdmittedAt: '2026-03-15T19:30:00.000Z',
      hospitalAdmittedAt: '2026-03-14T16:00:00.000Z',
    });
    expect(ok.body).not.toContain('"arm"');
  });
});

describe('stayOrderError', () => {
  const paris = ianaZone('Europe/Paris');
  const none: StayTimes = {
    hospitalAdmittedAt: null,
    icuAdmittedAt: null,
    icuDischargedAt: null,
    hospitalDischargedAt: null,
  };

  it('accepts times in order, equal times and missing ones', () => {
    const inOrder: StayTimes = {
      hospitalAdmittedAt: '2026-03-14T16:00:00.000Z',
      icuAdmittedAt: '2026-03-14T16:00:00.000Z',
      icuDischargedAt: '2026-03-21T14:00:00.000Z',
      hospitalDischargedAt: '2026-03-24T10:00:00.000Z',
    };
    expect(stayOrderError(inOrder, ['icuAdmittedAt'], paris)).toBeUndefined();
    expect(stayOrderError(none, ['icuAdmittedAt'], paris)).toBeUndefined();
  });

  // Unreachable through the route (admissions are at or before randomization, discharges at or after it),
  // hence tested here.
  it('refuses a discharge before its admission, naming the field the request changed', () => {
    const times: StayTimes = {
      ...none,
      icuAdmittedAt: '2026-03-21T15:00:00.000Z',
      icuDischargedAt: '2026-03-21T14:00:00.000Z',
    };
    expect(stayOrderError(times, ['icuDischargedAt'], paris)).toMatchObject({
      code: 'request.invalid',
      path: 'icuDischargedAt',
      message:
        'icuDischargedAt: 2026-03-21T15:00:00+01:00 is before the ICU admission (2026-03-21T16:00:00+01:00)',
    });
    expect(stayOrderError(times, ['icuAdmittedAt'], paris)).toMatchObject({
      path: 'icuAdmittedAt',
      message:
        'icuAdmittedAt: 2026-03-21T16:00:00+01:00 is after the ICU discharge (2026-03-21T15:00:00+01:00)',
    });
    const hospital: StayTimes = {
      ...none,
      hospitalAdmittedAt: '2026-03-22T00:00:00.000Z',
      hospitalDischargedAt: '2026-03-21T23:00:00.000Z',
    };
    expect(stayOrderError(hospital, ['hospitalDischargedAt'], paris)).toMatchObject({
      path: 'hospitalDischargedAt',
      message:
        'hospitalDischargedAt: 2026-03-22T00:00:00+01:00 is before the hospital admission (2026-03-22T01:00:00+01:00)',
    });
  });
});
