import { allergySubstanceForCode, type AllergyRecord, type AllergySubstance } from '@immunotrial/core';
import { bindLastUpdated, codeLabel, versionIdOf, type MapContext, type Mutable } from './map-context.js';
import { statusCode } from './map-condition.js';
import type { AllergyIntoleranceResource } from './schemas.js';

const VERIFICATION_STATUS = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
const CLINICAL_STATUS = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const NOT_COUNTED = new Set(['refuted', 'entered-in-error']);

/**
 * Maps an AllergyIntolerance to one record per substance a criterion reads (FHIR-PROFILE.md §7):
 * interferons (ATC L03AB or local `interferon`), the excipients (local substance codes), latex (SNOMED).
 * Any clinicalStatus counts; verificationStatus refuted or entered-in-error does not.
 * @returns an empty list for a substance no criterion reads (counted in the summary).
 * @throws FieldIssue for a malformed time or version.
 */
export function mapAllergy(r: AllergyIntoleranceResource, ref: string, ctx: MapContext): AllergyRecord[] {
  const substances = new Set<AllergySubstance>();
  for (const c of r.code?.coding ?? []) {
    const s = allergySubstanceForCode(c.system, c.code);
    if (s !== undefined) substances.add(s);
  }
  if (substances.size === 0) {
    ctx.skip('AllergyIntolerances with substances no criterion reads', codeLabel(r.code));
    return [];
  }
  const verification = statusCode(r.verificationStatus, VERIFICATION_STATUS);
  const clinical = statusCode(r.clinicalStatus, CLINICAL_STATUS);
  const counted = verification === undefined || !NOT_COUNTED.has(verification);
  const out: AllergyRecord[] = [];
  for (const substance of substances) {
    const rec: Mutable<AllergyRecord> = {
      ref,
      versionId: versionIdOf(r.meta),
      lastUpdated: undefined,
      status: clinical,
      counted: counted,
      substance,
      recorded: undefined,
    };
    if (r.recordedDate !== undefined) ctx.time(r.recordedDate, ['recordedDate'], (t) => (rec.recorded = t));
    bindLastUpdated(rec, r.meta, ctx);
    out.push(rec);
  }
  return out;
}
