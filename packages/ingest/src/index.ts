// The public API of @immunotrial/ingest: an explicit list, so that what other packages rely on is reviewable.
export { type IngestOptions, type EntryContext, FhirIngestor } from './fhir/ingestor.js';
export { type IngestResult, addBundle, fhirBundleToTimelines } from './fhir/bundle.js';
export { type FhirPatientStream, readFhirInputs, streamFhirInputs, parseJsonText } from './read/read-fhir.js';
export { readCsvLongFormat } from './csv/read-csv.js';
export { chooseZone, icuStayStart, ICU_MERGE_GAP_MS } from './fhir/zone-choice.js';
export { type FhirTime, parseFhirDateTime } from './fhir/datetime.js';
export {
  RESOURCE_SCHEMAS,
  BundleSchema,
  BundleEntrySchema,
  PatientSchema,
  EncounterSchema,
  LocationSchema,
  ObservationSchema,
  ConditionSchema,
  ProcedureSchema,
  MedicationAdministrationSchema,
  MedicationStatementSchema,
  AllergyIntoleranceSchema,
  QuestionnaireResponseSchema,
} from './fhir/schemas.js';
