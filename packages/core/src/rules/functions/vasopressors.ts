import { medicationInClass, type MedicationClassName } from '../../codesets/medication-classes.js';
import type { Kleene } from '../../kleene.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { MedicationRecord } from '../../timeline/types.js';
import { boolOutcome, formatNumber, isoTime } from '../outcome.js';
import type { EvalContext, Evidence, FunctionSpec } from '../types.js';
import { medicationSpan, medicationsOfClass, recordEvidence, requiredExactArg } from './clinical-args.js';

interface Qualifying {
  readonly m: MedicationRecord;
  readonly start: Instant;
  readonly end: Instant;
  readonly value: Kleene;
}

interface Run {
  start: Instant;
  end: Instant;
  records: MedicationRecord[];
}

/** Merges spans that touch or overlap into runs. */
function merge(items: readonly Qualifying[]): Run[] {
  const sorted = [...items].sort((a, b) => a.start - b.start);
  const out: Run[] = [];
  for (const q of sorted) {
    const last = out[out.length - 1];
    if (last && q.start <= last.end) {
      last.end = Math.max(last.end, q.end);
      last.records.push(q.m);
    } else out.push({ start: q.start, end: q.end, records: [q.m] });
  }
  return out;
}

const RATED: readonly { readonly cls: MedicationClassName; readonly param: string }[] = [
  { cls: 'norepinephrine', param: 'norepinephrine_at_least' },
  { cls: 'epinephrine', param: 'epinephrine_at_least' },
  { cls: 'dopamine', param: 'dopamine_at_least' },
];

/** Does one administration qualify? Unknown when its rate (or the threshold) is unknown. */
function qualifies(
  m: MedicationRecord,
  thresholds: ReadonlyMap<MedicationClassName, number | undefined>,
): Kleene {
  if (m.isInstant) return 'not_met';
  if (medicationInClass('vasopressin', m))
    return m.rate === undefined || m.rate.value > 0 ? 'met' : 'not_met';
  for (const { cls } of RATED) {
    if (!medicationInClass(cls, m)) continue;
    const threshold = thresholds.get(cls);
    if (m.rate?.unit !== 'ug/kg/min' || threshold === undefined) return 'unknown';
    return m.rate.value >= threshold ? 'met' : 'not_met';
  }
  return 'not_met';
}

function describeRun(r: Run): string {
  const drugs = [...new Set(r.records.map((m) => m.atc ?? m.rxnorm ?? '?'))].join(', ');
  return `${drugs} from ${isoTime(r.start)} to ${isoTime(r.end)} (${formatNumber((r.end - r.start) / HOUR_MS)} h; ${r.records.map((m) => m.ref).join(', ')})`;
}

/** Evidence: the administrations that make up the first `need` ms of the run (all of it when shorter). */
function runEvidence(r: Run, need: number): Evidence[] {
  return r.records
    .filter((m) => m.start < r.start + need)
    .map((m) => recordEvidence(m.ref, m.rate?.value, m.rate?.unit, m.start));
}

function longest(runs: readonly Run[]): Run | undefined {
  return runs.reduce<Run | undefined>(
    (best, r) => (!best || r.end - r.start > best.end - best.start ? r : best),
    undefined,
  );
}

/**
 * `vasopressor_run(min: D, norepinephrine_at_least: X ug/kg/min, epinephrine_at_least: Y ug/kg/min,
 * dopamine_at_least: Z ug/kg/min)`: before T_scr, a run of at least D without a gap of norepinephrine >= X,
 * epinephrine >= Y, dopamine >= Z, or vasopressin at any rate; touching or overlapping qualifying
 * administrations merge (rates as sent, FHIR-PROFILE.md §5). An administration of unknown rate may qualify
 * (unknown). Example (IRIS-7 I4): `vasopressor_run(min: 4 h, norepinephrine_at_least: 0.05 ug/kg/min,
 * epinephrine_at_least: 0.05 ug/kg/min, dopamine_at_least: dopamine_threshold)`.
 */
export const vasopressorRunFunction: FunctionSpec = {
  name: 'vasopressor_run',
  summary:
    'a continuous vasopressor run of at least a duration at or above per-drug rates (vasopressin at any rate)',
  params: [
    { name: 'min', kind: 'duration' },
    { name: 'norepinephrine_at_least', kind: 'number', unit: 'ug/kg/min' },
    { name: 'epinephrine_at_least', kind: 'number', unit: 'ug/kg/min' },
    { name: 'dopamine_at_least', kind: 'number', unit: 'ug/kg/min' },
  ],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const minRun = requiredExactArg(args, 'min', 'vasopressor_run');
    const thresholdArgs = RATED.map(({ cls, param }) => ({
      cls,
      value: requiredExactArg(args, param, 'vasopressor_run'),
    }));
    return (ctx: EvalContext) => {
      const min = minRun(ctx);
      const thresholds = new Map(thresholdArgs.map(({ cls, value }) => [cls, value(ctx)]));
      const decided: Qualifying[] = medicationsOfClass(ctx, 'vasopressor').map((m) => ({
        m,
        ...medicationSpan(m, ctx.at),
        value: qualifies(m, thresholds),
      }));
      const sure = merge(decided.filter((q) => q.value === 'met'));
      const possible = merge(decided.filter((q) => q.value !== 'not_met'));
      const need = min ?? Infinity;
      const what = `vasopressor run of ${min === undefined ? 'an unknown duration' : `${formatNumber(min / HOUR_MS)} h`}`;
      const best = sure.find((r) => r.end - r.start >= need);
      if (best && min !== undefined)
        return boolOutcome('met', runEvidence(best, need), () => `${what}: ${describeRun(best)}`);
      const maybe = possible.find((r) => r.end - r.start >= (min ?? 0));
      if (maybe) {
        return boolOutcome(
          'unknown',
          runEvidence(maybe, need),
          () => `${what} possible (rate or threshold unknown): ${describeRun(maybe)}`,
        );
      }
      const top = longest(sure);
      return boolOutcome('not_met', top ? runEvidence(top, need) : [], () =>
        top
          ? `no ${what}: longest qualifying run ${describeRun(top)}`
          : `no qualifying vasopressor before screening`,
      );
    };
  },
};
