import type { Kleene } from '../kleene.js';
import type { Instant } from '../time/duration.js';
import { isoUtc } from '../time/iso-text.js';
import type { ObservationRecord } from '../timeline/types.js';
import { VARIABLES } from '../variables/registry.js';
import type { CompareOp } from './ast.js';
import type { BoolOutcome, Evidence, NumberOutcome } from './types.js';

/** An instant as ISO-8601 UTC without milliseconds. */
export function isoTime(t: Instant): string {
  return isoUtc(t);
}

/** Formats a number for a reason line: integers as is, others to 4 significant digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/**
 * Evidence whose time is written only when read (JSON.stringify reads it): most evidence of a large
 * screening is never printed. `time` is an own enumerable accessor sharing one getter: a getter written in
 * an object literal is a new closure per object, which V8 keeps in dictionary mode (about 700 bytes and
 * 2 µs each, node 20).
 */
class LazyTimeEvidence implements Evidence {
  // Declared without emitting fields: the constructor assigns them, in the order JSON writes them.
  declare reference: string;
  declare value?: number | string | boolean;
  declare unit?: string;
  #at: Instant;
  #time: string | undefined;

  /** `value` and `unit` are left out when undefined. */
  constructor(
    reference: string,
    value: number | string | boolean | undefined,
    unit: string | undefined,
    at: Instant,
  ) {
    this.#at = at;
    this.#time = undefined;
    this.reference = reference;
    if (value !== undefined) this.value = value;
    if (unit !== undefined) this.unit = unit;
    Object.defineProperty(this, 'time', LAZY_TIME);
  }

  /** The getter of every instance's own `time` (see LAZY_TIME). */
  get time(): string {
    this.#time ??= isoTime(this.#at);
    return this.#time;
  }
}

// The class's getter as an own enumerable property of each instance, so that JSON and spreads see `time`.
const LAZY_TIME: PropertyDescriptor = {
  ...Object.getOwnPropertyDescriptor(LazyTimeEvidence.prototype, 'time'),
  enumerable: true,
};

/**
 * Evidence for one observation: its reference, canonical value and unit, and time (written when read).
 */
export function observationEvidence(o: ObservationRecord): Evidence {
  const unit = VARIABLES[o.variable].displayUnit;
  const value = o.value ?? o.coded;
  return new LazyTimeEvidence(o.ref, value, value !== undefined && unit ? unit : undefined, o.time);
}

/**
 * Evidence citing a record: reference, then value and unit when given, then the time (written when read)
 * when it is a finite instant.
 */
export function timedEvidence(
  reference: string,
  value?: number | string,
  unit?: string,
  time?: Instant,
): Evidence {
  if (time !== undefined && Number.isFinite(time)) return new LazyTimeEvidence(reference, value, unit, time);
  // Without a time, a plain object: it has no `time` at all (the class's getter would answer one).
  const untimed: { reference: string; value?: number | string; unit?: string } = { reference };
  if (value !== undefined) untimed.value = value;
  if (unit !== undefined) untimed.unit = unit;
  return untimed;
}

export function boolOutcome(value: Kleene, evidence: readonly Evidence[], reason: () => string): BoolOutcome {
  return { kind: 'bool', value, evidence, reason };
}

export function exactNumber(
  value: number,
  evidence: readonly Evidence[],
  reason: () => string,
): NumberOutcome {
  return { kind: 'number', lo: value, hi: value, evidence, reason };
}

export function unknownNumber(reason: () => string, evidence: readonly Evidence[] = []): NumberOutcome {
  return { kind: 'number', lo: -Infinity, hi: Infinity, evidence, reason };
}

/** Does `x op c` hold for a single known value? */
export function holds(x: number, op: CompareOp, c: number): boolean {
  switch (op) {
    case '<':
      return x < c;
    case '<=':
      return x <= c;
    case '>':
      return x > c;
    case '>=':
      return x >= c;
    case '==':
      return x === c;
    case '!=':
      return x !== c;
  }
}

/**
 * Compares an interval [lo, hi] with an interval [clo, chi]: met when every possible pair satisfies `op`,
 * not_met when none can, else unknown. A partly known score is thereby decided only when its lowest or
 * highest possible value settles the threshold (FHIR-PROFILE.md §8).
 */
export function compareIntervals(lo: number, hi: number, op: CompareOp, clo: number, chi: number): Kleene {
  switch (op) {
    case '<':
      return hi < clo ? 'met' : lo >= chi ? 'not_met' : 'unknown';
    case '<=':
      return hi <= clo ? 'met' : lo > chi ? 'not_met' : 'unknown';
    case '>':
      return lo > chi ? 'met' : hi <= clo ? 'not_met' : 'unknown';
    case '>=':
      return lo >= chi ? 'met' : hi < clo ? 'not_met' : 'unknown';
    case '==':
      return lo === hi && clo === chi && lo === clo ? 'met' : hi < clo || lo > chi ? 'not_met' : 'unknown';
    case '!=':
      return hi < clo || lo > chi ? 'met' : lo === hi && clo === chi && lo === clo ? 'not_met' : 'unknown';
  }
}

/** Human form of an interval value with its unit. */
export function formatInterval(lo: number, hi: number, unit: string): string {
  const u = unit === '1' || unit === '' ? '' : ` ${unit}`;
  if (lo === hi) return `${formatNumber(lo)}${u}`;
  if (lo === -Infinity && hi === Infinity) return 'unknown';
  return `between ${formatNumber(lo)} and ${formatNumber(hi)}${u}`;
}
