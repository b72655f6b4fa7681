import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/distributions/distributions.json' with { type: 'json' };
import { expectCloseToR, rNumber, rNumbers } from '../testing/r-values.js';
import type { Tail } from './check.js';
import { betaCdf, betaPdf, betaQuantile } from './beta.js';
import { binomialCdf, binomialPmf, binomialQuantile } from './binomial.js';
import { chiSquareCdf, chiSquarePdf, chiSquareQuantile } from './chi-square.js';
import { fCdf, fPdf, fQuantile } from './f.js';
import { gammaCdf, gammaPdf, gammaQuantile } from './gamma.js';
import { hypergeometricCdf, hypergeometricPmf, hypergeometricQuantile } from './hypergeometric.js';
import { normalCdf, normalPdf, normalQuantile } from './normal.js';
import { tCdf, tPdf, tQuantile } from './student-t.js';

interface Distribution {
  readonly pdf: (x: number, params: number[]) => number;
  readonly cdf: (x: number, params: number[], tail: Tail) => number;
  readonly quantile: (p: number, params: number[], tail: Tail) => number;
}

function at(params: number[], i: number): number {
  const v = params[i];
  if (v === undefined) throw new TypeError(`fixture params lacks index ${i}`);
  return v;
}

const distributions: Record<keyof typeof fixture, Distribution> = {
  normal: {
    pdf: (x, p) => normalPdf(x, at(p, 0), at(p, 1)),
    cdf: (x, p, t) => normalCdf(x, at(p, 0), at(p, 1), t),
    quantile: (q, p, t) => normalQuantile(q, at(p, 0), at(p, 1), t),
  },
  t: {
    pdf: (x, p) => tPdf(x, at(p, 0)),
    cdf: (x, p, t) => tCdf(x, at(p, 0), t),
    quantile: (q, p, t) => tQuantile(q, at(p, 0), t),
  },
  chisq: {
    pdf: (x, p) => chiSquarePdf(x, at(p, 0)),
    cdf: (x, p, t) => chiSquareCdf(x, at(p, 0), t),
    quantile: (q, p, t) => chiSquareQuantile(q, at(p, 0), t),
  },
  gamma: {
    pdf: (x, p) => gammaPdf(x, at(p, 0), at(p, 1)),
    cdf: (x, p, t) => gammaCdf(x, at(p, 0), at(p, 1), t),
    quantile: (q, p, t) => gammaQuantile(q, at(p, 0), at(p, 1), t),
  },
  beta: {
    pdf: (x, p) => betaPdf(x, at(p, 0), at(p, 1)),
    cdf: (x, p, t) => betaCdf(x, at(p, 0), at(p, 1), t),
    quantile: (q, p, t) => betaQuantile(q, at(p, 0), at(p, 1), t),
  },
  f: {
    pdf: (x, p) => fPdf(x, at(p, 0), at(p, 1)),
    cdf: (x, p, t) => fCdf(x, at(p, 0), at(p, 1), t),
    quantile: (q, p, t) => fQuantile(q, at(p, 0), at(p, 1), t),
  },
  binomial: {
    pdf: (x, p) => binomialPmf(x, at(p, 0), at(p, 1)),
    cdf: (x, p, t) => binomialCdf(x, at(p, 0), at(p, 1), t),
    quantile: (q, p, t) => binomialQuantile(q, at(p, 0), at(p, 1), t),
  },
  hypergeometric: {
    pdf: (x, p) => hypergeometricPmf(x, at(p, 0), at(p, 1), at(p, 2)),
    cdf: (x, p, t) => hypergeometricCdf(x, at(p, 0), at(p, 1), at(p, 2), t),
    quantile: (q, p, t) => hypergeometricQuantile(q, at(p, 0), at(p, 1), at(p, 2), t),
  },
};

// Relative tolerance against R: 1e-12 (issue 3). Values below 1e-300 are compared absolutely, since
// R and stdlib may flush different subnormals to zero.
const REL = 1e-12;
const ABS_FLOOR = 1e-300;

describe.each(Object.entries(fixture))('%s distribution against R', (name, cases) => {
  const dist = distributions[name as keyof typeof fixture];
  it('matches R density and both tails of the CDF to 1e-12', () => {
    for (const c of cases.cdf) {
      const x = rNumber(c.x);
      const params = rNumbers(c.params);
      const label = `${name}(${params.join(', ')}) at x = ${x}`;
      expectCloseToR(dist.pdf(x, params), rNumber(c.pdf), REL, `${label} pdf`, ABS_FLOOR);
      expectCloseToR(dist.cdf(x, params, 'lower'), rNumber(c.lower), REL, `${label} lower`, ABS_FLOOR);
      expectCloseToR(dist.cdf(x, params, 'upper'), rNumber(c.upper), REL, `${label} upper`, ABS_FLOOR);
    }
  });
  it('matches R quantiles in both tails to 1e-12', () => {
    for (const c of cases.quantile) {
      const p = rNumber(c.p);
      const params = rNumbers(c.params);
      const label = `${name}(${params.join(', ')}) at p = ${p}`;
      expectCloseToR(dist.quantile(p, params, 'lower'), rNumber(c.lower), REL, `${label} lower`, ABS_FLOOR);
      expectCloseToR(dist.quantile(p, params, 'upper'), rNumber(c.upper), REL, `${label} upper`, ABS_FLOOR);
    }
  });
});

describe('argument checks', () => {
  it('rejects a non-positive standard deviation with a RangeError naming the function', () => {
    expect(() => normalCdf(0, 0, 0)).toThrow(
      new RangeError('normalCdf: sd must be a finite number > 0, got 0'),
    );
  });
  it('rejects a probability outside [0, 1]', () => {
    expect(() => tQuantile(1.5, 3)).toThrow(new RangeError('tQuantile: p must be in [0, 1], got 1.5'));
  });
  it('rejects a fractional binomial size', () => {
    expect(() => binomialCdf(1, 2.5, 0.3)).toThrow(
      new RangeError('binomialCdf: size must be a whole number >= 0, got 2.5'),
    );
  });
  it('rejects drawing more balls than the urn holds', () => {
    expect(() => hypergeometricPmf(1, 2, 2, 5)).toThrow(
      new RangeError('hypergeometricPmf: k (balls drawn) must be <= m + n = 4, got 5'),
    );
  });
  it('rejects NaN quantiles', () => {
    expect(() => betaCdf(NaN, 1, 1)).toThrow(RangeError);
  });
});

describe('properties', () => {
  it('inverts the CDF: cdf(quantile(p)) = p for the t distribution', () => {
    for (const p of [1e-8, 0.01, 0.3, 0.5, 0.8, 0.999]) {
      expectCloseToR(tCdf(tQuantile(p, 7.3), 7.3), p, 1e-13, `p = ${p}`);
    }
  });
  it('inverts the F CDF where R qf cancels: pf(qf(1e-10, 1, 10)) = 1e-10', () => {
    expectCloseToR(fCdf(fQuantile(1e-10, 1, 10), 1, 10), 1e-10, 1e-12, 'F(1, 10)');
  });
  it('keeps the chi-square upper tail accurate for large df (stdlib gammainc loses 1e-2 there)', () => {
    // R: pchisq(11000, 10000, lower.tail = FALSE) = 3.6183295580964844e-12
    expectCloseToR(chiSquareCdf(11000, 10000, 'upper'), 3.6183295580964844e-12, 1e-12, 'chisq(10000)');
  });
  it('gives complementary tails that add up to 1', () => {
    expect(fCdf(2.3, 4, 9) + fCdf(2.3, 4, 9, 'upper')).toBeCloseTo(1, 15);
  });
});
