import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { TrialError } from '../errors.js';
import { bilirubinUmolPerLToMgPerDl, creatinineUmolPerLToMgPerDl } from './molar-units.js';
import {
  sofaCardiovascularPoints,
  sofaCnsPoints,
  sofaCoagulationPoints,
  sofaLiverPoints,
  sofaRenalPoints,
  sofaRespirationPoints,
  sofaCatecholaminePoints,
  sofaCreatininePoints,
  sofaMapPoints,
  sofaUrineOutputPoints,
} from './sofa-components.js';

// Every cut-off of Vincent et al. 1996, Table 1, on both sides (FHIR-PROFILE.md §8 for the edges).

describe('sofaRespirationPoints', () => {
  it.each([
    [400, 0],
    [399.9, 1],
    [300, 1],
    [299.9, 2],
    [200, 2],
    [199.9, 3],
    [100, 3],
    [99.9, 4],
    [0, 4],
  ])('scores PaO2/FiO2 %s mmHg with respiratory support as %i', (pf, points) => {
    expect(sofaRespirationPoints(pf, true)).toBe(points);
  });

  it.each([
    [400, 0],
    [399.9, 1],
    [300, 1],
    [299.9, 2],
    [200, 2],
    [199.9, 2],
    [100, 2],
    [99.9, 2],
  ])('scores PaO2/FiO2 %s mmHg without respiratory support as %i (3 and 4 need support)', (pf, points) => {
    expect(sofaRespirationPoints(pf, false)).toBe(points);
  });

  it('rejects a negative ratio with a message naming the input', () => {
    expect(() => sofaRespirationPoints(-1, true)).toThrow(
      new TrialError(
        'score.input',
        'pao2Fio2RatioMmHg: expected a number >= 0 (mmHg), received -1',
        'pao2Fio2RatioMmHg',
      ),
    );
  });
});

describe('sofaCoagulationPoints', () => {
  it.each([
    [150, 0],
    [149.9, 1],
    [100, 1],
    [99.9, 2],
    [50, 2],
    [49.9, 3],
    [20, 3],
    [19.9, 4],
    [0, 4],
  ])('scores platelets %s ×10⁹/L as %i', (platelets, points) => {
    expect(sofaCoagulationPoints(platelets)).toBe(points);
  });

  it('rejects negative platelets and NaN', () => {
    expect(() => sofaCoagulationPoints(-0.5)).toThrow(
      'platelets10e9PerL: expected a number >= 0 (10^9/L), received -0.5',
    );
    expect(() => sofaCoagulationPoints(Number.NaN)).toThrow(TrialError);
  });
});

describe('sofaLiverPoints', () => {
  it.each([
    [0, 0],
    [1.19, 0],
    [1.2, 1],
    [1.99, 1],
    [2.0, 2],
    [5.99, 2],
    [6.0, 3],
    [12.0, 3],
    [12.01, 4],
  ])('scores bilirubin %s mg/dL as %i (12.0 stays in 3: ">12" is exclusive)', (bilirubin, points) => {
    expect(sofaLiverPoints(bilirubin)).toBe(points);
  });

  it.each([1.19, 1.2, 1.99, 2.0, 5.99, 6.0, 12.0, 12.01])(
    'scores bilirubin %s mg/dL the same when sent in µmol/L',
    (mgPerDl) => {
      const umolPerL = Number((mgPerDl * 17.1).toPrecision(12));
      expect(sofaLiverPoints(bilirubinUmolPerLToMgPerDl(umolPerL))).toBe(sofaLiverPoints(mgPerDl));
    },
  );

  it('bands µmol/L after converting, so 204 µmol/L (11.93 mg/dL) scores 3 and 205.2 µmol/L (12.0) still 3', () => {
    expect(sofaLiverPoints(bilirubinUmolPerLToMgPerDl(204))).toBe(3);
    expect(sofaLiverPoints(bilirubinUmolPerLToMgPerDl(205.2))).toBe(3);
    expect(sofaLiverPoints(bilirubinUmolPerLToMgPerDl(205.3))).toBe(4);
  });
});

describe('sofaCnsPoints', () => {
  it.each([
    [15, 0],
    [14, 1],
    [13, 1],
    [12, 2],
    [10, 2],
    [9, 3],
    [6, 3],
    [5, 4],
    [3, 4],
  ])('scores GCS %i as %i', (gcs, points) => {
    expect(sofaCnsPoints(gcs)).toBe(points);
  });

  it('rejects a GCS outside 3–15', () => {
    expect(() => sofaCnsPoints(2)).toThrow('gcs: expected a GCS from 3 to 15, received 2');
    expect(() => sofaCnsPoints(16)).toThrow('gcs: expected a GCS from 3 to 15, received 16');
  });
});

