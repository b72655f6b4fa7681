import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import { activeConditionFunction, conditionFunction } from './conditions.js';
import { condition, ctxOf, evaluate, t } from './test-support.js';

const AT = t('2026-03-10T12:00');
const YEAR_MS = 365.25 * DAY_MS;
const last = (ms: number) => (ctx: { at: number }) => [ctx.at - ms, ctx.at] as const;

describe('condition(sets..., active_or_abated_within:) — INFINITY E2', () => {
  const args = {
    symbols: { sets: ['solid_cancer', 'haematological_malignancy'] },
    constants: { active_or_abated_within: 5 * YEAR_MS },
  };

  it('is not_met without any matching condition (closed world)', () => {
    const o = evaluate(conditionFunction, args, ctxOf({ conditions: [condition('J18.9')] }, AT));
    expect(o.value).toBe('not_met');
    expect(o.evidence).toEqual([]);
    expect(o.reason()).toBe('no solid cancer or haematological malignancy condition');
  });

  it('is met by an active cancer, citing it', () => {
    const c = condition('C18.7', { id: 'c1', onset: t('2024-02-01T00:00') });
    const o = evaluate(conditionFunction, args, ctxOf({ conditions: [c] }, AT));
    expect(o.value).toBe('met');
    expect(o.evidence).toEqual([{ reference: 'Condition/c1', value: 'C18.7', time: '2024-02-01T00:00:00Z' }]);
    expect(o.reason()).toBe('active solid cancer C18.7 (Condition/c1, onset 2024-02-01)');
  });

  it('is met by a cancer abated just under 5 years before screening and not_met at exactly 5 years', () => {
    const under = condition('C50.9', { active: false, abatement: AT - 5 * YEAR_MS + HOUR_MS });
    const exactly = condition('C50.9', { active: false, abatement: AT - 5 * YEAR_MS });
    expect(evaluate(conditionFunction, args, ctxOf({ conditions: [under] }, AT)).value).toBe('met');
    const o = evaluate(conditionFunction, args, ctxOf({ conditions: [exactly] }, AT));
    expect(o.value).toBe('not_met');
    expect(o.reason()).toMatch(/^abated 2021-03-10: solid cancer C50.9/);
  });

  it('reads an active status with an abatement date at or before T_scr as abated', () => {
    const c = condition('C91.0', { active: true, abatement: AT - 6 * YEAR_MS });
    expect(evaluate(conditionFunction, args, ctxOf({ conditions: [c] }, AT)).value).toBe('not_met');
  });

  it('is unknown for an inactive cancer without an abatement date', () => {
    const c = condition('C91.0', { active: false });
    const o = evaluate(conditionFunction, args, ctxOf({ conditions: [c] }, AT));
    expect(o.value).toBe('unknown');
    expect(o.reason()).toContain('inactive (no abatement date)');
  });

  it('lets a met condition win over an unknown one', () => {
    const cs = [condition('C91.0', { active: false }), condition('C34.1', { id: 'lung' })];
    const o = evaluate(conditionFunction, args, ctxOf({ conditions: cs }, AT));
    expect(o.value).toBe('met');
    expect(o.evidence.map((e) => e.reference)).toEqual(['Condition/lung']);
  });

  it('reads ICD-10-CM codes with the CM entries', () => {
    const cm = condition('D47.Z1', { system: 'icd10cm' });
    const cmOther = condition('D47.9', { system: 'icd10cm' });
    expect(evaluate(conditionFunction, args, ctxOf({ conditions: [cm] }, AT)).value).toBe('met');
    expect(evaluate(conditionFunction, args, ctxOf({ conditions: [cmOther] }, AT)).value).toBe('not_met');
  });

  it('ignores a condition recorded after T_scr', () => {
    const c = condition('C18.7', { onset: t('2024-01-01T00:00'), recorded: AT + 1 });
    expect(evaluate(conditionFunction, args, ctxOf({ conditions: [c] }, AT)).value).toBe('not_met');
  });
});

describe('condition(sets...) in any status — INFINITY E2 second part', () => {
  it('is met by a resolved systemic disease', () => {
    const c = condition('M32.1', { active: false, abatement: t('2000-01-01T00:00') });
    const o = evaluate(
      conditionFunction,
      { symbols: { sets: ['systemic_disease', 'transplant', 'hiv'] } },
      ctxOf({ conditions: [c] }, AT),
    );
    expect(o.value).toBe('met');
  });
});

