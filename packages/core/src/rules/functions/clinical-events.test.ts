import { describe, expect, it } from 'vitest';
import type { Kleene } from '../../kleene.js';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import type { PatientTimeline } from '../../timeline/types.js';
import { compileCondition } from '../checker.js';
import type { CompileEnv } from '../compile-env.js';
import { ruleEnvironment } from '../library.js';
import { parseRule } from '../parser.js';
import { CLINICAL_ANCHORS } from './anchors.js';
import { CLINICAL_EVENT_FUNCTIONS, CLINICAL_SYMBOLS } from './clinical-events.js';
import {
  allergy,
  condition,
  ctxOf,
  encounter,
  medication,
  procedure,
  steroid,
  t,
  weight,
} from './test-support.js';

/**
 * The clinical event functions as protocols write them: parsed and type-checked by the rule language's
 * own parser and checker, then evaluated on small patients.
 */
const AT = t('2026-03-10T12:00');
const T_HOSP = t('2026-03-01T08:00');
const STAY = [encounter('hospital', T_HOSP), encounter('icu', T_HOSP + 4 * HOUR_MS)];

function environment(): CompileEnv {
  const base = ruleEnvironment({
    dopamine_threshold: { value: 5, unit: 'ug/kg/min' },
    count_in_episode_steroids: { value: 0, unit: '1' },
  });
  return {
    ...base,
    functions: new Map([...base.functions, ...CLINICAL_EVENT_FUNCTIONS.map((f) => [f.name, f] as const)]),
    anchors: new Set([...base.anchors, ...Object.keys(CLINICAL_ANCHORS)]),
    symbols: { ...base.symbols, ...CLINICAL_SYMBOLS },
  };
}

const ENV = environment();

function screen(rule: string, parts: Partial<PatientTimeline>): Kleene {
  const compiled = compileCondition(parseRule(rule), ENV);
  return compiled(ctxOf({ encounters: STAY, ...parts }, AT, { providers: CLINICAL_ANCHORS })).value;
}

const RULES = {
  infinityE2:
    'condition(solid_cancer, haematological_malignancy, active_or_abated_within: 5 years) or condition(systemic_disease, transplant, hiv)',
  infinityE5: 'allergy(interferon)',
  infinityE6:
    'medication(immunosuppressant, during: [T_scr - 30 d, T_scr]) or steroid_days(above: 2.5 mg/d, min_days: 90, reaching_into: [T_scr - 30 d, T_scr])',
  infinityI3: 'running(imv)',
  platiniumE2:
    'medication(chemotherapy, during: [T_scr - 42 d, T_scr]) or procedure(radiotherapy, during: [T_scr - 42 d, T_scr])',
  platiniumE4:
    'condition(autoimmune, transplant, haematological_malignancy, hepatitis_c, chronic_hepatitis_b, tb) or condition(hiv_stage_c, timed: [T_scr - 365 d, T_scr]) or (condition(hiv) and condition(aids_defining, timed: [T_scr - 365 d, T_scr]))',
  platiniumE5:
    'medication(immunosuppressant, during: [T_scr - 30 d, T_scr]) or steroid_rate_sustained(above_per_kg: 1 mg/kg/d, longer_than: 168 h, ending_in: [T_scr - 30 d, T_scr]) or steroid_days(above: 0 mg/d, min_days: 91, reaching_into: [T_scr - 30 d, T_scr])',
  platiniumE9: 'allergy(interferon, excipient, latex)',
  platiniumE12: 'active_condition(acute_ecg_event, timed: [T_scr - 72 h, T_scr])',
  immunosepE1: 'active_condition(pyelonephritis, intra_abdominal, meningitis, skin_infection)',
  immunosepE5: 'anti_tb_therapy(during: [T_scr - 30 d, T_scr])',
  immunosepE7:
    'steroid_day(at_least_per_kg: 0.4 mg/kg/d, during: [T_scr - 15 d, T_scr], started_before: T_sep, count_in_episode: count_in_episode_steroids == 1) or medication(anti_cytokine, during: [T_scr - 30 d, T_scr])',
  iris7I4:
    'vasopressor_run(min: 4 h, norepinephrine_at_least: 0.05 ug/kg/min, epinephrine_at_least: 0.05 ug/kg/min, dopamine_at_least: dopamine_threshold)',
} as const;