describe('sofaCardiovascularPoints', () => {
  it.each([
    [{ mapMmHg: 70 }, 0],
    [{ mapMmHg: 69.9 }, 1],
    [{ dopamineUgKgMin: 0 }, 0],
    [{ dopamineUgKgMin: 0.5 }, 2],
    [{ dopamineUgKgMin: 5 }, 2],
    [{ dopamineUgKgMin: 5.01 }, 3],
    [{ dopamineUgKgMin: 15 }, 3],
    [{ dopamineUgKgMin: 15.01 }, 4],
    [{ dobutamineUgKgMin: 0 }, 0],
    [{ dobutamineUgKgMin: 0.01 }, 2],
    [{ dobutamineUgKgMin: 40 }, 2],
    [{ epinephrineUgKgMin: 0 }, 0],
    [{ epinephrineUgKgMin: 0.01 }, 3],
    [{ epinephrineUgKgMin: 0.1 }, 3],
    [{ epinephrineUgKgMin: 0.11 }, 4],
    [{ norepinephrineUgKgMin: 0 }, 0],
    [{ norepinephrineUgKgMin: 0.01 }, 3],
    [{ norepinephrineUgKgMin: 0.1 }, 3],
    [{ norepinephrineUgKgMin: 0.11 }, 4],
  ])('scores %o as %i', (input, points) => {
    expect(sofaCardiovascularPoints(input)).toBe(points);
  });

  it('takes the highest of the values given', () => {
    expect(sofaCardiovascularPoints({ mapMmHg: 60, dobutamineUgKgMin: 5, norepinephrineUgKgMin: 0.3 })).toBe(
      4,
    );
    expect(sofaCardiovascularPoints({ mapMmHg: 60, dopamineUgKgMin: 3 })).toBe(2);
    expect(sofaCardiovascularPoints({ mapMmHg: 60, norepinephrineUgKgMin: 0 })).toBe(1);
  });

  it('is null when no value is given', () => {
    expect(sofaCardiovascularPoints({})).toBeNull();
  });

  it('scores MAP and each catecholamine alone, as the window evaluation needs', () => {
    expect(sofaMapPoints(70)).toBe(0);
    expect(sofaMapPoints(69.9)).toBe(1);
    expect(sofaCatecholaminePoints('dopamine', 5)).toBe(2);
    expect(sofaCatecholaminePoints('dopamine', 15)).toBe(3);
    expect(sofaCatecholaminePoints('dobutamine', 2)).toBe(2);
    expect(sofaCatecholaminePoints('epinephrine', 0.1)).toBe(3);
    expect(sofaCatecholaminePoints('norepinephrine', 0.1001)).toBe(4);
    expect(sofaCatecholaminePoints('norepinephrine', 0)).toBe(0);
  });

  it('rejects a negative rate, naming the drug', () => {
    expect(() => sofaCardiovascularPoints({ norepinephrineUgKgMin: -0.1 })).toThrow(
      'norepinephrineUgKgMin: expected a number >= 0 (µg/kg/min), received -0.1',
    );
  });
});

