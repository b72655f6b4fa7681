import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { TrialError } from '../../errors.js';
import {
  apacheAaDo2Points,
  apacheCreatininePoints,
  apacheGcsPoints,
  apacheHco3Points,
  apacheHeartRatePoints,
  apacheHematocritPoints,
  apacheMapPoints,
  apachePao2Points,
  apachePhPoints,
  apachePotassiumPoints,
  apacheRespiratoryRatePoints,
  apacheSodiumPoints,
  apacheTemperaturePoints,
  apacheWbcPoints,
} from '../../scores/apache-ii-components.js';
import {
  aaDo2Points,
  APACHE_VARIABLE_POINTS as P,
  apacheVariablePoints,
  pao2Points,
} from './apache-points.js';

/** The band-table function's points, or −1 where it throws score.input. */
function definition(score: (v: number) => number, v: number): number {
  try {
    return score(v);
  } catch (e) {
    if (e instanceof TrialError) return -1;
    throw e;
  }
}

const COMPONENTS: readonly [string, (v: number) => number, (v: number) => number][] = [
  ['temperature', apacheTemperaturePoints, (v) => apacheVariablePoints(P.temperature, v)],
  ['MAP', apacheMapPoints, (v) => apacheVariablePoints(P.map, v)],
  ['heart rate', apacheHeartRatePoints, (v) => apacheVariablePoints(P.heartRate, v)],
  ['respiratory rate', apacheRespiratoryRatePoints, (v) => apacheVariablePoints(P.respiratoryRate, v)],
  ['pH', apachePhPoints, (v) => apacheVariablePoints(P.ph, v)],
  ['HCO3', apacheHco3Points, (v) => apacheVariablePoints(P.hco3, v)],
  ['sodium', apacheSodiumPoints, (v) => apacheVariablePoints(P.sodium, v)],
  ['potassium', apachePotassiumPoints, (v) => apacheVariablePoints(P.potassium, v)],
  ['creatinine', (v) => apacheCreatininePoints(v, false), (v) => apacheVariablePoints(P.creatinine, v)],
  [
    'creatinine with AKI',
    (v) => apacheCreatininePoints(v, true),
    (v) => apacheVariablePoints(P.creatinineWithAki, v),
  ],
  ['hematocrit', apacheHematocritPoints, (v) => apacheVariablePoints(P.hematocrit, v)],
  ['WBC', apacheWbcPoints, (v) => apacheVariablePoints(P.wbc, v)],
  ['GCS', apacheGcsPoints, (v) => apacheVariablePoints(P.gcs, v)],
  ['PaO2', apachePao2Points, pao2Points],
  ['A-aDO2', apacheAaDo2Points, aaDo2Points],
];

// Every cut-off of the tables (Knaus et al., 1985, Fig. 1) and the range limits, each with its neighbours.
const CUTS = [
  0, 0.6, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5.5, 6, 7, 7.15, 7.25, 7.33, 7.5, 7.6, 7.7, 10, 12, 14, 15, 18, 20, 22,
  25, 30, 32, 34, 35, 36, 38.5, 39, 40, 41, 45, 46, 50, 52, 55, 60, 61, 65, 70, 75, 100, 110, 111, 120, 130,
  140, 150, 155, 160, 180, 200, 350, 500,
];
const EDGES = [
  ...CUTS.flatMap((c) => [c, -c, c - 1e-9, c + 1e-9, c - 0.05, c + 0.05]),
  -0,
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
];

describe('apacheVariablePoints, pao2Points, aaDo2Points', () => {
  it('answer the band tables at and around every cut-off, −1 where they throw', () => {
    for (const [name, score, fast] of COMPONENTS)
      for (const v of EDGES) expect([name, v, fast(v)]).toEqual([name, v, definition(score, v)]);
  });

  test.prop([fc.double({ min: -1000, max: 1000 })])('answer the band tables on random values', (v) => {
    for (const [name, score, fast] of COMPONENTS)
      expect([name, fast(v)]).toEqual([name, definition(score, v)]);
  });

  test.prop([fc.double()])('answer the band tables on any double', (v) => {
    for (const [name, score, fast] of COMPONENTS)
      expect([name, fast(v)]).toEqual([name, definition(score, v)]);
  });

  it('scores the worked cut-offs of the table', () => {
    expect(apacheVariablePoints(P.heartRate, 140)).toBe(3);
    expect(apacheVariablePoints(P.temperature, 38.9)).toBe(1);
    expect(apacheVariablePoints(P.creatinineWithAki, 2)).toBe(6);
    expect(apacheVariablePoints(P.gcs, 2)).toBe(-1);
    expect(pao2Points(70)).toBe(1);
    expect(aaDo2Points(350)).toBe(3);
  });
});