describe('clinical event functions through the parser and checker', () => {
  it('INFINITY E2: recent cancer or systemic disease', () => {
    expect(
      screen(RULES.infinityE2, {
        conditions: [condition('C18.7', { active: false, abatement: AT - 365 * DAY_MS })],
      }),
    ).toBe('met');
    expect(
      screen(RULES.infinityE2, {
        conditions: [condition('C18.7', { active: false, abatement: AT - 6 * 365 * DAY_MS })],
      }),
    ).toBe('not_met');
    expect(screen(RULES.infinityE2, { conditions: [condition('C18.7', { active: false })] })).toBe('unknown');
    expect(screen(RULES.infinityE2, { conditions: [condition('Z94.0', { active: false })] })).toBe('met');
  });

  it('INFINITY E5 and PLATINIUM E9: allergies', () => {
    expect(screen(RULES.infinityE5, { allergies: [allergy('interferon')] })).toBe('met');
    expect(screen(RULES.infinityE5, { allergies: [allergy('latex')] })).toBe('not_met');
    expect(screen(RULES.platiniumE9, { allergies: [allergy('polysorbate-20')] })).toBe('met');
  });

  it('INFINITY E6: immunosuppressant or long-term steroids', () => {
    expect(screen(RULES.infinityE6, { medications: [medication('L04AA06', AT - 10 * DAY_MS)] })).toBe('met');
    expect(
      screen(RULES.infinityE6, { medications: [steroid('H02AB07', AT - 100 * DAY_MS, undefined, 5)] }),
    ).toBe('met');
    expect(
      screen(RULES.infinityE6, { medications: [steroid('H02AB07', AT - 80 * DAY_MS, undefined, 5)] }),
    ).toBe('not_met');
  });

  it('INFINITY I3: IMV at screening', () => {
    expect(
      screen(RULES.infinityI3, { procedures: [procedure('imv', AT - DAY_MS, { inProgress: true })] }),
    ).toBe('met');
    expect(
      screen(RULES.infinityI3, {
        procedures: [procedure('ventilation_unknown', AT - DAY_MS, { inProgress: true })],
      }),
    ).toBe('unknown');
    expect(
      screen(RULES.infinityI3, { procedures: [procedure('niv', AT - DAY_MS, { inProgress: true })] }),
    ).toBe('not_met');
  });

  it('PLATINIUM E2: chemotherapy or radiotherapy within 6 weeks', () => {
    expect(screen(RULES.platiniumE2, { procedures: [procedure('radiotherapy', AT - 41 * DAY_MS)] })).toBe(
      'met',
    );
    expect(
      screen(RULES.platiniumE2, {
        medications: [medication('L01XA01', AT - 43 * DAY_MS, { isInstant: true })],
      }),
    ).toBe('not_met');
  });

  it('PLATINIUM E4: HIV with an AIDS-defining condition in the last year', () => {
    const hiv = condition('B24', { onset: AT - 10 * 365 * DAY_MS });
    expect(
      screen(RULES.platiniumE4, { conditions: [hiv, condition('B59', { onset: AT - 100 * DAY_MS })] }),
    ).toBe('met');
    expect(
      screen(RULES.platiniumE4, { conditions: [hiv, condition('B59', { onset: AT - 400 * DAY_MS })] }),
    ).toBe('not_met');
    expect(screen(RULES.platiniumE4, { conditions: [condition('K51.9', { active: false })] })).toBe('met');
  });

  it('PLATINIUM E5: steroid above 1 mg/kg/d for more than a week, or any steroid for 91 days', () => {
    const w = weight(50, AT - DAY_MS);
    const high = steroid('H02AB06', AT - 20 * DAY_MS, AT - 10 * DAY_MS, 60); // 1.2 mg/kg/d for 240 h
    expect(screen(RULES.platiniumE5, { medications: [high], observations: [w] })).toBe('met');
    expect(screen(RULES.platiniumE5, { medications: [high] })).toBe('unknown'); // no weight
    const low = steroid('H02AB06', AT - 20 * DAY_MS, AT - 10 * DAY_MS, 40);
    expect(screen(RULES.platiniumE5, { medications: [low], observations: [w] })).toBe('not_met');
  });

  it('PLATINIUM E12: acute ECG event in the last 72 h', () => {
    expect(
      screen(RULES.platiniumE12, { conditions: [condition('I47.2', { onset: AT - 71 * HOUR_MS })] }),
    ).toBe('met');
    expect(
      screen(RULES.platiniumE12, { conditions: [condition('I47.2', { onset: AT - 73 * HOUR_MS })] }),
    ).toBe('not_met');
  });

  it('ImmunoSep E1 and E5', () => {
    expect(screen(RULES.immunosepE1, { conditions: [condition('K65.0')] })).toBe('met');
    expect(screen(RULES.immunosepE1, { conditions: [condition('J18.9')] })).toBe('not_met');
    const rif = medication('J04AB02', AT - 10 * DAY_MS);
    const inh = medication('J04AC01', AT - 5 * DAY_MS);
    expect(screen(RULES.immunosepE5, { medications: [rif, inh] })).toBe('met');
    expect(screen(RULES.immunosepE5, { medications: [rif] })).toBe('not_met');
  });

  it('ImmunoSep E7: steroids before T_sep, or an anti-cytokine biologic', () => {
    const sepsis = condition('A41.9', { onset: AT - 3 * DAY_MS });
    const w = weight(70, AT - DAY_MS);
    const before = steroid('H02AB09', AT - 5 * DAY_MS, undefined, 200);
    const inEpisode = steroid('H02AB09', AT - 2 * DAY_MS, undefined, 200);
    expect(
      screen(RULES.immunosepE7, { conditions: [sepsis], medications: [before], observations: [w] }),
    ).toBe('met');
    expect(
      screen(RULES.immunosepE7, { conditions: [sepsis], medications: [inEpisode], observations: [w] }),
    ).toBe('not_met');
    expect(screen(RULES.immunosepE7, { medications: [inEpisode], observations: [w] })).toBe('met'); // T_sep unknown: all count
    expect(screen(RULES.immunosepE7, { medications: [medication('L04AC03', AT - 20 * DAY_MS)] })).toBe('met');
  });

  it('IRIS-7 I4: 4 h of vasopressor with the dopamine threshold parameter', () => {
    const dopa = (rate: number) =>
      medication('C01CA04', AT - 6 * HOUR_MS, {
        end: AT - HOUR_MS,
        rate: { value: rate, unit: 'ug/kg/min' },
      });
    expect(screen(RULES.iris7I4, { medications: [dopa(5)] })).toBe('met');
    expect(screen(RULES.iris7I4, { medications: [dopa(4)] })).toBe('not_met');
  });

  it('rejects unknown symbols and impossible units at load', () => {
    expect(() => compileCondition(parseRule('condition(cancer)'), ENV)).toThrow(/not a known condition set/);
    expect(() => compileCondition(parseRule('steroid_days(above: 2.5 mg/kg/d, min_days: 90)'), ENV)).toThrow(
      /mg\/d/,
    );
    expect(() => compileCondition(parseRule('medication(immunosuppressant, during: 30 d)'), ENV)).toThrow(
      /window/,
    );
  });
});
