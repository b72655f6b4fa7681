import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { VASOPRESSOR_ATC } from '../../codesets/medication-codes.js';
import { type SofaCatecholamine, sofaCatecholaminePoints } from '../../scores/sofa-components.js';
import { HOUR_MS, type Instant } from '../../time/duration.js';
import type { MedicationRecord } from '../../timeline/types.js';
import { formatNumber } from '../outcome.js';
import type { EvalContext } from '../types.js';
import { medicationSpan, recordEvidence } from './clinical-args.js';
import { pointsOrUndefined, type ScoreWindow } from './score-helpers.js';
import { MIN_CATECHOLAMINE_RUN_MS, sofaCardiovascular } from './sofa-cardiovascular.js';
import { infusion, screen, T_ICU, timeline } from './test-timeline.js';

/**
 * The catecholamine part of SOFA cardiovascular, written plainly as FHIR-PROFILE.md §8 defines it and as it
 * was computed per window before the level tables: for each window, the stretches at the lowest positive
 * rate that qualify (>= 1 h, overlapping W), then each rate of their members from the highest, the first
 * stretch at that rate that qualifies.
 */

const DRUGS: readonly { atc: string; label: string; drug: SofaCatecholamine }[] = [
  { atc: VASOPRESSOR_ATC.norepinephrine, label: 'NE', drug: 'norepinephrine' },
  { atc: VASOPRESSOR_ATC.epinephrine, label: 'epinephrine', drug: 'epinephrine' },
  { atc: VASOPRESSOR_ATC.dopamine, label: 'dopamine', drug: 'dopamine' },
  { atc: VASOPRESSOR_ATC.dobutamine, label: 'dobutamine', drug: 'dobutamine' },
];

interface Span {
  start: Instant;
  end: Instant;
  rate: number | undefined;
  record: MedicationRecord;
}

function overlaps(start: Instant, end: Instant, w: ScoreWindow): boolean {
  return end > w.from && (w.closedEnd ? start <= w.to : start < w.to);
}

function qualifies(start: Instant, end: Instant, w: ScoreWindow): boolean {
  return end - start >= MIN_CATECHOLAMINE_RUN_MS && overlaps(start, end, w);
}

