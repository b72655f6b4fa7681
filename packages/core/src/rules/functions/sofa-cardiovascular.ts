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
import { pointsOrUndefined, type ScoreWindow } from './score-helpers.js';
import { PointsColumns } from './worst-index.js';
import { LOWER_IS_WORSE, organWithoutData, type OrganPoints, resultOrgan } from './sofa-organs.js';

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

const MAP = new PointsColumns({ points: sofaMapPoints, severity: LOWER_IS_WORSE });

const CATECHOLAMINE_ATC: ReadonlySet<string> = new Set(CATECHOLAMINES.map((c) => c.atc));

interface RateSpan {
  readonly start: Instant;
  readonly end: Instant;
  /** µg/kg/min; undefined when the administration carries no rate in µg/kg/min. */
  readonly rate: number | undefined;
  readonly record: MedicationRecord;
  /** Its evidence, built when first cited: the spans are the view's, cited by several windows. */
  evidence: Evidence | undefined;
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
      list.push({ start, end, rate, record, evidence: undefined });
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

/** A stretch of administrations at some level: joined spans, the first to the last. */
interface Stretch extends Level {
  readonly start: Instant;
  readonly end: Instant;
}

/** Stretches of the spans (sorted by start) with rate >= r, touching ones joined; `unknownRate` for none. */
function stretchesAt(spans: readonly RateSpan[], unknownRate: number, r: number): Stretch[] {
  const out: Stretch[] = [];
  let members: RateSpan[] = [];
  let start = -Infinity;
  let end = -Infinity;
  for (const s of spans) {
    if (!((s.rate ?? unknownRate) >= r)) continue;
    if (s.start > end) {
      if (members.length > 0) out.push({ rate: r, members, start, end });
      members = [];
      start = s.start;
      end = s.end;
    }
    members.push(s);
    end = Math.max(end, s.end);
  }
  if (members.length > 0) out.push({ rate: r, members, start, end });
  return out;
}

/**
 * A drug's stretches at each rate it ran at, highest rate first, and that rate's points: what every window
 * of a view reads (the spans are cut at T_scr, so once per view, not per window).
 */
interface LevelTable {
  readonly byRate: readonly (readonly Stretch[])[];
  readonly points: readonly number[];
}

function levelTable(drug: Catecholamine, spans: readonly RateSpan[], unknownRate: number): LevelTable {
  const rates: number[] = [];
  for (const s of spans) {
    const r = s.rate ?? unknownRate;
    if (r >= Number.MIN_VALUE && !rates.includes(r)) rates.push(r);
  }
  rates.sort((a, b) => b - a);
  return {
    byRate: rates.map((r) => stretchesAt(spans, unknownRate, r)),
    points: rates.map((r) => pointsOrUndefined(() => sofaCatecholaminePoints(drug.drug, r)) ?? 0),
  };
}

/**
 * The highest rate r such that the drug ran at r or more without a gap for at least 1 h, in a stretch that
 * overlaps W (touching administrations join: a rate change is a new resource, FHIR-PROFILE.md §5), with the
 * first such stretch; and the points of r (0 when none). An administration without a usable rate counts as
 * the table's unknown rate. Every qualifying stretch at a rate r lies in a qualifying stretch at the lowest
 * positive rate, whose rates include the lowest rate of its members: the highest rate of the table with a
 * qualifying stretch is the answer, as when searching only the rates of the stretches that overlap W.
 */
function sustainedLevel(table: LevelTable, w: ScoreWindow): { level: Level | undefined; points: number } {
  for (let k = 0; k < table.byRate.length; k++) {
    for (const stretch of table.byRate[k] ?? []) {
      if (qualifies(stretch.start, stretch.end, w)) return { level: stretch, points: table.points[k] ?? 0 };
    }
  }
  return NO_LEVEL;
}

const NO_LEVEL = { level: undefined, points: 0 };

/** Per catecholamine (in the order of CATECHOLAMINES), its level tables in a view, or undefined if never given. */
interface DrugTables {
  readonly low: LevelTable;
  /** With unknown rates at the highest: only when some administration has no usable rate. */
  readonly high: LevelTable | undefined;
}

function drugTables(ctx: EvalContext): readonly (DrugTables | undefined)[] {
  return ctx.memo('sofa:catecholamine-levels', () => {
    const spans = catecholamineSpans(ctx);
    return CATECHOLAMINES.map((drug) => {
      const list = spans.get(drug.atc);
      if (!list) return undefined;
      // An administration without a rate in µg/kg/min ran at some positive rate: bound it both ways.
      const unknown = list.some((s) => s.rate === undefined);
      return {
        low: levelTable(drug, list, Number.MIN_VALUE),
        high: unknown ? levelTable(drug, list, Number.MAX_VALUE) : undefined,
      };
    });
  });
}

/** The administrations at the deciding rate, those overlapping W first; at most three. */
function decidingSpans(level: Level, w: ScoreWindow): readonly RateSpan[] {
  const atRate = level.members.filter((s) => (s.rate ?? level.rate) === level.rate);
  const inW = atRate.filter((s) => overlapsWindow(s.start, s.end, w));
  return (inW.length > 0 ? inW : atRate).slice(0, 3);
}

function spanEvidence(s: RateSpan): Evidence {
  s.evidence ??= recordEvidence(s.record.ref, s.record.rate?.value, s.record.rate?.unit, s.record.start);
  return s.evidence;
}

/** One part of the cardiovascular points: MAP or one catecholamine. */
interface PartPoints {
  readonly lo: number;
  readonly hi: number;
  readonly evidence: readonly Evidence[];
  detail(): string;
}

/** A catecholamine's points over W; evidence and text built when read. */
class DrugPoints implements PartPoints {
  readonly lo: number;
  readonly hi: number;
  readonly #drug: Catecholamine;
  readonly #deciding: Level | undefined;
  readonly #rate: number | undefined;
  readonly #w: ScoreWindow;

