import { describe, expect, it } from 'vitest';
import type { ObservationRecord } from '../../timeline/types.js';
import { evaluateRule, obs, plusHours, T_ICU, timeline } from './test-timeline.js';

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
