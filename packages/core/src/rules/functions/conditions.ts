import {
  type ConditionSetName,
  CONDITION_SETS,
  conditionSetsOf,
  displayIcd10,
  isConditionSetName,
} from '../../codesets/icd10-sets.js';
import { TrialError } from '../../errors.js';
import { and3, type Kleene } from '../../kleene.js';
import type { Instant } from '../../time/duration.js';
import type { ConditionRecord } from '../../timeline/types.js';
import type { CompiledArgs, EvalContext, FunctionSpec } from '../types.js';
import {
  anyOf,
  type ClinicalWindow,
  dateText,
  exactArg,
  overlaps,
  recordEvidence,
  symbolsArg,
  windowArg,
  withinWindow,
} from './clinical-args.js';

/** Condition time (FHIR-PROFILE.md §6): onsetDateTime, else recordedDate. */
export function conditionTime(c: ConditionRecord): Instant | undefined {
  return c.onset ?? c.recorded;
}

/**
 * Active at `at` (FHIR-PROFILE.md §6): clinicalStatus active, recurrence or relapse (absent = active), and
 * not abated at or before `at`.
 */
export function conditionActiveAt(c: ConditionRecord, at: Instant): boolean {
  return c.active && (c.abatement === undefined || c.abatement > at);
}

/** The first of `sets` that contains the condition's code, if any. */
export function matchingSet(
  c: ConditionRecord,
  sets: readonly ConditionSetName[],
): ConditionSetName | undefined {
  const member = conditionSetsOf(c.system, c.code);
  return sets.find((s) => member.has(s));
}

type Status = 'any' | 'active' | 'active_or_abated_within';

function describe(c: ConditionRecord, set: ConditionSetName | undefined, at: Instant): string {
  const label = set === undefined ? 'condition' : CONDITION_SETS[set].label;
  const time = conditionTime(c);
  const state = conditionActiveAt(c, at)
    ? 'active '
    : c.abatement !== undefined
      ? `abated ${dateText(c.abatement)}: `
      : 'inactive (no abatement date): ';
  const when =
    time === undefined
      ? 'no onset or recorded date'
      : `${c.onset !== undefined ? 'onset' : 'recorded'} ${dateText(time)}`;
  return `${state}${label} ${displayIcd10(c.code)} (${c.ref}, ${when})`;
}

function statusValue(c: ConditionRecord, status: Status, at: Instant, within: number | undefined): Kleene {
  if (status === 'any') return 'met';
  if (conditionActiveAt(c, at)) return 'met';
  if (status === 'active') return 'not_met';
  if (c.abatement === undefined) return 'unknown'; // inactive without an abatement date (INFINITY E2)
  if (within === undefined) return 'unknown';
  return at - c.abatement < within ? 'met' : 'not_met';
}

function timeValue(c: ConditionRecord, w: ClinicalWindow | undefined): Kleene {
  if (!w) return 'met';
  const time = conditionTime(c);
  if (time === undefined) return 'unknown';
  return overlaps({ start: time, end: time }, w) ? 'met' : 'not_met';
}

function compileCondition(fn: string, status: Status, args: CompiledArgs) {
  const sets = symbolsArg(args, 'sets', isConditionSetName, fn);
  if (args.values.has('timed') && args.values.has('onset')) {
    throw new TrialError('rule.argument', `${fn}: give timed: or onset: (the same window), not both`);
  }
  const windowName = args.values.has('onset') ? 'onset' : 'timed';
  const window = args.values.has(windowName) ? windowArg(args, windowName) : undefined;
  const withinArg = exactArg(args, 'active_or_abated_within');
  const effective: Status = status === 'any' && withinArg ? 'active_or_abated_within' : status;
  const names = sets.map((s) => CONDITION_SETS[s].label).join(' or ');
  // The patient's conditions of these sets depend on the view alone: found once per patient and instant.
  const candidatesKey = `conditions:${sets.join(',')}`;
  return (ctx: EvalContext) => {
    const at = ctx.at;
    const w = window?.(ctx);
    const within = withinArg?.(ctx);
    const candidates = ctx.memo(candidatesKey, () =>
      ctx.conditions.filter((c) => matchingSet(c, sets) !== undefined),
    );
    const o = anyOf(
      candidates,
      (c) => and3(statusValue(c, effective, at, within), timeValue(c, w)),
      (c) => recordEvidence(c.ref, displayIcd10(c.code), undefined, conditionTime(c)),
      (c) => {
        const text = describe(c, matchingSet(c, sets), at);
        return w && timeValue(c, w) === 'not_met' ? `${text}, outside ${w.text()}` : text;
      },
      () =>
        `no ${effective === 'active' ? 'active ' : ''}${names} condition${w ? ` timed ${w.inText()}` : ''}`,
    );
    return w ? withinWindow(w, o) : o;
  };
}

const SETS_PARAM = {
  name: 'sets',
  kind: { symbol: 'condition_set' },
  positional: true,
  variadic: true,
} as const;
const TIMED_PARAMS = [
  { name: 'timed', kind: 'window', optional: true },
  { name: 'onset', kind: 'window', optional: true },
] as const;

/**
 * `condition(set, ..., timed: W, active_or_abated_within: D)`: a Condition of one of the sets, in any
 * clinical status (closed world: none -> not_met). `timed:` (or its synonym `onset:`) restricts the
 * condition's time (onset, else recorded date) to W; no time -> unknown. `active_or_abated_within: D`
 * keeps conditions active at T_scr or abated less than D before it; inactive without an abatement date ->
 * unknown. Example (INFINITY E2): `condition(solid_cancer, haematological_malignancy, active_or_abated_within: 5 years)`.
 */
export const conditionFunction: FunctionSpec = {
  name: 'condition',
  summary:
    'a diagnosis of a condition set, in any status (or active or abated within a duration), optionally timed in a window',
  params: [
    SETS_PARAM,
    ...TIMED_PARAMS,
    { name: 'active_or_abated_within', kind: 'duration', optional: true },
  ],
  returns: () => ({ t: 'bool' }),
  compile: (args) => compileCondition('condition', 'any', args),
};

/**
 * `active_condition(set, ..., timed: W)`: a Condition of one of the sets active at T_scr (clinicalStatus
 * active, recurrence or relapse, absent = active; not abated at or before T_scr). Example (PLATINIUM E7):
 * `active_condition(tbi, spinal_cord_injury)`; (PLATINIUM E12): `active_condition(acute_ecg_event, timed: [T_scr - 72 h, T_scr])`.
 */
export const activeConditionFunction: FunctionSpec = {
  name: 'active_condition',
  summary: 'a diagnosis of a condition set active at screening, optionally timed in a window',
  params: [SETS_PARAM, ...TIMED_PARAMS],
  returns: () => ({ t: 'bool' }),
  compile: (args) => compileCondition('active_condition', 'active', args),
};