describe('sofaRenalPoints', () => {
  it.each([
    [0.5, 0],
    [1.19, 0],
    [1.2, 1],
    [1.99, 1],
    [2.0, 2],
    [3.49, 2],
    [3.5, 3],
    [5.0, 3],
    [5.01, 4],
  ])('scores creatinine %s mg/dL as %i (5.0 stays in 3: ">5" is exclusive)', (creatinine, points) => {
    expect(sofaRenalPoints({ creatinineMgPerDl: creatinine })).toBe(points);
  });

  it.each([1.19, 1.2, 1.99, 2.0, 3.49, 3.5, 5.0, 5.01])(
    'scores creatinine %s mg/dL the same when sent in µmol/L',
    (mgPerDl) => {
      const umolPerL = Number((mgPerDl * 88.4).toPrecision(12));
      expect(sofaRenalPoints({ creatinineMgPerDl: creatinineUmolPerLToMgPerDl(umolPerL) })).toBe(
        sofaRenalPoints({ creatinineMgPerDl: mgPerDl }),
      );
    },
  );

  it.each([
    [2000, 0],
    [500, 0],
    [499.9, 3],
    [200, 3],
    [199.9, 4],
    [0, 4],
  ])('scores a 24-h urine output of %s mL as %i', (urine, points) => {
    expect(sofaRenalPoints({ urineOutputMlPerDay: urine })).toBe(points);
  });

  it('scores creatinine and urine output alone, as the window evaluation needs', () => {
    expect(sofaCreatininePoints(5.0)).toBe(3);
    expect(sofaCreatininePoints(5.01)).toBe(4);
    expect(sofaUrineOutputPoints(499.9)).toBe(3);
    expect(sofaUrineOutputPoints(199.9)).toBe(4);
  });

  it('takes the higher of creatinine and urine output, and is null without either', () => {
    expect(sofaRenalPoints({ creatinineMgPerDl: 1.5, urineOutputMlPerDay: 450 })).toBe(3);
    expect(sofaRenalPoints({ creatinineMgPerDl: 5.5, urineOutputMlPerDay: 450 })).toBe(4);
    expect(sofaRenalPoints({})).toBeNull();
  });
});

describe('SOFA organ points never improve when a value worsens', () => {
  const ratio = fc.double({ min: 0, max: 800, noNaN: true });
  test.prop([ratio, ratio, fc.boolean()])('respiration: a lower PaO2/FiO2', (a, b, support) => {
    const [worse, better] = a <= b ? [a, b] : [b, a];
    expect(sofaRespirationPoints(worse, support)).toBeGreaterThanOrEqual(
      sofaRespirationPoints(better, support),
    );
    expect(sofaRespirationPoints(a, true)).toBeGreaterThanOrEqual(sofaRespirationPoints(a, false));
  });

  const count = fc.double({ min: 0, max: 1000, noNaN: true });
  test.prop([count, count])('coagulation: fewer platelets', (a, b) => {
    const [worse, better] = a <= b ? [a, b] : [b, a];
    expect(sofaCoagulationPoints(worse)).toBeGreaterThanOrEqual(sofaCoagulationPoints(better));
  });

  const level = fc.double({ min: 0, max: 40, noNaN: true });
  test.prop([level, level])('liver and renal: a higher bilirubin or creatinine', (a, b) => {
    const [better, worse] = a <= b ? [a, b] : [b, a];
    expect(sofaLiverPoints(worse)).toBeGreaterThanOrEqual(sofaLiverPoints(better));
    expect(sofaRenalPoints({ creatinineMgPerDl: worse })).toBeGreaterThanOrEqual(
      sofaRenalPoints({ creatinineMgPerDl: better }) ?? 0,
    );
  });

  const urine = fc.double({ min: 0, max: 5000, noNaN: true });
  test.prop([urine, urine])('renal: less urine', (a, b) => {
    const [worse, better] = a <= b ? [a, b] : [b, a];
    expect(sofaRenalPoints({ urineOutputMlPerDay: worse })).toBeGreaterThanOrEqual(
      sofaRenalPoints({ urineOutputMlPerDay: better }) ?? 0,
    );
  });

  const gcs = fc.integer({ min: 3, max: 15 });
  test.prop([gcs, gcs])('cns: a lower GCS', (a, b) => {
    const [worse, better] = a <= b ? [a, b] : [b, a];
    expect(sofaCnsPoints(worse)).toBeGreaterThanOrEqual(sofaCnsPoints(better));
  });

  const rate = fc.double({ min: 0, max: 50, noNaN: true });
  const map = fc.double({ min: 0, max: 200, noNaN: true });
  test.prop([map, map, rate, rate, fc.constantFrom(...DRUGS)])(
    'cardiovascular: a lower MAP or a higher catecholamine rate',
    (m1, m2, r1, r2, drug) => {
      const [worseMap, betterMap] = m1 <= m2 ? [m1, m2] : [m2, m1];
      const [lowRate, highRate] = r1 <= r2 ? [r1, r2] : [r2, r1];
      expect(sofaCardiovascularPoints({ mapMmHg: worseMap, [drug]: highRate })).toBeGreaterThanOrEqual(
        sofaCardiovascularPoints({ mapMmHg: betterMap, [drug]: lowRate }) ?? 0,
      );
    },
  );
});

const DRUGS = [
  'dopamineUgKgMin',
  'dobutamineUgKgMin',
  'epinephrineUgKgMin',
  'norepinephrineUgKgMin',
] as const;
