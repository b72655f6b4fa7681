import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { HOUR_MS } from '../../time/duration.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { sirsPair } from './sirs.js';
import { referenceSirsPair } from './sirs-reference.js';
import { evaluateRule, obs, plusHours, screen, T_ICU, timeline } from './test-timeline.js';

const h = (n: number): number => plusHours(T_ICU, n);
const RULE = 'sirs_pair(during: [T_icu + 48 h, T_icu + 120 h])';
const SCR = h(110);

function sirs(observations: ObservationRecord[], atInstant = SCR): string {
  return evaluateRule(RULE, timeline({ observations }), atInstant).value;
}

/** Normal values of all four items at T_icu + `hours`. */
function normalAt(hours: number): ObservationRecord[] {
  const t = h(hours);
  return [
    obs('temperature', 37, t),
    obs('heart_rate', 80, t),
    obs('respiratory_rate', 16, t),
    obs('paco2', 40, t),
    obs('wbc', 8, t),
  ];
}

describe('sirs_pair(during:)', () => {
  it('is met by two items at most 24 h apart', () => {
    expect(sirs([...normalAt(50), obs('temperature', 38.1, h(60)), obs('heart_rate', 91, h(84))])).toBe(
      'met',
    );
  });

  it('is not_met when the two abnormal values are more than 24 h apart and every item is measured', () => {
    expect(sirs([...normalAt(50), obs('temperature', 38.1, h(60)), obs('heart_rate', 91, h(84.01))])).toBe(
      'not_met',
    );
  });

  it('reads both sides of each threshold', () => {
    const pairWithHr = (o: ObservationRecord): string =>
      sirs([...normalAt(50), obs('heart_rate', 120, h(60)), o]);
    expect(pairWithHr(obs('temperature', 38, h(61)))).toBe('not_met');
    expect(pairWithHr(obs('temperature', 38.01, h(61)))).toBe('met');
    expect(pairWithHr(obs('temperature', 36, h(61)))).toBe('not_met');
    expect(pairWithHr(obs('temperature', 35.9, h(61)))).toBe('met');
    expect(pairWithHr(obs('respiratory_rate', 20, h(61)))).toBe('not_met');
    expect(pairWithHr(obs('respiratory_rate', 21, h(61)))).toBe('met');
    expect(pairWithHr(obs('paco2', 32, h(61)))).toBe('not_met');
    expect(pairWithHr(obs('paco2', 31.9, h(61)))).toBe('met');
    expect(pairWithHr(obs('wbc', 12, h(61)))).toBe('not_met');
    expect(pairWithHr(obs('wbc', 12.1, h(61)))).toBe('met');
    expect(pairWithHr(obs('wbc', 4, h(61)))).toBe('not_met');
    expect(pairWithHr(obs('wbc', 3.9, h(61)))).toBe('met');
    const pairWithWbc = (hr: number): string =>
      sirs([...normalAt(50), obs('wbc', 15, h(60)), obs('heart_rate', hr, h(61))]);
    expect(pairWithWbc(90)).toBe('not_met');
    expect(pairWithWbc(90.5)).toBe('met');
  });

  it('needs two different items: two abnormal values of one item do not pair', () => {
    const both = [obs('respiratory_rate', 30, h(60)), obs('paco2', 28, h(60))];
    expect(sirs([...normalAt(50), ...both])).toBe('not_met');
  });

  it('is unknown while an unmeasured item could pair with an abnormal one', () => {
    const noWbc = normalAt(50).filter((o) => o.variable !== 'wbc');
    expect(sirs([...noWbc, obs('heart_rate', 100, h(60))])).toBe('unknown');
  });

  it('is unknown while two items are unmeasured, and not_met once one measured item cannot qualify', () => {
    const tempAndHr = [obs('temperature', 37, h(60)), obs('heart_rate', 80, h(60))];
    expect(sirs(tempAndHr)).toBe('unknown');
    const onlyWbcMissing = normalAt(50).filter((o) => o.variable !== 'wbc');
    expect(sirs(onlyWbcMissing)).toBe('not_met');
  });

  it('reads only the window: values before T_icu + 48 h or after screening do not count', () => {
    const early = [...normalAt(50), obs('temperature', 39, h(47.9)), obs('heart_rate', 120, h(48.5))];
    expect(sirs(early)).toBe('not_met');
    const edge = [...normalAt(50), obs('temperature', 39, h(48)), obs('heart_rate', 120, h(48.5))];
    expect(sirs(edge)).toBe('met');
    const late = [...normalAt(50), obs('temperature', 39, h(100)), obs('heart_rate', 120, h(101))];
    expect(sirs(late, h(100.5))).toBe('not_met');
    expect(sirs(late, h(101))).toBe('met');
  });

  it('cites the pair and says how far apart it was', () => {
    const t = obs('temperature', 38.5, h(60), { id: 'temp' });
    const hr = obs('heart_rate', 112, h(63), { id: 'hr' });
    const o = evaluateRule(RULE, timeline({ observations: [t, hr] }), SCR);
    expect(o.value).toBe('met');
    expect(o.evidence.map((e) => e.reference).sort()).toEqual(['Observation/hr', 'Observation/temp']);
    expect(o.reason()).toContain('within 3 h');
  });
});

