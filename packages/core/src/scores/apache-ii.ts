import { nonNegative, requireInRange } from './bands.js';
import {
  type ChronicHealth,
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

// Ranges are built once: score functions run for every value of every window screened.
const NON_NEGATIVE_MMHG = nonNegative('mmHg');

const FIO2_RANGE = { min: 0, max: 1, minExclusive: true, expected: 'a fraction in (0, 1]' };

/**
 * Alveolar–arterial oxygen gradient at sea level (Knaus et al., 1985): A-aDO2 = FiO2 × 713 − PaCO2 / 0.8 −
 * PaO2, where 713 mmHg = 760 barometric − 47 water vapour and 0.8 is the respiratory quotient.
 * @param input - FiO2 as a fraction, PaCO2 and PaO2 in mmHg from the same sample.
 * @returns A-aDO2 in mmHg (may be negative with inconsistent values).
 * @throws TrialError `score.input` when FiO2 is outside (0, 1] or a pressure is negative.
 * @example computeAaDo2({ fio2Fraction: 0.6, paco2MmHg: 40, pao2MmHg: 80 }) // => 297.8
 */
export function computeAaDo2(input: {
  readonly fio2Fraction: number;
  readonly paco2MmHg: number;
  readonly pao2MmHg: number;
}): number {
  requireInRange('fio2Fraction', input.fio2Fraction, FIO2_RANGE);
  requireInRange('paco2MmHg', input.paco2MmHg, NON_NEGATIVE_MMHG);
  requireInRange('pao2MmHg', input.pao2MmHg, NON_NEGATIVE_MMHG);
  return input.fio2Fraction * 713 - input.paco2MmHg / 0.8 - input.pao2MmHg;
}

/** Oxygenation inputs: FiO2 as a fraction, pressures in mmHg. */
export interface ApacheOxygenationInput {
  readonly fio2Fraction?: number | undefined;
  readonly aado2MmHg?: number | undefined;
  readonly pao2MmHg?: number | undefined;
  readonly paco2MmHg?: number | undefined;
}

/**
 * APACHE II oxygenation points (Knaus et al., 1985): with FiO2 >= 0.5 the A-aDO2 scores (given, else computed
 * from PaO2 and PaCO2 by `computeAaDo2`); with FiO2 < 0.5 the PaO2 scores. Without FiO2 only a given A-aDO2
 * scores (an A-aDO2 is reported only at FiO2 >= 0.5); a PaO2 alone cannot be placed and gives null.
 * @returns Points 0–4, or null when the inputs cannot decide.
 * @throws TrialError `score.input` when a value is out of range.
 * @example apacheOxygenationPoints({ fio2Fraction: 0.6, pao2MmHg: 80, paco2MmHg: 40 }) // => 2 (A-aDO2 297.8)
 * @example apacheOxygenationPoints({ fio2Fraction: 0.4, pao2MmHg: 70 }) // => 1
 */
export function apacheOxygenationPoints(input: ApacheOxygenationInput): number | null {
  const { fio2Fraction, aado2MmHg, pao2MmHg, paco2MmHg } = input;
  if (fio2Fraction === undefined) return aado2MmHg === undefined ? null : apacheAaDo2Points(aado2MmHg);
  requireInRange('fio2Fraction', fio2Fraction, FIO2_RANGE);
  if (fio2Fraction < 0.5) return pao2MmHg === undefined ? null : apachePao2Points(pao2MmHg);
  if (aado2MmHg !== undefined) return apacheAaDo2Points(aado2MmHg);
  if (pao2MmHg === undefined || paco2MmHg === undefined) return null;
  return apacheAaDo2Points(computeAaDo2({ fio2Fraction, paco2MmHg, pao2MmHg }));
}

/**
 * APACHE II acid–base points (Knaus et al., 1985): arterial pH when known, else serum HCO3.
 * @returns Points 0–4, or null with neither.
 * @example apacheAcidBasePoints({ hco3MmolPerL: 16 }) // => 3
 */
export function apacheAcidBasePoints(input: {
  readonly arterialPh?: number | undefined;
  readonly hco3MmolPerL?: number | undefined;
}): number | null {
  if (input.arterialPh !== undefined) return apachePhPoints(input.arterialPh);
  return input.hco3MmolPerL === undefined ? null : apacheHco3Points(input.hco3MmolPerL);
}

/** The worst value of each APACHE II variable in the first 24 h, in canonical units; every field optional. */
export interface Apache2Input extends ApacheOxygenationInput {
  readonly temperatureC?: number | undefined;
  readonly mapMmHg?: number | undefined;
  readonly heartRateBpm?: number | undefined;
  readonly respiratoryRatePerMin?: number | undefined;
  readonly arterialPh?: number | undefined;
  readonly hco3MmolPerL?: number | undefined;
  readonly sodiumMmolPerL?: number | undefined;
  readonly potassiumMmolPerL?: number | undefined;
  readonly creatinineMgPerDl?: number | undefined;
  /** Acute renal failure: creatinine points × 2. Absent means no. */
  readonly acuteRenalFailure?: boolean | undefined;
  readonly hematocritPercent?: number | undefined;
  readonly wbc10e9PerL?: number | undefined;
  readonly gcs?: number | undefined;
  readonly ageYears?: number | undefined;
  readonly chronicHealth?: ChronicHealth | undefined;
}

/** Points of each APACHE II variable; null when the input cannot score it. */
export interface Apache2Components {
  readonly temperature: number | null;
  readonly map: number | null;
  readonly heart_rate: number | null;
  readonly respiratory_rate: number | null;
  readonly oxygenation: number | null;
  readonly acid_base: number | null;
  readonly sodium: number | null;
  readonly potassium: number | null;
  readonly creatinine: number | null;
  readonly hematocrit: number | null;
  readonly wbc: number | null;
  readonly gcs: number | null;
  readonly age: number | null;
  readonly chronic_health: number | null;
}

export interface Apache2Result {
  /** APS + age + chronic health over the known components, 0–71. */
  readonly total: number;
  /** Acute physiology score: the twelve physiological variables including GCS, over the known ones, 0–60. */
  readonly aps: number;
  /** True when all fourteen components are known. */
  readonly complete: boolean;
  readonly components: Apache2Components;
}

function scored<T>(value: T | undefined, points: (v: T) => number): number | null {
  return value === undefined ? null : points(value);
}

/**
 * APACHE II (Knaus et al., 1985; DOMAIN.md §7.2): acute physiology score (twelve variables, GCS as 15 − GCS)
 * + age points + chronic health points, 0–71. Missing components are null; `total` and `aps` sum the known
 * ones and `complete` says whether all fourteen are known.
 * @param input - Worst values of the first 24 h in canonical units; see `Apache2Input`.
 * @throws TrialError `score.input` when a value is out of range.
 * @example computeApache2({ temperatureC: 39.2, heartRateBpm: 125, gcs: 13, ageYears: 67, chronicHealth: 'none' })
 * // => { total: 12, aps: 7, complete: false, components: { temperature: 3, heart_rate: 2, gcs: 2, age: 5,
 * //      chronic_health: 0, and null for the nine others } }
 */
export function computeApache2(input: Apache2Input): Apache2Result {
  const physiology = {
    temperature: scored(input.temperatureC, apacheTemperaturePoints),
    map: scored(input.mapMmHg, apacheMapPoints),
    heart_rate: scored(input.heartRateBpm, apacheHeartRatePoints),
    respiratory_rate: scored(input.respiratoryRatePerMin, apacheRespiratoryRatePoints),
    oxygenation: apacheOxygenationPoints(input),
    acid_base: apacheAcidBasePoints(input),
    sodium: scored(input.sodiumMmolPerL, apacheSodiumPoints),
    potassium: scored(input.potassiumMmolPerL, apachePotassiumPoints),
    creatinine: scored(input.creatinineMgPerDl, (c) =>
      apacheCreatininePoints(c, input.acuteRenalFailure ?? false),
    ),
    hematocrit: scored(input.hematocritPercent, apacheHematocritPoints),
    wbc: scored(input.wbc10e9PerL, apacheWbcPoints),
    gcs: scored(input.gcs, apacheGcsPoints),
  };
  const components: Apache2Components = {
    ...physiology,
    age: scored(input.ageYears, apacheAgePoints),
    chronic_health: scored(input.chronicHealth, apacheChronicHealthPoints),
  };
  const sum = (values: readonly (number | null)[]): number =>
    values.reduce<number>((s, p) => s + (p ?? 0), 0);
  const aps = sum(Object.values(physiology));
  const all = Object.values(components);
  return {
    total: sum(all),
    aps,
    complete: all.every((p) => p !== null),
    components,
  };
}
