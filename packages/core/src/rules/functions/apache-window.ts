import { HOUR_MS } from '../../time/duration.js';
import { formatNumber, isoTime } from '../outcome.js';
import type { EvalContext, Evidence, FunctionSpec, NumberOutcome } from '../types.js';
import type { ApacheComponent } from './apache-component.js';
import { apacheComponents } from './apache-components.js';
import { evidenceOf, pointsText, type ScoreWindow } from './score-helpers.js';
import { seriesRange } from './series-range.js';

/** "APACHE II at screening" reads the last 24 h (FHIR-PROFILE.md §8). */
const APACHE_WINDOW_MS = 24 * HOUR_MS;

function componentText(c: ApacheComponent): string {
  return `${c.label} ${c.detail()} → ${pointsText(c.lo, c.hi)}`;
}

function apacheAtScreening(ctx: EvalContext): NumberOutcome {
  const w: ScoreWindow = {
    from: ctx.at - APACHE_WINDOW_MS,
    to: ctx.at,
    closedEnd: true,
    text: 'the last 24 h',
  };
  const recorded = seriesRange(ctx, 'apache2_total', w.from, w.to, w.closedEnd);
  const latest = recorded.hi > recorded.lo ? recorded.records[recorded.hi - 1] : undefined;
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
  let lo = 0;
  let hi = 0;
  const evidence: Evidence[] = [];
  for (const c of components) {
    lo += c.lo;
    hi += c.hi;
    c.addEvidence(evidence);
  }
  return {
    kind: 'number',
    lo,
    hi,
    evidence,
    reason() {
      return `APACHE II in the last 24 h ${pointsText(lo, hi)} (${components.map(componentText).join(', ')})`;
    },
  };
}

/**
 * `apache2_at_screening` → points (FHIR-PROFILE.md §8; Knaus et al., 1985): the latest recorded APACHE II
 * total in the last 24 h; else the highest-scoring values of the last 24 h plus age points, bounded where
 * data is missing (chronic health is not read and adds 0–5). Memoised per patient.
 * @example `apache2_at_screening >= 30` (PLATINIUM E3)
 */
export const apache2AtScreeningFunction: FunctionSpec = {
  name: 'apache2_at_screening',
  summary: 'APACHE II at screening: the latest recorded total in the last 24 h, else computed (bounded)',
  params: [],
  returns: () => ({ t: 'number', unit: '{score}', variable: 'apache2_total' }),
  compile: () => (ctx) => ctx.memo('apache2_at_screening', () => apacheAtScreening(ctx)),
};
