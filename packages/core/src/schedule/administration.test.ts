import { describe, expect, it } from 'vitest';
import type { Regimen } from '../protocol/schedule-schema.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time/duration.js';
import { UTC } from '../time/zone.js';
import { classifyAdministration, doseStateAt, missedDosesAt } from './administration.js';
import { buildDosingCalendar } from './dosing-calendar.js';

const regimen: Regimen = {
  id: 'drug',
  arm: 'active',
  product: 'drug',
  role: 'active',
  route: 'iv',
  schedule: { every: { value: 8, unit: 'h' }, first_day: 1, last_day: 2 },
  dose_window: { value: 1, unit: 'h' },
  dose_modifications: [],
};
const D1 = Date.UTC(2026, 0, 1, 6, 0);
const calendar = buildDosingCalendar([regimen], ['drug'], D1, UTC);
const first = calendar[0];
if (!first) throw new Error('empty calendar');

describe('classifyAdministration', () => {
  it('is on time inside the window, bounds included', () => {
    expect(classifyAdministration(first, D1)).toEqual({
      status: 'on_time',
      offsetMinutes: 0,
      deviation: null,
    });
    expect(classifyAdministration(first, D1 + HOUR_MS).status).toBe('on_time');
    expect(classifyAdministration(first, D1 - HOUR_MS).status).toBe('on_time');
  });

  it('is an early or late deviation outside the window', () => {
    expect(classifyAdministration(first, D1 + HOUR_MS + MINUTE_MS)).toEqual({
      status: 'out_of_window',
      offsetMinutes: 61,
      deviation: 'late',
    });
    expect(classifyAdministration(first, D1 - 90 * MINUTE_MS)).toEqual({
      status: 'out_of_window',
      offsetMinutes: -90,
      deviation: 'early',
    });
  });
});

describe('doseStateAt', () => {
  it('is upcoming, due, then missed as time passes without a record', () => {
    expect(doseStateAt(first, undefined, D1 - 2 * HOUR_MS)).toBe('upcoming');
    expect(doseStateAt(first, undefined, D1 + 30 * MINUTE_MS)).toBe('due');
    expect(doseStateAt(first, undefined, D1 + HOUR_MS + 1)).toBe('missed');
  });

  it('classifies a recorded dose whatever the time of the question', () => {
    expect(doseStateAt(first, D1 + 3 * HOUR_MS, D1)).toBe('out_of_window');
  });
});

describe('missedDosesAt', () => {
  it('lists the doses whose window closed with nothing recorded', () => {
    // Doses at 06:00, 14:00, 22:00 on day 1 and 06:00, 14:00, 22:00 on day 2.
    expect(calendar.map((d) => d.id)).toHaveLength(6);
    const at = D1 + 16 * HOUR_MS + 1; // day 1, 22:00 + 1 ms: the 22:00 dose is due, not missed
    expect(missedDosesAt(calendar, new Set(['drug#1']), at).map((d) => d.id)).toEqual(['drug#2']);
    expect(missedDosesAt(calendar, new Set(), D1 + 2 * DAY_MS).map((d) => d.id)).toEqual([
      'drug#1',
      'drug#2',
      'drug#3',
      'drug#4',
      'drug#5',
      'drug#6',
    ]);
  });
});
