/**
 * Canonical clinical variables: the codes that identify each one and the units accepted for it
 * (FHIR-PROFILE.md §3, DOMAIN.md §7.6–7.7). The code decides the variable, the unit decides the conversion.
 */
export const LOINC = 'http://loinc.org';
export const LOCAL_VARIABLE_SYSTEM = 'https://immunotrial.dev/fhir/CodeSystem/variable';

export interface VariableDefinition {
  readonly id: string;
  readonly label: string;
  /** UCUM code of the canonical unit; undefined for coded (qualitative) variables. */
  readonly canonicalUnit: string | undefined;
  /** How the canonical unit is shown to people. */
  readonly displayUnit: string;
  readonly loinc: readonly string[];
  readonly local: readonly string[];
  /** Units accepted as sent (case-sensitive). Conversion is by UCUM unless `factors` fixes a clinical factor. */
  readonly units: readonly string[];
  /** Clinical conversion factors that UCUM cannot or must not derive (molar to mass): canonical = value × factor. */
  readonly factors?: Readonly<Record<string, number>>;
}

const MMHG = 'mm[Hg]';
const COUNT_PER_MM3 = ['/mm3', '/uL', '10*3/uL', '10*9/L', 'G/L'];
const BILLION_PER_L = ['10*9/L', '10*3/uL', 'G/L', '/uL', '/mm3'];
const ENZYME = ['U/L', '[IU]/L'];

function v(
  id: string,
  label: string,
  canonicalUnit: string | undefined,
  displayUnit: string,
  loinc: readonly string[],
  units: readonly string[],
  extra: { local?: readonly string[]; factors?: Record<string, number> } = {},
): VariableDefinition {
  return {
    id,
    label,
    canonicalUnit,
    displayUnit,
    loinc,
    units,
    local: extra.local ?? [],
    ...(extra.factors ? { factors: extra.factors } : {}),
  };
}

