import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { HOUR_MS } from '../../time/duration.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { referenceApacheAtScreening } from './apache-reference.js';
import {
  condition,
  evaluateNumber,
  evaluateRule,
  obs,
  plusHours,
  screen,
  T_ICU,
  timeline,
  type TimelineParts,
} from './test-timeline.js';

const SCR = plusHours(T_ICU, 48);
const before = (hours: number): number => plusHours(SCR, -hours);

/** Every APACHE II variable at 0 points, 2 h before screening; PaO2 at FiO2 0.3. */
function normal(): ObservationRecord[] {
  const t = before(2);
  return [
    obs('temperature', 37, t),
    obs('map', 85, t),
    obs('heart_rate', 80, t),
    obs('respiratory_rate', 16, t),
    obs('fio2', 0.3, before(2.5)),
    obs('pao2', 95, t),
    obs('ph', 7.4, t),
    obs('sodium', 140, t),
    obs('potassium', 4, t),
    obs('creatinine', 1.0, t),
    obs('hematocrit', 40, t),
    obs('wbc', 8, t),
    obs('gcs', 15, t),
  ];
}

/** The patient of the test timeline is 57 at screening: 3 age points; chronic health adds 0–5. */
const AGE_POINTS = 3;

function apache(parts: TimelineParts, atInstant = SCR): [number, number] {
  const o = evaluateNumber('apache2_at_screening', timeline(parts), atInstant);
  return [o.lo, o.hi];
}

/** APACHE II with `replace` in place of the normal value(s) of its variable(s). */
function withValues(...replace: ObservationRecord[]): [number, number] {
  const vars = new Set(replace.map((o) => o.variable));
  return apache({ observations: [...normal().filter((o) => !vars.has(o.variable)), ...replace] });
}

describe('apache2_at_screening: recorded total', () => {
  it('uses the latest recorded total of the last 24 h, exactly', () => {
    const parts = {
      observations: [obs('apache2_total', 25, before(10)), obs('apache2_total', 22, before(3)), ...normal()],
    };
    expect(apache(parts)).toEqual([22, 22]);
  });

  it('includes a total recorded exactly 24 h before screening, not earlier', () => {
    expect(apache({ observations: [obs('apache2_total', 31, before(24))] })).toEqual([31, 31]);
    const [lo] = apache({ observations: [obs('apache2_total', 31, before(24.01))] });
    expect(lo).toBe(AGE_POINTS);
  });
});

