// The rules composed in the shipped protocol files (definitions, Kleene combinations, windows), each
// checked against its FHIR-PROFILE.md §9 reading with small hand-made patients.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from '../eligibility/evaluate-eligibility.js';
import {
  at,
  codedObs,
  condition,
  obs,
  plusHours,
  procedure,
  T_HOSP,
  T_ICU,
  timeline,
} from '../rules/functions/test-timeline.js';
import type { PatientTimeline } from '../timeline/types.js';
import { parseProtocol } from './parse-protocol.js';

const DIR = join(import.meta.dirname, '..', '..', '..', '..', 'protocols');
const compiled = Object.fromEntries(
  ['infinity', 'platinium', 'immunosep', 'iris7'].map((id) => [
    id,
    parseProtocol(readFileSync(join(DIR, `${id}.yaml`), 'utf8'), id).eligibility,
  ]),
);

function result(protocol: string, id: string, tl: PatientTimeline, atInstant: number): string {
  const p = compiled[protocol];
  if (!p) throw new Error(`no protocol ${protocol}`);
  const c = evaluateEligibility(p, tl, atInstant).criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id}`);
  return c.result;
}

const viaEd = (tl: PatientTimeline): PatientTimeline => ({
  ...tl,
  encounters: tl.encounters.map((e) => (e.kind === 'hospital' ? { ...e, admittedViaEd: true } : e)),
});

describe('INFINITY E3: stroke with GCS < 8 before ventilation or sedation', () => {
  const T_SCR = plusHours(T_ICU, 24 * 6);
  const stroke = condition('I63.9', { onset: T_HOSP });
  const imv = procedure('imv', plusHours(T_ICU, 2));

  it('is met on a GCS < 8 before invasive ventilation starts', () => {
    const tl = timeline({
      conditions: [stroke],
      procedures: [imv],
      observations: [obs('gcs', 6, plusHours(T_ICU, 1))],
    });
    expect(result('infinity', 'E3', tl, T_SCR)).toBe('met');
  });

  it('reads the latest GCS before ventilation, not the later ones', () => {
    const tl = timeline({
      conditions: [stroke],
      procedures: [imv],
      observations: [obs('gcs', 12, plusHours(T_ICU, 1)), obs('gcs', 5, plusHours(T_ICU, 6))],
    });
    expect(result('infinity', 'E3', tl, T_SCR)).toBe('not_met');
  });

  it('without a GCS before support, needs every GCS of the first 24 h below 8', () => {
    const low = timeline({
      conditions: [stroke],
      procedures: [imv],
      observations: [obs('gcs', 6, plusHours(T_ICU, 5))],
    });
    expect(result('infinity', 'E3', low, T_SCR)).toBe('met');
    const mixed = timeline({
      conditions: [stroke],
      procedures: [imv],
      observations: [obs('gcs', 6, plusHours(T_ICU, 5)), obs('gcs', 9, plusHours(T_ICU, 9))],
    });
    expect(result('infinity', 'E3', mixed, T_SCR)).toBe('not_met');
  });

  it('is unknown for a stroke without any GCS, and not_met without a stroke', () => {
    expect(result('infinity', 'E3', timeline({ conditions: [stroke], procedures: [imv] }), T_SCR)).toBe(
      'unknown',
    );
    expect(result('infinity', 'E3', timeline({ procedures: [imv] }), T_SCR)).toBe('not_met');
  });
});

describe('ImmunoSep E4: commensal or catheter-related bloodstream infection', () => {
  const T_SCR = plusHours(T_HOSP, 30);
  const bacteraemia = condition('R78.81', { onset: T_HOSP });
  const catheter = condition('T80.2', { onset: T_HOSP });
  const culture = (coded: 'positive' | 'negative') => codedObs('blood_culture', coded, plusHours(T_HOSP, 2));

  it('does not apply without a bloodstream infection (no culture at all)', () => {
    expect(result('immunosep', 'E4', timeline(), T_SCR)).toBe('not_met');
  });

  it('is met for a bloodstream infection with a catheter-related infection', () => {
    expect(result('immunosep', 'E4', timeline({ conditions: [bacteraemia, catheter] }), T_SCR)).toBe('met');
  });

  it('is met for a positive blood culture (no bacteraemia code) with a catheter-related infection', () => {
    const tl = timeline({ conditions: [catheter], observations: [culture('positive')] });
    expect(result('immunosep', 'E4', tl, T_SCR)).toBe('met');
  });

  it('is not_met with a positive blood culture and no catheter-related infection', () => {
    expect(result('immunosep', 'E4', timeline({ observations: [culture('positive')] }), T_SCR)).toBe(
      'not_met',
    );
  });

  it('is unknown for a bacteraemia code without a positive culture', () => {
    const tl = timeline({ conditions: [bacteraemia], observations: [culture('negative')] });
    expect(result('immunosep', 'E4', tl, T_SCR)).toBe('unknown');
  });
});

describe('ImmunoSep I2 and I3: infection and Sepsis-3', () => {
  const T_SCR = plusHours(T_HOSP, 30);
  const pneumonia = condition('J18.9', { onset: T_HOSP });
  const sepsis = condition('A41.9', { onset: plusHours(T_HOSP, 6) });
  const platelets = obs('platelets', 90, plusHours(T_HOSP, 10)); // coagulation 2 points

  it('counts a positive blood culture in the hospital stay as an infection, none as no infection', () => {
    const positive = codedObs('blood_culture', 'positive', plusHours(T_HOSP, 3));
    expect(result('immunosep', 'I2', timeline({ observations: [positive] }), T_SCR)).toBe('met');
    expect(result('immunosep', 'I2', timeline(), T_SCR)).toBe('not_met');
  });

  it('uses baseline 0 for an ED admission with the infection present, so SOFA >= 2 meets it', () => {
    const tl = viaEd(timeline({ conditions: [pneumonia, sepsis], observations: [platelets] }));
    expect(result('immunosep', 'I3', tl, T_SCR)).toBe('met');
  });

  it('otherwise compares with the first-24 h SOFA, which unknown organs leave undecided', () => {
    const tl = timeline({ conditions: [pneumonia, sepsis], observations: [platelets] });
    expect(result('immunosep', 'I3', tl, T_SCR)).toBe('unknown');
  });
});

describe('PLATINIUM', () => {
  const T_SCR = plusHours(T_ICU, 200);

  it('I3 pairs mHLA-DR and lymphocytes within the 96 h before screening', () => {
    const both = timeline({
      observations: [
        obs('mhla_dr', 5000, plusHours(T_SCR, -10)),
        obs('lymphocytes', 600, plusHours(T_SCR, -20)),
      ],
    });
    expect(result('platinium', 'I3', both, T_SCR)).toBe('met');
    const oldLymphocytes = timeline({
      observations: [
        obs('mhla_dr', 5000, plusHours(T_SCR, -10)),
        obs('lymphocytes', 600, plusHours(T_SCR, -100)),
      ],
    });
    expect(result('platinium', 'I3', oldLymphocytes, T_SCR)).toBe('unknown');
    const high = timeline({
      observations: [
        obs('mhla_dr', 9000, plusHours(T_SCR, -10)),
        obs('lymphocytes', 600, plusHours(T_SCR, -20)),
      ],
    });
    expect(result('platinium', 'I3', high, T_SCR)).toBe('not_met');
  });

  it('E11: a CKD stage 5 code alone turns a not_met into unknown; dialysis meets it', () => {
    const baseline = obs('creatinine', 1.0, at('2025-12-01T08:00'));
    expect(result('platinium', 'E11', timeline({ observations: [baseline] }), T_SCR)).toBe('not_met');
    const ckd5 = condition('N18.5', { onset: at('2025-01-01T00:00') });
    expect(
      result('platinium', 'E11', timeline({ observations: [baseline], conditions: [ckd5] }), T_SCR),
    ).toBe('unknown');
    const dialysis = condition('N18.6', { onset: at('2025-01-01T00:00') });
    expect(result('platinium', 'E11', timeline({ conditions: [dialysis] }), T_SCR)).toBe('met');
  });

  it('I2: one first-week window with SOFA >= 6 is enough', () => {
    // Day 3 window: platelets 15 (4) + bilirubin 7 mg/dL (3).
    const tl = timeline({
      observations: [obs('platelets', 15, plusHours(T_ICU, 60)), obs('bilirubin', 7, plusHours(T_ICU, 61))],
    });
    expect(result('platinium', 'I2', tl, T_SCR)).toBe('met');
  });
});

describe('IRIS-7', () => {
  const pneumonia = condition('J18.9', { onset: T_ICU });
  const sirs = [obs('temperature', 39, plusHours(T_ICU, 50)), obs('heart_rate', 120, plusHours(T_ICU, 60))];

  it('I2 needs screening 48 to 120 h after ICU admission, an infection and a SIRS pair in that window', () => {
    const tl = timeline({ conditions: [pneumonia], observations: sirs });
    expect(result('iris7', 'I2', tl, plusHours(T_ICU, 72))).toBe('met');
    expect(result('iris7', 'I2', tl, plusHours(T_ICU, 30))).toBe('not_met');
    expect(result('iris7', 'I2', timeline({ observations: sirs }), plusHours(T_ICU, 72))).toBe('not_met');
  });

  it('I5 reads lymphocytes of the screening date and the day before', () => {
    const T_SCR = at('2026-03-14T10:00');
    const yesterday = timeline({ observations: [obs('lymphocytes', 850, at('2026-03-13T07:00'))] });
    expect(result('iris7', 'I5', yesterday, T_SCR)).toBe('met');
    const older = timeline({ observations: [obs('lymphocytes', 850, at('2026-03-12T07:00'))] });
    expect(result('iris7', 'I5', older, T_SCR)).toBe('unknown');
  });
});
