import { CATEGORIES, SEPSIS_SITES, type TwinModel } from '../model/model-schema.js';
import { COMORBIDITY_BITS, type Comorbidity } from './layout.js';

/**
 * The model's parameters in the form the daily kernel reads: logs taken, shares made cumulative, per-category
 * values in arrays indexed like CATEGORIES. Plain numbers and arrays, so it crosses to worker threads as is.
 */
export interface CompiledTwinModel {
  readonly categoryCumulative: readonly number[];
  readonly sepsisSiteCumulative: readonly number[];
  readonly ageMean: number;
  readonly ageSd: number;
  readonly maleShare: number;
  readonly weightMean: number;
  readonly weightSd: number;
  readonly edShare: readonly number[];
  readonly hospitalToIcuHoursMean: number;
  readonly wardToIcuDaysMean: number;
  readonly sofaMean: readonly number[];
  readonly sofaSd: number;
  /** 4 categories x 6 organs, each category's shares normalized to 1. */
  readonly organShares: readonly (readonly number[])[];
  readonly organSpreadSd: number;
  readonly kappaLogMedian: readonly number[];
  readonly kappaSdLog: number;
  /** Change of ln recovery rate per ln unit of admission mHLA-DR above 8000, and with MALS. */
  readonly kappaPerLogHla: number;
  readonly kappaMals: number;
  readonly organNoiseSd: number;
  readonly organNoisePhi: number;
  readonly malsLoad: number;
  readonly chronicRenalLoad: number;
  readonly imvLogit: readonly number[];
  readonly imvLogitPerResp: number;
  readonly extubation: number;
  readonly extubationBelowResp: number;
  readonly intubation: number;
  readonly hla0: readonly number[];
  readonly hla0Sd: number;
  readonly hlaSeverity: number;
  readonly hlaInf: number;
  readonly hlaInfSd: number;
  readonly hlaRhoLog: number;
  readonly hlaRhoSdLog: number;
  readonly hlaNoiseSd: number;
  readonly hlaNoisePhi: number;
  readonly hlaMeasurementCv: number;
  readonly hlaInfectionDrop: number;
  readonly ly0: readonly number[];
  readonly ly0Sd: number;
  readonly lyInf: number;
  readonly lyInfSd: number;
  readonly lyRhoLog: number;
  readonly lyRhoSdLog: number;
  readonly lyNoiseSd: number;
  readonly lyNoisePhi: number;
  readonly ferritin0: readonly number[];
  readonly ferritin0Sd: readonly number[];
  readonly ferritinChange: number;
  readonly ferritinNoiseSd: number;
  /** ln 4420 ng/mL: the MALS cut-off (DOMAIN.md §1, S7). */
  readonly lnMals: number;
  readonly infectionFirstDay: number;
  readonly infectionLogBase: number;
  readonly infectionHlaSlope: number;
  readonly infectionHlaRef: number;
  readonly infectionLySlope: number;
  readonly infectionLyRef: number;
  readonly infectionLogImv: number;
  readonly infectionLogWard: number;
  readonly infectionFrailtySd: number;
  readonly pneumoniaVentilated: number;
  readonly pneumoniaNotVentilated: number;
  readonly bloodstream: number;
  readonly infectionOrganLoad: number;
  readonly infectionShock: number;
  readonly infectionActiveDays: number;
  readonly deathIcu: number;
  readonly deathPerSofa: number;
  readonly deathPerDecade: number;
  readonly deathInfection: number;
  readonly deathMals: number;
  readonly deathWard: number;
  readonly deathHome: number;
  readonly deathFrailtySd: number;
  readonly icuOutLogit: number;
  readonly icuOutPerSofa: number;
  readonly icuOutMinDay: number;
  readonly hospitalOut: number;
  readonly siteInfectionSd: number;
  readonly siteDeathSd: number;
  /** Comorbidity shares with their bits, in a fixed order (the draw order). */
  readonly comorbidities: readonly {
    readonly name: Comorbidity;
    readonly bit: number;
    readonly share: number;
  }[];
  /** Shares among the patients they apply to (cancer, trauma, medical, women under 45, everyone for steroids in shock). */
  readonly conditionalShares: {
    readonly recent_chemotherapy: number;
    readonly tbi: number;
    readonly stroke: number;
    readonly pregnancy: number;
    readonly stress_steroids: number;
  };
  readonly labOffsetHours: number;
  readonly mhlaDrOffsetHours: number;
  readonly mhlaDrDays: readonly number[];
  readonly ifnActionHours: number;
  readonly anakinraActionHours: number;
  readonly il7ActionHours: number;
  readonly onsetDays: number;
  readonly offsetDays: number;
}