describe('apache2_at_screening: computed from the last 24 h', () => {
  it('is age points plus 0–5 for chronic health when every variable is normal', () => {
    expect(apache({ observations: normal() })).toEqual([AGE_POINTS, AGE_POINTS + 5]);
  });

  it('adds 0–4 per missing variable, 0–12 for GCS', () => {
    const noGcs = normal().filter((o) => o.variable !== 'gcs');
    expect(apache({ observations: noGcs })).toEqual([AGE_POINTS, AGE_POINTS + 5 + 12]);
    const noNa = normal().filter((o) => o.variable !== 'sodium');
    expect(apache({ observations: noNa })).toEqual([AGE_POINTS, AGE_POINTS + 5 + 4]);
    expect(apache({})).toEqual([AGE_POINTS, AGE_POINTS + 5 + 10 * 4 + 4 + 12]);
  });

  it('ignores values older than 24 h and a sedated GCS', () => {
    const old = obs('heart_rate', 190, before(24.5));
    expect(withValues(obs('heart_rate', 80, before(1)), old)).toEqual([AGE_POINTS, AGE_POINTS + 5]);
    const sedated = obs('gcs', 3, before(1), { sedated: true });
    expect(withValues(obs('gcs', 15, before(2)), sedated)).toEqual([AGE_POINTS, AGE_POINTS + 5]);
  });

  it('scores the highest-scoring value of a variable', () => {
    const [lo] = withValues(obs('temperature', 38.4, before(5)), obs('temperature', 39, before(3)));
    expect(lo - AGE_POINTS).toBe(3);
    expect(withValues(obs('gcs', 9, before(3)), obs('gcs', 14, before(1)))[0] - AGE_POINTS).toBe(6);
  });

  it('scores the PaO2 at FiO2 < 0.5: 70 mmHg → 1, 71 → 0', () => {
    const pao2 = (v: number): number => withValues(obs('pao2', v, before(2)))[0] - AGE_POINTS;
    expect(pao2(70)).toBe(1);
    expect(pao2(71)).toBe(0);
  });

  it('scores A-aDO2 at FiO2 >= 0.5 with the PaCO2 of the same sample', () => {
    // A-aDO2 = 0.5 × 713 − 40/0.8 − 106.5 = 200 → 2; with PaO2 106.6 → 199.9 → 0.
    const at = (pao2: number, fio2: number): number =>
      withValues(obs('fio2', fio2, before(3)), obs('pao2', pao2, before(2)), obs('paco2', 40, before(2)))[0] -
      AGE_POINTS;
    expect(at(106.5, 0.5)).toBe(2);
    expect(at(106.6, 0.5)).toBe(0);
    expect(at(60, 0.49)).toBe(3);
  });

  it('bounds A-aDO2 without a PaCO2 of the same sample by FiO2 × 713 − PaO2', () => {
    // 0.6 × 713 − 80 = 347.8 → at most 2.
    const r = withValues(
      obs('fio2', 0.6, before(3)),
      obs('pao2', 80, before(2)),
      obs('paco2', 40, before(1)),
    );
    expect(r).toEqual([AGE_POINTS, AGE_POINTS + 2 + 5]);
    // FiO2 exactly 0.5 reads A-aDO2: 0.5 × 713 − 80 = 276.5 → at most 2.
    const half = withValues(obs('fio2', 0.5, before(3)), obs('pao2', 80, before(2)));
    expect(half).toEqual([AGE_POINTS, AGE_POINTS + 2 + 5]);
  });

  it('does not pair a FiO2 drawn more than 2 h before the PaO2', () => {
    const r = withValues(obs('fio2', 0.3, before(4.01)), obs('pao2', 50, before(2)));
    expect(r).toEqual([AGE_POINTS, AGE_POINTS + 4 + 5]);
  });

  it('reads pH, and HCO3 only without a pH', () => {
    const noPh = normal().filter((o) => o.variable !== 'ph');
    expect(apache({ observations: [...noPh, obs('hco3', 17.9, before(2))] })[0] - AGE_POINTS).toBe(3);
    expect(withValues(obs('ph', 7.32, before(2)), obs('hco3', 10, before(2)))[0] - AGE_POINTS).toBe(2);
  });

  it('doubles creatinine points with active AKI, at most 8, and bounds a missing one 0–8', () => {
    const aki = condition('N17.9', { onset: before(30) });
    const creat = (v: number, conditions = [aki]): [number, number] =>
      apache({
        observations: [
          ...normal().filter((o) => o.variable !== 'creatinine'),
          obs('creatinine', v, before(1)),
        ],
        conditions,
      });
    expect(creat(2.0)[0] - AGE_POINTS).toBe(6);
    expect(creat(3.5)[0] - AGE_POINTS).toBe(8);
    expect(creat(2.0, [])[0] - AGE_POINTS).toBe(3);
    expect(
      creat(2.0, [condition('N17.9', { onset: before(30), abatement: before(5) })])[0] - AGE_POINTS,
    ).toBe(3);
    const noCreat = normal().filter((o) => o.variable !== 'creatinine');
    expect(apache({ observations: noCreat, conditions: [aki] })).toEqual([AGE_POINTS, AGE_POINTS + 5 + 8]);
  });

  it('bounds age points 0–6 without a birth date', () => {
    expect(apache({ observations: normal(), patient: { birthDate: undefined } })).toEqual([0, 6 + 5]);
    expect(apache({ observations: normal(), patient: { birthDate: '1951-03-12' } })).toEqual([6, 11]);
  });

  it('decides a threshold by the lowest and highest totals', () => {
    const severe = [
      ...normal().filter((o) => !['temperature', 'map', 'heart_rate', 'gcs'].includes(o.variable)),
      obs('temperature', 41, before(2)),
      obs('map', 45, before(2)),
      obs('heart_rate', 185, before(2)),
      obs('gcs', 5, before(2)),
    ];
    // 4 + 4 + 4 + 10 + age 3 = 25; chronic health 0–5 → 25–30.
    const tl = timeline({ observations: severe });
    expect(evaluateRule('apache2_at_screening >= 25', tl, SCR).value).toBe('met');
    expect(evaluateRule('apache2_at_screening >= 30', tl, SCR).value).toBe('unknown');
    expect(evaluateRule('apache2_at_screening >= 31', tl, SCR).value).toBe('not_met');
  });

  it('explains each component in its reason', () => {
    const o = evaluateNumber('apache2_at_screening', timeline({ observations: normal() }), SCR);
    expect(o.reason()).toContain('HR 80 /min → 0');
    expect(o.reason()).toContain('chronic health not read → 0–5');
  });
});

