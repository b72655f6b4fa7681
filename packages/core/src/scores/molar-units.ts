/**
 * Molar-to-mass conversions for the two analytes that the scores band in mg/dL. The factors are the
 * clinical ones FHIR-PROFILE.md §3 fixes (DOMAIN.md §7.6): creatinine mg/dL × 88.4 = µmol/L (Knaus 1985
 * conversion, [S22b]); bilirubin mg/dL × 17.1 ≈ µmol/L (from SOFA's pair 12 mg/dL = 204 µmol/L, Vincent 1996).
 */
export const CREATININE_UMOL_PER_L_PER_MG_PER_DL = 88.4;
export const BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL = 17.1;

/**
 * Rounds to 12 significant digits. Without it 309.4 µmol/L / 88.4 gives 3.4999999999999996 mg/dL and would
 * fall below the 3.5 mg/dL band edge, although 309.4 µmol/L is exactly 3.5 mg/dL.
 */
function round12(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

/**
 * Converts serum creatinine from µmol/L to mg/dL (÷ 88.4), rounded to 12 significant digits so that a
 * band edge written in mg/dL is hit exactly.
 * @param umolPerL - Creatinine in µmol/L.
 * @returns Creatinine in mg/dL.
 * @example creatinineUmolPerLToMgPerDl(309.4) // => 3.5
 */
export function creatinineUmolPerLToMgPerDl(umolPerL: number): number {
  return round12(umolPerL / CREATININE_UMOL_PER_L_PER_MG_PER_DL);
}

/**
 * Converts total bilirubin from µmol/L to mg/dL (÷ 17.1), rounded to 12 significant digits.
 * @param umolPerL - Bilirubin in µmol/L.
 * @returns Bilirubin in mg/dL.
 * @example bilirubinUmolPerLToMgPerDl(205.2) // => 12
 */
export function bilirubinUmolPerLToMgPerDl(umolPerL: number): number {
  return round12(umolPerL / BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL);
}
