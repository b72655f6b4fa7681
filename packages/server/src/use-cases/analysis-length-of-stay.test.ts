import { readFileSync } from 'node:fs';
import { ianaZone } from '@immunotrial/core';
import { type OpenDatabase, testBackends } from '@immunotrial/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../auth/roles.js';
import { buildApp } from '../http/app.js';
import { signIn } from '../http/test-client.js';
import { enrolReady, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from './allocation-setup.js';
import {
  lengthOfStayAnalyses,
  lengthOfStayRow,
  type LengthOfStayView,
  quantileType7,
  type StayMember,
  type StayRow,
  summarizeLengthOfStay,
} from './analysis-length-of-stay.js';
import { POOLED_LABEL } from './analysis-cohort.js';
import { recordDischarge } from './discharges.js';
import { changeStatus, listParticipants } from './participants.js';
import { randomizeParticipant } from './randomization.js';

const ARM_LABELS = ['Interferon gamma-1b', 'Placebo'];

interface QuantileCase {
  readonly name: string;
  readonly days: number[];
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

// R 4.2.2: quantile(x, c(.25, .5, .75)) (type 7), from fixtures/length-of-stay-quantiles.R.
const R_CASES = JSON.parse(
  readFileSync(new URL('./fixtures/length-of-stay-quantiles.json', import.meta.url), 'utf8'),
) as QuantileCase[];

describe('quantileType7', () => {
  it.each(R_CASES.map((c) => [c.name, c] as const))('matches R quantile() bit for bit on %s', (_name, c) => {
    const sorted = [...c.days].sort((a, b) => a - b);
    // Exact: the same operations in the same order as R's quantile.default.
    expect([0.25, 0.5, 0.75].map((p) => quantileType7(sorted, p))).toEqual([c.q1, c.median, c.q3]);
  });

  it('gives the extremes at p = 0 and 1, and refuses no values or p outside [0, 1]', () => {
    expect(quantileType7([1, 4, 9], 0)).toBe(1);
    expect(quantileType7([1, 4, 9], 1)).toBe(9);
    expect(() => quantileType7([], 0.5)).toThrow('quantileType7 requires at least one value, got 0');
    expect(() => quantileType7([1], 1.5)).toThrow('quantileType7 requires p in [0, 1], got 1.5');
    expect(() => quantileType7([1], NaN)).toThrow('quantileType7 requires p in [0, 1], got NaN');
  });
});

// Europe/Paris (UTC+1, UTC+2 from 29 March 2026); randomized 17 March 2026 09:00 UTC: day 0 = 17 March,
// day 90 = 15 June.
const paris = ianaZone('Europe/Paris');
const RANDOMIZED = Date.parse('2026-03-17T09:00:00Z');
const member = (m: Partial<StayMember>): StayMember => ({
  randomizedAt: RANDOMIZED,
  zone: paris,
  deathDate: null,
  icuAdmittedAt: undefined,
  icuDischargedAt: undefined,
  hospitalAdmittedAt: undefined,
  hospitalDischargedAt: undefined,
  ...m,
});
const at = Date.parse;

describe('lengthOfStayRow', () => {
  it('counts (discharge - admission) / 24 h from the timestamps, unrounded, across a change of offset', () => {
    const m = member({
      icuAdmittedAt: at('2026-03-15T21:00:00Z'),
      icuDischargedAt: at('2026-03-21T09:00:00Z'),
      hospitalAdmittedAt: at('2026-03-16T10:00:00+01:00'),
      hospitalDischargedAt: at('2026-03-30T10:00:00+02:00'),
    });
    // 5 days 12 h; 14 local days but 13 days 23 h (the clocks went forward on 29 March).
    expect(lengthOfStayRow(m, 'icu', 90)).toEqual({ outcome: 'discharged_alive', days: 5.5 });
    const hospital = lengthOfStayRow(m, 'hospital', 90);
    expect(hospital.outcome).toBe('discharged_alive');
    expect(hospital.days).toBeCloseTo(335 / 24, 12);
  });

  it('flags a death with no discharge, or on or before the discharge day, as in the unit, with no days', () => {
    const noDischarge = member({ icuAdmittedAt: at('2026-03-16T09:00:00Z'), deathDate: '2026-03-22' });
    expect(lengthOfStayRow(noDischarge, 'icu', 90)).toEqual({ outcome: 'died_in_unit' });
    // Discharged (as a death in the unit is) late on the death day: still a death in the unit.
    const sameDay = member({
      icuAdmittedAt: at('2026-03-16T09:00:00Z'),
      icuDischargedAt: at('2026-03-22T23:30:00+01:00'),
      deathDate: '2026-03-22',
    });
    expect(lengthOfStayRow(sameDay, 'icu', 90)).toEqual({ outcome: 'died_in_unit' });
    // Died after leaving the ICU, in hospital: an ICU stay, a hospital death.
    const afterIcu = member({
      icuAdmittedAt: at('2026-03-16T09:00:00Z'),
      icuDischargedAt: at('2026-03-21T09:00:00Z'),
      hospitalAdmittedAt: at('2026-03-15T09:00:00Z'),
      deathDate: '2026-03-25',
    });
    expect(lengthOfStayRow(afterIcu, 'icu', 90)).toEqual({ outcome: 'discharged_alive', days: 5 });
    expect(lengthOfStayRow(afterIcu, 'hospital', 90)).toEqual({ outcome: 'died_in_unit' });
    // A death needs no admission time to be counted.
    expect(lengthOfStayRow(member({ deathDate: '2026-03-22' }), 'hospital', 90)).toEqual({
      outcome: 'died_in_unit',
    });
  });

  it('reads up to the horizon: a discharge or a death after day 90 is a stay still open at day 90', () => {
    const admitted = { icuAdmittedAt: at('2026-03-17T08:00:00Z') };
    const day90 = member({ ...admitted, icuDischargedAt: at('2026-06-15T23:00:00+02:00') });
    expect(lengthOfStayRow(day90, 'icu', 90).outcome).toBe('discharged_alive');
    expect(lengthOfStayRow(day90, 'icu', 90).days).toBeCloseTo(90 + 13 / 24, 12); // 17 Mar 08:00Z to 15 Jun 21:00Z
    const day91 = member({ ...admitted, icuDischargedAt: at('2026-06-16T00:30:00+02:00') });
    expect(lengthOfStayRow(day91, 'icu', 90)).toEqual({ outcome: 'still_in_unit' });
    expect(lengthOfStayRow(day91, 'icu', 28)).toEqual({ outcome: 'still_in_unit' });
    expect(lengthOfStayRow(member({ ...admitted, deathDate: '2026-06-15' }), 'icu', 90)).toEqual({
      outcome: 'died_in_unit',
    });
    expect(lengthOfStayRow(member({ ...admitted, deathDate: '2026-06-16' }), 'icu', 90)).toEqual({
      outcome: 'still_in_unit',
    });
  });

  it('is still in the unit with no discharge, and unknown when discharged alive with no admission', () => {
    expect(lengthOfStayRow(member({ icuAdmittedAt: RANDOMIZED }), 'icu', 90)).toEqual({
      outcome: 'still_in_unit',
    });
    expect(lengthOfStayRow(member({ icuDischargedAt: at('2026-03-20T09:00:00Z') }), 'icu', 90)).toEqual({
      outcome: 'unknown_admission',
    });
  });
});

describe('summarizeLengthOfStay', () => {
  it('gives type-7 quartiles among those discharged alive and counts the rest (worked by hand)', () => {
    const rows: StayRow[] = [
      { outcome: 'discharged_alive', days: 9 },
      { outcome: 'died_in_unit' },
      { outcome: 'discharged_alive', days: 2 },
      { outcome: 'still_in_unit' },
      { outcome: 'discharged_alive', days: 14 },
      { outcome: 'unknown_admission' },
      { outcome: 'discharged_alive', days: 5.5 },
      { outcome: 'died_in_unit' },
    ];
    // Sorted 2, 5.5, 9, 14; h = 1 + 3p: Q1 at 1.75 = 2 + 0.75 (5.5 - 2) = 4.625; median at 2.5 = 7.25;
    // Q3 at 3.25 = 9 + 0.25 (14 - 9) = 10.25. R: quantile(c(2, 5.5, 9, 14), c(.25, .5, .75)) = 4.625 7.25 10.25.
    expect(summarizeLengthOfStay('All participants', rows)).toEqual({
      label: 'All participants',
      n: 8,
      dischargedAlive: 4,
      days: { q1: 4.625, median: 7.25, q3: 10.25 },
      diedInUnit: 2,
      stillInUnit: 1,
      admissionUnknown: 1,
    });
  });

  it('gives no quartiles when nobody is discharged alive, and zeros for an empty group', () => {
    expect(summarizeLengthOfStay('Placebo', [{ outcome: 'died_in_unit' }]).days).toBeNull();
    expect(summarizeLengthOfStay('Placebo', [])).toEqual({
      label: 'Placebo',
      n: 0,
      dischargedAlive: 0,
      days: null,
      diedInUnit: 0,
      stillInUnit: 0,
      admissionUnknown: 0,
    });
  });
});

// PLATINIUM at site A (Europe/Paris), six participants randomized on 17 March 2026 09:00 UTC, analysed on
// 10 April 2026. By hand (ICU | hospital):
//   p0 ICU 15 Mar 21:00Z - 21 Mar 09:00Z = 5.5 d; hospital 14 Mar 09:00Z - 25 Mar 09:00Z = 11 d
//   p1 ICU 16 Mar 09:00Z - 19 Mar 09:00Z = 3 d;   hospital discharge 30 Mar, no admission: unknown
//   p2 ICU admitted, dies 22 Mar, no discharge: died in the ICU | died in hospital
//   p3 ICU 16 Mar 21:00Z - 26 Mar 09:00Z = 9.5 d; dies 1 Apr, no hospital discharge: died in hospital
//   p4 nothing recorded: still in the ICU | still in hospital
//   p5 ICU discharge 20 Mar, no admission: unknown | still in hospital
const ICU_ROWS: StayRow[] = [
  { outcome: 'discharged_alive', days: 5.5 },
  { outcome: 'discharged_alive', days: 3 },
  { outcome: 'died_in_unit' },
  { outcome: 'discharged_alive', days: 9.5 },
  { outcome: 'still_in_unit' },
  { outcome: 'unknown_admission' },
];
const HOSPITAL_ROWS: StayRow[] = [
  { outcome: 'discharged_alive', days: 11 },
  { outcome: 'unknown_admission' },
  { outcome: 'died_in_unit' },
  { outcome: 'died_in_unit' },
  { outcome: 'still_in_unit' },
  { outcome: 'still_in_unit' },
];

function endpoint(list: readonly LengthOfStayView[], id: string): LengthOfStayView {
  const e = list.find((x) => x.endpointId === id);
  if (e === undefined) throw new Error(`no endpoint ${id}`);
  return e;
}

describe.each(testBackends())('length-of-stay analyses on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  let app: FastifyInstance;
  const pids: string[] = [];
  const armOf = new Map<string, string>();
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened, ['platinium']);
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'los-test-seed-0123456789',
    });
    u.now.ms = RANDOMIZED;
    for (let i = 0; i < 6; i++) {
      const id = await enrolReady(u, u.siteA, `los-${String(i)}`);
      await randomizeParticipant(u.deps, u.as.investigator, id, { firstDoseAt: u.now.ms });
      pids.push(id);
    }
    u.now.ms = at('2026-04-10T09:00:00Z');
    const [p0, p1, p2, p3, , p5] = pids;
    const record = (pid: string | undefined, times: Record<string, string>) =>
      recordDischarge(
        u.deps,
        u.as.coordinator,
        pid ?? '',
        Object.fromEntries(Object.entries(times).map(([k, v]) => [k, at(v)])),
      );
    await record(p0, {
      hospitalAdmittedAt: '2026-03-14T09:00:00Z',
      icuAdmittedAt: '2026-03-15T21:00:00Z',
      icuDischargedAt: '2026-03-21T09:00:00Z',
      hospitalDischargedAt: '2026-03-25T09:00:00Z',
    });
    await record(p1, {
      icuAdmittedAt: '2026-03-16T09:00:00Z',
      icuDischargedAt: '2026-03-19T09:00:00Z',
      hospitalDischargedAt: '2026-03-30T10:00:00+02:00',
    });
    await record(p2, { icuAdmittedAt: '2026-03-17T08:00:00Z' });
    await record(p3, { icuAdmittedAt: '2026-03-16T21:00:00Z', icuDischargedAt: '2026-03-26T09:00:00Z' });
    await record(p5, { icuDischargedAt: '2026-03-20T09:00:00Z' });
    await changeStatus(u.deps, u.as.investigator, p2 ?? '', { status: 'dead', deathDate: '2026-03-22' });
    await changeStatus(u.deps, u.as.investigator, p3 ?? '', { status: 'dead', deathDate: '2026-04-01' });
    for (const p of await listParticipants(u.deps, u.as.dsmb, u.trialId)) armOf.set(p.id, p.arm ?? '');
    app = await buildApp(u.deps);
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('pools everyone for the statistician, as derived by hand', async () => {
    const list = await lengthOfStayAnalyses(u.deps, u.as.statistician, u.trialId);
    expect(list.map((e) => [e.endpointId, e.unit, e.horizonDays, e.blinded])).toEqual([
      ['icu-los', 'icu', 90, true],
      ['hospital-los', 'hospital', 90, true],
    ]);
    // ICU: 3, 5.5, 9.5; h = 1 + 2p: Q1 = (3 + 5.5) / 2 = 4.25, median 5.5, Q3 = (5.5 + 9.5) / 2 = 7.5.
    expect(endpoint(list, 'icu-los').groups).toEqual([
      {
        label: POOLED_LABEL,
        n: 6,
        dischargedAlive: 3,
        days: { q1: 4.25, median: 5.5, q3: 7.5 },
        diedInUnit: 1,
        stillInUnit: 1,
        admissionUnknown: 1,
      },
    ]);
    expect(endpoint(list, 'hospital-los').groups).toEqual([
      {
        label: POOLED_LABEL,
        n: 6,
        dischargedAlive: 1,
        days: { q1: 11, median: 11, q3: 11 },
        diedInUnit: 2,
        stillInUnit: 2,
        admissionUnknown: 1,
      },
    ]);
  });

  it('splits by arm for the DSMB and the unblinded statistician', async () => {
    for (const actor of [u.as.dsmb, u.as.unblinded_statistician]) {
      const list = await lengthOfStayAnalyses(u.deps, actor, u.trialId);
      for (const [id, rows] of [
        ['icu-los', ICU_ROWS],
        ['hospital-los', HOSPITAL_ROWS],
      ] as const) {
        const e = endpoint(list, id);
        expect(e.blinded).toBe(false);
        expect(e.groups).toEqual(
          ['ifn-gamma', 'placebo'].map((arm, k) =>
            summarizeLengthOfStay(
              ARM_LABELS[k] ?? '',
              rows.filter((_, i) => armOf.get(pids[i] ?? '') === arm),
            ),
          ),
        );
        expect(e.groups.reduce((n, g) => n + g.n, 0)).toBe(6);
      }
    }
  });

  it('answers every role over HTTP: pooled with no arm anywhere, by arm, or 403', async () => {
    const url = `/api/trials/${u.trialId}/analysis/length-of-stay`;
    for (const role of ROLES) {
      const res = await (await signIn(app, role === 'admin' ? 'admin' : `${role}-a`)).call('GET', url);
      if (role === 'statistician') {
        expect(res.statusCode).toBe(200);
        for (const secret of [...ARM_LABELS, 'ifn-gamma', 'placebo', '"arm"'])
          expect(res.body).not.toContain(secret);
        expect(res.json<LengthOfStayView[]>().every((e) => e.groups.length === 1)).toBe(true);
      } else if (role === 'unblinded_statistician' || role === 'dsmb') {
        expect(res.statusCode).toBe(200);
        expect(res.json<LengthOfStayView[]>()[0]?.groups.map((g) => g.label)).toEqual(ARM_LABELS);
      } else {
        expect(`${role} ${String(res.statusCode)}`).toBe(`${role} 403`);
        expect(res.json()).toEqual({
          error: {
            code: 'auth.forbidden',
            message: 'your roles do not allow reading the length-of-stay analyses here',
          },
        });
      }
    }
  });
});
