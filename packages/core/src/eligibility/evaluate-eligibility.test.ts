import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EligibilitySchema } from '../protocol/eligibility-schema.js';
import type { AttestationRecord, ObservationRecord } from '../timeline/types.js';
import type { VariableId } from '../variables/registry.js';
import { encounter, t, timeline } from '../rules/functions/test-support.js';
import { compileEligibility, RuleLoadError } from './compile-eligibility.js';
import { evaluateEligibility } from './evaluate-eligibility.js';

function obs(
  variable: VariableId,
  value: number,
  time: string,
  extra: Partial<ObservationRecord> = {},
): ObservationRecord {
  return {
    ref: `Observation/${variable}-${time}`,
    versionId: 1,
    lastUpdated: undefined,
    status: 'final',
    counted: true,
    variable,
    time: t(time),
    issued: undefined,
    value,
    originalValue: value,
    originalUnit: undefined,
    coded: undefined,
    referenceHigh: undefined,
    sedated: false,
    ...extra,
  };
}

function answer(criterionId: string, value: boolean, authored: string): AttestationRecord {
  return {
    ref: `QuestionnaireResponse/q-${criterionId}-${authored}`,
    versionId: 1,
    lastUpdated: undefined,
    status: 'completed',
    counted: true,
    protocol: 'demo',
    criterionId,
    value,
    authored: t(authored),
  };
}

function protocol(partial: z.input<typeof EligibilitySchema>): ReturnType<typeof compileEligibility> {
  return compileEligibility('demo', EligibilitySchema.parse(partial));
}

const stays = [
  encounter('hospital', t('2026-03-10T20:00'), { id: 'hospital' }),
  encounter('icu', t('2026-03-11T01:40'), { id: 'icu' }),
];
const AT = t('2026-03-17T09:00');

describe('compileEligibility rejects bad rules when the protocol loads', () => {
  const load = (rule: string): RuleLoadError => {
    try {
      protocol({
        inclusion: [
          { id: 'I1', text: 'x', attestation: true },
          { id: 'I2', text: 'y', rule },
        ],
      });
    } catch (e) {
      if (e instanceof RuleLoadError) return e;
      throw e;
    }
    throw new Error('loaded');
  };
  it('names an unknown variable with the rule path', () => {
    const e = load('latest(mhladr, during: icu_days(5, 10)) < 8000 {AB}/{cell}');
    expect(e.rulePath).toBe('eligibility.inclusion[1].rule');
    expect(e.message).toBe(
      'eligibility.inclusion[1].rule: expected a variable name (e.g. mhla_dr, lymphocytes, ferritin), found "mhladr" (in "mhladr")',
    );
    expect(e.offset).toBe(7);
  });
  it('rejects an impossible unit', () => {
    expect(load('current(ferritin) > 4420 mmol/L').message).toContain(
      'unit "mmol/L" is impossible here: expected a unit convertible to ng/mL',
    );
  });
  it('asks for a unit where the variable has one', () => {
    expect(load('current(ferritin) > 4420').message).toContain('needs its unit, e.g. 4420 ng/mL');
  });
  it('rejects an undefined anchor', () => {
    expect(load('T_scr - T_iuc >= 168 h').message).toContain('unknown name "T_iuc"');
  });
  it('rejects a syntax error with its position', () => {
    const e = load('age >= ');
    expect(e.offset).toBe(7);
    expect(e.message).toContain('expected a value, a name or "(", found the end of the rule');
  });
  it('rejects a rule that is not a condition', () => {
    expect(load('current(ferritin)').message).toContain('expected a condition, found a value in ng/mL');
  });
  it('rejects an unknown named argument', () => {
    expect(load('latest(ferritin, within: icu_days(1, 2)) > 1 ng/mL').message).toContain(
      'latest: unknown argument "within" (expected during)',
    );
  });
  it('accepts a unit the variable lists with its clinical factor', () => {
    const p = protocol({ inclusion: [{ id: 'I1', text: 'x', rule: 'current(creatinine) > 300 umol/L' }] });
    const tl = timeline({ encounters: stays, observations: [obs('creatinine', 3.5, '2026-03-17T06:00')] });
    // 300 µmol/L = 3.394 mg/dL < 3.5 mg/dL
    expect(evaluateEligibility(p, tl, AT).criteria[0]?.result).toBe('met');
  });
});

