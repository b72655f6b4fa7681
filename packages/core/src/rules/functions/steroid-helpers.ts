import type { Kleene } from '../../kleene.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { boolOutcome, formatNumber } from '../outcome.js';
import type { BoolOutcome, EvalContext, Evidence } from '../types.js';
import { recordEvidence } from './clinical-args.js';
import { type DayDose, dailyDoses, steroidExposures } from './steroid-doses.js';

/** Shared pieces of the corticosteroid rule functions: runs of days or segments, evidence and reasons. */

/** Maximal runs of consecutive indices whose value passes `ok`. */
export function runs(values: readonly Kleene[], ok: (v: Kleene) => boolean): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = -1;
  values.forEach((v, i) => {
    if (ok(v)) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      out.push({ from, to: i - 1 });
      from = -1;
    }
  });
  if (from >= 0) out.push({ from, to: values.length - 1 });
  return out;
}

export function evidenceOf(refs: Iterable<string>, weight: ObservationRecord | undefined): Evidence[] {
  const out: Evidence[] = [...new Set(refs)].map((reference) => ({ reference }));
  if (weight?.value !== undefined) out.push(recordEvidence(weight.ref, weight.value, 'kg', weight.time));
  return out;
}

export function thresholdText(value: number, perKg: boolean): string {
  return `${formatNumber(value)} ${perKg ? 'mg/kg/d' : 'mg/d'} prednisone-eq`;
}

export function weightText(perKg: boolean, weight: ObservationRecord | undefined): string {
  if (!perKg) return '';
  return weight?.value === undefined
    ? ', no weight known'
    : `, weight ${formatNumber(weight.value)} kg (${weight.ref})`;
}

export function allDailyDoses(ctx: EvalContext): ReadonlyMap<number, DayDose> {
  return ctx.memo('clinical:steroid-daily-doses', () => dailyDoses(steroidExposures(ctx), ctx.zone));
}

export const NO_STEROID = (): BoolOutcome =>
  boolOutcome('not_met', [], () => 'no systemic corticosteroid recorded');
export const UNKNOWN_ARG = (fn: string): BoolOutcome =>
  boolOutcome('unknown', [], () => `${fn}: a threshold is unknown`);
