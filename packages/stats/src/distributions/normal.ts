import erfc from '@stdlib/math-base-special-erfc';
import {
  assertNotNaN,
  assertPositive,
  assertProbability,
  assertFinite,
  assertTail,
  type Tail,
} from './check.js';

const SQRT_2 = Math.SQRT2;
const INV_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2 * pi)

function checkParams(mean: number, sd: number, where: string): void {
  assertFinite(mean, 'mean', where);
  assertPositive(sd, 'sd', where);
}

/**
 * Density of the normal distribution N(mean, sd^2) (R's dnorm).
 * @param x - Where to evaluate the density.
 * @param mean - Mean (default 0).
 * @param sd - Standard deviation, > 0 (default 1).
 * @throws RangeError if x is NaN, mean is not finite or sd <= 0.
 * @example normalPdf(0) // => 0.3989422804014327
 */
export function normalPdf(x: number, mean = 0, sd = 1): number {
  checkParams(mean, sd, 'normalPdf');
  assertNotNaN(x, 'x', 'normalPdf');
  const z = (x - mean) / sd;
  return (INV_SQRT_2PI * Math.exp(-0.5 * z * z)) / sd;
}

/**
 * Normal distribution function (R's pnorm) through erfc, so that both tails keep full relative
 * precision: P(X <= x) = erfc(-z / sqrt(2)) / 2 and P(X > x) = erfc(z / sqrt(2)) / 2.
 * @param x - Quantile (may be +-Infinity).
 * @param mean - Mean (default 0).
 * @param sd - Standard deviation, > 0 (default 1).
 * @param tail - 'lower' for P(X <= x) (default), 'upper' for P(X > x).
 * @throws RangeError if x is NaN, mean is not finite or sd <= 0.
 * @example normalCdf(1.96) // => 0.9750021048517795
 */
export function normalCdf(x: number, mean = 0, sd = 1, tail: Tail = 'lower'): number {
  checkParams(mean, sd, 'normalCdf');
  assertNotNaN(x, 'x', 'normalCdf');
  assertTail(tail, 'normalCdf');
  const z = (x - mean) / sd;
  return 0.5 * erfc((tail === 'lower' ? -z : z) / SQRT_2);
}

/**
 * Standard normal quantile by Wichura's AS 241 (PPND16, 1988), the algorithm of R's qnorm:
 * relative accuracy about 1e-16.
 */
function standardNormalQuantile(p: number, tail: Tail): number {
  const lower = tail === 'lower' ? p : 1 - p;
  const upper = tail === 'lower' ? 1 - p : p;
  if (lower === 0) return -Infinity;
  if (upper === 0) return Infinity;
  const q = lower - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  // Tail: r = sqrt(-log(min(p, 1 - p))), taking the small probability directly from the tail asked
  // for so that p = 1e-300 in the upper tail is not lost in 1 - p.
  const small = q < 0 ? lower : upper;
  let r = Math.sqrt(-Math.log(small));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/**
 * Normal quantile function (R's qnorm, AS 241).
 * @param p - Probability in [0, 1].
 * @param mean - Mean (default 0).
 * @param sd - Standard deviation, > 0 (default 1).
 * @param tail - 'lower': x with P(X <= x) = p (default); 'upper': x with P(X > x) = p.
 * @throws RangeError if p is outside [0, 1], mean is not finite or sd <= 0.
 * @example normalQuantile(0.975) // => 1.959963984540054
 */
export function normalQuantile(p: number, mean = 0, sd = 1, tail: Tail = 'lower'): number {
  checkParams(mean, sd, 'normalQuantile');
  assertProbability(p, 'p', 'normalQuantile');
  assertTail(tail, 'normalQuantile');
  return mean + sd * standardNormalQuantile(p, tail);
}
