import type { ConditionRecord } from '@immunotrial/core';
import {
  bindLastUpdated,
  codeLabel,
  firstCodeIn,
  versionIdOf,
  type MapContext,
  type Mutable,
} from './map-context.js';
import type { CodeableConcept, ConditionResource } from './schemas.js';

export const ICD10_WHO = 'http://hl7.org/fhir/sid/icd-10';
export const ICD10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const CLINICAL_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const NOT_COUNTED = new Set(['refuted', 'entered-in-error']);

/**
 * The code of a status CodeableConcept: the coding in `system`, else the first coding's code.
 * @example statusCode({ coding: [{ code: 'active' }] }, 'x') // => 'active'
 */
export function statusCode(cc: CodeableConcept | undefined, system: string): string | undefined {
  return firstCodeIn(cc, system) ?? cc?.coding?.[0]?.code;
}

/**
 * Normalizes an ICD-10 code: upper case, dots removed.
 * @example normalizeIcd10(' k65.0 ') // => 'K650'
 */
export function normalizeIcd10(code: string): string {
  return code.trim().replaceAll('.', '').toUpperCase();
}

/**
 * Maps a Condition coded in ICD-10 WHO or ICD-10-CM (FHIR-PROFILE.md §6): active = clinicalStatus active,
 * recurrence or relapse (absent = active); not counted when verificationStatus is refuted or
 * entered-in-error.
 * @returns undefined for a Condition without an ICD-10 coding (counted in the summary).
 * @throws FieldIssue for a malformed time or version.
 */
export function mapCondition(
  r: ConditionResource,
  ref: string,
  ctx: MapContext,
): ConditionRecord | undefined {
  const who = firstCodeIn(r.code, ICD10_WHO);
  const cm = who === undefined ? firstCodeIn(r.code, ICD10_CM) : undefined;
  const code = who ?? cm;
  if (code === undefined) {
    ctx.skip('Conditions without an ICD-10 code', codeLabel(r.code));
    return undefined;
  }
  const clinical = statusCode(r.clinicalStatus, CLINICAL_STATUS);
  const verification = statusCode(r.verificationStatus, VERIFICATION_STATUS);
  const rec: Mutable<ConditionRecord> = {
    ref,
    versionId: versionIdOf(r.meta),
    lastUpdated: undefined,
    status: clinical,
    counted: verification === undefined || !NOT_COUNTED.has(verification),
    system: who === undefined ? 'icd10cm' : 'icd10',
    code: normalizeIcd10(code),
    active: clinical === undefined || ACTIVE.has(clinical),
    onset: undefined,
    recorded: undefined,
    abatement: undefined,
  };
  if (r.onsetDateTime !== undefined) ctx.time(r.onsetDateTime, ['onsetDateTime'], (t) => (rec.onset = t));
  else if (r.onsetPeriod?.start !== undefined) {
    ctx.time(r.onsetPeriod.start, ['onsetPeriod', 'start'], (t) => (rec.onset = t));
  }
  if (r.recordedDate !== undefined) ctx.time(r.recordedDate, ['recordedDate'], (t) => (rec.recorded = t));
  if (r.abatementDateTime !== undefined) {
    ctx.time(r.abatementDateTime, ['abatementDateTime'], (t) => (rec.abatement = t));
  }
  bindLastUpdated(rec, r.meta, ctx);
  return rec;
}
