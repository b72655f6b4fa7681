// The public API of @immunotrial/core: an explicit list, so that what other packages rely on is reviewable.
export { TrialError } from './errors.js';
export { type Kleene, and3, or3, not3, fromBoolean } from './kleene.js';
export { type Instant, MINUTE_MS, HOUR_MS, DAY_MS, hours, days } from './time/duration.js';
export {
  type Zone,
  type LocalDate,
  UTC,
  ianaZone,
  offsetMinutesAt,
  localDateOf,
  startOfLocalDate,
  addDays,
  daysBetween,
  formatInstant,
} from './time/zone.js';
export {
  type VariableDefinition,
  type VariableId,
  VARIABLES,
  LOINC,
  LOCAL_VARIABLE_SYSTEM,
  variableForCode,
  isVariableId,
  variableDefinition,
} from './variables/registry.js';
export { toCanonical, acceptsUnit, convertUcum } from './variables/units.js';
export type {
  RecordMeta,
  Sex,
  PatientRecord,
  EncounterKind,
  EncounterRecord,
  CodedResult,
  ObservationRecord,
  ConditionRecord,
  ProcedureKind,
  ProcedureRecord,
  RateUnit,
  MedicationRecord,
  AllergySubstance,
  AllergyRecord,
  AttestationRecord,
  PatientTimeline,
} from './timeline/types.js';
// codesets (ingest)
export { SNOMED, PROCEDURE_CODES, classifyProcedure } from './codesets/procedure-codes.js';
export {
  ATC_SYSTEM,
  RXNORM_SYSTEM,
  VASOPRESSOR_ATC,
  SEDATIVE_ATC,
  CORTICOSTEROID_ATC,
  RXNORM_TO_ATC,
  MEDICATION_ATC_PREFIXES_READ,
  SYSTEMIC_ROUTES_SNOMED,
  atcForMedication,
  isMedicationRead,
  isSystemicRoute,
} from './codesets/medication-codes.js';
export {
  SUBSTANCE_SYSTEM,
  LOCAL_SUBSTANCES,
  LATEX_SNOMED,
  INTERFERON_ATC_PREFIX,
  allergySubstanceForCode,
} from './codesets/allergy-codes.js';
// scores
export {
  CREATININE_UMOL_PER_L_PER_MG_PER_DL,
  BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL,
  creatinineUmolPerLToMgPerDl,
  bilirubinUmolPerLToMgPerDl,
} from './scores/molar-units.js';
export {
  type SofaCatecholamine,
  type SofaCardiovascularInput,
  type SofaRenalInput,
  sofaRespirationPoints,
  sofaCoagulationPoints,
  sofaLiverPoints,
  sofaCnsPoints,
  sofaMapPoints,
  sofaCatecholaminePoints,
  sofaCardiovascularPoints,
  sofaCreatininePoints,
  sofaUrineOutputPoints,
  sofaRenalPoints,
} from './scores/sofa-components.js';
export { type SofaInput, type SofaComponents, type SofaResult, computeSofa } from './scores/sofa.js';
export {
  type ChronicHealth,
  apacheTemperaturePoints,
  apacheMapPoints,
  apacheHeartRatePoints,
  apacheRespiratoryRatePoints,
  apacheAaDo2Points,
  apachePao2Points,
  apachePhPoints,
  apacheHco3Points,
  apacheSodiumPoints,
  apachePotassiumPoints,
  apacheCreatininePoints,
  apacheHematocritPoints,
  apacheWbcPoints,
  apacheGcsPoints,
  apacheAgePoints,
  apacheChronicHealthPoints,
} from './scores/apache-ii-components.js';
export {
  type ApacheOxygenationInput,
  type Apache2Input,
  type Apache2Components,
  type Apache2Result,
  computeAaDo2,
  apacheOxygenationPoints,
  apacheAcidBasePoints,
  computeApache2,
} from './scores/apache-ii.js';
export {
  type EgfrSex,
  type Egfr2021Input,
  type Egfr2009Input,
  computeEgfrCkdEpi2021,
  computeEgfrCkdEpi2009,
} from './scores/egfr.js';
export {
  type Sepsis3Input,
  type SepticShockInput,
  sofaRiseFromBaseline,
  meetsSepsis3,
  meetsSepticShock,
} from './scores/sepsis3.js';
export {
  type Corticosteroid,
  type SteroidEquivalence,
  PREDNISONE_EQUIVALENT_FACTORS,
  steroidEquivalence,
  prednisoneEquivalentMg,
} from './scores/steroid-equivalents.js';
// rule language and eligibility engine
export { parseRule } from './rules/parser.js';
export { RuleSyntaxError } from './rules/lexer.js';
export { RuleCheckError } from './rules/compile-env.js';
export type { Evidence, EvalContext, Outcome, BoolOutcome, FunctionSpec } from './rules/types.js';
export { ANCHOR_PROVIDERS, RULE_FUNCTIONS, ruleEnvironment } from './rules/library.js';
export {
  buildScreeningContext,
  buildPatientView,
  contextFor,
  type ScreeningOptions,
  type PatientView,
  type PatientViewOptions,
} from './eligibility/context.js';
export { findIcuStay, findHospitalStay } from './eligibility/stays.js';
export {
  type CompiledCriterion,
  type CompiledEligibility,
  compileEligibility,
  RuleLoadError,
} from './eligibility/compile-eligibility.js';
export {
  type EligibilityStatus,
  type CriterionResult,
  type EligibilityResult,
  type EvaluateOptions,
  evaluateEligibility,
  screenPatient,
  evaluateCriterion,
  overallStatus,
} from './eligibility/evaluate-eligibility.js';
export {
  ParameterSchema,
  CriterionSchema,
  StratumSchema,
  EligibilitySchema,
  type ProtocolParameter,
  type Criterion,
  type Eligibility,
} from './protocol/eligibility-schema.js';
// the protocol file
export { ProtocolSchema, type Protocol } from './protocol/schema.js';
export {
  type Form,
  type FormField,
  FORM_FIELD_TYPES,
  FormSchema,
  FormFieldSchema,
} from './protocol/form-schema.js';
export {
  type Assumed,
  assumedSchema,
  assumedWithUnitSchema,
  orAssumed,
  isAssumed,
  valueOf,
} from './protocol/assumed.js';
export { type Quantity, type Duration, type DayWindow, TIME_UNITS } from './protocol/quantity-schema.js';
export {
  KNOWN_PROTOCOL_IDS,
  type Identifiers,
  type RecruitmentStatus,
  type Source,
} from './protocol/metadata-schema.js';
export { type Arm, type Allocation, type Blinding } from './protocol/design-schema.js';
export { type DosingSchedule, type Regimen, type Visit } from './protocol/schedule-schema.js';
export { type Endpoint, type SampleSize } from './protocol/endpoint-schema.js';
export {
  type ProtocolIssue,
  ProtocolInvalidError,
  formatProtocolIssue,
  formatPath,
} from './protocol/protocol-issue.js';
export { type LoadedProtocol, parseProtocol } from './protocol/parse-protocol.js';
export { protocolJsonSchema, protocolJsonSchemaText } from './protocol/json-schema.js';
// score-based rules
export { SCORE_FUNCTIONS } from './rules/functions/score-functions.js';
export { type SofaWindowScore, sofaOverWindow } from './rules/functions/sofa-window.js';
export { type SofaOrgan, type OrganPoints, SOFA_ORGANS } from './rules/functions/sofa-organs.js';
export type { ScoreWindow } from './rules/functions/score-helpers.js';
// codesets and clinical event rules
export {
  type Icd10System,
  type ConditionSetName,
  type ConditionSetDefinition,
  CONDITION_SETS,
  CONDITION_SET_NAMES,
  isConditionSetName,
  conditionInSet,
  conditionSetsOf,
  normalizeIcd10,
  displayIcd10,
} from './codesets/icd10-sets.js';
export {
  type MedicationClassName,
  type MedicationClassDefinition,
  MEDICATION_CLASSES,
  MEDICATION_CLASS_NAMES,
  isMedicationClassName,
  medicationInClass,
  medicationClassesOf,
  recordAtc,
} from './codesets/medication-classes.js';
export {
  type ClinicalSymbolDomain,
  CLINICAL_EVENT_FUNCTIONS,
  CLINICAL_SYMBOLS,
} from './rules/functions/clinical-events.js';
export {
  type ClinicalAnchor,
  CLINICAL_ANCHORS,
  firstSupportStart,
  sepsisOnset,
} from './rules/functions/anchors.js';
export { PROCEDURE_KINDS, PROCEDURE_KIND_NAMES, procedureRunningAt } from './rules/functions/procedures.js';
export { ALLERGEN_SETS, ALLERGEN_SET_NAMES } from './rules/functions/allergies.js';
export { conditionTime, conditionActiveAt } from './rules/functions/conditions.js';
export {
  type SteroidExposure,
  type DayDose,
  steroidExposures,
  dailyDoses,
  latestWeight,
} from './rules/functions/steroid-doses.js';
// YAML location and zod messages, shared with other YAML files (sim's design files)
export { type LocatedNode, locateNode, startOf } from './protocol/yaml-locate.js';
export { type StructuralIssue, describeZodIssues, describeFound } from './protocol/zod-issues.js';
// randomization, schedules, endpoints
export {
  type AllocationMethod,
  type AllocationFactor,
  type AllocationDesign,
  type FactorLevels,
  type StratumKey,
  SITE_FACTOR,
  allocationDesignOf,
  checkFactorLevels,
  stratumKeyOf,
  strataKeysOf,
} from './randomization/allocation-design.js';
export { type TreatmentRow, treatmentRowsOf, treatmentFor } from './randomization/treatment.js';
export { deriveRandomSource } from './randomization/derive-random.js';
export {
  type AllocationSlot,
  type StratumList,
  type AllocationList,
  generateStratumList,
  generateAllocationList,
  nextSlot,
} from './randomization/allocation-list.js';
export {
  type MinimizationCounts,
  type ImbalanceMeasure,
  type MinimizationOptions,
  type MinimizationDecision,
  allocateByMinimization,
  addToCounts,
} from './randomization/minimization.js';
export {
  type Kit,
  type KitList,
  type KitListOptions,
  packWeightsOf,
  generateKitList,
  dispenseKit,
} from './randomization/kit-list.js';
export {
  type Route,
  type DoseWindow,
  type PlannedDose,
  type BlindedDose,
  type DosingCalendarOptions,
  studyDayOf,
  buildDosingCalendar,
  blindDose,
} from './schedule/dosing-calendar.js';
export {
  type AdministrationClass,
  type DoseState,
  classifyAdministration,
  doseStateAt,
  missedDosesAt,
} from './schedule/administration.js';
export {
  type PlannedVisit,
  type VisitCalendarOptions,
  buildVisitCalendar,
  classifyVisit,
  missedVisitsAt,
} from './schedule/visit-calendar.js';
export { type DayValue, dayNumberOf, measurementNear } from './endpoints/day-values.js';
export {
  type InfectionRecord,
  type InfectionEpisode,
  type SecondaryInfectionInput,
  type SecondaryInfectionOptions,
  type SecondaryInfectionResult,
  deriveSecondaryInfection,
} from './endpoints/secondary-infection.js';
export { type VitalStatusInput, type VitalStatus, mortalityAt } from './endpoints/mortality.js';
export { type StayInput, type LengthOfStay, lengthOfStay } from './endpoints/length-of-stay.js';
export {
  type SofaAggregate,
  type SofaDeathRule,
  type SofaMissingRule,
  type SofaResponseParameters,
  type DailySofaInput,
  type SofaResponse,
  WORST_SOFA,
  aggregateSofa,
  sofaResponse,
} from './endpoints/sofa-response.js';
export {
  type LymphocyteResponseInput,
  type LymphocyteResponseOptions,
  type LymphocyteResponse,
  type MhlaDrRestorationOptions,
  type MhlaDrRestoration,
  lymphocyteResponse,
  mhlaDrRestoration,
} from './endpoints/biomarker-response.js';
export {
  type WithAssumed,
  secondaryInfectionOptionsOf,
  sofaResponseParametersOf,
  mhlaDrRestorationOptionsOf,
  lymphocyteResponseOptionsOf,
} from './endpoints/endpoint-parameters.js';
// end randomization, schedules, endpoints