describe('apache2_at_screening: the array scans answer the definition', () => {
  // Values around the cut-offs and out of range, NaN, results without a value, sedated GCS, late results; a
  // half-hour grid over the last 30 h (results at the window's start, PaO2/PaCO2/FiO2 of the same instant).
  const VALUES: Partial<Record<ObservationRecord['variable'], readonly number[]>> = {
    temperature: [29, 30, 36, 38.5, 39, 41, -1],
    map: [49, 50, 70, 110, 160, -1],
    heart_rate: [39, 40, 70, 110, 180],
    respiratory_rate: [5, 6, 12, 25, 50],
    fio2: [0, 0.21, 0.49, 0.5, 0.8, 1, 1.2, 40],
    pao2: [54, 55, 61, 70, 71, 300, -1],
    paco2: [20, 40, 80, -1],
    ph: [7.1, 7.15, 7.33, 7.5, 7.7, 15],
    hco3: [14, 15, 22, 32, 52],
    sodium: [110, 111, 130, 150, 180],
    potassium: [2.4, 2.5, 3.5, 5.5, 7],
    creatinine: [0.5, 0.6, 1.5, 2, 3.5],
    hematocrit: [19, 20, 30, 46, 60, 101],
    wbc: [0.9, 1, 3, 15, 40],
    gcs: [2, 3, 8, 14.5, 15],
  };
  const VARIABLES_READ = Object.keys(VALUES) as ObservationRecord['variable'][];
  const result = fc.record({
    variable: fc.constantFrom(...VARIABLES_READ),
    pick: fc.nat(),
    halfHours: fc.integer({ min: -60, max: 4 }),
    kind: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'plain', 'nan', 'none', 'late', 'sedated'),
  });
  const conditions = fc.constantFrom(
    [],
    [condition('N17.9')],
    [condition('N17.0', { active: false })],
    [condition('N17.9', { abatement: before(30) }), condition('N17.1')],
  );
  const birthDates = fc.constantFrom<string | undefined>('1969-02-14', '1940-01-01', '2000-06-30', undefined);

  function build(
    specs: readonly { variable: string; pick: number; halfHours: number; kind: string }[],
  ): ObservationRecord[] {
    return specs.map((s, i) => {
      const variable = VARIABLES_READ.find((v) => v === s.variable) ?? 'temperature';
      const values = VALUES[variable] ?? [0];
      const value = s.kind === 'nan' ? NaN : (values[s.pick % values.length] ?? 0);
      const t = before(-s.halfHours / 2);
      const id = `r${i}`;
      if (s.kind === 'none') return obs(variable, 0, t, { id, value: undefined });
      if (s.kind === 'late') return obs(variable, value, t, { id, issued: SCR + HOUR_MS });
      if (s.kind === 'sedated') return obs(variable, value, t, { id, sedated: true });
      return obs(variable, value, t, { id });
    });
  }

  test.prop(
    [
      fc.array(result, { maxLength: 80, size: 'max' }),
      conditions,
      birthDates,
      fc.constantFrom(undefined, undefined, undefined, -1, 40),
    ],
    { numRuns: 300 },
  )(
    'same bounds, evidence and reason on random timelines',
    (specs, conds, birthDate, totalHalfHoursBefore) => {
      const total =
        totalHalfHoursBefore === undefined
          ? []
          : [obs('apache2_total', 31, before(totalHalfHoursBefore / 2))];
      const observations = [...build(specs), ...total];
      const tl = timeline({ observations, conditions: conds, patient: { birthDate } });
      const fast = evaluateNumber('apache2_at_screening', tl, SCR);
      const reference = referenceApacheAtScreening(screen(tl, SCR));
      expect([fast.lo, fast.hi]).toEqual([reference.lo, reference.hi]);
      expect(JSON.stringify(fast.evidence)).toBe(JSON.stringify(reference.evidence));
      expect(fast.reason()).toBe(reference.reason());
    },
  );
});
