import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/group-sequential/group-sequential.json' with { type: 'json' };
import { rNumber, rNumbers } from '../testing/r-values.js';
import { type TypeOfDesign, groupSequentialDesign } from './design.js';
import { sampleSizeRates } from './sample-size-rates.js';
import { sampleSizeSurvival } from './sample-size-survival.js';

function typeOf(value: string): TypeOfDesign {
  if (value === 'OF' || value === 'P' || value === 'asOF' || value === 'asP') return value;
  throw new TypeError(`unknown typeOfDesign ${value}`);
}
function sidedOf(value: number): 1 | 2 {
  if (value === 1 || value === 2) return value;
  throw new TypeError(`bad sided ${value}`);
}
function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? NaN))));
}

// Tolerances: rpact bisects boundaries until alpha is within its tolerance 1e-8 and integrates on a
// 91-point Newton-Cotes grid; ours are solved to 1e-13 with crossing probabilities good to about
// 1e-12. Measured against rpact 3.3.4: boundaries within 5.2e-8, alpha spent within 1.0e-8 (rpact's
// tolerance), shift within 2.6e-8 relative, power within 1.4e-8. Asserted with a margin of about 10:
// boundaries 5e-7 absolute, alpha spent and stage levels 5e-8, shift, inflation factor and sample
// sizes 5e-7 relative, power 2e-7.
describe('group-sequential designs against rpact', () => {
  it.each(
    fixture.designs.map(
      (d) =>
        [
          `${d.typeOfDesign} kMax=${d.kMax} sided=${d.sided} t=${rNumbers(d.informationRates)
            .map((v) => v.toFixed(2))
            .join('/')}`,
          d,
        ] as const,
    ),
  )('%s', (_l, d) => {
    const design = groupSequentialDesign({
      kMax: d.kMax,
      alpha: d.alpha,
      beta: d.beta,
      sided: sidedOf(d.sided),
      typeOfDesign: typeOf(d.typeOfDesign),
      informationRates: rNumbers(d.informationRates),
    });
    expect(maxAbsDiff(design.criticalValues, rNumbers(d.criticalValues))).toBeLessThan(5e-7);
    expect(maxAbsDiff(design.alphaSpent, rNumbers(d.alphaSpent))).toBeLessThan(5e-8);
    expect(maxAbsDiff(design.stageLevels, rNumbers(d.stageLevels))).toBeLessThan(5e-8);
    expect(Math.abs(design.shift / rNumber(d.shift) - 1)).toBeLessThan(5e-7);
    expect(Math.abs(design.inflationFactor / rNumber(d.inflationFactor) - 1)).toBeLessThan(5e-7);
    expect(Math.abs(design.nFixed / rNumber(d.nFixed) - 1)).toBeLessThan(1e-12);
    expect(maxAbsDiff(design.power, rNumbers(d.power))).toBeLessThan(2e-7);
  });
  it('rejects information rates that do not end at 1', () => {
    expect(() => groupSequentialDesign({ kMax: 2, informationRates: [0.5, 0.9] })).toThrow(
      new RangeError('groupSequentialDesign: the last information rate must be 1, got 0.9'),
    );
  });
  it('rejects an unknown design type', () => {
    expect(() => groupSequentialDesign({ kMax: 2, typeOfDesign: typeOf('asOF'), alpha: 0.7 })).toThrow(
      RangeError,
    );
  });
});

describe('getSampleSizeRates against rpact', () => {
  it.each(
    fixture.sample_size_rates.map((c) => [`${c.typeOfDesign} kMax=${c.kMax} sided=${c.sided}`, c] as const),
  )('%s', (_l, c) => {
    const design = groupSequentialDesign({
      kMax: c.kMax,
      alpha: c.alpha,
      beta: c.beta,
      sided: sidedOf(c.sided),
      typeOfDesign: typeOf(c.typeOfDesign),
    });
    const r = sampleSizeRates(design, { pi1: c.pi1, pi2: c.pi2 });
    expect(Math.abs(r.nFixed / rNumber(c.nFixed) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(r.maxNumberOfSubjects / rNumber(c.maxNumberOfSubjects) - 1)).toBeLessThan(5e-7);
    r.numberOfSubjects.forEach((n, k) => {
      expect(Math.abs(n / (rNumbers(c.numberOfSubjects)[k] ?? NaN) - 1)).toBeLessThan(5e-7);
    });
  });
});

describe('getSampleSizeSurvival against rpact', () => {
  it.each(
    fixture.sample_size_survival.map((c, i) => [`case ${i} ${c.typeOfDesign} kMax=${c.kMax}`, c] as const),
  )('%s', (_l, c) => {
    const design = groupSequentialDesign({
      kMax: c.kMax,
      alpha: c.alpha,
      beta: c.beta,
      sided: sidedOf(c.sided),
      typeOfDesign: typeOf(c.typeOfDesign),
    });
    const [a0, a1] = rNumbers(c.accrualTime);
    const accrualTime: [number, number] = [a0 ?? NaN, a1 ?? NaN];
    const r =
      'pi1' in c
        ? sampleSizeSurvival(design, {
            pi1: rNumber(c.pi1),
            pi2: rNumber(c.pi2),
            eventTime: rNumber(c.eventTime),
            accrualTime,
            followUpTime: c.followUpTime,
          })
        : sampleSizeSurvival(design, {
            hazardRatio: rNumber(c.hazardRatio),
            lambda2: rNumber(c.lambda2),
            accrualTime,
            followUpTime: c.followUpTime,
          });
    expect(Math.abs(r.eventsFixed / rNumber(c.eventsFixed) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(r.nFixed / rNumber(c.nFixed) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(r.omega / rNumber(c.omega) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(r.maxNumberOfEvents / rNumber(c.maxNumberOfEvents) - 1)).toBeLessThan(5e-7);
    expect(Math.abs(r.maxNumberOfSubjects / rNumber(c.maxNumberOfSubjects) - 1)).toBeLessThan(5e-7);
    r.analysisTime.forEach((t, k) => {
      expect(Math.abs(t / (rNumbers(c.analysisTime)[k] ?? NaN) - 1)).toBeLessThan(5e-7);
    });
    expect(Math.abs(r.hazardRatio / rNumber(c.hazardRatioOut) - 1)).toBeLessThan(1e-12);
  });
});
