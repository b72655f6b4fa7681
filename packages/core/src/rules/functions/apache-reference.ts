/**
 * `apache2_at_screening` as first written, over records with a closure per component: the definition that
 * apache-window.test.ts compares the array scans of apache-components.ts with, on random timelines. Used by
 * tests only (not exported from the package).
 */
import { HOUR_MS } from '../../time/duration.js';
import {
  apacheAaDo2Points,
  apacheAgePoints,
  apacheCreatininePoints,
  apacheGcsPoints,
  apacheHco3Points,
  apacheHeartRatePoints,
  apacheHematocritPoints,
  apacheMapPoints,
  apachePhPoints,
  apachePotassiumPoints,
  apacheRespiratoryRatePoints,
  apacheSodiumPoints,
  apacheTemperaturePoints,
  apacheWbcPoints,
} from '../../scores/apache-ii-components.js';
import { apacheOxygenationPoints, computeAaDo2 } from '../../scores/apache-ii.js';
import { VARIABLES, type VariableId } from '../../variables/registry.js';
import { formatNumber, isoTime } from '../outcome.js';
import type { EvalContext, Evidence, NumberOutcome } from '../types.js';
import { ageAtScreening } from './patient.js';
import {
  activeConditionsIn,
  conditionEvidence,
  evidenceOf,
  numericRange,
  pointsOf,
  pointsOrUndefined,
  pointsText,
  type ScoreWindow,
  valuesIn,
  valueText,
} from './score-helpers.js';
import { pairedFio2 } from './sofa-respiration.js';

/** One APACHE II component over the window: exact, or bounded when its data is missing. */
interface ApacheComponent {
  readonly label: string;
  readonly lo: number;
  readonly hi: number;
  readonly evidence: readonly Evidence[];
  /** The deciding value or why the component is bounded (lazy: only reasons read it). */
  readonly detail: () => string;
}

function missing(label: string, hi: number, why = 'no value'): ApacheComponent {
  return {
    label,
    lo: 0,
    hi,
    evidence: [],
    detail() {
      return why;
    },
  };
}

function unitSuffix(variable: VariableId): string {
  const unit = VARIABLES[variable].displayUnit;
  return unit === '' || unit === 'points' || unit === 'pH' ? '' : ` ${unit}`;
}

/** A component scored by the highest-scoring result of one variable (0–4 when missing). */
function simple(
  ctx: EvalContext,
  w: ScoreWindow,
  label: string,
  variable: VariableId,
  points: (v: number) => number,
  maxPoints = 4,
): ApacheComponent {
  // The first result scoring the most points (a loop over the window's range: this runs for every
  // component of every patient).
  const { records, values, lo, hi } = numericRange(ctx, variable, w.from, w.to, w.closedEnd);
  let found = -1;
  let best = -Infinity;
  for (let i = lo; i < hi; i++) {
    let v: number | undefined = values === undefined ? NaN : (values[i] ?? NaN);
    // NaN: no value, or a value the array cannot tell from none: read the record.
    if (v !== v) v = records[i]?.value;
    if (v === undefined) continue;
    const p = pointsOf(points, v);
    if (p !== undefined && (found < 0 || p > best)) {
      found = i;
      best = p;
    }
  }
  const worst = records[found];
  if (worst === undefined) return missing(label, maxPoints);
  return {
    label,
    lo: best,
    hi: best,
    evidence: [evidenceOf(worst)],
    detail() {
      return `${valueText(worst)}${unitSuffix(variable)}`;
    },
  };
}

interface OxygenationCandidate {
  readonly lo: number;
  readonly hi: number;
  readonly evidence: readonly Evidence[];
  readonly detail: () => string;
}

/**
 * Oxygenation (Knaus et al., 1985; FHIR-PROFILE.md §8): each PaO2 in W with the latest FiO2 at most 2 h
 * earlier; FiO2 >= 0.5 scores A-aDO2 = FiO2 × 713 − PaCO2/0.8 − PaO2 with the PaCO2 of the same sample
 * (without one, A-aDO2 is at most FiO2 × 713 − PaO2: bounded), else the PaO2 scores.
 */
function oxygenation(ctx: EvalContext, w: ScoreWindow): ApacheComponent {
  const found: OxygenationCandidate[] = [];
  for (const pao2 of valuesIn(ctx, 'pao2', w)) {
    const fio2 = pairedFio2(ctx, pao2.time);
    if (pao2.value === undefined || fio2?.value === undefined) continue;
    const f = fio2.value;
    const p = pao2.value;
    const paco2 = ctx.observations('paco2', pao2.time, pao2.time, true).find((o) => o.value !== undefined);
    const evidence = [pao2, fio2, ...(paco2 ? [paco2] : [])].map(evidenceOf);
    if (f < 0.5 || paco2?.value !== undefined) {
      const c = paco2?.value;
      const points = pointsOrUndefined(() =>
        apacheOxygenationPoints({ fio2Fraction: f, pao2MmHg: p, paco2MmHg: c }),
      );
      if (points === undefined) continue;
      const detail = (): string =>
        f < 0.5 || c === undefined
          ? `PaO2 ${formatNumber(p)} at FiO2 ${formatNumber(f)}`
          : `A-aDO2 ${formatNumber(Math.round(computeAaDo2({ fio2Fraction: f, paco2MmHg: c, pao2MmHg: p })))} (FiO2 ${formatNumber(f)}, PaO2 ${formatNumber(p)}, PaCO2 ${formatNumber(c)})`;
      found.push({ lo: points, hi: points, evidence, detail });
    } else {
      // PaCO2/0.8 >= 0 so A-aDO2 <= FiO2 × 713 − PaO2; A-aDO2 points rise with A-aDO2.
      const hi = pointsOrUndefined(() => apacheAaDo2Points(f * 713 - p)) ?? 4;
      found.push({
        lo: 0,
        hi,
        evidence,
        detail() {
          return `A-aDO2 unknown (FiO2 ${formatNumber(f)}, PaO2 ${formatNumber(p)}, no PaCO2 of that sample)`;
        },
      });
    }
  }
  if (found.length === 0) return missing('oxygenation', 4, 'no PaO2 with FiO2');
  const lo = Math.max(...found.map((c) => c.lo));
  const hi = Math.max(...found.map((c) => c.hi));
  const deciding = found.find((c) => c.lo === lo && c.hi === hi) ?? found.find((c) => c.lo === lo);
  return {
    label: 'oxygenation',
    lo,
    hi,
    evidence: deciding?.evidence ?? [],
    detail: deciding?.detail ?? (() => ''),
  };
}