describe('evaluateEligibility', () => {
  const p = protocol({
    inclusion: [
      { id: 'I1', text: 'adult', rule: 'age >= 18 years' },
      {
        id: 'I4',
        text: 'low mHLA-DR on ICU day 5-10',
        rule: 'latest(mhla_dr, during: icu_days(5, 10)) < 8000 {AB}/{cell}',
      },
      { id: 'I5', text: 'consent', attestation: true },
    ],
    exclusion: [
      { id: 'E6', text: 'platelets < 50', rule: 'current(platelets) < 50 10*9/L', attestation: true },
    ],
  });

  it('is eligible when every inclusion is met and every exclusion not met', () => {
    const tl = timeline({
      encounters: stays,
      observations: [obs('mhla_dr', 4650, '2026-03-16T08:00'), obs('platelets', 120, '2026-03-17T06:00')],
      attestations: [answer('I5', true, '2026-03-17T08:00')],
    });
    const r = evaluateEligibility(p, tl, AT);
    expect(r.status).toBe('eligible');
    expect(r.criteria.map((c) => c.result)).toEqual(['met', 'met', 'met', 'not_met']);
    const i4 = r.criteria[1];
    expect(i4?.evidence).toEqual([
      {
        reference: 'Observation/mhla_dr-2026-03-16T08:00',
        value: 4650,
        unit: 'AB/C',
        time: '2026-03-16T08:00:00Z',
      },
    ]);
    expect(i4?.reason).toContain('4650 AB/C');
  });

  it('writes reasons and evidence times as fields of the JSON, in a fixed order, when read', () => {
    const tl = timeline({
      encounters: stays,
      observations: [obs('mhla_dr', 4650, '2026-03-16T08:00'), obs('platelets', 120, '2026-03-17T06:00')],
    });
    const r = evaluateEligibility(p, tl, AT);
    const i4 = r.criteria[1];
    expect(Object.keys(i4 ?? {})).toEqual([
      'id',
      'kind',
      'result',
      'reason',
      'evidence',
      'decidedBy',
      'text',
    ]);
    const json: unknown = JSON.parse(JSON.stringify(i4));
    expect(json).toEqual({
      id: 'I4',
      kind: 'inclusion',
      result: 'met',
      reason: i4?.reason,
      evidence: [
        {
          reference: 'Observation/mhla_dr-2026-03-16T08:00',
          value: 4650,
          unit: 'AB/C',
          time: '2026-03-16T08:00:00Z',
        },
      ],
      decidedBy: 'data',
      text: 'low mHLA-DR on ICU day 5-10',
    });
    expect(i4?.reason).toContain('4650');
    // A spread copies the lazy fields as plain values.
    expect({ ...i4 }.reason).toBe(i4?.reason);
    expect(Object.keys(i4?.evidence[0] ?? {})).toEqual(['reference', 'value', 'unit', 'time']);
  });

  it('gives unknown, not not_met, for a missing measurement and stays incomplete', () => {
    const tl = timeline({ encounters: stays, attestations: [answer('I5', true, '2026-03-17T08:00')] });
    const r = evaluateEligibility(p, tl, AT);
    expect(r.criteria[1]?.result).toBe('unknown');
    expect(r.criteria[1]?.reason).toBe('no monocyte HLA-DR in ICU day 5–10; needed < 8000 AB/C');
    expect(r.status).toBe('incomplete');
  });

  it('is ineligible when an exclusion is met, whatever else is unknown', () => {
    const tl = timeline({ encounters: stays, observations: [obs('platelets', 49.9, '2026-03-17T06:00')] });
    expect(evaluateEligibility(p, tl, AT).status).toBe('ineligible');
  });

  it('lets an answer override the data for A* criteria, and reads the latest answer', () => {
    const tl = timeline({
      encounters: stays,
      observations: [obs('mhla_dr', 4650, '2026-03-16T08:00'), obs('platelets', 40, '2026-03-17T06:00')],
      attestations: [
        answer('I5', true, '2026-03-17T08:00'),
        answer('E6', true, '2026-03-17T07:00'),
        answer('E6', false, '2026-03-17T08:30'),
      ],
    });
    const r = evaluateEligibility(p, tl, AT);
    expect(r.criteria[3]).toMatchObject({ result: 'not_met', decidedBy: 'attestation' });
    expect(r.status).toBe('eligible');
  });

  it('ignores data timed or issued after the screening instant', () => {
    const tl = timeline({
      encounters: stays,
      observations: [
        obs('mhla_dr', 9000, '2026-03-16T08:00'),
        obs('mhla_dr', 4000, '2026-03-17T10:00'),
        obs('mhla_dr', 3000, '2026-03-16T09:00', { issued: t('2026-03-17T11:00') }),
      ],
    });
    const r = evaluateEligibility(p, tl, AT);
    expect(r.criteria[1]?.result).toBe('not_met');
    expect(evaluateEligibility(p, tl, t('2026-03-17T12:00')).criteria[1]?.result).toBe('met');
  });

  it('uses the version in force at the screening instant, and an entered-in-error version removes the result', () => {
    const v1 = obs('mhla_dr', 4650, '2026-03-16T08:00', {
      ref: 'Observation/m',
      versionId: 1,
      lastUpdated: t('2026-03-16T10:00'),
    });
    const v2 = obs('mhla_dr', 9100, '2026-03-16T08:00', {
      ref: 'Observation/m',
      versionId: 2,
      lastUpdated: t('2026-03-17T08:00'),
      status: 'amended',
    });
    const tl = timeline({ encounters: stays, observations: [v1, v2] });
    expect(evaluateEligibility(p, tl, t('2026-03-17T07:00')).criteria[1]?.result).toBe('met');
    expect(evaluateEligibility(p, tl, AT).criteria[1]?.result).toBe('not_met');
    const v3 = obs('mhla_dr', 9100, '2026-03-16T08:00', {
      ref: 'Observation/m',
      versionId: 3,
      lastUpdated: t('2026-03-17T08:30'),
      status: 'entered-in-error',
      counted: false,
    });
    expect(
      evaluateEligibility(p, timeline({ encounters: stays, observations: [v1, v2, v3] }), AT).criteria[1]
        ?.result,
    ).toBe('unknown');
  });

  it('numbers ICU days from the local date of admission', () => {
    // admitted 2026-03-11 01:40 local (+01:00) = 2026-03-11T00:40Z: ICU day 5 starts 2026-03-16 00:00 local
    const local = [
      encounter('hospital', t('2026-03-10T21:10'), { id: 'hospital', startOffsetMinutes: 60 }),
      encounter('icu', t('2026-03-11T00:40'), { id: 'icu', startOffsetMinutes: 60 }),
    ];
    const before = timeline({ encounters: local, observations: [obs('mhla_dr', 4000, '2026-03-15T22:59')] });
    const inside = timeline({ encounters: local, observations: [obs('mhla_dr', 4000, '2026-03-15T23:00')] });
    expect(evaluateEligibility(p, before, AT).criteria[1]?.result).toBe('unknown');
    expect(evaluateEligibility(p, inside, AT).criteria[1]?.result).toBe('met');
  });
});

