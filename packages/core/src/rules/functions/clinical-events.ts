import { CONDITION_SET_NAMES } from '../../codesets/icd10-sets.js';
import { MEDICATION_CLASS_NAMES } from '../../codesets/medication-classes.js';
import type { FunctionSpec, SymbolDomain } from '../types.js';
import { ALLERGEN_SET_NAMES, allergyFunction } from './allergies.js';
import { activeConditionFunction, conditionFunction } from './conditions.js';
import { antiTbTherapyFunction, medicationFunction } from './medications.js';
import { PROCEDURE_KIND_NAMES, procedureFunction, runningFunction } from './procedures.js';
import { steroidDayFunction } from './steroid-day.js';
import { steroidDaysFunction, steroidRateSustainedFunction } from './steroids.js';
import { vasopressorRunFunction } from './vasopressors.js';

/**
 * The clinical event functions of the rule language (docs/rule-functions-clinical.md): diagnoses,
 * medications, procedures, allergies, corticosteroid doses and vasopressor runs.
 */
export const CLINICAL_EVENT_FUNCTIONS: readonly FunctionSpec[] = [
  conditionFunction,
  activeConditionFunction,
  medicationFunction,
  antiTbTherapyFunction,
  procedureFunction,
  runningFunction,
  allergyFunction,
  steroidDaysFunction,
  steroidRateSustainedFunction,
  steroidDayFunction,
  vasopressorRunFunction,
];

export type ClinicalSymbolDomain = Extract<
  SymbolDomain,
  'condition_set' | 'medication_class' | 'procedure_kind' | 'allergen_set'
>;

/** The symbol names these functions accept, per domain (for the checker's `CompileEnv.symbols`). */
export const CLINICAL_SYMBOLS: Readonly<Record<ClinicalSymbolDomain, ReadonlySet<string>>> = {
  condition_set: new Set(CONDITION_SET_NAMES),
  medication_class: new Set(MEDICATION_CLASS_NAMES),
  procedure_kind: new Set(PROCEDURE_KIND_NAMES),
  allergen_set: new Set(ALLERGEN_SET_NAMES),
};