/** Every canonical variable, keyed by id. */
export const VARIABLES = {
  mhla_dr: v('mhla_dr', 'monocyte HLA-DR', '{AB}/{cell}', 'AB/C', [], ['{AB}/{cell}', 'AB/C'], {
    local: ['mhla-dr'],
  }),
  lymphocytes: v('lymphocytes', 'lymphocytes', '/mm3', '/mm3', ['731-0', '732-8', '26474-7'], COUNT_PER_MM3),
  neutrophils: v('neutrophils', 'neutrophils', '/mm3', '/mm3', ['751-8', '753-4', '26499-4'], COUNT_PER_MM3),
  platelets: v('platelets', 'platelets', '10*9/L', '×10⁹/L', ['777-3'], BILLION_PER_L),
  wbc: v('wbc', 'white blood cells', '10*9/L', '×10⁹/L', ['6690-2'], BILLION_PER_L),
  ferritin: v('ferritin', 'ferritin', 'ng/mL', 'ng/mL', ['2276-4'], ['ng/mL', 'ug/L']),
  // mg/dL × 88.4 = µmol/L (DOMAIN.md §7.6; FHIR-PROFILE.md §3)
  creatinine: v('creatinine', 'creatinine', 'mg/dL', 'mg/dL', ['2160-0', '14682-9'], ['mg/dL', 'umol/L'], {
    factors: { 'umol/L': 1 / 88.4 },
  }),
  // mg/dL × 17.1 ≈ µmol/L, from the SOFA pair 12 mg/dL = 204 µmol/L (DOMAIN.md §7.6)
  bilirubin: v('bilirubin', 'total bilirubin', 'mg/dL', 'mg/dL', ['1975-2', '14631-6'], ['mg/dL', 'umol/L'], {
    factors: { 'umol/L': 1 / 17.1 },
  }),
  // kPa × 7.50062 (FHIR-PROFILE.md §3 fixes this factor; UCUM's mercury column gives 7.50064)
  pao2: v('pao2', 'PaO2', MMHG, 'mmHg', ['2703-7'], [MMHG, 'kPa'], { factors: { kPa: 7.50062 } }),
  paco2: v('paco2', 'PaCO2', MMHG, 'mmHg', ['2019-8'], [MMHG, 'kPa'], { factors: { kPa: 7.50062 } }),
  fio2: v('fio2', 'FiO2', '1', 'fraction', ['3150-0'], ['%', '1']),
  // A Horowitz index sent with unit `1` is the same number in mmHg.
  pf_ratio: v('pf_ratio', 'PaO2/FiO2', MMHG, 'mmHg', ['50984-4'], [MMHG, '1'], { factors: { '1': 1 } }),
  map: v('map', 'mean arterial pressure', MMHG, 'mmHg', ['8478-0'], [MMHG]),
  heart_rate: v('heart_rate', 'heart rate', '/min', '/min', ['8867-4'], ['/min']),
  respiratory_rate: v('respiratory_rate', 'respiratory rate', '/min', '/min', ['9279-1'], ['/min']),
  temperature: v('temperature', 'temperature', 'Cel', '°C', ['8310-5'], ['Cel', '[degF]']),
  weight: v('weight', 'body weight', 'kg', 'kg', ['29463-7'], ['kg', 'g']),
  gcs: v('gcs', 'Glasgow coma scale', '{score}', 'points', ['9269-2'], ['{score}', '1'], {
    local: ['gcs-total'],
  }),
  ph: v('ph', 'arterial pH', '[pH]', 'pH', ['2744-1'], ['[pH]']),
  hco3: v('hco3', 'bicarbonate', 'mmol/L', 'mmol/L', ['1959-6', '1963-8'], ['mmol/L', 'meq/L']),
  sodium: v('sodium', 'sodium', 'mmol/L', 'mmol/L', ['2951-2'], ['mmol/L', 'meq/L']),
  potassium: v('potassium', 'potassium', 'mmol/L', 'mmol/L', ['2823-3'], ['mmol/L', 'meq/L']),
  lactate: v('lactate', 'lactate', 'mmol/L', 'mmol/L', ['2524-7'], ['mmol/L']),
  hematocrit: v('hematocrit', 'haematocrit', '%', '%', ['4544-3'], ['%']),
  ast: v('ast', 'AST', 'U/L', 'U/L', ['1920-8'], ENZYME),
  alt: v('alt', 'ALT', 'U/L', 'U/L', ['1742-6'], ENZYME),
  lipase: v('lipase', 'lipase', 'U/L', 'U/L', ['3040-3'], ENZYME),
  amylase: v('amylase', 'amylase', 'U/L', 'U/L', ['1798-8'], ENZYME),
  egfr: v('egfr', 'eGFR', 'mL/min/{1.73_m2}', 'mL/min/1.73 m²', ['98979-8', '62238-1'], ['mL/min/{1.73_m2}']),
  sofa_total: v('sofa_total', 'SOFA total', '{score}', 'points', ['96790-1'], ['{score}', '1'], {
    local: ['sofa-total'],
  }),
  apache2_total: v('apache2_total', 'APACHE II total', '{score}', 'points', [], ['{score}', '1'], {
    local: ['apache2-total'],
  }),
  urine_output_24h: v(
    'urine_output_24h',
    'urine output (24 h)',
    'mL',
    'mL',
    ['9192-6', '9187-6'],
    ['mL', 'L'],
  ),
  beta_hcg: v('beta_hcg', 'beta-hCG', '[IU]/L', 'IU/L', ['21198-7'], ['[IU]/L', 'm[IU]/mL', 'U/L']),
  hcg_qualitative: v('hcg_qualitative', 'hCG (qualitative)', undefined, '', ['2106-3', '2118-8'], []),
  blood_culture: v('blood_culture', 'blood culture', undefined, '', ['600-7'], []),
} as const satisfies Record<string, VariableDefinition>;

export type VariableId = keyof typeof VARIABLES;

const byCode = new Map<string, VariableId>();
for (const def of Object.values(VARIABLES)) {
  const id = def.id as VariableId;
  for (const c of def.loinc) byCode.set(`${LOINC}|${c}`, id);
  for (const c of def.local) byCode.set(`${LOCAL_VARIABLE_SYSTEM}|${c}`, id);
}

/** The variable a coding identifies, if any. @example variableForCode('http://loinc.org', '731-0') // => 'lymphocytes' */
export function variableForCode(
  system: string | undefined,
  code: string | undefined,
): VariableId | undefined {
  if (system === undefined || code === undefined) return undefined;
  return byCode.get(`${system}|${code}`);
}

/** True when `id` names a canonical variable. */
export function isVariableId(id: string): id is VariableId {
  return Object.hasOwn(VARIABLES, id);
}

/** The definition of a canonical variable. */
export function variableDefinition(id: VariableId): VariableDefinition {
  return VARIABLES[id];
}