describe('joint conditions, strata and deadlines', () => {
  it('requires both markers inside one sliding window (within)', () => {
    const p = protocol({
      parameters: { pair_window: { value: 96, unit: 'h', provenance: 'FHIR-PROFILE.md §9' } },
      inclusion: [
        {
          id: 'I3',
          text: 'pair',
          rule: 'within(mhla_dr < 8000 {AB}/{cell}, lymphocytes < 1000 /mm3, span: pair_window, during: [T_scr - 10 d, T_scr])',
        },
      ],
    });
    const near = timeline({
      encounters: stays,
      observations: [obs('mhla_dr', 5900, '2026-03-14T08:00'), obs('lymphocytes', 640, '2026-03-17T08:00')],
    });
    const far = timeline({
      encounters: stays,
      observations: [obs('mhla_dr', 5900, '2026-03-12T08:00'), obs('lymphocytes', 640, '2026-03-17T08:00')],
    });
    const oneMissing = timeline({
      encounters: stays,
      observations: [obs('lymphocytes', 640, '2026-03-17T08:00')],
    });
    expect(evaluateEligibility(p, near, AT).criteria[0]?.result).toBe('met');
    expect(evaluateEligibility(p, far, AT).criteria[0]?.result).toBe('not_met');
    expect(evaluateEligibility(p, oneMissing, AT).criteria[0]?.result).toBe('unknown');
  });

  it('decides the stratum by priority and reports the deadline', () => {
    const p = protocol({
      definitions: {
        mals: 'current(ferritin) > 4420 ng/mL',
        sip: 'not mals and current(mhla_dr) < 5000 {AB}/{cell}',
      },
      inclusion: [{ id: 'I4', text: 'MALS or SIP', rule: 'mals or sip' }],
      stratification: {
        strata: [
          { id: 'MALS', rule: 'mals' },
          { id: 'SIP', rule: 'sip' },
        ],
      },
      deadline: { rule: 'T_icu + 72 h' },
    });
    const both = timeline({
      encounters: stays,
      observations: [obs('ferritin', 6240, '2026-03-17T06:00'), obs('mhla_dr', 4100, '2026-03-17T06:00')],
    });
    const r = evaluateEligibility(p, both, AT);
    expect(r).toMatchObject({ status: 'eligible', stratum: 'MALS', dosingDeadline: '2026-03-14T01:40:00Z' });
    const neither = timeline({
      encounters: stays,
      observations: [obs('ferritin', 4420, '2026-03-17T06:00'), obs('mhla_dr', 5000, '2026-03-17T06:00')],
    });
    expect(evaluateEligibility(p, neither, AT)).toMatchObject({ status: 'ineligible', stratum: 'none' });
    const noFerritin = timeline({
      encounters: stays,
      observations: [obs('mhla_dr', 4100, '2026-03-17T06:00')],
    });
    expect(evaluateEligibility(p, noFerritin, AT).stratum).toBe('unknown');
    expect(evaluateEligibility(p, timeline({ encounters: [] }), AT).dosingDeadline).toBeNull();
  });

  it('combines a required answer with data when combine is and', () => {
    const p = protocol({
      inclusion: [
        { id: 'I1', text: 'adult, consent', rule: 'age >= 18 years', attestation: true, combine: 'and' },
      ],
    });
    const minor = timeline({
      encounters: stays,
      patient: { ref: 'Patient/p1', birthDate: '2010-01-01', sex: 'female' },
      attestations: [answer('I1', true, '2026-03-17T08:00')],
    });
    expect(evaluateEligibility(p, minor, AT).criteria[0]?.result).toBe('not_met');
    const adultNoAnswer = timeline({ encounters: stays });
    expect(evaluateEligibility(p, adultNoAnswer, AT).criteria[0]?.result).toBe('unknown');
  });
});

