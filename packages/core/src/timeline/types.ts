import type { Instant } from '../time/duration.js';
import type { LocalDate, Zone } from '../time/zone.js';
import type { VariableId } from '../variables/registry.js';

/**
 * The patient timeline: what `ingest` makes of FHIR R4 or CSV input and what the eligibility engine reads.
 * Times are resolved instants (epoch ms), values are in the variable's canonical unit (converted at the
 * edge), and every record keeps the `Type/id` reference it came from, so every result can cite evidence.
 * All versions of a resource are kept: which one is current depends on the screening instant
 * (FHIR-PROFILE.md §1), so that choice is made by the engine, not by ingestion.
 */
export interface RecordMeta {
  /** `Type/id`, e.g. `Observation/abc`. Versions of one resource share it. */
  readonly ref: string;
  /** `meta.versionId` as an integer; absent = 1. */
  readonly versionId: number;
  /** `meta.lastUpdated`; absent = always in time. */
  readonly lastUpdated: Instant | undefined;
  /** The resource's status as sent (for explanations). */
  readonly status: string | undefined;
  /**
   * False when this version must not be used: a status outside the counted ones, `entered-in-error`,
   * `cancelled`, or a Condition/AllergyIntolerance verified as `refuted` or `entered-in-error`.
   * A current version that is not counted removes the resource.
   */
  readonly counted: boolean;
}

export type Sex = 'male' | 'female' | 'other' | 'unknown';

export interface PatientRecord {
  readonly ref: string;
  readonly birthDate: LocalDate | undefined;
  readonly sex: Sex;
}

export type EncounterKind = 'hospital' | 'icu' | 'other';

export interface EncounterRecord extends RecordMeta {
  readonly kind: EncounterKind;
  readonly start: Instant;
  /** UTC offset written in `period.start`, in minutes (local dates follow the offset of T_icu). */
  readonly startOffsetMinutes: number | undefined;
  readonly end: Instant | undefined;
  /** `Encounter/id` of the hospital stay an ICU encounter is part of. */
  readonly partOf: string | undefined;
  /** `hospitalization.admitSource` is `emd`: admitted through the emergency department. */
  readonly admittedViaEd: boolean;
}

/** Outcome of a coded observation (qualitative hCG, blood culture). */
export type CodedResult = 'positive' | 'negative' | 'other';

export interface ObservationRecord extends RecordMeta {
  readonly variable: VariableId;
  /** effectiveDateTime, else effectivePeriod.start (urine output: effectivePeriod.end). */
  readonly time: Instant;
  readonly issued: Instant | undefined;
  /** Value in the variable's canonical unit (numeric variables). */
  readonly value: number | undefined;
  /** Value as sent, for evidence. */
  readonly originalValue: number | undefined;
  readonly originalUnit: string | undefined;
  /** Result of a coded observation (`valueCodeableConcept`). */
  readonly coded: CodedResult | undefined;
  /** `referenceRange.high` in the canonical unit (ULN for enzymes, hCG positivity). */
  readonly referenceHigh: number | undefined;
  /** GCS taken under sedation: never used (FHIR-PROFILE.md §3). */
  readonly sedated: boolean;
}

export interface ConditionRecord extends RecordMeta {
  /** `icd10` (WHO) or `icd10cm`. */
  readonly system: 'icd10' | 'icd10cm';
  /** Upper-case code without dots, e.g. `K650`. */
  readonly code: string;
  /** clinicalStatus active, recurrence or relapse (absent = active). */
  readonly active: boolean;
  readonly onset: Instant | undefined;
  readonly recorded: Instant | undefined;
  readonly abatement: Instant | undefined;
}

export type ProcedureKind = 'imv' | 'niv' | 'hfno' | 'ventilation_unknown' | 'radiotherapy' | 'other';

export interface ProcedureRecord extends RecordMeta {
  readonly kind: ProcedureKind;
  /** SNOMED CT code as sent. */
  readonly code: string;
  readonly start: Instant;
  readonly end: Instant | undefined;
  /** Status `in-progress`: running with no end. */
  readonly inProgress: boolean;
}

export type RateUnit = 'ug/kg/min' | 'U/min' | 'mg/d';

export interface MedicationRecord extends RecordMeta {
  readonly resourceType: 'MedicationAdministration' | 'MedicationStatement';
  /** ATC code, as sent or mapped from RxNorm for vasopressors and corticosteroids. */
  readonly atc: string | undefined;
  /** RxNorm code as sent. */
  readonly rxnorm: string | undefined;
  readonly start: Instant;
  /** End of an `effectivePeriod` (a bare date covers that whole local day); undefined = open or instant. */
  readonly end: Instant | undefined;
  /** `effectiveDateTime`: an instant, not a period. */
  readonly isInstant: boolean;
  /** Period exposure rate in its canonical unit (mg/h is converted to mg/d). */
  readonly rate: { readonly value: number; readonly unit: RateUnit } | undefined;
  /** Single administration dose in mg (a bolus). */
  readonly doseMg: number | undefined;
  /** Route is systemic (oral, IV, IM, SC); undefined when no route was sent. */
  readonly systemicRoute: boolean | undefined;
}

export type AllergySubstance =
  'interferon' | 'mannitol' | 'sodium-succinate' | 'succinic-acid' | 'polysorbate-20' | 'latex';

export interface AllergyRecord extends RecordMeta {
  readonly substance: AllergySubstance;
  readonly recorded: Instant | undefined;
}

export interface AttestationRecord extends RecordMeta {
  /** Protocol id from the questionnaire URL (`infinity`, `platinium`, `immunosep`, `iris7`). */
  readonly protocol: string;
  readonly criterionId: string;
  /** True = the criterion as written holds (for an exclusion: the patient is excluded by it). */
  readonly value: boolean;
  readonly authored: Instant;
}

/** Everything known about one patient, all versions kept. */
export interface PatientTimeline {
  readonly patientId: string;
  readonly patient: PatientRecord;
  readonly encounters: readonly EncounterRecord[];
  readonly observations: readonly ObservationRecord[];
  readonly conditions: readonly ConditionRecord[];
  readonly procedures: readonly ProcedureRecord[];
  readonly medications: readonly MedicationRecord[];
  readonly allergies: readonly AllergyRecord[];
  readonly attestations: readonly AttestationRecord[];
  /**
   * The zone ingestion used to resolve bare dates (local midnight) and that local dates follow:
   * the caller's IANA zone (`--tz`), else the UTC offset written at the start of the ICU stay, else of the
   * hospital stay, else UTC (FHIR-PROFILE.md §1). Absent when the timeline was built without ingestion.
   */
  readonly zone?: Zone;
}
