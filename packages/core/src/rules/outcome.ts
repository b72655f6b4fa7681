import type { Kleene } from '../kleene.js';
import type { Instant } from '../time/duration.js';
import type { ObservationRecord } from '../timeline/types.js';
import { VARIABLES } from '../variables/registry.js';
import type { CompareOp } from './ast.js';
import type { BoolOutcome, Evidence, NumberOutcome } from './types.js';

/** An instant as ISO-8601 UTC without milliseconds. */
export function isoTime(t: Instant): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** Formats a number for a reason line: integers as is, others to 4 significant digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/**
 * Evidence for one observation: its reference, canonical value and unit, and time. The time is written
 * only when read (JSON.stringify reads it): most evidence of a large screening is never printed. It is an
 * own enumerable accessor with one shared getter (see LazyCriterionResult for why not an object literal).
 */
class ObservationEvidence implements Evidence {
  // Declared without emitting fields: the constructor assigns them, in the order JSON writes them.
  declare reference: string;
  declare value?: number | string;
  declare unit?: string;
  #at: Instant;
  #time: string | undefined;

  constructor(o: ObservationRecord) {
    const unit = VARIABLES[o.variable].displayUnit;
    const value = o.value ?? o.coded;
    this.#at = o.time;
    this.#time = undefined;
    this.reference = o.ref;
    if (value !== undefined) {
      this.value = value;
      if (unit) this.unit = unit;
    }
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
  ...Object.getOwnPropertyDescriptor(ObservationEvidence.prototype, 'time'),
  enumerable: true,
};

export function observationEvidence(o: ObservationRecord): Evidence {
  return new ObservationEvidence(o);
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
