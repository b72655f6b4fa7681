import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  type Apache2Input,
  apacheAcidBasePoints,
  apacheOxygenationPoints,
  computeAaDo2,
  computeApache2,
} from './apache-ii.js';

describe('computeAaDo2', () => {
  it('computes FiO2 × 713 − PaCO2 / 0.8 − PaO2', () => {
    // 0.6 × 713 = 427.8; 40 / 0.8 = 50; 427.8 − 50 − 80 = 297.8
    expect(computeAaDo2({ fio2Fraction: 0.6, paco2MmHg: 40, pao2MmHg: 80 })).toBeCloseTo(297.8, 10);
    // 1.0 × 713 − 32 / 0.8 − 60 = 713 − 40 − 60 = 613
    expect(computeAaDo2({ fio2Fraction: 1, paco2MmHg: 32, pao2MmHg: 60 })).toBeCloseTo(613, 10);
  });

  it('rejects an FiO2 given in percent', () => {
    expect(() => computeAaDo2({ fio2Fraction: 60, paco2MmHg: 40, pao2MmHg: 80 })).toThrow(
      'fio2Fraction: expected a fraction in (0, 1], received 60',
    );
  });
});

describe('apacheOxygenationPoints', () => {
  it('scores the A-aDO2 computed from PaO2 and PaCO2 when FiO2 >= 0.5', () => {
    expect(apacheOxygenationPoints({ fio2Fraction: 0.5, pao2MmHg: 80, paco2MmHg: 40 })).toBe(2); // 226.5
    expect(apacheOxygenationPoints({ fio2Fraction: 1, pao2MmHg: 60, paco2MmHg: 32 })).toBe(4); // 613
  });

  it('prefers a given A-aDO2 to computing one', () => {
    expect(apacheOxygenationPoints({ fio2Fraction: 0.8, aado2MmHg: 100, pao2MmHg: 60, paco2MmHg: 32 })).toBe(
      0,
    );
  });

  it('scores PaO2 when FiO2 < 0.5, with 70 mmHg scoring 1 since ">70" is written', () => {
    expect(apacheOxygenationPoints({ fio2Fraction: 0.49, pao2MmHg: 70, paco2MmHg: 40 })).toBe(1);
    expect(apacheOxygenationPoints({ fio2Fraction: 0.21, pao2MmHg: 71 })).toBe(0);
    expect(apacheOxygenationPoints({ fio2Fraction: 0.4, aado2MmHg: 600, pao2MmHg: 90 })).toBe(0);
  });

  it('switches from PaO2 to A-aDO2 exactly at FiO2 0.5', () => {
    // PaO2 50 at FiO2 0.49 → PaO2 < 55 → 4; at FiO2 0.5 → A-aDO2 = 356.5 − 50 − 50 = 256.5 → 2
    expect(apacheOxygenationPoints({ fio2Fraction: 0.49, pao2MmHg: 50, paco2MmHg: 40 })).toBe(4);
    expect(apacheOxygenationPoints({ fio2Fraction: 0.5, pao2MmHg: 50, paco2MmHg: 40 })).toBe(2);
  });

  it('is null when the inputs cannot decide', () => {
    expect(apacheOxygenationPoints({ pao2MmHg: 80 })).toBeNull();
    expect(apacheOxygenationPoints({ fio2Fraction: 0.6, pao2MmHg: 80 })).toBeNull();
    expect(apacheOxygenationPoints({ fio2Fraction: 0.3 })).toBeNull();
    expect(apacheOxygenationPoints({ aado2MmHg: 360 })).toBe(3);
  });
});

describe('apacheAcidBasePoints', () => {
  it('uses the arterial pH when known and HCO3 only without it', () => {
    expect(apacheAcidBasePoints({ arterialPh: 7.4, hco3MmolPerL: 10 })).toBe(0);
    expect(apacheAcidBasePoints({ hco3MmolPerL: 10 })).toBe(4);
    expect(apacheAcidBasePoints({})).toBeNull();
  });
});

