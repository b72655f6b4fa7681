import type { FunctionSpec } from '../types.js';
import { apache2AtScreeningFunction } from './apache-window.js';
import { egfrBaselineFunction } from './egfr-baseline.js';
import { organFailureFunction } from './organ-failure.js';
import { pregnancyFunction } from './pregnancy.js';
import { sirsPairFunction } from './sirs.js';
import { sofaFunction } from './sofa-window.js';

/**
 * Score-based rule functions (FHIR-PROFILE.md §8–9; docs/rule-functions-scores.md): `sofa(during:)`,
 * `organ_failure(during:, points:)`, `apache2_at_screening`, `egfr_baseline`, `pregnancy`,
 * `sirs_pair(during:)`.
 */
export const SCORE_FUNCTIONS: readonly FunctionSpec[] = [
  sofaFunction,
  organFailureFunction,
  apache2AtScreeningFunction,
  egfrBaselineFunction,
  pregnancyFunction,
  sirsPairFunction,
];
