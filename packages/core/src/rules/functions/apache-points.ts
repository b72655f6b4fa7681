/**
 * APACHE II acute physiology points as plain branches, for the window scan of `apache2_at_screening`, which
 * scores every result of twelve variables for every patient. They answer what the band tables of
 * `scores/apache-ii-components.ts` answer (Knaus et al., 1985, Fig. 1; tested against them), and −1 where
 * those throw (a value out of the component's range), without a table walk, a range object or a try/catch
 * per value.
 */

/** The components scored from one variable's results, in the order APACHE II lists them. */
export const APACHE_VARIABLE_POINTS = {
  temperature: 0,
  map: 1,
  heartRate: 2,
  respiratoryRate: 3,
  ph: 4,
  hco3: 5,
  sodium: 6,
  potassium: 7,
  creatinine: 8,
  creatinineWithAki: 9,
  hematocrit: 10,
  wbc: 11,
  gcs: 12,
} as const;

export type ApacheVariablePoints = (typeof APACHE_VARIABLE_POINTS)[keyof typeof APACHE_VARIABLE_POINTS];

/** A finite number >= 0 (the range of most components: `nonNegative`). */
function nonNegative(v: number): boolean {
  return v >= 0 && v <= Number.MAX_VALUE;
}

function creatininePoints(v: number): number {
  if (!nonNegative(v)) return -1;
  return v < 0.6 ? 2 : v < 1.5 ? 0 : v < 2 ? 2 : v < 3.5 ? 3 : 4;
}

/**
 * Points of one result for a component, or −1 when the component rejects the value (NaN, infinite, or out of
 * its range: the cases where the `scores/` function throws `score.input`).
 * @param component - Which component (APACHE_VARIABLE_POINTS).
 * @param v - The value in the variable's canonical unit.
 * @example apacheVariablePoints(APACHE_VARIABLE_POINTS.heartRate, 140) // => 3
 * @example apacheVariablePoints(APACHE_VARIABLE_POINTS.gcs, 2) // => -1
 */
export function apacheVariablePoints(component: ApacheVariablePoints, v: number): number {
  switch (component) {
    case 0:
      if (!(v >= -Number.MAX_VALUE && v <= Number.MAX_VALUE)) return -1;
      return v < 30 ? 4 : v < 32 ? 3 : v < 34 ? 2 : v < 36 ? 1 : v < 38.5 ? 0 : v < 39 ? 1 : v < 41 ? 3 : 4;
    case 1:
      if (!nonNegative(v)) return -1;
      return v < 50 ? 4 : v < 70 ? 2 : v < 110 ? 0 : v < 130 ? 2 : v < 160 ? 3 : 4;
    case 2:
      if (!nonNegative(v)) return -1;
      return v < 40 ? 4 : v < 55 ? 3 : v < 70 ? 2 : v < 110 ? 0 : v < 140 ? 2 : v < 180 ? 3 : 4;
    case 3:
      if (!nonNegative(v)) return -1;
      return v < 6 ? 4 : v < 10 ? 2 : v < 12 ? 1 : v < 25 ? 0 : v < 35 ? 1 : v < 50 ? 3 : 4;
    case 4:
      if (!(v >= 0 && v <= 14)) return -1;
      return v < 7.15 ? 4 : v < 7.25 ? 3 : v < 7.33 ? 2 : v < 7.5 ? 0 : v < 7.6 ? 1 : v < 7.7 ? 3 : 4;
    case 5:
      if (!nonNegative(v)) return -1;
      return v < 15 ? 4 : v < 18 ? 3 : v < 22 ? 2 : v < 32 ? 0 : v < 41 ? 1 : v < 52 ? 3 : 4;
    case 6:
      if (!nonNegative(v)) return -1;
      return v < 111
        ? 4
        : v < 120
          ? 3
          : v < 130
            ? 2
            : v < 150
              ? 0
              : v < 155
                ? 1
                : v < 160
                  ? 2
                  : v < 180
                    ? 3
                    : 4;
    case 7:
      if (!nonNegative(v)) return -1;
      return v < 2.5 ? 4 : v < 3 ? 2 : v < 3.5 ? 1 : v < 5.5 ? 0 : v < 6 ? 1 : v < 7 ? 3 : 4;
    case 8:
      return creatininePoints(v);
    case 9: {
      // Acute renal failure doubles the points, at most 8.
      const p = creatininePoints(v);
      return p < 0 ? -1 : Math.min(8, 2 * p);
    }
    case 10:
      if (!(v >= 0 && v <= 100)) return -1;
      return v < 20 ? 4 : v < 30 ? 2 : v < 46 ? 0 : v < 50 ? 1 : v < 60 ? 2 : 4;
    case 11:
      if (!nonNegative(v)) return -1;
      return v < 1 ? 4 : v < 3 ? 2 : v < 15 ? 0 : v < 20 ? 1 : v < 40 ? 2 : 4;
    case 12:
      if (!(v >= 3 && v <= 15)) return -1;
      return 15 - v;
  }
}

/**
 * APACHE II PaO2 points (used when FiO2 < 0.5), or −1 where `apachePao2Points` throws: < 55 mmHg → 4,
 * [55, 61) → 3, [61, 70] → 1, > 70 → 0.
 * @example pao2Points(70) // => 1
 */
export function pao2Points(pao2MmHg: number): number {
  if (!nonNegative(pao2MmHg)) return -1;
  return pao2MmHg < 55 ? 4 : pao2MmHg < 61 ? 3 : pao2MmHg <= 70 ? 1 : 0;
}

/**
 * APACHE II A-aDO2 points (used when FiO2 >= 0.5), or −1 where `apacheAaDo2Points` throws (not finite):
 * < 200 mmHg → 0, [200, 350) → 2, [350, 500) → 3, >= 500 → 4.
 * @example aaDo2Points(350) // => 3
 */
export function aaDo2Points(aado2MmHg: number): number {
  if (!(aado2MmHg >= -Number.MAX_VALUE && aado2MmHg <= Number.MAX_VALUE)) return -1;
  return aado2MmHg < 200 ? 0 : aado2MmHg < 350 ? 2 : aado2MmHg < 500 ? 3 : 4;
}
