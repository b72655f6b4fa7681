import { boolOutcome, formatNumber } from '../outcome.js';
import type { BoolOutcome, FunctionSpec } from '../types.js';
import { scoreWindow } from './score-helpers.js';
import { SOFA_ORGANS } from './sofa-organs.js';
import { organText, sofaOverWindow } from './sofa-window.js';
import { numberArg } from './window-args.js';

/**
 * `organ_failure(during: W, points: 2)` → condition (FHIR-PROFILE.md §9, IRIS-7 I3): some SOFA organ scores
 * at least `points` in W for certain (its lowest possible points reach it). not_met when every organ's
 * highest possible points stay below: all six organs have data in W and none reaches it (renal needs both a
 * creatinine and a urine output, or a creatinine that already reaches it). Otherwise unknown.
 * @example `organ_failure(during: [T_icu + 48 h, T_icu + 120 h], points: 2)` (IRIS-7 I3)
 */
export const organFailureFunction: FunctionSpec = {
  name: 'organ_failure',
  summary: 'some SOFA organ scores at least the given points in the window (one window)',
  params: [
    { name: 'during', kind: 'window' },
    { name: 'points', kind: 'number' },
  ],
  returns: () => ({ t: 'bool' }),
  compile:
    (args) =>
    (ctx): BoolOutcome => {
      const points = numberArg(args, 'points', ctx);
      const w = scoreWindow(args, 'during', ctx);
      if (!w || points === undefined)
        return boolOutcome('unknown', [], () => 'organ failure: window or points unknown');
      const score = sofaOverWindow(ctx, w);
      const failing = SOFA_ORGANS.filter((o) => score.organs[o].lo >= points);
      if (failing.length > 0) {
        return boolOutcome(
          'met',
          failing.flatMap((o) => score.organs[o].evidence),
          () =>
            `SOFA organ at ${formatNumber(points)} points or more in ${w.text}: ${failing.map((o) => organText(o, score.organs[o])).join(', ')}`,
        );
      }
      const possible = SOFA_ORGANS.filter((o) => score.organs[o].hi >= points);
      if (possible.length === 0) {
        return boolOutcome(
          'not_met',
          SOFA_ORGANS.flatMap((o) => score.organs[o].evidence),
          () =>
            `no SOFA organ at ${formatNumber(points)} points in ${w.text} (${SOFA_ORGANS.map((o) => organText(o, score.organs[o])).join(', ')})`,
        );
      }
      return boolOutcome(
        'unknown',
        possible.flatMap((o) => score.organs[o].evidence),
        () =>
          `no SOFA organ certainly at ${formatNumber(points)} points in ${w.text}; could still: ${possible.map((o) => organText(o, score.organs[o])).join(', ')}`,
      );
    },
};
