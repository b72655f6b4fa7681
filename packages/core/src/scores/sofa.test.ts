import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { computeSofa, type SofaInput } from './sofa.js';

describe('computeSofa', () => {
  it('scores a septic patient with all six organs (worked example)', () => {
    // By hand from Vincent 1996, Table 1: P/F 180 on ventilation → 3; platelets 90 → 2; bilirubin 2.5 → 2;
    // norepinephrine 0.2 > 0.1 → 4; GCS 13 → 1; creatinine 2.2 → 2 but urine 400 mL/d → 3. Total 15.
    const result = computeSofa({
      pao2Fio2RatioMmHg: 180,
      respiratorySupport: true,
      platelets10e9PerL: 90,
      bilirubinMgPerDl: 2.5,
      mapMmHg: 68,
      norepinephrineUgKgMin: 0.2,
      gcs: 13,
      creatinineMgPerDl: 2.2,
      urineOutputMlPerDay: 400,
    });
    expect(result).toEqual({
      total: 15,
      complete: true,
      components: { respiration: 3, coagulation: 2, liver: 2, cardiovascular: 4, cns: 1, renal: 3 },
    });
  });

  it('leaves an organ without input null, sums the known ones and says it is incomplete', () => {
    expect(computeSofa({ platelets10e9PerL: 40, gcs: 15 })).toEqual({
      total: 3,
      complete: false,
      components: {
        respiration: null,
        coagulation: 3,
        liver: null,
        cardiovascular: null,
        cns: 0,
        renal: null,
      },
    });
  });

  it('scores an empty input as 0 and incomplete', () => {
    const result = computeSofa({});
    expect(result.total).toBe(0);
    expect(result.complete).toBe(false);
    expect(Object.values(result.components).every((p) => p === null)).toBe(true);
  });

  it('treats absent respiratory support as none: P/F 90 scores 2', () => {
    expect(computeSofa({ pao2Fio2RatioMmHg: 90 }).components.respiration).toBe(2);
    expect(computeSofa({ pao2Fio2RatioMmHg: 90, respiratorySupport: true }).components.respiration).toBe(4);
  });

  it('knows the renal organ from urine output alone and cardiovascular from a vasopressor alone', () => {
    const { components } = computeSofa({ urineOutputMlPerDay: 150, dopamineUgKgMin: 6 });
    expect(components.renal).toBe(4);
    expect(components.cardiovascular).toBe(3);
  });
});

const sofaInput: fc.Arbitrary<SofaInput> = fc.record(
  {
    pao2Fio2RatioMmHg: fc.double({ min: 0, max: 700, noNaN: true }),
    respiratorySupport: fc.boolean(),
    platelets10e9PerL: fc.double({ min: 0, max: 600, noNaN: true }),
    bilirubinMgPerDl: fc.double({ min: 0, max: 30, noNaN: true }),
    mapMmHg: fc.double({ min: 0, max: 160, noNaN: true }),
    dopamineUgKgMin: fc.double({ min: 0, max: 30, noNaN: true }),
    dobutamineUgKgMin: fc.double({ min: 0, max: 30, noNaN: true }),
    epinephrineUgKgMin: fc.double({ min: 0, max: 2, noNaN: true }),
    norepinephrineUgKgMin: fc.double({ min: 0, max: 2, noNaN: true }),
    gcs: fc.integer({ min: 3, max: 15 }),
    creatinineMgPerDl: fc.double({ min: 0, max: 15, noNaN: true }),
    urineOutputMlPerDay: fc.double({ min: 0, max: 4000, noNaN: true }),
  },
  { requiredKeys: [] },
);

describe('computeSofa properties', () => {
  test.prop([sofaInput])('total is the sum of the known organs and lies in 0..24', (input) => {
    const { total, complete, components } = computeSofa(input);
    const known = Object.values(components).filter((p): p is number => p !== null);
    expect(total).toBe(known.reduce((a, b) => a + b, 0));
    expect(complete).toBe(known.length === 6);
    expect(total).toBeGreaterThanOrEqual(0);
    expect(total).toBeLessThanOrEqual(24);
    for (const p of known) expect([0, 1, 2, 3, 4]).toContain(p);
  });

  test.prop([sofaInput, fc.double({ min: 0, max: 1, noNaN: true })])(
    'worsening every given value never lowers the total',
    (input, f) => {
      const worse: SofaInput = {
        ...input,
        ...(input.pao2Fio2RatioMmHg === undefined ? {} : { pao2Fio2RatioMmHg: input.pao2Fio2RatioMmHg * f }),
        ...(input.platelets10e9PerL === undefined ? {} : { platelets10e9PerL: input.platelets10e9PerL * f }),
        ...(input.bilirubinMgPerDl === undefined
          ? {}
          : // divide by at most 1, so bilirubin never falls (f near 1 made it 1.01 before)
            { bilirubinMgPerDl: input.bilirubinMgPerDl / Math.min(1, f + 0.01) }),
        ...(input.mapMmHg === undefined ? {} : { mapMmHg: input.mapMmHg * f }),
        ...(input.norepinephrineUgKgMin === undefined
          ? {}
          : // adds 1 - f >= 0: (x + 1) - f rounded a denormal rate down to 0 (fast-check seed 247910423)
            { norepinephrineUgKgMin: input.norepinephrineUgKgMin + (1 - f) }),
        ...(input.gcs === undefined ? {} : { gcs: Math.max(3, Math.floor(input.gcs * f)) }),
        ...(input.creatinineMgPerDl === undefined
          ? {}
          : { creatinineMgPerDl: input.creatinineMgPerDl + (1 - f) }),
        ...(input.urineOutputMlPerDay === undefined
          ? {}
          : { urineOutputMlPerDay: input.urineOutputMlPerDay * f }),
      };
      expect(computeSofa(worse).total).toBeGreaterThanOrEqual(computeSofa(input).total);
    },
  );

  test.prop([sofaInput, fc.integer({ min: 3, max: 15 })])(
    'filling in a missing organ never lowers the total',
    (input, gcs) => {
      const filled = input.gcs === undefined ? { ...input, gcs } : input;
      expect(computeSofa(filled).total).toBeGreaterThanOrEqual(computeSofa(input).total);
    },
  );
});
