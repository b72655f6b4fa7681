import type {
  AllergyRecord,
  AllergySubstance,
  AttestationRecord,
  CodedResult,
  ConditionRecord,
  EncounterRecord,
  MedicationRecord,
  ObservationRecord,
  ProcedureKind,
  ProcedureRecord,
  RateUnit,
  VariableId,
} from '@immunotrial/core';

/**
 * Record factories for one virtual patient's timeline: each record gets a `Type/<patient>-<n>` reference,
 * version 1, counted, as `ingest` makes them from a FHIR bundle (so a rendered bundle reads back the same).
 */
export class RecordMaker {
  private n = 0;

  /** @param patientId - The patient's id (`tw-<seed>-<index>`). */
  constructor(readonly patientId: string) {}

  private ref(type: string, prefix: string): string {
    this.n++;
    return `${type}/${this.patientId}-${prefix}${this.n}`;
  }

  /** A numeric observation in the variable's canonical unit. */
  observation(variable: VariableId, value: number, time: number, referenceHigh?: number): ObservationRecord {
    return {
      ref: this.ref('Observation', 'o'),
      versionId: 1,
      lastUpdated: undefined,
      status: 'final',
      counted: true,
      variable,
      time,
      issued: undefined,
      value,
      originalValue: value,
      originalUnit: undefined,
      coded: undefined,
      referenceHigh,
      sedated: false,
    };
  }

  /** A coded observation (blood culture, qualitative hCG). */
  coded(variable: VariableId, coded: CodedResult, time: number): ObservationRecord {
    return {
      ...this.observation(variable, Number.NaN, time),
      value: undefined,
      originalValue: undefined,
      coded,
    };
  }

  /** An encounter: the hospital stay, or the ICU stay as part of it. */
  encounter(
    id: string,
    kind: 'hospital' | 'icu',
    start: number,
    end: number | undefined,
    offsetMinutes: number,
    viaEd: boolean,
  ): EncounterRecord {
    return {
      ref: `Encounter/${this.patientId}-${id}`,
      versionId: 1,
      lastUpdated: undefined,
      status: end === undefined ? 'in-progress' : 'finished',
      counted: true,
      kind,
      start,
      startOffsetMinutes: offsetMinutes,
      end,
      partOf: kind === 'icu' ? `Encounter/${this.patientId}-hosp` : undefined,
      admittedViaEd: kind === 'hospital' && viaEd,
    };
  }

  /** An ICD-10 (WHO) condition, active unless it has an abatement. */
  condition(code: string, onset: number, abatement?: number): ConditionRecord {
    return {
      ref: this.ref('Condition', 'c'),
      versionId: 1,
      lastUpdated: undefined,
      status: undefined,
      counted: true,
      system: 'icd10',
      code,
      active: abatement === undefined,
      onset,
      recorded: undefined,
      abatement,
    };
  }

  /** A procedure (ventilation, radiotherapy) with its SNOMED code. */
  procedure(kind: ProcedureKind, code: string, start: number, end: number | undefined): ProcedureRecord {
    return {
      ref: this.ref('Procedure', 'p'),
      versionId: 1,
      lastUpdated: undefined,
      status: end === undefined ? 'in-progress' : 'completed',
      counted: true,
      kind,
      code,
      start,
      end,
      inProgress: end === undefined,
    };
  }

  /** A medication given over a period at a rate (MedicationAdministration), or a statement of one. */
  medication(
    resourceType: MedicationRecord['resourceType'],
    atc: string,
    start: number,
    end: number | undefined,
    rate: { readonly value: number; readonly unit: RateUnit } | undefined,
  ): MedicationRecord {
    return {
      ref: this.ref(resourceType, 'm'),
      versionId: 1,
      lastUpdated: undefined,
      status: resourceType === 'MedicationStatement' ? 'active' : 'completed',
      counted: true,
      resourceType,
      atc,
      rxnorm: undefined,
      start,
      end,
      isInstant: false,
      rate,
      doseMg: undefined,
      systemicRoute: true,
    };
  }

  /** A single administration at an instant (a bolus), dose in mg. */
  bolus(atc: string, at: number, doseMg: number): MedicationRecord {
    return {
      ...this.medication('MedicationAdministration', atc, at, undefined, undefined),
      isInstant: true,
      doseMg,
    };
  }

  /** An allergy to one substance. */
  allergy(substance: AllergySubstance, recorded: number): AllergyRecord {
    return {
      ref: this.ref('AllergyIntolerance', 'a'),
      versionId: 1,
      lastUpdated: undefined,
      status: undefined,
      counted: true,
      substance,
      recorded,
    };
  }

  /** An investigator's answer to one criterion of a protocol's screening questionnaire. */
  attestation(protocol: string, criterionId: string, value: boolean, authored: number): AttestationRecord {
    return {
      ref: this.ref('QuestionnaireResponse', 'q'),
      versionId: 1,
      lastUpdated: undefined,
      status: 'completed',
      counted: true,
      protocol,
      criterionId,
      value,
      authored,
    };
  }
}
