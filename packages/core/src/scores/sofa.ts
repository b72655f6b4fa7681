import {
  sofaCardiovascularPoints,
  sofaCnsPoints,
  sofaCoagulationPoints,
  sofaLiverPoints,
  sofaRenalPoints,
  sofaRespirationPoints,
} from './sofa-components.js';

/** The worst value of each SOFA variable in the window, in canonical units; every field is optional. */
export interface SofaInput {
  readonly pao2Fio2RatioMmHg?: number | undefined;
  /** Ventilation running with that PaO2/FiO2; absent means no support. */
  readonly respiratorySupport?: boolean | undefined;
  readonly platelets10e9PerL?: number | undefined;
  readonly bilirubinMgPerDl?: number | undefined;
  readonly mapMmHg?: number | undefined;
  readonly dopamineUgKgMin?: number | undefined;
  readonly dobutamineUgKgMin?: number | undefined;
  readonly epinephrineUgKgMin?: number | undefined;
  readonly norepinephrineUgKgMin?: number | undefined;
  readonly gcs?: number | undefined;
  readonly creatinineMgPerDl?: number | undefined;
  readonly urineOutputMlPerDay?: number | undefined;
}

/** Points of each organ, 0–4; null when the input holds nothing for that organ. */
export interface SofaComponents {
  readonly respiration: number | null;
  readonly coagulation: number | null;
  readonly liver: number | null;
  readonly cardiovascular: number | null;
  readonly cns: number | null;
  readonly renal: number | null;
}

export interface SofaResult {
  /** Sum of the known organs, 0–24. */
  readonly total: number;
  /** True when all six organs are known, so that `total` is the SOFA score and not a lower bound. */
  readonly complete: boolean;
  readonly components: SofaComponents;
}

/**
 * Sequential Organ Failure Assessment (Vincent et al., 1996, Table 1; DOMAIN.md §7.1): six organs scored
 * 0–4 each and summed. An organ with no input is null; `total` sums the known organs and `complete` says
 * whether all six are known. The input holds values already reduced to the worst of the window.
 * @param input - Canonical values; see `SofaInput` for the units.
 * @returns Total, completeness and per-organ points.
 * @throws TrialError `score.input` when a value is out of its range (negative, GCS outside 3–15).
 * @example computeSofa({ pao2Fio2RatioMmHg: 180, respiratorySupport: true, platelets10e9PerL: 90, gcs: 15 })
 * // => { total: 5, complete: false, components: { respiration: 3, coagulation: 2, liver: null,
 * //      cardiovascular: null, cns: 0, renal: null } }
 */
export function computeSofa(input: SofaInput): SofaResult {
  const components: SofaComponents = {
    respiration:
      input.pao2Fio2RatioMmHg === undefined
        ? null
        : sofaRespirationPoints(input.pao2Fio2RatioMmHg, input.respiratorySupport ?? false),
    coagulation:
      input.platelets10e9PerL === undefined ? null : sofaCoagulationPoints(input.platelets10e9PerL),
    liver: input.bilirubinMgPerDl === undefined ? null : sofaLiverPoints(input.bilirubinMgPerDl),
    cardiovascular: sofaCardiovascularPoints(input),
    cns: input.gcs === undefined ? null : sofaCnsPoints(input.gcs),
    renal: sofaRenalPoints(input),
  };
  const known = Object.values(components).filter((p): p is number => p !== null);
  return {
    total: known.reduce((sum, p) => sum + p, 0),
    complete: known.length === 6,
    components,
  };
}