function stretches(spans: readonly Span[], unknownRate: number, r: number, w: ScoreWindow): Span[][] {
  const out: Span[][] = [];
  let members: Span[] = [];
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

function sustained(
  spans: readonly Span[],
  w: ScoreWindow,
  unknownRate: number,
): { rate: number; members: Span[] } | undefined {
  const outer = stretches(spans, unknownRate, Number.MIN_VALUE, w);
  const rates = [...new Set(outer.flat().map((s) => s.rate ?? unknownRate))].sort((a, b) => b - a);
  for (const r of rates) {
    for (const members of outer) {
      const inner = stretches(members, unknownRate, r, w)[0];
      if (inner) return { rate: r, members: inner };
    }
  }
  return undefined;
}

/** Each catecholamine's points, evidence and text over W, by the definition. */
function byDefinition(ctx: EvalContext, w: ScoreWindow): unknown[] {
  const out: unknown[] = [];
  for (const drug of DRUGS) {
    const spans = ctx.medications
      .filter((m) => !m.isInstant && m.atc === drug.atc)
      .map((record) => ({
        ...medicationSpan(record, ctx.at),
        rate: record.rate?.unit === 'ug/kg/min' ? record.rate.value : undefined,
        record,
      }))
      .sort((a, b) => a.start - b.start);
    if (spans.length === 0) continue;
    const low = sustained(spans, w, Number.MIN_VALUE);
    const high = spans.some((s) => s.rate === undefined) ? sustained(spans, w, Number.MAX_VALUE) : low;
    const points = (l: { rate: number } | undefined): number =>
      l ? (pointsOrUndefined(() => sofaCatecholaminePoints(drug.drug, l.rate)) ?? 0) : 0;
    const lo = points(low);
    const hi = points(high);
    if (hi === 0) continue;
    const deciding = low ?? high;
    const atRate = deciding
      ? deciding.members.filter((s) => (s.rate ?? deciding.rate) === deciding.rate)
      : [];
    const inW = atRate.filter((s) => overlaps(s.start, s.end, w));
    const evidence = (inW.length > 0 ? inW : atRate)
      .slice(0, 3)
      .map((s) => recordEvidence(s.record.ref, s.record.rate?.value, s.record.rate?.unit, s.record.start));
    const rate = lo === hi && low && low.rate > Number.MIN_VALUE ? low.rate : undefined;
    out.push({
      lo,
      hi,
      evidence,
      detail: `${drug.label} ${rate === undefined ? 'rate unknown' : formatNumber(rate)}`,
    });
  }
  return out;
}

const administration = fc
  .record({
    drug: fc.constantFrom(...DRUGS),
    start: fc.integer({ min: -20, max: 60 }),
    minutes: fc.option(fc.constantFrom(0, 30, 59, 60, 61, 120, 300, 900), { nil: undefined }),
    rate: fc.option(fc.constantFrom(0, 0.05, 0.1, 0.11, 0.3, 2, 5, 6, 15, 16, NaN, Infinity), {
      nil: undefined,
    }),
    id: fc.nat(1000),
  })
  .map((a) =>
    infusion(
      a.drug.atc,
      T_ICU + a.start * HOUR_MS,
      a.minutes === undefined ? undefined : T_ICU + a.start * HOUR_MS + a.minutes * 60_000,
      a.rate,
      { id: `m${a.id}` },
    ),
  );

const windowArb = fc
  .record({
    from: fc.integer({ min: -24, max: 72 }),
    hours: fc.integer({ min: -24, max: 48 }),
    closedEnd: fc.boolean(),
  })
  .map((w) => ({
    from: T_ICU + w.from * HOUR_MS,
    to: T_ICU + (w.from + w.hours) * HOUR_MS,
    closedEnd: w.closedEnd,
    text: 'W',
  }));

/** sofaCardiovascular over W (no MAP in these timelines) against the definition. */
function expectDefinition(ctx: EvalContext, w: ScoreWindow): void {
  const parts = byDefinition(ctx, w) as { lo: number; hi: number; evidence: unknown[]; detail: string }[];
  const cv = sofaCardiovascular(ctx, w);
  if (parts.length === 0) {
    expect(cv.hasData).toBe(false);
    return;
  }
  const lo = Math.max(...parts.map((p) => p.lo));
  const hi = Math.max(...parts.map((p) => p.hi));
  const deciding = parts.filter((p) => p.lo === lo || p.hi === hi);
  expect({
    lo: cv.lo,
    hi: cv.hi,
    evidence: JSON.parse(JSON.stringify(cv.evidence)) as unknown,
    detail: cv.detail(),
  }).toEqual({
    lo,
    hi,
    evidence: JSON.parse(JSON.stringify(deciding.flatMap((p) => p.evidence))) as unknown,
    detail: deciding.map((p) => p.detail).join(', '),
  });
}

describe('sofa cardiovascular catecholamines', () => {
  test.prop(
    [
      fc.array(administration, { maxLength: 12 }),
      fc.integer({ min: 1, max: 72 }),
      fc.array(windowArb, { minLength: 1, maxLength: 6 }),
    ],
    { numRuns: 300 },
  )('score every window as the definition, on one view for all windows', (medications, h, windows) => {
    const ctx = screen(timeline({ medications }), T_ICU + h * HOUR_MS);
    for (const w of windows) expectDefinition(ctx, w);
  });

  it('scores an inverted window as the definition: a stretch can cross it while none of its spans does', () => {
    const ne = VASOPRESSOR_ATC.norepinephrine;
    const h = (n: number): number => T_ICU + n * HOUR_MS;
    const ctx = screen(
      timeline({ medications: [infusion(ne, h(0), h(7), 0.05), infusion(ne, h(7), h(12), 0.3)] }),
      h(30),
    );
    expectDefinition(ctx, { from: h(10), to: h(5), closedEnd: false, text: 'W' });
    expect(sofaCardiovascular(ctx, { from: h(10), to: h(5), closedEnd: false, text: 'W' }).lo).toBe(3);
  });
});
