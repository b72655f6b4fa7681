import { z } from 'zod';
import {
  type Apache2Input,
  type SofaInput,
  bilirubinUmolPerLToMgPerDl,
  creatinineUmolPerLToMgPerDl,
} from '@immunotrial/core';

// Input of `immunotrial score`: every field optional, the unit in its name (issue 2 §3). The bounds are
// plausibility limits that catch a value sent in the wrong unit (platelets per µL, FiO2 in percent).

function quantity(min: number, max: number, unit: string): z.ZodNumber {
  const error = `expected a number from ${min} to ${max} (${unit})`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

function positiveQuantity(max: number, unit: string): z.ZodNumber {
  const error = `expected a number greater than 0 and at most ${max} (${unit})`;
  return z.number({ error }).gt(0, { error }).max(max, { error });
}

const gcs = z
  .number({ error: 'expected an integer from 3 to 15' })
  .int({ error: 'expected an integer from 3 to 15' })
  .min(3, { error: 'expected an integer from 3 to 15' })
  .max(15, { error: 'expected an integer from 3 to 15' });
const flag = z.boolean({ error: 'expected true or false' });
const fio2 = z
  .number({ error: 'expected a fraction from 0.21 to 1 (not a percentage)' })
  .min(0.21, { error: 'expected a fraction from 0.21 to 1 (not a percentage)' })
  .max(1, { error: 'expected a fraction from 0.21 to 1 (not a percentage)' });

/** Rejects an analyte given in both units. */
function oneUnit(analyte: string, mg: string, umol: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (value[mg] !== undefined && value[umol] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [mg],
        message: `give ${analyte} either as ${mg} or as ${umol}, not both`,
      });
    }
  };
}

const sofaShape = {
  pao2_fio2_mmhg: quantity(0, 1000, 'mmHg').optional(),
  respiratory_support: flag.optional(),
  platelets_10e9_per_l: quantity(0, 5000, '×10⁹/L').optional(),
  bilirubin_mg_dl: quantity(0, 100, 'mg/dL').optional(),
  bilirubin_umol_l: quantity(0, 1710, 'µmol/L').optional(),
  map_mmhg: quantity(0, 300, 'mmHg').optional(),
  dopamine_ug_kg_min: quantity(0, 100, 'µg/kg/min').optional(),
  dobutamine_ug_kg_min: quantity(0, 100, 'µg/kg/min').optional(),
  epinephrine_ug_kg_min: quantity(0, 10, 'µg/kg/min').optional(),
  norepinephrine_ug_kg_min: quantity(0, 10, 'µg/kg/min').optional(),
  gcs: gcs.optional(),
  creatinine_mg_dl: quantity(0, 50, 'mg/dL').optional(),
  creatinine_umol_l: quantity(0, 4420, 'µmol/L').optional(),
  urine_output_ml_per_day: quantity(0, 20000, 'mL per 24 h').optional(),
};

export const SofaInputSchema = z
  .strictObject(sofaShape)
  .superRefine(oneUnit('bilirubin', 'bilirubin_mg_dl', 'bilirubin_umol_l'))
  .superRefine(oneUnit('creatinine', 'creatinine_mg_dl', 'creatinine_umol_l'));

const apacheShape = {
  temperature_c: quantity(10, 50, '°C').optional(),
  map_mmhg: quantity(0, 300, 'mmHg').optional(),
  heart_rate_bpm: quantity(0, 350, '/min').optional(),
  respiratory_rate_per_min: quantity(0, 150, '/min').optional(),
  fio2_fraction: fio2.optional(),
  aado2_mmhg: quantity(0, 800, 'mmHg').optional(),
  pao2_mmhg: quantity(0, 800, 'mmHg').optional(),
  paco2_mmhg: quantity(0, 300, 'mmHg').optional(),
  arterial_ph: quantity(6.5, 8, 'pH').optional(),
  hco3_mmol_l: quantity(0, 100, 'mmol/L').optional(),
  sodium_mmol_l: quantity(50, 250, 'mmol/L').optional(),
  potassium_mmol_l: quantity(0, 20, 'mmol/L').optional(),
  creatinine_mg_dl: quantity(0, 50, 'mg/dL').optional(),
  creatinine_umol_l: quantity(0, 4420, 'µmol/L').optional(),
  acute_renal_failure: flag.optional(),
  hematocrit_percent: quantity(0, 100, '%').optional(),
  wbc_10e9_per_l: quantity(0, 1000, '×10⁹/L').optional(),
  gcs: gcs.optional(),
  age_years: quantity(0, 130, 'years').optional(),
  chronic_health: z
    .enum(['none', 'nonoperative_or_emergency_postop', 'elective_postop'], {
      error: 'expected "none", "nonoperative_or_emergency_postop" or "elective_postop"',
    })
    .optional(),
};

