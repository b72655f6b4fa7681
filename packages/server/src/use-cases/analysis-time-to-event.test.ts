import { type OpenDatabase, testBackends } from '@immunotrial/db';
import { cumulativeIncidence, kaplanMeier } from '@immunotrial/stats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { signIn } from '../http/test-client.js';
import { enrolReady, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from './allocation-setup.js';
import { atRiskTimes } from './analysis-curves.js';
import { POOLED_LABEL } from './analysis-cohort.js';
import { type TimeToEventView, timeToEventAnalyses } from './analysis-time-to-event.js';
import { recordDischarge } from './discharges.js';
import { saveForm } from './forms.js';
import { changeStatus, listParticipants } from './participants.js';
import { randomizeParticipant } from './randomization.js';

// PLATINIUM at site A (Europe/Paris), six participants randomized on 17, 18 and 19 March 2026; analysed on
// 10 April 2026. Day numbers by hand (day 0 = the local date of randomization):
//   p0 rand 03-17, dies 03-22            -> death day 5
//   p1 rand 03-17, PNEU test 03-25        -> infection day 8; alive, followed to 04-10 = day 24
//   p2 rand 03-18, dies 04-01            -> death day 14
//   p3 rand 03-18, index infection 03-18 -> never counted; alive to day 23
//   p4 rand 03-19, withdrawn 03-29       -> censored day 10 (withdrawal), vital status or not
//   p5 rand 03-19, rejected BSI 03-30    -> ignored; alive to day 22
// ICU mortality (death in the ICU, discharge alive competing):
//   p0 no ICU discharge, dies 03-22       -> ICU death day 5
//   p1 ICU discharge 03-24               -> discharged alive day 7
//   p2 ICU discharge 03-30, dies 04-01   -> discharged alive day 12 (died after the ICU)
//   p3 ICU discharge 03-28               -> discharged alive day 10
//   p4 withdrawn 03-29, still in the ICU -> censored day 10
//   p5 still in the ICU                  -> censored day 22
const TIMES_DEATH = [5, 24, 14, 23, 10, 22];
const STATUS_DEATH = [1, 0, 1, 0, 0, 0];
const TIMES_INFECTION = [5, 8, 14, 23, 10, 22];
const STATUS_INFECTION = [2, 1, 2, 0, 0, 0];
const TIMES_ICU = [5, 7, 12, 10, 10, 22];
const STATUS_ICU = [1, 2, 2, 2, 0, 0];
const ARM_LABELS = ['Interferon gamma-1b', 'Placebo'];

function endpoint(list: readonly TimeToEventView[], id: string): TimeToEventView {
  const e = list.find((x) => x.endpointId === id);
  if (e === undefined) throw new Error(`no endpoint ${id}`);
  return e;
}

function atRisk(times: readonly number[], horizon: number): { time: number; n: number }[] {
  return atRiskTimes(horizon).map((time) => ({ time, n: times.filter((t) => t >= time).length }));
}

describe.each(testBackends())('time-to-event analyses on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let app: FastifyInstance;
  const pids: string[] = [];
  const armOf = new Map<string, string>();
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened, ['platinium']);
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'tte-test-seed-0123456789',
    });
    for (const [i, at] of [
      '2026-03-17T09:00:00Z',
      '2026-03-17T09:00:00Z',
      '2026-03-18T09:00:00Z',
      '2026-03-18T09:00:00Z',
      '2026-03-19T09:00:00Z',
      '2026-03-19T09:00:00Z',
    ].entries()) {
      u.now.ms = Date.parse(at);
      const id = await enrolReady(u, u.siteA, `tte-${String(i)}`);
      await randomizeParticipant(u.deps, u.as.investigator, id, { firstDoseAt: u.now.ms });
      pids.push(id);
    }
    const [p0, p1, p2, p3, p4, p5] = pids;
    const infection = (pid: string | undefined, values: Record<string, string | boolean>) =>
      saveForm(u.deps, u.as.coordinator, pid ?? '', 'infection', 'inf-1', { values });
    u.now.ms = Date.parse('2026-03-29T10:00:00Z');
    await changeStatus(u.deps, u.as.investigator, p4 ?? '', {
      status: 'withdrawn',
      reason: 'consent withdrawn',
      dataAfterWithdrawal: 'vital status only',
    });
    u.now.ms = Date.parse('2026-04-10T09:00:00Z');
    await changeStatus(u.deps, u.as.investigator, p0 ?? '', { status: 'dead', deathDate: '2026-03-22' });
    await changeStatus(u.deps, u.as.investigator, p2 ?? '', { status: 'dead', deathDate: '2026-04-01' });
    await infection(p1, { type: 'PNEU', test_date: '2026-03-25', adjudication: 'confirmed' });
    await infection(p3, { type: 'UTI', test_date: '2026-03-18', index_infection: true });
    await infection(p5, { type: 'BSI', test_date: '2026-03-30', adjudication: 'rejected' });
    const icu = (pid: string | undefined, at: string) =>
      recordDischarge(u.deps, u.as.coordinator, pid ?? '', { icuDischargedAt: Date.parse(at) });
    await icu(p1, '2026-03-24T16:00:00+01:00');
    await icu(p2, '2026-03-30T11:00:00+02:00');
    await icu(p3, '2026-03-28T10:00:00+01:00');
    for (const p of await listParticipants(u.deps, u.as.dsmb, u.trialId)) armOf.set(p.id, p.arm ?? '');
    app = await buildApp(u.deps);
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('pools everyone for the statistician: KM of death to day 90 equals stats on the hand-derived days', async () => {
    const list = await timeToEventAnalyses(u.deps, u.as.statistician, u.trialId);
    expect(list.map((e) => [e.endpointId, e.kind, e.blinded])).toEqual([
      ['secondary-infection-d90', 'cif', true],
      ['icu-mortality', 'cif', true],
      ['mortality-d90', 'km', true],
    ]);
    const km = endpoint(list, 'mortality-d90');
    expect(km.groups.map((g) => g.label)).toEqual([POOLED_LABEL]);
    const g = km.groups[0];
    // By hand: S(5) = 5/6; at day 14, 4 at risk (days 14, 22, 23, 24), S = 5/6 * 3/4 = 0.625.
    expect(g?.steps.map((s) => s.time)).toEqual([0, 5, 14]);
    expect(g?.steps[1]?.value).toBeCloseTo(5 / 6, 12);
    expect(g?.steps[2]?.value).toBeCloseTo(0.625, 12);
    const fit = kaplanMeier(TIMES_DEATH, STATUS_DEATH).curves[0];
    expect(g?.steps.slice(1).map((s) => s.value)).toEqual(
      fit?.surv.filter((_, i) => (fit.nEvent[i] ?? 0) > 0),
    );
    expect(g?.censorTimes).toEqual([10, 22, 23, 24]);
    expect(g?.atRisk.slice(0, 5)).toEqual([
      { time: 0, n: 6 },
      { time: 7, n: 5 },
      { time: 14, n: 4 },
      { time: 21, n: 3 },
      { time: 28, n: 0 },
    ]);
    expect(g?.atRisk.at(-1)).toEqual({ time: 90, n: 0 });
  });

  it('derives the infection incidence with death competing (index and rejected infections not counted)', async () => {
    const cif = endpoint(
      await timeToEventAnalyses(u.deps, u.as.statistician, u.trialId),
      'secondary-infection-d90',
    );
    const g = cif.groups[0];
    // By hand (Aalen-Johansen): at day 8, S(8-) = 5/6 and 5 at risk, F = 5/6 * 1/5 = 1/6; deaths do not jump F.
    expect(g?.steps.map((s) => s.time)).toEqual([0, 8]);
    expect(g?.steps[1]?.value).toBeCloseTo(1 / 6, 12);
    const fit = cumulativeIncidence(TIMES_INFECTION, STATUS_INFECTION).curves.find((c) => c.cause === 1);
    expect(g?.steps[1]?.value).toBe(fit?.estimate[fit.time.indexOf(8)]);
    expect(g?.censorTimes).toEqual([10, 22, 23]);
    expect(g?.atRisk).toEqual(atRisk(TIMES_INFECTION, 90));
  });

  it('derives ICU mortality from the recorded ICU discharges, discharge alive competing', async () => {
    const cif = endpoint(await timeToEventAnalyses(u.deps, u.as.statistician, u.trialId), 'icu-mortality');
    const g = cif.groups[0];
    // By hand (Aalen-Johansen): the one ICU death at day 5 with 6 at risk, F = 1/6; discharges do not jump F.
    expect(g?.steps.map((s) => s.time)).toEqual([0, 5]);
    expect(g?.steps[1]?.value).toBeCloseTo(1 / 6, 12);
    const fit = cumulativeIncidence(TIMES_ICU, STATUS_ICU).curves.find((c) => c.cause === 1);
    expect(g?.steps[1]?.value).toBe(fit?.estimate[fit.time.indexOf(5)]);
    expect(g?.censorTimes).toEqual([10, 22]);
    expect(g?.atRisk).toEqual(atRisk(TIMES_ICU, 90));
  });

  it('splits by arm for the DSMB and the unblinded statistician, each arm as stats fits it', async () => {
    for (const actor of [u.as.dsmb, u.as.unblinded_statistician]) {
      const list = await timeToEventAnalyses(u.deps, actor, u.trialId);
      const km = endpoint(list, 'mortality-d90');
      expect(km.blinded).toBe(false);
      expect(km.groups.map((g) => g.label)).toEqual(ARM_LABELS);
      for (const [k, armId] of ['ifn-gamma', 'placebo'].entries()) {
        const rows = pids.map((p, i) => ({ i, arm: armOf.get(p) })).filter((r) => r.arm === armId);
        const times = rows.map((r) => TIMES_DEATH[r.i] ?? NaN);
        const g = km.groups[k];
        expect(g?.atRisk).toEqual(atRisk(times, 90));
        const fit =
          times.length === 0
            ? undefined
            : kaplanMeier(
                times,
                rows.map((r) => STATUS_DEATH[r.i] ?? 0),
              ).curves[0];
        const jumps = fit?.surv.filter((_, i) => (fit.nEvent[i] ?? 0) > 0) ?? [];
        expect(g?.steps.slice(g.steps[0]?.value === 1 ? 1 : 0).map((s) => s.value)).toEqual(jumps);
      }
      expect(km.groups.reduce((n, g) => n + (g.atRisk[0]?.n ?? 0), 0)).toBe(6);
    }
  });

  it('censors alive participants at the horizon once it has passed', async () => {
    u.now.ms = Date.parse('2026-08-01T09:00:00Z');
    const km = endpoint(await timeToEventAnalyses(u.deps, u.as.statistician, u.trialId), 'mortality-d90');
    expect(km.groups[0]?.censorTimes).toEqual([10, 90]);
    expect(km.groups[0]?.atRisk.at(-1)).toEqual({ time: 90, n: 3 });
    u.now.ms = Date.parse('2026-04-10T09:00:00Z');
  });

  it('refuses every other role', async () => {
    for (const actor of [
      u.as.investigator,
      u.as.coordinator,
      u.as.pharmacist,
      u.as.monitor,
      u.as.data_manager,
      u.admin,
    ]) {
      await expect(timeToEventAnalyses(u.deps, actor, u.trialId)).rejects.toMatchObject({
        code: 'auth.forbidden',
      });
    }
  });

  it('answers the statistician over HTTP with no arm anywhere in the JSON, and the DSMB by arm', async () => {
    const url = `/api/trials/${u.trialId}/analysis/time-to-event`;
    const blinded = await (await signIn(app, 'statistician-a')).call('GET', url);
    expect(blinded.statusCode).toBe(200);
    for (const secret of [...ARM_LABELS, 'ifn-gamma', 'placebo', '"arm"'])
      expect(blinded.body).not.toContain(secret);
    expect(blinded.json<TimeToEventView[]>().every((e) => e.groups.length === 1)).toBe(true);
    const dsmb = await (await signIn(app, 'dsmb-a')).call('GET', url);
    expect(dsmb.statusCode).toBe(200);
    expect(dsmb.json<TimeToEventView[]>()[0]?.groups.map((g) => g.label)).toEqual(ARM_LABELS);
    const site = await (await signIn(app, 'investigator-a')).call('GET', url);
    expect(site.statusCode).toBe(403);
  });
});

describe.each(testBackends())('time-to-event before anyone is randomized on $name', ({ open }) => {
  it('lists no endpoint', async () => {
    const opened = await open();
    try {
      const u = await setUpUnit(opened, ['platinium']);
      expect(await timeToEventAnalyses(u.deps, u.as.statistician, u.trialId)).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 120_000);
});