// Drawn only for some patients (trauma, medical, women under 45, shock, cancer): see drawPatient.
const CONDITIONAL: ReadonlySet<Comorbidity> = new Set([
  'tbi',
  'stroke',
  'pregnancy',
  'stress_steroids',
  'recent_chemotherapy',
]);

function cumulative(values: readonly number[]): number[] {
  let s = 0;
  return values.map((v) => (s += v));
}

/**
 * Compiles a parsed model for the kernel.
 * @param m - From parseTwinModel.
 * @example compileTwinModel(parseTwinModel(text, file).model).lnMals // => Math.log(4420)
 */
export function compileTwinModel(m: TwinModel): CompiledTwinModel {
  const perCat = <T>(r: Readonly<Record<(typeof CATEGORIES)[number], T>>): T[] => CATEGORIES.map((c) => r[c]);
  const c = m.comorbidities;
  const comorbidities = (Object.keys(COMORBIDITY_BITS) as Comorbidity[])
    .filter((name) => !CONDITIONAL.has(name))
    .map((name) => ({ name, bit: COMORBIDITY_BITS[name], share: shareOf(c, name) }));
  return {
    categoryCumulative: cumulative(perCat(m.population.category_shares)),
    sepsisSiteCumulative: cumulative(SEPSIS_SITES.map((s) => m.population.sepsis_site_shares[s])),
    ageMean: m.population.age_mean_years,
    ageSd: m.population.age_sd_years,
    maleShare: m.population.male_share,
    weightMean: m.population.weight_mean_kg,
    weightSd: m.population.weight_sd_kg,
    edShare: perCat(m.population.ed_admission_share),
    hospitalToIcuHoursMean: m.population.hospital_to_icu_hours_mean,
    wardToIcuDaysMean: m.population.ward_to_icu_days_mean,
    sofaMean: perCat(m.organs.admission_sofa_mean),
    sofaSd: m.organs.admission_sofa_sd,
    organShares: perCat(m.organs.organ_shares).map((s) => {
      const total = s.reduce((a, b) => a + b, 0);
      return s.map((v) => (total > 0 ? v / total : 0));
    }),
    organSpreadSd: m.organs.organ_spread_sd,
    kappaLogMedian: perCat(m.organs.recovery_rate_median_per_day).map(Math.log),
    kappaSdLog: m.organs.recovery_rate_sd_log,
    kappaPerLogHla: m.organs.recovery_log_per_log_mhla_dr,
    kappaMals: m.organs.mals_recovery_log,
    organNoiseSd: m.organs.daily_noise_sd,
    organNoisePhi: m.organs.daily_noise_autocorrelation,
    malsLoad: m.organs.mals_load,
    chronicRenalLoad: m.organs.chronic_renal_load,
    imvLogit: perCat(m.ventilation.admission_logit),
    imvLogitPerResp: m.ventilation.admission_logit_per_resp_point,
    extubation: m.ventilation.extubation_per_day,
    extubationBelowResp: m.ventilation.extubation_below_resp,
    intubation: m.ventilation.intubation_per_day,
    hla0: perCat(m.mhla_dr.admission_median_ab_per_cell).map(Math.log),
    hla0Sd: m.mhla_dr.admission_sd_log,
    hlaSeverity: m.mhla_dr.severity_log_per_sofa_point,
    hlaInf: Math.log(m.mhla_dr.recovery_median_ab_per_cell),
    hlaInfSd: m.mhla_dr.recovery_sd_log,
    hlaRhoLog: Math.log(m.mhla_dr.recovery_rate_median_per_day),
    hlaRhoSdLog: m.mhla_dr.recovery_rate_sd_log,
    hlaNoiseSd: m.mhla_dr.noise_sd_log,
    hlaNoisePhi: m.mhla_dr.noise_autocorrelation,
    hlaMeasurementCv: m.mhla_dr.measurement_cv,
    hlaInfectionDrop: m.mhla_dr.infection_drop_log,
    ly0: perCat(m.lymphocytes.admission_median_per_mm3).map(Math.log),
    ly0Sd: m.lymphocytes.admission_sd_log,
    lyInf: Math.log(m.lymphocytes.recovery_median_per_mm3),
    lyInfSd: m.lymphocytes.recovery_sd_log,
    lyRhoLog: Math.log(m.lymphocytes.recovery_rate_median_per_day),
    lyRhoSdLog: m.lymphocytes.recovery_rate_sd_log,
    lyNoiseSd: m.lymphocytes.noise_sd_log,
    lyNoisePhi: m.lymphocytes.noise_autocorrelation,
    ferritin0: perCat(m.ferritin.admission_median_ng_per_ml).map(Math.log),
    ferritin0Sd: perCat(m.ferritin.admission_sd_log),
    ferritinChange: m.ferritin.daily_change_log,
    ferritinNoiseSd: m.ferritin.noise_sd_log,
    lnMals: Math.log(4420),
    infectionFirstDay: m.infection.first_day,
    infectionLogBase: Math.log(m.infection.baseline_per_day),
    infectionHlaSlope: m.infection.mhla_dr_log_hazard_per_log_unit,
    infectionHlaRef: Math.log(m.infection.mhla_dr_reference_ab_per_cell),
    infectionLySlope: m.infection.lymphocyte_log_hazard_per_log_unit,
    infectionLyRef: Math.log(m.infection.lymphocyte_reference_per_mm3),
    infectionLogImv: Math.log(m.infection.ventilation_hazard_ratio),
    infectionLogWard: m.infection.ward_hazard_ratio > 0 ? Math.log(m.infection.ward_hazard_ratio) : -Infinity,
    infectionFrailtySd: m.infection.frailty_sd_log,
    pneumoniaVentilated: m.infection.pneumonia_share_ventilated,
    pneumoniaNotVentilated: m.infection.pneumonia_share_not_ventilated,
    bloodstream: m.infection.bloodstream_share,
    infectionOrganLoad: m.infection.organ_load,
    infectionShock: m.infection.shock_share,
    infectionActiveDays: m.infection.active_days,
    deathIcu: m.death.icu_log_hazard_intercept,
    deathPerSofa: m.death.icu_log_hazard_per_sofa_point,
    deathPerDecade: m.death.log_hazard_per_age_decade,
    deathInfection: m.death.infection_log_hazard,
    deathMals: m.death.mals_log_hazard,
    deathWard: m.death.ward_log_hazard_intercept,
    deathHome: m.death.home_log_hazard_intercept,
    deathFrailtySd: m.death.frailty_sd_log,
    icuOutLogit: m.discharge.icu_logit_intercept,
    icuOutPerSofa: m.discharge.icu_logit_per_sofa_point,
    icuOutMinDay: m.discharge.icu_min_day,
    hospitalOut: m.discharge.hospital_per_day,
    siteInfectionSd: m.sites.infection_sd_log,
    siteDeathSd: m.sites.death_sd_log,
    comorbidities,
    conditionalShares: {
      recent_chemotherapy: c.recent_chemotherapy,
      tbi: c.tbi_in_trauma,
      stroke: c.stroke_in_medical,
      pregnancy: c.pregnancy_under_45,
      stress_steroids: c.stress_steroids_in_shock,
    },
    labOffsetHours: m.sampling.lab_offset_hours,
    mhlaDrOffsetHours: m.sampling.mhla_dr_offset_hours,
    mhlaDrDays: [...m.sampling.mhla_dr_days].sort((a, b) => a - b),
    ifnActionHours: m.pharmacodynamics.ifn_gamma_action_hours,
    anakinraActionHours: m.pharmacodynamics.anakinra_action_hours,
    il7ActionHours: m.pharmacodynamics.il7_action_hours,
    onsetDays: m.pharmacodynamics.onset_days,
    offsetDays: m.pharmacodynamics.offset_days,
  };
}

function shareOf(c: TwinModel['comorbidities'], name: Comorbidity): number {
  if (name === 'tbi') return c.tbi_in_trauma;
  if (name === 'stroke') return c.stroke_in_medical;
  if (name === 'pregnancy') return c.pregnancy_under_45;
  if (name === 'stress_steroids') return c.stress_steroids_in_shock;
  return c[name];
}