  constructor(
    drug: Catecholamine,
    low: Level | undefined,
    lo: number,
    hi: number,
    deciding: Level | undefined,
    w: ScoreWindow,
  ) {
    this.lo = lo;
    this.hi = hi;
    this.#drug = drug;
    this.#deciding = deciding;
    this.#rate = lo === hi && low && low.rate > Number.MIN_VALUE ? low.rate : undefined;
    this.#w = w;
  }

  get evidence(): readonly Evidence[] {
    return this.#deciding ? decidingSpans(this.#deciding, this.#w).map(spanEvidence) : [];
  }

  detail(): string {
    return `${this.#drug.label} ${this.#rate === undefined ? 'rate unknown' : formatNumber(this.#rate)}`;
  }
}

function drugPoints(drug: Catecholamine, tables: DrugTables, w: ScoreWindow): DrugPoints | undefined {
  const low = sustainedLevel(tables.low, w);
  const high = tables.high ? sustainedLevel(tables.high, w) : low;
  if (high.points === 0) return undefined;
  return new DrugPoints(drug, low.level, low.points, high.points, low.level ?? high.level, w);
}

/** The cardiovascular points of W from its parts; evidence and text (the deciding parts') built when read. */
class CardiovascularPoints implements OrganPoints {
  readonly lo: number;
  readonly hi: number;
  readonly hasData = true;
  readonly #parts: readonly PartPoints[];
  #evidence: readonly Evidence[] | undefined;

  constructor(parts: readonly PartPoints[]) {
    let lo = -Infinity;
    let hi = -Infinity;
    for (const p of parts) {
      lo = Math.max(lo, p.lo);
      hi = Math.max(hi, p.hi);
    }
    this.lo = lo;
    this.hi = hi;
    this.#parts = parts;
  }

  #deciding(): readonly PartPoints[] {
    return this.#parts.filter((p) => p.lo === this.lo || p.hi === this.hi);
  }

  get evidence(): readonly Evidence[] {
    this.#evidence ??= this.#deciding().flatMap((p) => p.evidence);
    return this.#evidence;
  }

  detail(): string {
    return this.#deciding()
      .map((p) => p.detail())
      .join(', ');
  }
}

/**
 * SOFA cardiovascular over W (FHIR-PROFILE.md §8): the higher of the MAP points (lowest MAP in W: < 70 mmHg
 * → 1) and each catecholamine (norepinephrine, epinephrine, dopamine, dobutamine; rates in µg/kg/min)
 * running for at least 1 h in a stretch that overlaps W; vasopressin does not score. An administration
 * without a usable rate bounds its drug between the drug's lowest and highest points.
 */
export function sofaCardiovascular(ctx: EvalContext, w: ScoreWindow): OrganPoints {
  const map = resultOrgan(ctx, w, 'map', 'MAP', MAP);
  const parts: PartPoints[] = [];
  if (map.hasData) parts.push(map);
  const tables = drugTables(ctx);
  for (let d = 0; d < CATECHOLAMINES.length; d++) {
    const drug = CATECHOLAMINES[d];
    const t = tables[d];
    if (drug === undefined || t === undefined) continue;
    const p = drugPoints(drug, t, w);
    if (p) parts.push(p);
  }
  if (parts.length === 0) return organWithoutData('MAP or vasopressor');
  return new CardiovascularPoints(parts);
}
