import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/scores/egfr-ckd-epi.json' with { type: 'json' };
import { computeEgfrCkdEpi2009, computeEgfrCkdEpi2021, type EgfrSex } from './egfr.js';
import { creatinineUmolPerLToMgPerDl } from './molar-units.js';

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

function isSex(s: string): s is EgfrSex {
  return s === 'female' || s === 'male';
}

describe('computeEgfrCkdEpi2021', () => {
  it('matches a hand computation for a man of 60 with creatinine 1.0 mg/dL', () => {
    // Scr/κ = 1.0/0.9 = 1.11111; max(…)^−1.200 = exp(−1.2 × 0.1053605) = 0.881234;
    // 0.9938^60 = exp(60 × −0.0062193) = 0.688556; 142 × 0.881234 × 0.688556 = 86.16
    expect(computeEgfrCkdEpi2021({ creatinineMgPerDl: 1.0, ageYears: 60, sex: 'male' })).toBeCloseTo(
      86.16,
      2,
    );
  });

  it('matches a hand computation for a woman of 40 with creatinine 0.5 mg/dL', () => {
    // Scr/κ = 0.5/0.7 = 0.714286; min(…)^−0.241 = exp(−0.241 × −0.3364722) = 1.084468;
    // 0.9938^40 = exp(40 × −0.0062193) = 0.779758; 142 × 1.084468 × 0.779758 × 1.012 = 121.52
    expect(computeEgfrCkdEpi2021({ creatinineMgPerDl: 0.5, ageYears: 40, sex: 'female' })).toBeCloseTo(
      121.52,
      1,
    );
  });

  it('does not use race', () => {
    const input = { creatinineMgPerDl: 1.3, ageYears: 55, sex: 'male' as const };
    expect(computeEgfrCkdEpi2021(input)).toBe(computeEgfrCkdEpi2021({ ...input }));
  });

  it('gives the same value for creatinine sent in µmol/L (88.4 µmol/L = 1 mg/dL)', () => {
    expect(
      computeEgfrCkdEpi2021({
        creatinineMgPerDl: creatinineUmolPerLToMgPerDl(88.4),
        ageYears: 60,
        sex: 'male',
      }),
    ).toBe(computeEgfrCkdEpi2021({ creatinineMgPerDl: 1, ageYears: 60, sex: 'male' }));
  });

  it('is continuous at the knot Scr = κ', () => {
    const at = computeEgfrCkdEpi2021({ creatinineMgPerDl: 0.7, ageYears: 50, sex: 'female' });
    const justBelow = computeEgfrCkdEpi2021({ creatinineMgPerDl: 0.7 - 1e-9, ageYears: 50, sex: 'female' });
    expect(relativeError(justBelow, at)).toBeLessThan(1e-8);
  });

  it('rejects a creatinine of 0 and a child', () => {
    expect(() => computeEgfrCkdEpi2021({ creatinineMgPerDl: 0, ageYears: 60, sex: 'male' })).toThrow(
      'creatinineMgPerDl: expected a number > 0 (mg/dL), received 0',
    );
    expect(() => computeEgfrCkdEpi2021({ creatinineMgPerDl: 1, ageYears: 12, sex: 'male' })).toThrow(
      'ageYears: expected an adult age from 18 to 130 years (CKD-EPI is not valid in children), received 12',
    );
  });
});

describe('computeEgfrCkdEpi2009', () => {
  it('matches a hand computation for a non-Black woman of 50 with creatinine 0.6 mg/dL', () => {
    // Scr/κ = 0.6/0.7 = 0.857143; min(…)^−0.329 = exp(0.329 × 0.1541507) = 1.052024;
    // 0.993^50 = exp(50 × ln 0.993) = 0.703821; 141 × 1.052024 × 0.703821 × 1.018 = 106.28
    expect(
      computeEgfrCkdEpi2009({ creatinineMgPerDl: 0.6, ageYears: 50, sex: 'female', black: false }),
    ).toBeCloseTo(106.28, 2);
  });

  it('multiplies by 1.159 for Black race', () => {
    const base = { creatinineMgPerDl: 2.1, ageYears: 70, sex: 'male' as const };
    const ratio =
      computeEgfrCkdEpi2009({ ...base, black: true }) / computeEgfrCkdEpi2009({ ...base, black: false });
    expect(ratio).toBeCloseTo(1.159, 12);
  });
});

describe('CKD-EPI against R (fixtures/scores/egfr-ckd-epi.R), relative tolerance 1e-9', () => {
  it.each(fixture.cases)(
    'creatinine $creatinine_mg_dl mg/dL, age $age_years, $sex, black $black',
    ({ creatinine_mg_dl, age_years, sex, black, egfr_2021, egfr_2009 }) => {
      if (!isSex(sex)) throw new Error(`fixture sex ${sex}`);
      const input = { creatinineMgPerDl: creatinine_mg_dl, ageYears: age_years, sex };
      expect(relativeError(computeEgfrCkdEpi2021(input), egfr_2021)).toBeLessThan(1e-9);
      expect(relativeError(computeEgfrCkdEpi2009({ ...input, black }), egfr_2009)).toBeLessThan(1e-9);
    },
  );
});
