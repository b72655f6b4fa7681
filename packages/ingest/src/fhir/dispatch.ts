import { FieldIssue } from '../issues.js';
import type { WarningLog } from '../warnings.js';
import { compileSchema } from './compile-schema.js';
import type { EntryContext } from './ingestor.js';
import { mapAllergy } from './map-allergy.js';
import { mapCondition, statusCode } from './map-condition.js';
import { normalizeReference } from './references.js';
import { mapEncounter } from './map-encounter.js';
import { mapMedicationAdministration, mapMedicationStatement } from './map-medication.js';
import { mapObservation } from './map-observation.js';
import { mapProcedure } from './map-procedure.js';
import { mapQuestionnaireResponse } from './map-questionnaire.js';
import type { PatientGroup } from './patient-group.js';
import { recordMeta } from './map-context.js';
import {
  AllergyIntoleranceSchema,
  ConditionSchema,
  EncounterSchema,
  MedicationAdministrationSchema,
  MedicationStatementSchema,
  ObservationSchema,
  PatientSchema,
  ProcedureSchema,
  QuestionnaireResponseSchema,
  type CodeableConcept,
  type Meta,
  type Reference,
  type ReadResourceType,
} from './schemas.js';

const V = {
  Patient: compileSchema(PatientSchema),
  Encounter: compileSchema(EncounterSchema),
  Observation: compileSchema(ObservationSchema),
  Condition: compileSchema(ConditionSchema),
  Procedure: compileSchema(ProcedureSchema),
  MedicationAdministration: compileSchema(MedicationAdministrationSchema),
  MedicationStatement: compileSchema(MedicationStatementSchema),
  AllergyIntolerance: compileSchema(AllergyIntoleranceSchema),
  QuestionnaireResponse: compileSchema(QuestionnaireResponseSchema),
};

const REMOVING_STATUS = new Set(['entered-in-error', 'cancelled']);
const REMOVING_VERIFICATION = new Set(['entered-in-error', 'refuted']);

/** The patient a resource belongs to: its subject (AllergyIntolerance: patient), else the bundle's only Patient. */
function ownerOf(reference: Reference | undefined, field: string, ctx: EntryContext): string {
  const text = reference?.reference;
  if (text === undefined) {
    if (ctx.bundlePatient !== undefined) return ctx.bundlePatient;
    throw new FieldIssue([field], 'expected a reference to the Patient, received nothing');
  }
  const ref = normalizeReference(text, ctx.fullUrls);
  if (ref?.startsWith('Patient/') !== true) {
    throw new FieldIssue(
      [field, 'reference'],
      `expected a reference to a Patient, received ${JSON.stringify(text)}`,
    );
  }
  return ref.slice('Patient/'.length);
}

function versionOf(meta: Meta | undefined, ref: string): number {
  return recordMeta(meta, ref, undefined, true).versionId;
}

function verificationRemoval(v: CodeableConcept | undefined): string | undefined {
  const code = statusCode(v, '');
  return code !== undefined && REMOVING_VERIFICATION.has(code) ? `verificationStatus ${code}` : undefined;
}

function statusRemoval(status: string | undefined): string | undefined {
  return status !== undefined && REMOVING_STATUS.has(status) ? status : undefined;
}

/**
 * Validates one resource of a type the profile reads (Location excepted), maps it and files its records in
 * its patient's group.
 * @returns the patient id.
 * @throws FieldIssue for an invalid field (the caller adds file, entry and resource).
 */
export function dispatchResource(
  type: Exclude<ReadResourceType, 'Location'>,
  json: unknown,
  id: string,
  ref: string,
  ctx: EntryContext,
  groupOf: (patientId: string) => PatientGroup,
  warnings: WarningLog,
): string {
  switch (type) {
    case 'Patient': {
      if (!V.Patient.check(json)) return id;
      groupOf(id).setPatient(json, ref, versionOf(json.meta, ref), warnings);
      return id;
    }
    case 'Encounter': {
      if (!V.Encounter.check(json)) return id;
      const pid = ownerOf(json.subject, 'subject', ctx);
      const g = groupOf(pid);
      const e = mapEncounter(json, ref, g.context(warnings, ctx.fullUrls));
      if (e) g.encounters.push(e);
      g.noteVersion(ref, versionOf(json.meta, ref), statusRemoval(json.status));
      return pid;
    }
    case 'Observation': {
      if (!V.Observation.check(json)) return id;
      const pid = ownerOf(json.subject, 'subject', ctx);
      const g = groupOf(pid);
      const o = mapObservation(json, ref, g.context(warnings, ctx.fullUrls));
      if (o) g.observations.push(o);
      g.noteVersion(ref, versionOf(json.meta, ref), statusRemoval(json.status));
      return pid;
    }
    case 'Condition': {
      if (!V.Condition.check(json)) return id;
      const pid = ownerOf(json.subject, 'subject', ctx);
      const g = groupOf(pid);
      const c = mapCondition(json, ref, g.context(warnings, ctx.fullUrls));
      if (c) g.conditions.push(c);
      g.noteVersion(ref, versionOf(json.meta, ref), verificationRemoval(json.verificationStatus));
      return pid;
    }
    case 'Procedure': {
      if (!V.Procedure.check(json)) return id;
      const pid = ownerOf(json.subject, 'subject', ctx);
      const g = groupOf(pid);
      const p = mapProcedure(json, ref, g.context(warnings, ctx.fullUrls));
      if (p) g.procedures.push(p);
      g.noteVersion(ref, versionOf(json.meta, ref), statusRemoval(json.status));
      return pid;
    }
    case 'MedicationAdministration': {
      if (!V.MedicationAdministration.check(json)) return id;
      const pid = ownerOf(json.subject, 'subject', ctx);
      const g = groupOf(pid);
      const m = mapMedicationAdministration(json, ref, g.context(warnings, ctx.fullUrls));
      if (m) g.medications.push(m);
      g.noteVersion(ref, versionOf(json.meta, ref), statusRemoval(json.status));
      return pid;
    }
    case 'MedicationStatement': {
      if (!V.MedicationStatement.check(json)) return id;
      const pid = ownerOf(json.subject, 'subject', ctx);
      const g = groupOf(pid);
      const m = mapMedicationStatement(json, ref, g.context(warnings, ctx.fullUrls));
      if (m) g.medications.push(m);
      g.noteVersion(ref, versionOf(json.meta, ref), statusRemoval(json.status));
      return pid;
    }
    case 'AllergyIntolerance': {
      if (!V.AllergyIntolerance.check(json)) return id;
      const pid = ownerOf(json.patient, 'patient', ctx);
      const g = groupOf(pid);
      g.allergies.push(...mapAllergy(json, ref, g.context(warnings, ctx.fullUrls)));
      g.noteVersion(ref, versionOf(json.meta, ref), verificationRemoval(json.verificationStatus));
      return pid;
    }
    case 'QuestionnaireResponse': {
      if (!V.QuestionnaireResponse.check(json)) return id;
      const pid = ownerOf(json.subject, 'subject', ctx);
      const g = groupOf(pid);
      g.attestations.push(...mapQuestionnaireResponse(json, ref, g.context(warnings, ctx.fullUrls)));
      g.noteVersion(ref, versionOf(json.meta, ref), statusRemoval(json.status));
      return pid;
    }
  }
}
