import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../protocol/parse-protocol.js';
import type { Protocol } from '../protocol/schema.js';
import { DAY_MS, HOUR_MS } from '../time/duration.js';
import { formatInstant, ianaZone, type Zone } from '../time/zone.js';
import { blindDose, buildDosingCalendar, type PlannedDose } from './dosing-calendar.js';

const load = (id: string): Protocol =>
  parseProtocol(
    readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'protocols', `${id}.yaml`), 'utf8'),
    `${id}.yaml`,
  ).protocol;
const infinity = load('infinity');
const platinium = load('platinium');
const immunosep = load('immunosep');
const iris7 = load('iris7');

const PARIS: Zone = ianaZone('Europe/Paris');
const ATHENS: Zone = ianaZone('Europe/Athens');
const local = (doses: readonly PlannedDose[], zone: Zone): string[] =>
  doses.map((d) => formatInstant(d.plannedAt, zone));

describe('buildDosingCalendar', () => {
  it('plans INFINITY: 3 daily injections of 2 x 10^6 IU on days 1-3, +/- 2 h (assumed)', () => {
    const d1 = Date.UTC(2026, 0, 12, 9, 0); // 10:00 in Paris
    const doses = buildDosingCalendar(infinity.regimens, ['ifn-gamma-sc'], d1, PARIS);
    expect(local(doses, PARIS)).toEqual([
      '2026-01-12T10:00:00+01:00',
      '2026-01-13T10:00:00+01:00',
      '2026-01-14T10:00:00+01:00',
    ]);
    expect(doses.map((d) => d.studyDay)).toEqual([1, 2, 3]);
    expect(doses[0]).toMatchObject({
      id: 'ifn-gamma-sc#1',
      role: 'active',
      route: 'sc',
      dose: { value: 2000000, unit: '[iU]', assumed: false },
      window: { earliest: d1 - 2 * HOUR_MS, latest: d1 + 2 * HOUR_MS, source: 'regimen', assumed: true },
    });
  });

  it('plans PLATINIUM on days 1, 3, 5, 7, 9 at the local time of D1, across the DST change', () => {
    const d1 = Date.UTC(2026, 2, 25, 8, 0); // 09:00 CET; Paris moves to CEST on 29 March
    const doses = buildDosingCalendar(platinium.regimens, ['ifn-gamma-sc'], d1, PARIS);
    expect(local(doses, PARIS)).toEqual([
      '2026-03-25T09:00:00+01:00',
      '2026-03-27T09:00:00+01:00',
      '2026-03-29T09:00:00+02:00',
      '2026-03-31T09:00:00+02:00',
      '2026-04-02T09:00:00+02:00',
    ]);
    expect(doses[0]?.dose).toEqual({ value: 100, unit: 'ug', assumed: true });
  });

  it('gives a PLATINIUM placebo the window of the injection it imitates', () => {
    const d1 = Date.UTC(2026, 2, 25, 8, 0);
    const [first] = buildDosingCalendar(platinium.regimens, ['placebo-sc'], d1, PARIS);
    expect(first).toMatchObject({ role: 'placebo', blindedAs: 'ifn-gamma-sc', dose: undefined });
    expect(first?.window).toMatchObject({ earliest: d1 - 12 * HOUR_MS, source: 'imitated', assumed: true });
  });

  it('plans ImmunoSep anakinra q8h from a 10:00 D1 through day 15: 2 doses on day 1, then 3 a day, 44 in all', () => {
    const d1 = Date.UTC(2026, 4, 4, 7, 0); // 10:00 in Athens (UTC+3)
    const doses = buildDosingCalendar(immunosep.regimens, ['anakinra-iv', 'sc-dummy-mals'], d1, ATHENS);
    const iv = doses.filter((d) => d.regimen === 'anakinra-iv');
    expect(iv).toHaveLength(44);
    expect(iv.filter((d) => d.studyDay === 1)).toHaveLength(2);
    expect(iv.filter((d) => d.studyDay === 15)).toHaveLength(3);
    expect(iv.every((d, i) => d.plannedAt === d1 + i * 8 * HOUR_MS)).toBe(true);
    const sc = doses.filter((d) => d.regimen === 'sc-dummy-mals');
    expect(sc.map((d) => d.studyDay)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    expect(sc[0]).toMatchObject({ role: 'dummy', blindedAs: 'ifn-gamma-sc', window: { source: 'imitated' } });
  });

  it('plans 45 anakinra infusions when D1 is just after midnight (the 15-day cap is then the binding one)', () => {
    const d1 = Date.UTC(2026, 4, 3, 21, 30); // 00:30 in Athens
    const iv = buildDosingCalendar(immunosep.regimens, ['anakinra-iv'], d1, ATHENS);
    expect(iv).toHaveLength(45);
    expect(iv[44]?.plannedAt).toBe(d1 + 352 * HOUR_MS);
  });

  it('gives the same blinded calendar to every ImmunoSep arm and stratum (double dummy)', () => {
    const d1 = Date.UTC(2026, 4, 4, 7, 0);
    const blinded = (ids: string[]) =>
      buildDosingCalendar(immunosep.regimens, ids, d1, ATHENS).map(blindDose);
    const malsActive = blinded(['anakinra-iv', 'sc-dummy-mals']);
    expect(blinded(['ifn-gamma-sc', 'iv-dummy-sip'])).toEqual(malsActive);
    expect(blinded(['iv-placebo', 'sc-placebo'])).toEqual(malsActive);
    expect(malsActive).toHaveLength(44 + 8);
  });

  it('gives the same blinded calendar to both arms of INFINITY and PLATINIUM', () => {
    const d1 = Date.UTC(2026, 2, 25, 8, 0);
    for (const p of [infinity, platinium]) {
      const active = buildDosingCalendar(p.regimens, ['ifn-gamma-sc'], d1, PARIS).map(blindDose);
      expect(buildDosingCalendar(p.regimens, ['placebo-sc'], d1, PARIS).map(blindDose)).toEqual(active);
    }
  });

  it("plans IRIS-7's two frequencies on one shared calendar, so that no arm can be told by it", () => {
    const d1 = Date.UTC(2026, 5, 1, 8, 0);
    const a = buildDosingCalendar(iris7.regimens, ['cyt107-a-im'], d1, PARIS);
    expect(a.map((d) => d.studyDay)).toEqual([1, 4, 8, 11, 15, 18, 22, 25]);
    expect(a[0]).toMatchObject({
      dose: { value: 10, unit: 'ug/kg', assumed: true },
      alternativeRoute: { route: 'sc' },
    });
    const b = buildDosingCalendar(iris7.regimens, ['cyt107-b-im'], d1, PARIS);
    expect(b.map((d) => d.studyDay)).toEqual([1, 8, 15, 22]);
    // Weekly CYT107 plus placebo on the skipped days, and placebo alone, look like twice-weekly CYT107.
    const blindA = a.map(blindDose);
    const blindB = buildDosingCalendar(iris7.regimens, ['cyt107-b-im', 'cyt107-b-dummy-im'], d1, PARIS).map(
      blindDose,
    );
    const blindPlacebo = buildDosingCalendar(iris7.regimens, ['placebo-im'], d1, PARIS).map(blindDose);
    expect(blindB).toEqual(blindA);
    expect(blindPlacebo).toEqual(blindA);
  });

  it('plans no dose at or after stopAt', () => {
    const d1 = Date.UTC(2026, 0, 12, 9, 0);
    const doses = buildDosingCalendar(infinity.regimens, ['ifn-gamma-sc'], d1, PARIS, {
      stopAt: d1 + DAY_MS,
    });
    expect(doses.map((d) => d.id)).toEqual(['ifn-gamma-sc#1']);
  });

  it('rejects an unknown regimen, a schedule without an end, and two regimens that look alike', () => {
    const d1 = Date.UTC(2026, 0, 12, 9, 0);
    expect(() => buildDosingCalendar(infinity.regimens, ['nope'], d1, PARIS)).toThrow(
      'unknown regimen "nope": expected one of ifn-gamma-sc, placebo-sc',
    );
    const [first] = infinity.regimens;
    if (!first) throw new Error('no regimen');
    const open = { ...first, schedule: { every: { value: 24, unit: 'h' as const }, first_day: 1 } };
    expect(() => buildDosingCalendar([open], ['ifn-gamma-sc'], d1, PARIS)).toThrow(
      'regimen "ifn-gamma-sc": the schedule needs days, last_day, max_doses or max_duration_days',
    );
    expect(() => buildDosingCalendar(infinity.regimens, ['ifn-gamma-sc', 'placebo-sc'], d1, PARIS)).toThrow(
      'regimens "ifn-gamma-sc" and "placebo-sc" of one participant both look like "ifn-gamma-sc"',
    );
  });

  it('gives a regimen without any window the whole local study day', () => {
    const d1 = Date.UTC(2026, 0, 12, 9, 0);
    const [first] = infinity.regimens;
    if (!first) throw new Error('no regimen');
    const { dose_window: _w, ...bare } = first;
    const [dose] = buildDosingCalendar([bare], ['ifn-gamma-sc'], d1, PARIS);
    expect(dose?.window).toEqual({
      earliest: Date.UTC(2026, 0, 11, 23, 0),
      latest: Date.UTC(2026, 0, 12, 23, 0) - 1,
      source: 'study_day',
      assumed: false,
    });
  });
});
