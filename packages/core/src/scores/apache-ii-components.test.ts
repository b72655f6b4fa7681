import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { creatinineUmolPerLToMgPerDl } from './molar-units.js';
import {
  apacheAaDo2Points,
  apacheAgePoints,
  apacheChronicHealthPoints,
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
} from './apache-ii-components.js';

// Both sides of every cut-off of Knaus et al. 1985 (DOMAIN.md §7.2), half-open as FHIR-PROFILE.md §8 says:
// each pair is [value just below the edge, points], [the edge, points].
type Table = readonly (readonly [number, number])[];

// prettier-ignore
const TABLES: readonly [string, (v: number) => number, Table][] = [
  ['temperature (°C)', apacheTemperaturePoints, [
    [29.9, 4], [30, 3], [31.9, 3], [32, 2], [33.9, 2], [34, 1], [35.9, 1], [36, 0],
    [38.4, 0], [38.5, 1], [38.9, 1], [38.95, 1], [39, 3], [40.9, 3], [41, 4],
  ]],
  ['MAP (mmHg)', apacheMapPoints, [
    [49, 4], [49.5, 4], [50, 2], [69, 2], [69.9, 2], [70, 0], [109, 0], [110, 2], [129, 2], [130, 3], [159, 3], [160, 4],
  ]],
  ['heart rate (/min)', apacheHeartRatePoints, [
    [39, 4], [40, 3], [54, 3], [55, 2], [69, 2], [70, 0], [109, 0], [110, 2], [139, 2], [140, 3], [179, 3], [180, 4],
  ]],
  ['respiratory rate (/min)', apacheRespiratoryRatePoints, [
    [5, 4], [6, 2], [9, 2], [10, 1], [11, 1], [12, 0], [24, 0], [25, 1], [34, 1], [35, 3], [49, 3], [50, 4],
  ]],
  ['A-aDO2 (mmHg)', apacheAaDo2Points, [[-10, 0], [199, 0], [200, 2], [349, 2], [350, 3], [499, 3], [500, 4]]],
  ['PaO2 (mmHg)', apachePao2Points, [[54, 4], [54.9, 4], [55, 3], [60, 3], [60.9, 3], [61, 1], [70, 1], [70.1, 0]]],
  ['arterial pH', apachePhPoints, [
    [7.14, 4], [7.15, 3], [7.24, 3], [7.25, 2], [7.32, 2], [7.33, 0], [7.49, 0], [7.5, 1],
    [7.59, 1], [7.6, 3], [7.69, 3], [7.7, 4],
  ]],
  ['HCO3 (mmol/L)', apacheHco3Points, [
    [14.9, 4], [15, 3], [17.9, 3], [18, 2], [21.9, 2], [22, 0], [31.9, 0], [32, 1],
    [40.9, 1], [41, 3], [51.9, 3], [52, 4],
  ]],
  ['sodium (mmol/L)', apacheSodiumPoints, [
    [110, 4], [110.5, 4], [111, 3], [119, 3], [120, 2], [129, 2], [130, 0], [149, 0],
    [150, 1], [154, 1], [155, 2], [159, 2], [160, 3], [179, 3], [180, 4],
  ]],
  ['potassium (mmol/L)', apachePotassiumPoints, [
    [2.4, 4], [2.5, 2], [2.9, 2], [3, 1], [3.4, 1], [3.5, 0], [5.4, 0], [5.5, 1], [5.9, 1], [6, 3], [6.9, 3], [7, 4],
  ]],
  ['haematocrit (%)', apacheHematocritPoints, [
    [19.9, 4], [20, 2], [29.9, 2], [30, 0], [45.9, 0], [46, 1], [49.9, 1], [50, 2], [59.9, 2], [60, 4],
  ]],
  ['WBC (×10⁹/L)', apacheWbcPoints, [
    [0.9, 4], [1, 2], [2.9, 2], [3, 0], [14.9, 0], [15, 1], [19.9, 1], [20, 2], [39.9, 2], [40, 4],
  ]],
  ['age (years)', apacheAgePoints, [[44, 0], [44.9, 0], [45, 2], [54, 2], [55, 3], [64, 3], [65, 5], [74, 5], [75, 6]]],
];