describe('sirs_pair: the array scans answer the definition', () => {
  // Values around each threshold, NaN, and results without a value; times on a half-hour grid (ties across
  // variables, results at the window's edges), some issued after screening.
  const VALUES: Partial<Record<ObservationRecord['variable'], readonly number[]>> = {
    temperature: [35.9, 36, 37, 38, 38.1, 41],
    heart_rate: [80, 90, 90.5, 120],
    respiratory_rate: [16, 20, 21, 30],
    paco2: [40, 32, 31.9, 28],
    wbc: [3.9, 4, 8, 12, 12.1],
  };
  const VARIABLES_READ = Object.keys(VALUES) as ObservationRecord['variable'][];
  const result = fc.record({
    variable: fc.constantFrom(...VARIABLES_READ),
    pick: fc.nat(),
    halfHours: fc.integer({ min: 80, max: 250 }),
    kind: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'nan', 'none', 'late'),
  });

  function build(
    specs: readonly { variable: string; pick: number; halfHours: number; kind: string }[],
  ): ObservationRecord[] {
    return specs.map((s, i) => {
      const variable = VARIABLES_READ.find((v) => v === s.variable) ?? 'temperature';
      const values = VALUES[variable] ?? [0];
      const value = s.kind === 'nan' ? NaN : (values[s.pick % values.length] ?? 0);
      const t = h(s.halfHours / 2);
      if (s.kind === 'none') return obs(variable, 0, t, { id: `r${i}`, value: undefined });
      if (s.kind === 'late') return obs(variable, value, t, { id: `r${i}`, issued: t + 30 * HOUR_MS });
      return obs(variable, value, t, { id: `r${i}` });
    });
  }

  test.prop(
    [
      fc.array(result, { maxLength: 120, size: 'max' }),
      fc.integer({ min: 96, max: 260 }),
      fc.integer({ min: 80, max: 250 }),
      fc.integer({ min: 0, max: 100 }),
      fc.boolean(),
    ],
    { numRuns: 300 },
  )(
    'same value, evidence and reason on random timelines and windows',
    (specs, scrHalfHours, fromHalfHours, spanHalfHours, closedEnd) => {
      const at = h(scrHalfHours / 2);
      const ctx = screen(timeline({ observations: build(specs) }), at);
      const to = h((fromHalfHours + spanHalfHours) / 2);
      const w = {
        from: h(fromHalfHours / 2),
        to: Math.min(to, at),
        closedEnd: to > at ? true : closedEnd,
        text: 'W',
      };
      const fast = sirsPair(ctx, w);
      const reference = referenceSirsPair(ctx, w);
      expect(fast.value).toBe(reference.value);
      expect(JSON.stringify(fast.evidence)).toBe(JSON.stringify(reference.evidence));
      expect(fast.reason()).toBe(reference.reason());
    },
  );
});
