// The public API of @immunotrial/sim (pure): an explicit list of exports. The worker-thread pool is in
// '@immunotrial/sim/workers'.

// design files
export { type DesignFile, DesignFileSchema } from './design/design-schema.js';
export type {
  AdaptiveAllocation,
  BayesianRule,
  CompiledDesign,
  FixedAllocation,
  GroupSequentialRule,
  OutcomeKind,
  Prior,
  Scenario,
} from './design/compiled-design.js';
export { compileDesign } from './design/compile-design.js';
export { type DesignIssue, DesignInvalidError, parseDesign } from './design/parse-design.js';

// design-level engine
export { trialStream } from './engine/trial-stream.js';
export { probabilityBetaLess } from './engine/beta-less.js';
export { probabilityBest, createBestWorkspace, type PosteriorFamily } from './engine/probability-best.js';
export { randomBeta, randomGamma, randomPoisson, uniform32 } from './engine/variates.js';
export { TrialSimulator } from './engine/simulate-trial.js';
export {
  Decision,
  DECISION_NAMES,
  type TrialResults,
  allocateResults,
  placeResults,
} from './engine/trial-results.js';
export { type RunSettings, type TrialBlock, runBlock, planBlocks } from './engine/run-block.js';
export type { ArmSummary, McEstimate, QuantileEstimate, ScenarioSummary } from './engine/summarise.js';
export {
  summariseScenario,
  proportion as mcProportion,
  mean as mcMean,
  quantile as mcQuantile,
} from './engine/summarise.js';
export {
  BLOCK_SIZE,
  type SimulationSummary,
  allocateRun,
  checkRun,
  simulateDesign,
  summariseRun,
} from './engine/simulate-design.js';

// patient-level twin (docs/twin.md)
export { type LoadedTwinModel, type ParameterProvenance, parseTwinModel } from './twin/model/load-model.js';
export { type TwinModel, TwinModelSchema, CATEGORIES, SEPSIS_SITES } from './twin/model/model-schema.js';
export { type CompiledTwinModel, compileTwinModel } from './twin/kernel/compiled-model.js';
export { type DrugEffects, NO_EFFECTS } from './twin/kernel/step.js';
export { type Cohort, type CohortOptions, simulateCohort } from './twin/cohort/simulate-cohort.js';
export {
  type PatientSource,
  type RenderOptions,
  renderTimeline,
  TWIN_OFFSET_MINUTES,
} from './twin/render/render-timeline.js';
export { type ScreeningPlan, parseScreeningPlans } from './twin/screening/screening-plan.js';
export {
  type ScreeningOutcome,
  type ScreeningTarget,
  screenByPlan,
} from './twin/screening/screen-by-plan.js';
export { type Effects, ScenarioFileSchema } from './twin/scenario/scenario-schema.js';
export {
  type TwinScenario,
  type TwinScenarioSet,
  defaultScenarioSet,
  drugEffectsOf,
  parseScenarioFile,
} from './twin/scenario/parse-scenario.js';
export { type TwinFileIssue, TwinFileInvalidError } from './twin/yaml-file.js';
export {
  type AnalysisPlan,
  type Derivation,
  type TextFile,
  type TwinInputs,
  type TwinSetup,
  buildTwinSetup,
} from './twin/trial/twin-setup.js';
export {
  type CalibrationInputs,
  type CalibrationReport,
  type CalibrationRow,
  calibrateTwin,
} from './twin/calibration/calibration-report.js';
export {
  type EligibilityFigure,
  cohortPatient,
  cohortIcuStart,
} from './twin/calibration/eligibility-figures.js';
export { type TwinRunSettings, type TwinProgress, simulateTwin } from './twin/run/twin-run.js';
export { type TwinScenarioSummary, type TwinSummary } from './twin/run/summarise-twin.js';
export { defaultScenariosFor, defaultScenariosOf } from './twin/scenario/default-scenarios.js';
export { type FhirBundle, type FhirResource, fhirDateTime, renderBundle } from './twin/render/fhir-bundle.js';
export { type ExportedCohort, type ExportedPatient, exportCohort } from './twin/export/export-cohort.js';
