import { TrialError } from '../../errors.js';
import type { Kleene } from '../../kleene.js';
import type { Instant } from '../../time/duration.js';
import { type MedicationClassName, medicationInClass } from '../../codesets/medication-classes.js';
import type { MedicationRecord, ProcedureRecord } from '../../timeline/types.js';
import { boolOutcome, isoTime, timedEvidence } from '../outcome.js';
import type { BoolOutcome, CompiledArgs, EvalContext, Evidence } from '../types.js';

/**
 * Argument helpers shared by the clinical event functions (conditions, medications, procedures,
 * allergies, corticosteroids, vasopressors).
 */

/** A time span [start, end] (both ends included; an instant has start = end). */
export interface Span {
  readonly start: Instant;
  readonly end: Instant;
}

/**
 * A window for one patient. An end that the data cannot place (an unknown anchor) is replaced by the widest
 * possible value, and `known` is false: a search over the widest window that finds nothing is not_met for
 * every possible window, while a find is only `unknown`.
 */
export interface ClinicalWindow {
  readonly from: Instant;
  readonly to: Instant;
  readonly closedEnd: boolean;
  readonly known: boolean;
  /** The window as written (`[T_scr - 30 d, T_scr]`), or `any time before screening` by default. */
  readonly text: () => string;
  /** `in [T_scr - 30 d, T_scr]`, or `before screening` by default: for reasons. */
  readonly inText: () => string;
}

/** Symbols of a symbol parameter, checked against a domain's names at compile time. @throws TrialError */
export function symbolsArg<N extends string>(
  args: CompiledArgs,
  param: string,
  isName: (s: string) => s is N,
  fn: string,
): readonly N[] {
  const raw = args.symbols.get(param) ?? [];
  if (raw.length === 0) throw new TrialError('rule.argument', `${fn}: missing ${param}`);
  const out: N[] = [];
  for (const s of raw) {
    if (!isName(s)) throw new TrialError('rule.argument', `${fn}: "${s}" is not a known ${param}`);
    out.push(s);
  }
  return out;
}

/** Resolves window argument `param`; absent -> everything up to T_scr. */
export function windowArg(args: CompiledArgs, param: string): (ctx: EvalContext) => ClinicalWindow {
  const run = args.values.get(param);
  return (ctx) => {
    if (!run) {
      return {
        from: -Infinity,
        to: ctx.at,
        closedEnd: true,
        known: true,
        text() {
          return 'any time before screening';
        },
        inText() {
          return 'before screening';
        },
      };
    }
    const o = run(ctx);
    if (o.kind !== 'window')
      throw new TrialError('rule.internal', `argument ${param} evaluated to ${o.kind}, expected a window`);
    const known = o.from !== undefined && o.to !== undefined;
    return {
      from: o.from ?? -Infinity,
      to: Math.min(o.to ?? Infinity, ctx.at),
      // a window reaching past T_scr is cut there, and T_scr itself is seen
      closedEnd: o.to === undefined || o.to > ctx.at ? true : o.closedEnd,
      known,
      text() {
        return o.reason();
      },
      inText() {
        return `in ${o.reason()}`;
      },
    };
  };
}

/** True when the span meets the window (touching counts). */
export function overlaps(span: Span, w: ClinicalWindow): boolean {
  return span.end >= w.from && (w.closedEnd ? span.start <= w.to : span.start < w.to);
}

/** An instant argument, or undefined when absent; `t` undefined when the data cannot place it. */
export function instantArg(
  args: CompiledArgs,
  param: string,
):
  | ((ctx: EvalContext) => { t: Instant | undefined; text: () => string; evidence: readonly Evidence[] })
  | undefined {
  const run = args.values.get(param);
  if (!run) return undefined;
  return (ctx) => {
    const o = run(ctx);
    if (o.kind !== 'instant')
      throw new TrialError('rule.internal', `argument ${param} evaluated to ${o.kind}, expected a time`);
    return {
      t: o.t,
      text() {
        return o.reason();
      },
      evidence: o.evidence,
    };
  };
}

/** A number or duration argument (literal known at load, or evaluated); undefined when not exact. */
export function exactArg(
  args: CompiledArgs,
  param: string,
): ((ctx: EvalContext) => number | undefined) | undefined {
  const constant = args.constants.get(param);
  if (constant !== undefined) return () => constant;
  const run = args.values.get(param);
  if (!run) return undefined;
  return (ctx) => {
    const o = run(ctx);
    if ((o.kind === 'number' || o.kind === 'duration') && o.lo === o.hi && Number.isFinite(o.lo)) return o.lo;
    return undefined;
  };
}

/** A required number or duration argument. @throws TrialError when absent */
export function requiredExactArg(
  args: CompiledArgs,
  param: string,
  fn: string,
): (ctx: EvalContext) => number | undefined {
  const a = exactArg(args, param);
  if (!a) throw new TrialError('rule.argument', `${fn}: missing argument "${param}:"`);
  return a;
}