describe('computeApache2', () => {
  it('scores a complete patient (worked example)', () => {
    // By hand from Knaus 1985: T 39.5 → 3; MAP 65 → 2; HR 125 → 2; RR 30 → 1; FiO2 0.6, PaO2 80,
    // PaCO2 40 → A-aDO2 297.8 → 2; pH 7.30 → 2; Na 132 → 0; K 3.2 → 1; creatinine 1.8 with ARF → 2 × 2 = 4;
    // Hct 28 → 2; WBC 18 → 1; GCS 12 → 3. APS = 23; age 70 → 5; chronic health non-operative → 5. Total 33.
    const result = computeApache2({
      temperatureC: 39.5,
      mapMmHg: 65,
      heartRateBpm: 125,
      respiratoryRatePerMin: 30,
      fio2Fraction: 0.6,
      pao2MmHg: 80,
      paco2MmHg: 40,
      arterialPh: 7.3,
      hco3MmolPerL: 18,
      sodiumMmolPerL: 132,
      potassiumMmolPerL: 3.2,
      creatinineMgPerDl: 1.8,
      acuteRenalFailure: true,
      hematocritPercent: 28,
      wbc10e9PerL: 18,
      gcs: 12,
      ageYears: 70,
      chronicHealth: 'nonoperative_or_emergency_postop',
    });
    expect(result).toEqual({
      total: 33,
      aps: 23,
      complete: true,
      components: {
        temperature: 3,
        map: 2,
        heart_rate: 2,
        respiratory_rate: 1,
        oxygenation: 2,
        acid_base: 2,
        sodium: 0,
        potassium: 1,
        creatinine: 4,
        hematocrit: 2,
        wbc: 1,
        gcs: 3,
        age: 5,
        chronic_health: 5,
      },
    });
  });

  it('leaves missing components null and sums the known ones', () => {
    const result = computeApache2({
      temperatureC: 39.2,
      heartRateBpm: 125,
      gcs: 13,
      ageYears: 67,
      chronicHealth: 'none',
    });
    expect(result.total).toBe(12);
    expect(result.aps).toBe(7);
    expect(result.complete).toBe(false);
    expect(result.components.map).toBeNull();
    expect(result.components.chronic_health).toBe(0);
  });

  it('does not double creatinine without acute renal failure', () => {
    expect(computeApache2({ creatinineMgPerDl: 2.5 }).components.creatinine).toBe(3);
    expect(computeApache2({ creatinineMgPerDl: 2.5, acuteRenalFailure: true }).components.creatinine).toBe(6);
  });
});

const finite = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
const apacheInput: fc.Arbitrary<Apache2Input> = fc.record(
  {
    temperatureC: finite(25, 45),
    mapMmHg: finite(0, 220),
    heartRateBpm: finite(0, 250),
    respiratoryRatePerMin: finite(0, 70),
    fio2Fraction: finite(0.21, 1),
    aado2MmHg: finite(0, 700),
    pao2MmHg: finite(20, 500),
    paco2MmHg: finite(10, 120),
    arterialPh: finite(6.8, 7.9),
    hco3MmolPerL: finite(5, 60),
    sodiumMmolPerL: finite(100, 190),
    potassiumMmolPerL: finite(1.5, 9),
    creatinineMgPerDl: finite(0.1, 15),
    acuteRenalFailure: fc.boolean(),
    hematocritPercent: finite(10, 70),
    wbc10e9PerL: finite(0, 80),
    gcs: fc.integer({ min: 3, max: 15 }),
    ageYears: finite(18, 100),
    chronicHealth: fc.constantFrom('none', 'nonoperative_or_emergency_postop', 'elective_postop'),
  },
  { requiredKeys: [] },
);

describe('computeApache2 properties', () => {
  test.prop([apacheInput])(
    'total = APS + age + chronic health = sum of the known parts, in 0..71',
    (input) => {
      const { total, aps, complete, components } = computeApache2(input);
      const { age, chronic_health, ...physiology } = components;
      const sum = (xs: readonly (number | null)[]): number => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
      expect(aps).toBe(sum(Object.values(physiology)));
      expect(total).toBe(aps + (age ?? 0) + (chronic_health ?? 0));
      expect(complete).toBe(Object.values(components).every((p) => p !== null));
      expect(aps).toBeLessThanOrEqual(60);
      expect(total).toBeGreaterThanOrEqual(0);
      expect(total).toBeLessThanOrEqual(71);
    },
  );

  test.prop([apacheInput, fc.double({ min: 0, max: 1, noNaN: true })])(
    'worsening GCS, creatinine, age or renal failure never lowers the total',
    (input, f) => {
      const worse: Apache2Input = {
        ...input,
        ...(input.gcs === undefined ? {} : { gcs: Math.max(3, Math.floor(input.gcs * f)) }),
        ...(input.creatinineMgPerDl === undefined || input.creatinineMgPerDl < 0.6
          ? {}
          : { creatinineMgPerDl: input.creatinineMgPerDl + 5 * (1 - f), acuteRenalFailure: true }),
        ...(input.ageYears === undefined ? {} : { ageYears: input.ageYears + 30 * f }),
      };
      expect(computeApache2(worse).total).toBeGreaterThanOrEqual(computeApache2(input).total);
    },
  );

  it('reaches 71 at the worst of everything', () => {
    const worst = computeApache2({
      temperatureC: 42,
      mapMmHg: 170,
      heartRateBpm: 190,
      respiratoryRatePerMin: 55,
      fio2Fraction: 1,
      aado2MmHg: 600,
      arterialPh: 7.8,
      sodiumMmolPerL: 185,
      potassiumMmolPerL: 7.5,
      creatinineMgPerDl: 4,
      acuteRenalFailure: true,
      hematocritPercent: 65,
      wbc10e9PerL: 45,
      gcs: 3,
      ageYears: 80,
      chronicHealth: 'nonoperative_or_emergency_postop',
    });
    expect(worst.aps).toBe(60);
    expect(worst.total).toBe(71);
  });
});