describe.each(TABLES)('APACHE II %s', (_name, points, table) => {
  it.each(table)('scores %s as %i', (value, expected) => {
    expect(points(value)).toBe(expected);
  });
});

describe('apacheCreatininePoints', () => {
  it.each([
    [0.59, 2],
    [0.6, 0],
    [1.49, 0],
    [1.5, 2],
    [1.99, 2],
    [2, 3],
    [3.49, 3],
    [3.5, 4],
  ])('scores creatinine %s mg/dL as %i without acute renal failure', (creatinine, points) => {
    expect(apacheCreatininePoints(creatinine, false)).toBe(points);
  });

  it.each([
    [0.59, 4],
    [0.6, 0],
    [1.5, 4],
    [2, 6],
    [3.5, 8],
    [12, 8],
  ])('doubles creatinine %s mg/dL to %i with acute renal failure (at most 8)', (creatinine, points) => {
    expect(apacheCreatininePoints(creatinine, true)).toBe(points);
  });

  it.each([0.59, 0.6, 1.49, 1.5, 1.99, 2, 3.49, 3.5])(
    'scores %s mg/dL the same when sent in µmol/L',
    (mg) => {
      const umol = Number((mg * 88.4).toPrecision(12));
      expect(apacheCreatininePoints(creatinineUmolPerLToMgPerDl(umol), false)).toBe(
        apacheCreatininePoints(mg, false),
      );
    },
  );
});

describe('apacheGcsPoints', () => {
  it.each([
    [15, 0],
    [14, 1],
    [9, 6],
    [3, 12],
  ])('scores GCS %i as 15 − GCS = %i', (gcs, points) => {
    expect(apacheGcsPoints(gcs)).toBe(points);
  });

  it('rejects a GCS outside 3–15', () => {
    expect(() => apacheGcsPoints(0)).toThrow('gcs: expected a GCS from 3 to 15, received 0');
  });
});

describe('apacheChronicHealthPoints', () => {
  it('scores none 0, elective post-operative 2, non-operative or emergency post-operative 5', () => {
    expect(apacheChronicHealthPoints('none')).toBe(0);
    expect(apacheChronicHealthPoints('elective_postop')).toBe(2);
    expect(apacheChronicHealthPoints('nonoperative_or_emergency_postop')).toBe(5);
  });
});

describe('APACHE II points never improve as a value moves away from normal', () => {
  // The normal range of each variable; points are monotone on each side of it.
  const sides: readonly [string, (v: number) => number, number, number, number][] = [
    ['temperature', apacheTemperaturePoints, 36, 38.5, 50],
    ['MAP', apacheMapPoints, 70, 110, 250],
    ['heart rate', apacheHeartRatePoints, 70, 110, 250],
    ['respiratory rate', apacheRespiratoryRatePoints, 12, 25, 80],
    ['pH', apachePhPoints, 7.33, 7.5, 8],
    ['HCO3', apacheHco3Points, 22, 32, 80],
    ['sodium', apacheSodiumPoints, 130, 150, 220],
    ['potassium', apachePotassiumPoints, 3.5, 5.5, 10],
    ['haematocrit', apacheHematocritPoints, 30, 46, 100],
    ['WBC', apacheWbcPoints, 3, 15, 100],
  ];
  test.prop([
    fc.constantFrom(...sides),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ])(
    'further below the normal range or further above it scores at least as much',
    ([, points, low, high, top], a, b) => {
      const [near, far] = a <= b ? [a, b] : [b, a];
      expect(points(low - far * low)).toBeGreaterThanOrEqual(points(low - near * low));
      expect(points(high + far * (top - high))).toBeGreaterThanOrEqual(points(high + near * (top - high)));
    },
  );

  test.prop([fc.double({ min: 0, max: 700, noNaN: true }), fc.double({ min: 0, max: 700, noNaN: true })])(
    'a lower PaO2 or a higher A-aDO2 scores at least as much',
    (a, b) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      expect(apachePao2Points(low)).toBeGreaterThanOrEqual(apachePao2Points(high));
      expect(apacheAaDo2Points(high)).toBeGreaterThanOrEqual(apacheAaDo2Points(low));
      expect(apacheAgePoints(high / 5)).toBeGreaterThanOrEqual(apacheAgePoints(low / 5));
    },
  );
});