/** A condition argument (`count_in_episode: ...`), or undefined when absent. */
export function boolArg(args: CompiledArgs, param: string): ((ctx: EvalContext) => Kleene) | undefined {
  const run = args.values.get(param);
  if (!run) return undefined;
  return (ctx) => {
    const o = run(ctx);
    if (o.kind !== 'bool')
      throw new TrialError('rule.internal', `argument ${param} evaluated to ${o.kind}, expected a condition`);
    return o.value;
  };
}

/**
 * Exactly one of two alternative threshold parameters (`above` in mg/d or `above_per_kg` in mg/kg/d).
 * @throws TrialError when neither or both are given
 */
export function oneOf(
  args: CompiledArgs,
  a: string,
  b: string,
  fn: string,
): {
  readonly name: string;
  readonly perKg: boolean;
  readonly value: (ctx: EvalContext) => number | undefined;
} {
  const va = exactArg(args, a);
  const vb = exactArg(args, b);
  if (va && vb) throw new TrialError('rule.argument', `${fn}: give either ${a}: or ${b}:, not both`);
  if (va) return { name: a, perKg: false, value: va };
  if (vb) return { name: b, perKg: true, value: vb };
  throw new TrialError('rule.argument', `${fn}: missing threshold: give ${a}: or ${b}:`);
}

/**
 * Applies an unknown window to a decision made over the widest window: not_met stays not_met (nothing
 * anywhere), met becomes unknown (the real window might exclude it).
 */
export function withinWindow(w: ClinicalWindow, o: BoolOutcome): BoolOutcome {
  if (w.known || o.value !== 'met') return o;
  return boolOutcome(
    'unknown',
    o.evidence,
    () => `${o.reason()}, but the window ${w.text()} cannot be placed`,
  );
}

/** The exposure span of a medication (FHIR-PROFILE.md §5): period with open end -> T_scr, or the instant. Cut at T_scr. */
export function medicationSpan(m: MedicationRecord, at: Instant): Span {
  if (m.isInstant) return { start: m.start, end: m.start };
  return { start: m.start, end: Math.min(m.end ?? at, at) };
}

/**
 * The span of a procedure: [start, end]; without an end, running to T_scr when `in-progress`, else the
 * instant of its start. Cut at T_scr.
 */
export function procedureSpan(p: ProcedureRecord, at: Instant): Span {
  const end = p.end ?? (p.inProgress ? at : p.start);
  return { start: p.start, end: Math.min(end, at) };
}

/** Evidence citing a record, with an optional value, unit and time. */
export function recordEvidence(
  reference: string,
  value?: number | string,
  unit?: string,
  time?: Instant,
): Evidence {
  return timedEvidence(reference, value, unit, time);
}

/** Local date part of an ISO instant for reasons: `2026-03-10`. */
export function dateText(t: Instant): string {
  return isoTime(t).slice(0, 10);
}

/** Lists the first few items and how many more. @example listText(['a', 'b', 'c', 'd'], 2) // => 'a; b; and 2 more' */
export function listText(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join('; ');
  return `${items.slice(0, max).join('; ')}; and ${items.length - max} more`;
}

/**
 * Folds per-record Kleene decisions with `or`: met if any is met, else unknown if any is unknown, else
 * not_met; the evidence and reason come from the records with the deciding value.
 */
export function anyOf<T>(
  items: readonly T[],
  decide: (item: T) => Kleene,
  evidence: (item: T) => Evidence,
  describe: (item: T) => string,
  none: () => string,
): BoolOutcome {
  // Most patients have no record of the kind asked: nothing to fold.
  if (items.length === 0) return boolOutcome('not_met', [], none);
  const values: Kleene[] = [];
  let sawMet = false;
  let sawUnknown = false;
  for (const item of items) {
    const v = decide(item);
    values.push(v);
    if (v === 'met') sawMet = true;
    else if (v === 'unknown') sawUnknown = true;
  }
  const value: Kleene = sawMet ? 'met' : sawUnknown ? 'unknown' : 'not_met';
  const deciding: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (values[i] === value && item !== undefined) deciding.push(item);
  }
  if (deciding.length === 0) return boolOutcome('not_met', [], none);
  return boolOutcome(value, deciding.map(evidence), () => listText(deciding.map(describe)));
}

/** The patient's medications of one class at T_scr (memoised per context: several criteria ask the same). */
export function medicationsOfClass(ctx: EvalContext, cls: MedicationClassName): readonly MedicationRecord[] {
  const inClass = ctx.medicationsInClass;
  if (inClass !== undefined) return ctx.memo(medicationKey(cls), () => inClass(cls));
  return ctx.memo(medicationKey(cls), () => ctx.medications.filter((m) => medicationInClass(cls, m)));
}

// One key string per class, so that each memo lookup hashes a string seen before.
const MEDICATION_KEYS = new Map<MedicationClassName, string>();

function medicationKey(cls: MedicationClassName): string {
  let key = MEDICATION_KEYS.get(cls);
  if (key === undefined) {
    key = `clinical:medications:${cls}`;
    MEDICATION_KEYS.set(cls, key);
  }
  return key;
}
