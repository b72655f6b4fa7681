import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../protocol/parse-protocol.js';
import type { Protocol } from '../protocol/schema.js';
import { DAY_MS } from '../time/duration.js';
import { ianaZone } from '../time/zone.js';
import { buildVisitCalendar, classifyVisit, missedVisitsAt } from './visit-calendar.js';

const load = (id: string): Protocol =>
  parseProtocol(
    readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'protocols', `${id}.yaml`), 'utf8'),
    `${id}.yaml`,
  ).protocol;
const platinium = load('platinium');
const immunosep = load('immunosep');
const PARIS = ianaZone('Europe/Paris');
const D1 = Date.UTC(2026, 2, 10, 22, 30); // 23:30 in Paris, 10 March: study day 1 is 10 March

describe('buildVisitCalendar', () => {
  it('plans PLATINIUM daily visits until a known ICU discharge, then D10, D30, D60, D90 with their windows', () => {
    const icuDischargeAt = D1 + 5 * DAY_MS; // 15 March local: study day 6
    const visits = buildVisitCalendar(platinium.visits, D1, PARIS, { icuDischargeAt });
    expect(visits.map((v) => v.id)).toEqual([
      'daily@1',
      'daily@2',
      'daily@3',
      'daily@4',
      'daily@5',
      'daily@6',
      'd10',
      'd30',
      'd60',
      'd90',
    ]);
    expect(visits[0]).toMatchObject({ date: '2026-03-10', studyDay: 1, provisional: false });
    expect(visits.find((v) => v.id === 'd10')).toMatchObject({
      date: '2026-03-19',
      window: { from: '2026-03-19', to: '2026-03-20', assumed: true },
      assessments: ['mHLA-DR', 'lymphocytes'],
    });
    expect(visits.find((v) => v.id === 'd90')?.window).toEqual({
      from: '2026-06-04',
      to: '2026-06-10',
      assumed: true,
    });
  });

  it('plans daily visits provisionally to the last single visit while the ICU discharge is unknown', () => {
    const visits = buildVisitCalendar(platinium.visits, D1, PARIS);
    const daily = visits.filter((v) => v.visit === 'daily');
    expect(daily).toHaveLength(90);
    expect(daily.every((v) => v.provisional)).toBe(true);
    expect(
      buildVisitCalendar(platinium.visits, D1, PARIS, { openEndedThroughDay: 20 }).filter(
        (v) => v.visit === 'daily',
      ),
    ).toHaveLength(20);
  });

  it('plans ImmunoSep daily SOFA on days 1-15 and the D28 and D90 vital status', () => {
    const visits = buildVisitCalendar(immunosep.visits, D1, PARIS);
    expect(visits.filter((v) => v.visit === 'daily').map((v) => v.studyDay)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    expect(visits.find((v) => v.id === 'd28')).toMatchObject({
      studyDay: 28,
      window: { from: '2026-04-06', to: '2026-04-08' },
    });
  });

  it('plans no visit after the local date of stopAt', () => {
    const visits = buildVisitCalendar(immunosep.visits, D1, PARIS, { stopAt: D1 + 2 * DAY_MS });
    expect(visits.map((v) => v.id)).toEqual(['daily@1', 'daily@2', 'daily@3']);
  });
});

describe('classifyVisit and missedVisitsAt', () => {
  const visits = buildVisitCalendar(platinium.visits, D1, PARIS, { icuDischargeAt: D1 + 2 * DAY_MS });
  const d30 = visits.find((v) => v.id === 'd30');
  if (!d30) throw new Error('no d30');

  it('is on time within the window and a deviation outside it', () => {
    expect(classifyVisit(d30, '2026-04-10')).toEqual({ status: 'on_time', offsetDays: 2 });
    expect(classifyVisit(d30, '2026-04-11')).toEqual({ status: 'out_of_window', offsetDays: 3 });
    expect(classifyVisit(d30, '2026-04-05')).toEqual({ status: 'out_of_window', offsetDays: -3 });
  });

  it('lists visits whose window has passed without a record', () => {
    const missed = missedVisitsAt(visits, new Set(['daily@1', 'daily@3']), '2026-03-21');
    expect(missed.map((v) => v.id)).toEqual(['daily@2', 'd10']);
  });
});