/** Acid–base: the arterial pH when W has one, else the HCO3 (Knaus et al., 1985). */
function acidBase(ctx: EvalContext, w: ScoreWindow): ApacheComponent {
  const ph = simple(ctx, w, 'pH', 'ph', apachePhPoints);
  if (ph.evidence.length > 0) return ph;
  const hco3 = simple(ctx, w, 'HCO3', 'hco3', apacheHco3Points);
  return hco3.evidence.length > 0 ? hco3 : missing('acid-base', 4, 'no pH or HCO3');
}

/** Creatinine points, × 2 (at most 8) with active AKI (condition set `aki`); missing: 0–4, 0–8 with AKI. */
function creatinine(ctx: EvalContext, w: ScoreWindow): ApacheComponent {
  const aki = activeConditionsIn(ctx, ['aki']);
  const arf = aki.length > 0;
  const c = simple(ctx, w, 'creatinine', 'creatinine', (v) => apacheCreatininePoints(v, arf), arf ? 8 : 4);
  const akiEvidence = aki.slice(0, 1).map(conditionEvidence);
  return {
    ...c,
    evidence: [...c.evidence, ...akiEvidence],
    detail() {
      return `${c.detail()}${arf ? ' with AKI (points × 2)' : ''}`;
    },
  };
}

/** Age points at the local date of T_scr; 0–6 without a birth date. */
function age(ctx: EvalContext): ApacheComponent {
  const birth = ctx.patient.birthDate;
  const years = ageAtScreening(ctx);
  const points = years === undefined ? undefined : pointsOrUndefined(() => apacheAgePoints(years));
  if (points === undefined || years === undefined) return missing('age', 6, 'no birth date');
  return {
    label: 'age',
    lo: points,
    hi: points,
    evidence: [{ reference: ctx.patient.ref, value: birth ?? '' }],
    detail() {
      return `${years} y`;
    },
  };
}

/**
 * The fourteen APACHE II components over W from the highest-scoring values (Knaus et al., 1985;
 * FHIR-PROFILE.md §8). Chronic health is not read and adds 0–5; a missing variable adds 0–4 (GCS 0–12,
 * creatinine with AKI 0–8, age 0–6).
 */
function apacheComponents(ctx: EvalContext, w: ScoreWindow): readonly ApacheComponent[] {
  return [
    simple(ctx, w, 'temp', 'temperature', apacheTemperaturePoints),
    simple(ctx, w, 'MAP', 'map', apacheMapPoints),
    simple(ctx, w, 'HR', 'heart_rate', apacheHeartRatePoints),
    simple(ctx, w, 'RR', 'respiratory_rate', apacheRespiratoryRatePoints),
    oxygenation(ctx, w),
    acidBase(ctx, w),
    simple(ctx, w, 'Na', 'sodium', apacheSodiumPoints),
    simple(ctx, w, 'K', 'potassium', apachePotassiumPoints),
    creatinine(ctx, w),
    simple(ctx, w, 'Hct', 'hematocrit', apacheHematocritPoints),
    simple(ctx, w, 'WBC', 'wbc', apacheWbcPoints),
    simple(ctx, w, 'GCS', 'gcs', apacheGcsPoints, 12),
    age(ctx),
    missing('chronic health', 5, 'not read'),
  ];
}

/** "APACHE II at screening" reads the last 24 h (FHIR-PROFILE.md §8). */
const APACHE_WINDOW_MS = 24 * HOUR_MS;

function componentText(c: ApacheComponent): string {
  return `${c.label} ${c.detail()} → ${pointsText(c.lo, c.hi)}`;
}

/** `apache2_at_screening` as first written (the memo aside). */
export function referenceApacheAtScreening(ctx: EvalContext): NumberOutcome {
  const w: ScoreWindow = {
    from: ctx.at - APACHE_WINDOW_MS,
    to: ctx.at,
    closedEnd: true,
    text: 'the last 24 h',
  };
  const recorded = valuesIn(ctx, 'apache2_total', w);
  const latest = recorded[recorded.length - 1];
  if (latest?.value !== undefined) {
    const value = latest.value;
    return {
      kind: 'number',
      lo: value,
      hi: value,
      evidence: [evidenceOf(latest)],
      reason() {
        return `APACHE II ${formatNumber(value)}: recorded total in the last 24 h (${latest.ref}, ${isoTime(latest.time)})`;
      },
    };
  }
  const components = apacheComponents(ctx, w);
  const lo = components.reduce((s, c) => s + c.lo, 0);
  const hi = components.reduce((s, c) => s + c.hi, 0);
  return {
    kind: 'number',
    lo,
    hi,
    evidence: components.flatMap((c) => c.evidence),
    reason() {
      return `APACHE II in the last 24 h ${pointsText(lo, hi)} (${components.map(componentText).join(', ')})`;
    },
  };
}
