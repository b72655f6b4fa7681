import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DesignInvalidError, parseDesign } from './parse-design.js';

const EXAMPLE = 'examples/designs/platinium-like.yaml';
const base = readFileSync(new URL(`../../../../${EXAMPLE}`, import.meta.url), 'utf8');

function messageOf(text: string): string {
  try {
    parseDesign(text, 'd.yaml');
  } catch (error) {
    if (error instanceof DesignInvalidError) return error.message;
    throw error;
  }
  throw new Error('the design was accepted');
}

describe('parseDesign', () => {
  it('compiles the PLATINIUM-like example as written in the issue', () => {
    const d = parseDesign(base, EXAMPLE);
    expect(d.name).toBe(EXAMPLE);
    expect(d.arms).toEqual(['placebo', 'interferon']);
    expect(d.control).toBe(0);
    expect(d.lowerIsBetter).toBe(true);
    expect(d.allocation).toEqual({ kind: 'fixed', probabilities: [0.5, 0.5] });
    expect(d.prior).toEqual({ kind: 'beta', a: 1, b: 1 });
    expect(d.looks).toEqual([100, 200, 300, 326]);
    expect(d.rule).toEqual({
      kind: 'bayesian',
      superiority: [0.99, 0.99, 0.99, 0.99],
      inferiority: [0.01, 0.01, 0.01, 0.01],
      futility: [-Infinity, -Infinity, -Infinity, -Infinity],
      futilityMargin: 0,
    });
    // `null:` stays the scenario's name (YAML would read the key as the null value).
    expect(d.scenarios.map((s) => [s.name, s.isNull])).toEqual([
      ['null', true],
      ['effect', false],
    ]);
    expect(d.scenarios[1]?.trueEffects[1]).toBeCloseTo(-0.12, 12);
  });

  it('computes group-sequential boundaries with the statistics package', () => {
    const text = base.replace(
      /decisions:[\s\S]*?scenarios:/,
      'decisions:\n  group_sequential: { alpha: 0.025, type: OF }\nscenarios:',
    );
    const d = parseDesign(text, 'd.yaml');
    if (d.rule.kind !== 'group_sequential') throw new Error('expected a group-sequential rule');
    d.rule.informationRates.forEach((t, i) => {
      expect(t * 326).toBeCloseTo([100, 200, 300, 326][i] ?? NaN, 9);
    });
    expect(d.rule.criticalValues).toHaveLength(4);
    expect(d.rule.criticalValues[3]).toBeGreaterThan(1.96);
  });

  const cases: [string, string, string][] = [
    [
      'an unknown control',
      'control: placebos',
      'd.yaml:6:10: control: expected one of the arms (placebo, interferon), found "placebos"',
    ],
    [
      'one weight too many',
      'fixed: [0.5, 0.3, 0.2]',
      'd.yaml:7:22: allocation.fixed: expected 2 weights, one per arm (placebo, interferon), found 3',
    ],
    [
      'a probability above 1',
      'interferon: 1.28',
      'd.yaml:15:40: scenarios.effect.interferon: expected an event probability in (0, 1), found 1.28',
    ],
    [
      'looks out of order',
      '[100, 300, 200, 326]',
      'd.yaml:9:31: looks.patients[2]: expected more than 300 (looks increase), found 200',
    ],
    [
      'a prior of another outcome',
      'prior: { gamma: [1, 1] }',
      'd.yaml:8:10: prior.gamma: a binary outcome takes a beta prior, found gamma',
    ],
    [
      'an unknown outcome',
      'outcome: binomial',
      'd.yaml:3:10: outcome: expected one of binary, continuous, count, time_to_event, found "binomial"',
    ],
    [
      'thresholds not one per look',
      'superiority: [0.99, 0.99]',
      'd.yaml:11:16: decisions.superiority: expected 4 thresholds, one per look, found 2',
    ],
    ['a single arm', 'arms: [placebo]', 'd.yaml:5:7: arms: expected at least 2 items, found 1 item'],
    [
      'a threshold above 1',
      'superiority: 1.5',
      'd.yaml:11:16: decisions.superiority: expected a number <= 1, found 1.5',
    ],
    [
      'looks in events for a binary outcome',
      'looks: { events: [100, 200] }',
      'd.yaml:9:10: looks.events: a binary design looks after numbers of patients, found events',
    ],
  ];
  const originals: Record<string, string> = {
    'control: placebos': 'control: placebo',
    'fixed: [0.5, 0.3, 0.2]': 'fixed: [0.5, 0.5]',
    'interferon: 1.28': 'interferon: 0.28',
    '[100, 300, 200, 326]': '[100, 200, 300, 326]',
    'prior: { gamma: [1, 1] }': 'prior: { beta: [1, 1] }',
    'outcome: binomial': 'outcome: binary',
    'superiority: [0.99, 0.99]': 'superiority: 0.99',
    'arms: [placebo]': 'arms: [placebo, interferon]',
    'superiority: 1.5': 'superiority: 0.99',
    'looks: { events: [100, 200] }': 'looks: { patients: [100, 200, 300, 326] }',
  };
  it.each(cases)('rejects %s with a located message', (_what, replacement, expected) => {
    const original = originals[replacement] ?? '';
    expect(base).toContain(original);
    expect(messageOf(base.replace(original, replacement))).toBe(expected);
  });

  it('lists every problem, in file order', () => {
    const text = base
      .replace('effect: { placebo: 0.40, interferon: 0.28 }', 'effect: { placebo: 0.40, ifn: 0.28 }')
      .replace('prior: { beta: [1, 1] }', 'prior: { beta: [1, 1] }\npriors: 3');
    expect(messageOf(text).split('\n')).toEqual([
      'd.yaml:9:1: priors: unknown field "priors" (expected one of: name, outcome, lower_is_better, arms, control, allocation, prior, sd, accrual, looks, decisions, scenarios)',
    ]);
    expect(messageOf(base.replace('interferon: 0.28', 'ifn: 0.28')).split('\n')).toEqual([
      'd.yaml:15:11: scenarios.effect: missing a true value for arm "interferon"',
      'd.yaml:15:28: scenarios.effect.ifn: unknown arm "ifn" (expected one of: placebo, interferon)',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(messageOf(base.replace('arms: [placebo, interferon]', 'arms: [placebo, interferon'))).toBe(
      'd.yaml:6:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  });

  it('asks for the SD of a continuous outcome and the accrual of a time-to-event one', () => {
    const continuous = base
      .replace('outcome: binary', 'outcome: continuous')
      .replace('prior: { beta: [1, 1] }\n', '');
    expect(messageOf(continuous)).toBe(
      'd.yaml:3:1: sd: missing (a continuous outcome needs the within-arm SD, a number > 0)',
    );
    const tte = base
      .replace('outcome: binary', 'outcome: time_to_event')
      .replace('prior: { beta: [1, 1] }\n', '')
      .replace('looks: { patients: [100, 200, 300, 326] }', 'looks: { events: [50, 100] }')
      .replace('interferon: 0.28', 'interferon: 14')
      .replaceAll('0.40', '10');
    expect(messageOf(tte)).toBe(
      'd.yaml:3:1: accrual: missing (a time-to-event design needs { rate, max_patients })',
    );
  });
});