describe('condition(set, timed: W) — PLATINIUM E4 HIV stage C in the last 365 d', () => {
  const args = { symbols: { sets: ['hiv_stage_c'] }, windows: { timed: last(365 * DAY_MS) } };

  it('is met at the window start and not_met just before it', () => {
    const inside = condition('B20', { onset: AT - 365 * DAY_MS });
    const before = condition('B20', { onset: AT - 365 * DAY_MS - 1 });
    expect(evaluate(conditionFunction, args, ctxOf({ conditions: [inside] }, AT)).value).toBe('met');
    const o = evaluate(conditionFunction, args, ctxOf({ conditions: [before] }, AT));
    expect(o.value).toBe('not_met');
    expect(o.reason()).toContain('outside window timed');
  });

  it('uses the recorded date when there is no onset', () => {
    const c = condition('B21', { recorded: AT - 10 * DAY_MS });
    expect(evaluate(conditionFunction, args, ctxOf({ conditions: [c] }, AT)).value).toBe('met');
  });

  it('is unknown for a condition without onset or recorded date', () => {
    const c = condition('B22');
    expect(evaluate(conditionFunction, args, ctxOf({ conditions: [c] }, AT)).value).toBe('unknown');
  });

  it('accepts onset: as a synonym and rejects both at once', () => {
    const c = condition('B20', { onset: AT - DAY_MS });
    expect(
      evaluate(
        conditionFunction,
        { symbols: args.symbols, windows: { onset: last(365 * DAY_MS) } },
        ctxOf({ conditions: [c] }, AT),
      ).value,
    ).toBe('met');
    expect(() =>
      evaluate(
        conditionFunction,
        { symbols: args.symbols, windows: { onset: last(DAY_MS), timed: last(DAY_MS) } },
        ctxOf({}, AT),
      ),
    ).toThrow(/timed: or onset:/);
  });

  it('is unknown when the window cannot be placed and a condition might fall in it, else not_met', () => {
    const unknownStart = {
      symbols: { sets: ['stroke'] },
      windows: { timed: (ctx: { at: number }) => [undefined, ctx.at] as const },
    };
    const c = condition('I63.5', { onset: AT - DAY_MS });
    expect(evaluate(conditionFunction, unknownStart, ctxOf({ conditions: [c] }, AT)).value).toBe('unknown');
    expect(evaluate(conditionFunction, unknownStart, ctxOf({ conditions: [] }, AT)).value).toBe('not_met');
  });
});

describe('active_condition(sets..., timed:) — INFINITY E3, PLATINIUM E7/E11/E12', () => {
  it('is met by an active TBI and not_met by a resolved one', () => {
    const args = { symbols: { sets: ['tbi', 'spinal_cord_injury'] } };
    expect(
      evaluate(activeConditionFunction, args, ctxOf({ conditions: [condition('S06.5')] }, AT)).value,
    ).toBe('met');
    const resolved = condition('S06.5', { active: false, abatement: AT - DAY_MS });
    expect(evaluate(activeConditionFunction, args, ctxOf({ conditions: [resolved] }, AT)).value).toBe(
      'not_met',
    );
    const inactiveNoDate = condition('S14.1', { active: false });
    expect(evaluate(activeConditionFunction, args, ctxOf({ conditions: [inactiveNoDate] }, AT)).value).toBe(
      'not_met',
    );
  });

  it('counts an abatement at T_scr as abated and one after T_scr as still active', () => {
    const args = { symbols: { sets: ['coma'] } };
    expect(
      evaluate(
        activeConditionFunction,
        args,
        ctxOf({ conditions: [condition('R40.2', { abatement: AT })] }, AT),
      ).value,
    ).toBe('not_met');
    expect(
      evaluate(
        activeConditionFunction,
        args,
        ctxOf({ conditions: [condition('R40.2', { abatement: AT + 1 })] }, AT),
      ).value,
    ).toBe('met');
  });

  it('needs both activity and timing: acute ECG event in the last 72 h (PLATINIUM E12)', () => {
    const args = { symbols: { sets: ['acute_ecg_event'] }, windows: { timed: last(72 * HOUR_MS) } };
    const recent = condition('I21.0', { onset: AT - 72 * HOUR_MS });
    const old = condition('I21.0', { onset: AT - 72 * HOUR_MS - 1 });
    const recentResolved = condition('I49.0', { onset: AT - HOUR_MS, active: false });
    expect(evaluate(activeConditionFunction, args, ctxOf({ conditions: [recent] }, AT)).value).toBe('met');
    expect(evaluate(activeConditionFunction, args, ctxOf({ conditions: [old] }, AT)).value).toBe('not_met');
    expect(evaluate(activeConditionFunction, args, ctxOf({ conditions: [recentResolved] }, AT)).value).toBe(
      'not_met',
    );
  });

  it('honours an open window end: [from, to) excludes a condition timed at `to`', () => {
    const c = condition('I63.5', { onset: t('2026-03-09T12:00') });
    const closed = {
      symbols: { sets: ['stroke'] },
      windows: { timed: () => [t('2026-03-01T00:00'), t('2026-03-09T12:00'), true] as const },
    };
    const open = {
      symbols: { sets: ['stroke'] },
      windows: { timed: () => [t('2026-03-01T00:00'), t('2026-03-09T12:00'), false] as const },
    };
    expect(evaluate(activeConditionFunction, closed, ctxOf({ conditions: [c] }, AT)).value).toBe('met');
    expect(evaluate(activeConditionFunction, open, ctxOf({ conditions: [c] }, AT)).value).toBe('not_met');
  });

  it('rejects an unknown set name at compile time', () => {
    expect(() => evaluate(activeConditionFunction, { symbols: { sets: ['cancer'] } }, ctxOf({}, AT))).toThrow(
      /"cancer" is not a known sets/,
    );
  });
});
