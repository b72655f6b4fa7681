import { recordAtc } from '../../codesets/medication-classes.js';
import { VASOPRESSOR_ATC } from '../../codesets/medication-codes.js';
import {
  type SofaCatecholamine,
  sofaCatecholaminePoints,
  sofaMapPoints,
} from '../../scores/sofa-components.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { MedicationRecord } from '../../timeline/types.js';
import { formatNumber } from '../outcome.js';
import type { EvalContext, Evidence } from '../types.js';
import { medicationSpan, recordEvidence } from './clinical-args.js';
import { evidenceOf, pointsOrUndefined, type ScoreWindow, valueText } from './score-helpers.js';
import type { Scorer } from './worst-index.js';
import { LOWER_IS_WORSE, organWithoutData, type OrganPoints, worstResult } from './sofa-organs.js';

/** "Catecholamines in µg/kg/min, given for >= 1 h" (DOMAIN.md §7.1; FHIR-PROFILE.md §8). */
export const MIN_CATECHOLAMINE_RUN_MS = HOUR_MS;

interface Catecholamine {
  readonly atc: string;
  readonly label: string;
  readonly drug: SofaCatecholamine;
}

// Vasopressin (H01BA01) does not score in SOFA (FHIR-PROFILE.md §8).
const CATECHOLAMINES: readonly Catecholamine[] = [
  { atc: VASOPRESSOR_ATC.norepinephrine, label: 'NE', drug: 'norepinephrine' },
  { atc: VASOPRESSOR_ATC.epinephrine, label: 'epinephrine', drug: 'epinephrine' },
  { atc: VASOPRESSOR_ATC.dopamine, label: 'dopamine', drug: 'dopamine' },
  { atc: VASOPRESSOR_ATC.dobutamine, label: 'dobutamine', drug: 'dobutamine' },
];

const MAP: Scorer = { points: sofaMapPoints, severity: LOWER_IS_WORSE };

const CATECHOLAMINE_ATC: ReadonlySet<string> = new Set(CATECHOLAMINES.map((c) => c.atc));

interface RateSpan {
  readonly start: Instant;
  readonly end: Instant;
  /** µg/kg/min; undefined when the administration carries no rate in µg/kg/min. */
  readonly rate: number | undefined;
  readonly record: MedicationRecord;
}

interface Level {
  readonly rate: number;
  readonly members: readonly RateSpan[];
}

/** Catecholamine period administrations by ATC code, cut at T_scr and sorted by start; once per patient. */
function catecholamineSpans(ctx: EvalContext): ReadonlyMap<string, readonly RateSpan[]> {
  return ctx.memo('sofa:catecholamine-spans', () => {
    const byAtc = new Map<string, RateSpan[]>();
    for (const record of ctx.medications) {
      if (record.isInstant) continue;
      const atc = recordAtc(record);
      if (atc === undefined || !CATECHOLAMINE_ATC.has(atc)) continue;
      const { start, end } = medicationSpan(record, ctx.at);
      const rate = record.rate?.unit === 'ug/kg/min' ? record.rate.value : undefined;
      const list = byAtc.get(atc) ?? [];
      list.push({ start, end, rate, record });
      byAtc.set(atc, list);
    }
    for (const list of byAtc.values()) list.sort((a, b) => a.start - b.start);
    return byAtc;
  });
}

function overlapsWindow(start: Instant, end: Instant, w: ScoreWindow): boolean {
  return end > w.from && (w.closedEnd ? start <= w.to : start < w.to);
}

function qualifies(start: Instant, end: Instant, w: ScoreWindow): boolean {
  return end - start >= MIN_CATECHOLAMINE_RUN_MS && overlapsWindow(start, end, w);
}

/**
 * Stretches of the spans (sorted by start) with rate >= r, touching ones joined, that qualify in W; a span
 * without a usable rate counts as `unknownRate`.
 */
function stretches(spans: readonly RateSpan[], unknownRate: number, r: number, w: ScoreWindow): RateSpan[][] {
  const out: RateSpan[][] = [];
  let members: RateSpan[] = [];
  let start = -Infinity;
  let end = -Infinity;
  for (const s of spans) {
    if (!((s.rate ?? unknownRate) >= r)) continue;
    if (s.start > end) {
      if (members.length > 0 && qualifies(start, end, w)) out.push(members);
      members = [];
      start = s.start;
      end = s.end;
    }
    members.push(s);
    end = Math.max(end, s.end);
  }
  if (members.length > 0 && qualifies(start, end, w)) out.push(members);
  return out;
}