export const Apache2InputSchema = z
  .strictObject(apacheShape)
  .superRefine(oneUnit('creatinine', 'creatinine_mg_dl', 'creatinine_umol_l'));

const egfrShape = {
  creatinine_mg_dl: positiveQuantity(50, 'mg/dL').optional(),
  creatinine_umol_l: positiveQuantity(4420, 'µmol/L').optional(),
  age_years: quantity(18, 130, 'years; CKD-EPI is for adults').optional(),
  sex: z.enum(['female', 'male'], { error: 'expected "female" or "male"' }).optional(),
  black: flag.optional(),
};

export const EgfrInputSchema = z
  .strictObject(egfrShape)
  .superRefine(oneUnit('creatinine', 'creatinine_mg_dl', 'creatinine_umol_l'));

/** The accepted field names of each score, for the unknown-field message. */
export const SCORE_FIELDS = {
  sofa: Object.keys(sofaShape),
  apache2: Object.keys(apacheShape),
  egfr: Object.keys(egfrShape),
} as const;

type SofaJson = z.infer<typeof SofaInputSchema>;
type Apache2Json = z.infer<typeof Apache2InputSchema>;
export type EgfrJson = z.infer<typeof EgfrInputSchema>;

/** Creatinine in mg/dL from whichever unit was sent (µmol/L ÷ 88.4). */
export function creatinineMgPerDl(json: {
  readonly creatinine_mg_dl?: number | undefined;
  readonly creatinine_umol_l?: number | undefined;
}): number | undefined {
  if (json.creatinine_umol_l !== undefined) return creatinineUmolPerLToMgPerDl(json.creatinine_umol_l);
  return json.creatinine_mg_dl;
}

/** Maps validated SOFA JSON to the core input, converting µmol/L to mg/dL. */
export function toSofaInput(json: SofaJson): SofaInput {
  return {
    pao2Fio2RatioMmHg: json.pao2_fio2_mmhg,
    respiratorySupport: json.respiratory_support,
    platelets10e9PerL: json.platelets_10e9_per_l,
    bilirubinMgPerDl:
      json.bilirubin_umol_l === undefined
        ? json.bilirubin_mg_dl
        : bilirubinUmolPerLToMgPerDl(json.bilirubin_umol_l),
    mapMmHg: json.map_mmhg,
    dopamineUgKgMin: json.dopamine_ug_kg_min,
    dobutamineUgKgMin: json.dobutamine_ug_kg_min,
    epinephrineUgKgMin: json.epinephrine_ug_kg_min,
    norepinephrineUgKgMin: json.norepinephrine_ug_kg_min,
    gcs: json.gcs,
    creatinineMgPerDl: creatinineMgPerDl(json),
    urineOutputMlPerDay: json.urine_output_ml_per_day,
  };
}

/** Maps validated APACHE II JSON to the core input, converting µmol/L to mg/dL. */
export function toApache2Input(json: Apache2Json): Apache2Input {
  return {
    temperatureC: json.temperature_c,
    mapMmHg: json.map_mmhg,
    heartRateBpm: json.heart_rate_bpm,
    respiratoryRatePerMin: json.respiratory_rate_per_min,
    fio2Fraction: json.fio2_fraction,
    aado2MmHg: json.aado2_mmhg,
    pao2MmHg: json.pao2_mmhg,
    paco2MmHg: json.paco2_mmhg,
    arterialPh: json.arterial_ph,
    hco3MmolPerL: json.hco3_mmol_l,
    sodiumMmolPerL: json.sodium_mmol_l,
    potassiumMmolPerL: json.potassium_mmol_l,
    creatinineMgPerDl: creatinineMgPerDl(json),
    acuteRenalFailure: json.acute_renal_failure,
    hematocritPercent: json.hematocrit_percent,
    wbc10e9PerL: json.wbc_10e9_per_l,
    gcs: json.gcs,
    ageYears: json.age_years,
    chronicHealth: json.chronic_health,
  };
}

function render(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * One line per problem, naming the source, the field, what was expected and what was received, e.g.
 * `in.json: gcs: expected an integer from 3 to 15, received 2`.
 */
export function describeIssues(
  source: string,
  fields: readonly string[],
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
): string {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        lines.push(`${source}: unknown field "${key}"; expected one of ${fields.join(', ')}`);
      }
    } else if (issue.path.length === 0) {
      lines.push(`${source}: expected a JSON object of fields, received ${render(input)}`);
    } else if (issue.code === 'custom') {
      lines.push(`${source}: ${issue.message}`);
    } else {
      const field = issue.path.map(String).join('.');
      const value =
        typeof input === 'object' && input !== null
          ? Object.entries(input).find(([k]) => k === field)
          : undefined;
      lines.push(`${source}: ${field}: ${issue.message}, received ${render(value?.[1])}`);
    }
  }
  return lines.join('\n');
}
