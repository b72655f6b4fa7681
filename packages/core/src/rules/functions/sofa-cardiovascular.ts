import { sofaMapPoints } from '../../scores/sofa-components.js';
import { formatNumber } from '../outcome.js';
import type { EvalContext, Evidence } from '../types.js';
import { recordEvidence } from './clinical-args.js';
import type { ScoreWindow } from './score-helpers.js';
import type { DrugSpans } from './sofa-catecholamines.js';
import {
  type Catecholamine,
  CATECHOLAMINES,
  drugSpans,
  type Level,
  overlapsWindow,
  type RateSpan,
  sustainedLevel,
} from './sofa-catecholamines.js';
import type { SofaInputs } from './sofa-series.js';
import { PointsColumns } from './worst-index.js';
import { LOWER_IS_WORSE, organWithoutData, type OrganPoints, resultOrgan } from './sofa-organs.js';

export { MIN_CATECHOLAMINE_RUN_MS } from './sofa-catecholamines.js';

const MAP = new PointsColumns({ points: sofaMapPoints, severity: LOWER_IS_WORSE });

/** The evidence of the administrations at the deciding rate, those overlapping W first; at most three. */
function decidingEvidence(level: Level, w: ScoreWindow): Evidence[] {
  // Two plain passes instead of filtered copies: every window citing a catecholamine builds this.
  const out: Evidence[] = [];
  for (const s of level.members) {
    if ((s.rate ?? level.rate) !== level.rate || !overlapsWindow(s.start, s.end, w)) continue;
    out.push(spanEvidence(s));
    if (out.length === 3) return out;
  }
  if (out.length > 0) return out;
  for (const s of level.members) {
    if ((s.rate ?? level.rate) !== level.rate) continue;
    out.push(spanEvidence(s));
    if (out.length === 3) return out;
  }
  return out;
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
    return this.#deciding ? decidingEvidence(this.#deciding, this.#w) : [];
  }

  detail(): string {
    return `${this.#drug.label} ${this.#rate === undefined ? 'rate unknown' : formatNumber(this.#rate)}`;
  }
}

function drugPoints(drug: Catecholamine, d: DrugSpans, w: ScoreWindow): DrugPoints | undefined {
  const low = sustainedLevel(drug, d, Number.MIN_VALUE, w);
  const high = d.unknown ? sustainedLevel(drug, d, Number.MAX_VALUE, w) : low;
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
    if (this.#evidence === undefined) {
      const evidence: Evidence[] = [];
      for (const p of this.#parts) {
        if (p.lo === this.lo || p.hi === this.hi) for (const e of p.evidence) evidence.push(e);
      }
      this.#evidence = evidence;
    }
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
export function sofaCardiovascular(ctx: EvalContext, w: ScoreWindow, inputs?: SofaInputs): OrganPoints {
  const map = resultOrgan(ctx, w, 'map', 'MAP', MAP, inputs);
  const parts: PartPoints[] = [];
  if (map.hasData) parts.push(map);
  const tables = drugSpans(ctx);
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
