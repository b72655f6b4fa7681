import { convertUcum, isUcumUnit } from '../variables/units.js';
import type { CompileEnv, RuleDefinition, RuleParameter } from './compile-env.js';
import { CLINICAL_ANCHORS } from './functions/anchors.js';
import { CLINICAL_EVENT_FUNCTIONS, CLINICAL_SYMBOLS } from './functions/clinical-events.js';
import { localDaysFunction } from './functions/local-days.js';
import { OBSERVATION_FUNCTIONS } from './functions/observations.js';
import { PATIENT_FUNCTIONS } from './functions/patient.js';
import { SCORE_FUNCTIONS } from './functions/score-functions.js';
import { undeterminedFunction } from './functions/undetermined.js';
import type { FunctionSpec, SymbolDomain } from './types.js';
import type { AnchorProvider } from '../eligibility/context.js';

/** Every function of the rule language. */
export const RULE_FUNCTIONS: readonly FunctionSpec[] = [
  ...OBSERVATION_FUNCTIONS,
  ...PATIENT_FUNCTIONS,
  ...CLINICAL_EVENT_FUNCTIONS,
  ...SCORE_FUNCTIONS,
  localDaysFunction,
  undeterminedFunction,
];

/** Anchors computed from data by the library (beyond T_scr, D1, T_icu, T_hosp). */
export const ANCHOR_PROVIDERS: Readonly<Record<string, AnchorProvider>> = CLINICAL_ANCHORS;

const BUILT_IN_ANCHORS = ['T_scr', 'D1', 'T_icu', 'T_hosp'];

/** Symbol names per domain. */
export const RULE_SYMBOLS: Readonly<Record<SymbolDomain, ReadonlySet<string>>> = {
  condition_set: CLINICAL_SYMBOLS.condition_set,
  medication_class: CLINICAL_SYMBOLS.medication_class,
  procedure_kind: CLINICAL_SYMBOLS.procedure_kind,
  allergen_set: CLINICAL_SYMBOLS.allergen_set,
  sex: new Set(['male', 'female']),
  coded_result: new Set(['positive', 'negative']),
  stratum: new Set(),
  series: new Set(),
};

// Built once: a protocol compiles an environment per definition, and the library never changes.
const FUNCTIONS_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(RULE_FUNCTIONS.map((f) => [f.name, f]));
const ANCHOR_NAMES: ReadonlySet<string> = new Set([...BUILT_IN_ANCHORS, ...Object.keys(ANCHOR_PROVIDERS)]);

/**
 * The environment a protocol's rules are checked in: the library plus the protocol's own parameters
 * (converted to canonical units; durations to ms) and definitions.
 * @throws Error naming the parameter when its unit is not UCUM.
 */
export function ruleEnvironment(
  parameters: Readonly<Record<string, { readonly value: number; readonly unit: string }>>,
  definitions: ReadonlyMap<string, RuleDefinition> = new Map(),
  extraSymbols: Partial<Record<SymbolDomain, readonly string[]>> = {},
): CompileEnv {
  const params = new Map<string, RuleParameter>();
  for (const [name, p] of Object.entries(parameters)) params.set(name, canonicalParameter(name, p));
  const symbols: Record<SymbolDomain, ReadonlySet<string>> = { ...RULE_SYMBOLS };
  for (const [domain, names] of Object.entries(extraSymbols)) {
    const d = domain as SymbolDomain; // keys of a Partial<Record<SymbolDomain, ...>>
    symbols[d] = new Set([...RULE_SYMBOLS[d], ...names]);
  }
  return {
    functions: FUNCTIONS_BY_NAME,
    anchors: ANCHOR_NAMES,
    symbols,
    parameters: params,
    definitions,
  };
}

const TIME_UNITS = new Set(['a', 'mo', 'wk', 'd', 'h', 'min', 's', 'ms']);

/** A parameter in canonical form: durations in ms (unit `ms`), other units as written. */
export function canonicalParameter(
  name: string,
  p: { readonly value: number; readonly unit: string },
): RuleParameter {
  if (TIME_UNITS.has(p.unit)) {
    const ms = convertUcum(p.value, p.unit, 'ms');
    if (ms === undefined) throw new Error(`parameter ${name}: "${p.unit}" is not a time unit`);
    return { value: ms, unit: 'ms' };
  }
  if (p.unit !== '1' && !isUcumUnit(p.unit)) {
    throw new Error(`parameter ${name}: "${p.unit}" is not a UCUM unit`);
  }
  return { value: p.value, unit: p.unit };
}
