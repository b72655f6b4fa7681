import betaln from '@stdlib/math-base-special-betaln';
import { probabilityLess } from '@immunotrial/stats';

const RESCALE = 1e280;
const LOG_RESCALE = Math.log(RESCALE);

/**
 * Cook's (2005) sum for P(p1 < p2), p1 ~ Beta(a1, b1), p2 ~ Beta(a2, b2), a2 a whole number: the same
 * sum as stats' probabilityLessClosedForm, sum_{i<a2} B(a1+i, b1+b2) / ((b2+i) B(1+i, b2) B(a1, b1)),
 * evaluated by the ratio of successive terms, (a1+i)(b2+i) / ((a1+b1+b2+i)(1+i)), from the first,
 * B(a1, b1+b2) / B(a1, b1): two log-beta calls and a2 products instead of 3 a2 log-beta calls. Terms
 * are carried in a rescaled form, so neither the first term's underflow nor the later terms' growth
 * loses the sum.
 */
function cookSum(a1: number, b1: number, a2: number, b2: number): number {
  const logFirst = betaln(a1, b1 + b2) - betaln(a1, b1);
  let logScale = 0;
  let term = 1;
  let sum = 0;
  const total = a1 + b1 + b2;
  for (let i = 0; i < a2; i++) {
    sum += term;
    term *= ((a1 + i) * (b2 + i)) / ((total + i) * (1 + i));
    if (term > RESCALE) {
      term /= RESCALE;
      sum /= RESCALE;
      logScale += LOG_RESCALE;
    }
  }
  const p = sum * Math.exp(logFirst + logScale);
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * P(p1 < p2) for independent p1 ~ Beta(a1, b1) and p2 ~ Beta(a2, b2), exactly: Cook's closed form
 * (2005, "Exact calculation of beta inequalities") on whichever of the four equivalent forms has the
 * fewest terms and a whole-number count (P(p1 < p2) = 1 - P(p2 < p1) = P(1 - p2 < 1 - p1)); when no shape
 * is a whole number (e.g. a Jeffreys prior), stats' probabilityLess by adaptive quadrature. Matches
 * stats' probabilityLessClosedForm to rounding (see beta-less.test.ts), at a few hundred nanoseconds.
 * @param a1 - First shape of p1 (> 0).
 * @param b1 - Second shape of p1 (> 0).
 * @param a2 - First shape of p2 (> 0).
 * @param b2 - Second shape of p2 (> 0).
 * @example probabilityBetaLess(13, 29, 21, 21) // => 0.9645561223892... (stats: probabilityLessClosedForm)
 */
export function probabilityBetaLess(a1: number, b1: number, a2: number, b2: number): number {
  let best = Infinity;
  let form = -1;
  // Forms: 0 direct (a2 terms), 1 = 1 - P(p2 < p1) (a1), 2 = P(1-p2 < 1-p1) (b1), 3 = 1 - P(1-p1 < 1-p2) (b2).
  const counts = [a2, a1, b1, b2];
  for (let f = 0; f < 4; f++) {
    const c = counts[f] ?? Infinity;
    if (Number.isInteger(c) && c < best) {
      best = c;
      form = f;
    }
  }
  switch (form) {
    case 0:
      return cookSum(a1, b1, a2, b2);
    case 1:
      return 1 - cookSum(a2, b2, a1, b1);
    case 2:
      return cookSum(b2, a2, b1, a1);
    case 3:
      return 1 - cookSum(b1, a1, b2, a2);
    default:
      return probabilityLess({ a: a1, b: b1 }, { a: a2, b: b2 });
  }
}