/**
 * The highest rate r such that the drug ran at r or more without a gap for at least 1 h, in a stretch that
 * overlaps W (touching administrations join: a rate change is a new resource, FHIR-PROFILE.md §5). An
 * administration without a usable rate counts as `unknownRate`.
 */
function sustainedLevel(spans: readonly RateSpan[], w: ScoreWindow, unknownRate: number): Level | undefined {
  // Every stretch at a level r lies inside a stretch at the lowest positive level: start from those.
  const outer = stretches(spans, unknownRate, Number.MIN_VALUE, w);
  if (outer.length === 0) return undefined;
  const rates: number[] = [];
  for (const members of outer) {
    for (const s of members) {
      const r = s.rate ?? unknownRate;
      if (!rates.includes(r)) rates.push(r);
    }
  }
  rates.sort((a, b) => b - a);
  for (const r of rates) {
    for (const members of outer) {
      const inner = stretches(members, unknownRate, r, w)[0];
      if (inner) return { rate: r, members: inner };
    }
  }
  return undefined;
}

/** The administrations at the deciding rate, those overlapping W first; at most three. */
function decidingSpans(level: Level, w: ScoreWindow): readonly RateSpan[] {
  const atRate = level.members.filter((s) => (s.rate ?? level.rate) === level.rate);
  const inW = atRate.filter((s) => overlapsWindow(s.start, s.end, w));
  return (inW.length > 0 ? inW : atRate).slice(0, 3);
}

function spanEvidence(s: RateSpan): Evidence {
  return recordEvidence(s.record.ref, s.record.rate?.value, s.record.rate?.unit, s.record.start);
}

interface DrugPoints {
  readonly lo: number;
  readonly hi: number;
  readonly evidence: readonly Evidence[];
  readonly detail: () => string;
}

function levelPoints(drug: Catecholamine, level: Level | undefined): number {
  return level ? (pointsOrUndefined(() => sofaCatecholaminePoints(drug.drug, level.rate)) ?? 0) : 0;
}

function drugPoints(ctx: EvalContext, drug: Catecholamine, w: ScoreWindow): DrugPoints | undefined {
  const spans = catecholamineSpans(ctx).get(drug.atc);
  if (!spans) return undefined;
  // An administration without a rate in µg/kg/min ran at some positive rate: bound it both ways.
  const low = sustainedLevel(spans, w, Number.MIN_VALUE);
  const high = spans.some((s) => s.rate === undefined) ? sustainedLevel(spans, w, Number.MAX_VALUE) : low;
  const lo = levelPoints(drug, low);
  const hi = levelPoints(drug, high);
  if (hi === 0) return undefined;
  const deciding = low ?? high;
  const evidence = deciding ? decidingSpans(deciding, w).map(spanEvidence) : [];
  const rate = lo === hi && low && low.rate > Number.MIN_VALUE ? low.rate : undefined;
  return {
    lo,
    hi,
    evidence,
    detail() {
      return `${drug.label} ${rate === undefined ? 'rate unknown' : formatNumber(rate)}`;
    },
  };
}

/**
 * SOFA cardiovascular over W (FHIR-PROFILE.md §8): the higher of the MAP points (lowest MAP in W: < 70 mmHg
 * → 1) and each catecholamine (norepinephrine, epinephrine, dopamine, dobutamine; rates in µg/kg/min)
 * running for at least 1 h in a stretch that overlaps W; vasopressin does not score. An administration
 * without a usable rate bounds its drug between the drug's lowest and highest points.
 */
export function sofaCardiovascular(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  const map = worstResult(ctx, 'map', w, MAP);
  const parts: DrugPoints[] = [];
  if (map) {
    parts.push({
      lo: map.points,
      hi: map.points,
      evidence: [evidenceOf(map.item)],
      detail() {
        return `MAP ${valueText(map.item)}`;
      },
    });
  }
  for (const drug of CATECHOLAMINES) {
    const p = drugPoints(ctx, drug, w);
    if (p) parts.push(p);
  }
  if (parts.length === 0) return organWithoutData('MAP or vasopressor');
  const lo = Math.max(...parts.map((p) => p.lo));
  const hi = Math.max(...parts.map((p) => p.hi));
  const deciding = parts.filter((p) => p.lo === lo || p.hi === hi);
  return {
    lo,
    hi,
    hasData: true,
    evidence: deciding.flatMap((p) => p.evidence),
    detail() {
      return deciding.map((p) => p.detail()).join(', ');
    },
  };
}