describe('status mode', () => {
  const p = protocol({
    inclusion: [
      { id: 'I1', text: 'adult', rule: 'age >= 18 years' },
      { id: 'I2', text: 'low mHLA-DR', rule: 'current(mhla_dr) < 8000 {AB}/{cell}' },
    ],
    exclusion: [{ id: 'E1', text: 'platelets', rule: 'current(platelets) < 50 10*9/L' }],
  });

  it('stops at the first criterion that makes the patient ineligible, with the same status', () => {
    const minor = timeline({
      encounters: stays,
      patient: { ref: 'Patient/p1', birthDate: '2015-01-01', sex: 'male' },
      observations: [obs('mhla_dr', 4000, '2026-03-17T06:00')],
    });
    const full = evaluateEligibility(p, minor, AT);
    const fast = evaluateEligibility(p, minor, AT, { mode: 'status' });
    expect(fast.status).toBe(full.status);
    expect(fast.criteria.map((c) => c.id)).toEqual(['I1']);
    expect(full.criteria.map((c) => c.id)).toEqual(['I1', 'I2', 'E1']);
  });

  it('evaluates every criterion when none excludes', () => {
    const adult = timeline({ encounters: stays, observations: [obs('mhla_dr', 4000, '2026-03-17T06:00')] });
    const fast = evaluateEligibility(p, adult, AT, { mode: 'status' });
    expect(fast.status).toBe('incomplete');
    expect(fast.criteria).toHaveLength(3);
  });

  it('stops an and/or at its first deciding operand: same result, citing what was evaluated', () => {
    const compound = protocol({
      inclusion: [
        {
          id: 'I1',
          text: 'low mHLA-DR or low lymphocytes',
          rule: 'current(mhla_dr) < 8000 {AB}/{cell} or current(lymphocytes) < 1000 /mm3',
        },
      ],
      exclusion: [
        {
          id: 'E1',
          text: 'thrombopenia and a high lactate',
          rule: 'current(platelets) < 50 10*9/L and current(lactate) > 4 mmol/L',
        },
      ],
    });
    const tl = timeline({
      encounters: stays,
      observations: [
        obs('mhla_dr', 4000, '2026-03-17T06:00'),
        obs('lymphocytes', 500, '2026-03-17T06:00'),
        obs('platelets', 200, '2026-03-17T06:00'),
        obs('lactate', 6, '2026-03-17T06:00'),
      ],
    });
    const full = evaluateEligibility(compound, tl, AT);
    const fast = evaluateEligibility(compound, tl, AT, { mode: 'status' });
    expect(fast.status).toBe('eligible');
    expect(fast.criteria.map((c) => [c.id, c.result])).toEqual(full.criteria.map((c) => [c.id, c.result]));
    const cited = (r: typeof full, id: string): string[] =>
      r.criteria.find((c) => c.id === id)?.evidence.map((e) => e.reference) ?? [];
    expect(cited(full, 'I1')).toEqual([
      'Observation/mhla_dr-2026-03-17T06:00',
      'Observation/lymphocytes-2026-03-17T06:00',
    ]);
    expect(cited(fast, 'I1')).toEqual(['Observation/mhla_dr-2026-03-17T06:00']);
    expect(cited(full, 'E1')).toEqual(['Observation/platelets-2026-03-17T06:00']);
    expect(cited(fast, 'E1')).toEqual(['Observation/platelets-2026-03-17T06:00']);
    expect(fast.criteria.find((c) => c.id === 'E1')?.reason).not.toContain('lactate');
  });
});
