import { HOUR_MS } from '../../time/duration.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { VARIABLES } from '../../variables/registry.js';
import { boolOutcome, formatNumber } from '../outcome.js';
import type { BoolOutcome, EvalContext, FunctionSpec } from '../types.js';
import { evidenceOf, type ScoreWindow, scoreWindow } from './score-helpers.js';
import { type SirsItem, SIRS_ITEMS, SirsItemScan, sirsShown } from './sirs-items.js';

/** Two SIRS items count together when their values are at most 24 h apart (FHIR-PROFILE.md §9, IRIS-7 I2). */
export const SIRS_PAIR_SPAN_MS = 24 * HOUR_MS;

/**
 * Two meeting results, one of each item, at most `span` apart: a merge walk over both items' meeting results
 * that stops at the first close pair, leaving each walk on its result of the pair.
 */
function closePair(a: SirsItemScan, b: SirsItemScan, span: number): boolean {
  a.reset();
  b.reset();
  let moreA = a.nextMeeting();
  let moreB = b.nextMeeting();
  while (moreA && moreB) {
    const x = a.time;
    const y = b.time;
    if (Math.abs(x - y) <= span) return true;
    if (x < y) moreA = a.nextMeeting();
    else moreB = b.nextMeeting();
  }
  return false;
}

function resultText(o: ObservationRecord): string {
  return `${VARIABLES[o.variable].label} ${formatNumber(o.value ?? NaN)} ${VARIABLES[o.variable].displayUnit} (${o.ref})`;
}

function metOutcome(
  w: ScoreWindow,
  a: SirsItem,
  b: SirsItem,
  x: ObservationRecord,
  y: ObservationRecord,
): BoolOutcome {
  return boolOutcome('met', [evidenceOf(x), evidenceOf(y)], () => {
    const hours = Math.round((Math.abs(x.time - y.time) / HOUR_MS) * 10) / 10;
    return `SIRS ${a.name} and ${b.name} within ${hours} h in ${w.text}: ${resultText(x)}, ${resultText(y)}`;
  });
}

/** An item without values in W can still qualify; a measured item only through a meeting value. */
function canQualify(d: SirsItemScan): boolean {
  return d.measured === 0 || d.hasMeeting();
}

/** `sirs_pair` over a window already cut at T_scr (exported for the tests that compare it with its definition). */
export function sirsPair(ctx: EvalContext, w: ScoreWindow): BoolOutcome {
  // Items are read when a pair first needs them: a pair met early leaves the later items unread.
  const data: (SirsItemScan | undefined)[] = [undefined, undefined, undefined, undefined];
  let possible = false;
  for (let i = 0; i < SIRS_ITEMS.length; i++) {
    for (let j = i + 1; j < SIRS_ITEMS.length; j++) {
      const itemA = SIRS_ITEMS[i];
      const itemB = SIRS_ITEMS[j];
      if (itemA === undefined || itemB === undefined) continue;
      const a = (data[i] ??= new SirsItemScan(ctx, w, itemA));
      const b = (data[j] ??= new SirsItemScan(ctx, w, itemB));
      if (closePair(a, b, SIRS_PAIR_SPAN_MS)) {
        const x = a.record();
        const y = b.record();
        if (x !== undefined && y !== undefined) return metOutcome(w, a.item, b.item, x, y);
      }
      // Two measured items qualify only through a close pair, which they do not have.
      if (canQualify(a) && canQualify(b) && (a.measured === 0 || b.measured === 0)) possible = true;
    }
  }
  const all = data.filter((d) => d !== undefined);
  const shown = all.flatMap(sirsShown);
  if (possible) {
    const unmeasured = all.filter((d) => d.measured === 0).map((d) => d.item.name);
    return boolOutcome(
      'unknown',
      shown.map(evidenceOf),
      () => `no two SIRS items within 24 h in ${w.text} yet; not measured there: ${unmeasured.join('; ')}`,
    );
  }
  return boolOutcome('not_met', shown.map(evidenceOf), () => {
    const met = all.filter((d) => d.hasMeeting()).map((d) => d.item.name);
    return `no two SIRS items within 24 h in ${w.text}${met.length > 0 ? ` (met alone: ${met.join('; ')})` : ''}: ${shown.map(resultText).join(', ')}`;
  });
}

/**
 * `sirs_pair(during: W)` → condition (FHIR-PROFILE.md §9, IRIS-7 I2): two different SIRS items met by values
 * in W at most 24 h apart: temperature > 38 or < 36 °C; heart rate > 90/min; respiratory rate > 20/min or
 * PaCO2 < 32 mmHg; WBC > 12 or < 4 ×10⁹/L. not_met when no pair can still qualify: an item without values in
 * W still can, a measured item only through a value that meets it. Else unknown.
 * @example `sirs_pair(during: [T_icu + 48 h, T_icu + 120 h])` (IRIS-7 I2)
 */
export const sirsPairFunction: FunctionSpec = {
  name: 'sirs_pair',
  summary: 'two SIRS items met by values at most 24 h apart in the window',
  params: [{ name: 'during', kind: 'window' }],
  returns: () => ({ t: 'bool' }),
  compile: (args) => (ctx) => {
    const w = scoreWindow(args, 'during', ctx);
    if (!w) return boolOutcome('unknown', [], () => 'SIRS: window unknown');
    return sirsPair(ctx, w);
  },
};
