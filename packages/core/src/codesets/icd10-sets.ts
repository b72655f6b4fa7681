import { TrialError } from '../errors.js';

/**
 * The ICD-10 condition sets of FHIR-PROFILE.md §6, as data written exactly like the profile's table.
 *
 * Reading of an entry (§6): dots are ignored; `X-Y` covers the codes whose first characters (as many as X
 * has) lie in X..Y, compared character by character in ASCII order (digits before letters, so the CM
 * category C4A lies in C45-C80); a longer code covers its children (`B58.2` covers `B58.21`); `not X`
 * removes X and its children from the set. `who` entries apply to `http://hl7.org/fhir/sid/icd-10` only,
 * `cm` entries to `icd-10-cm` only, `codes` to both. A code shorter than an entry is its parent, not a
 * member (`C4` is not in `C00-C43`).
 */
export type Icd10System = 'icd10' | 'icd10cm';

interface SetSource {
  /** One line for documentation and reasons. */
  readonly label: string;
  /** Entries for both systems, comma-separated, as in the profile's table. */
  readonly codes: string;
  readonly who?: string;
  readonly cm?: string;
  /** Sets whose members also belong to this one (autoimmune = systemic disease + ...). */
  readonly union?: readonly string[];
}

const SOURCES = {
  solid_cancer: { label: 'solid cancer', codes: 'C00-C43, C45-C80' },
  haematological_malignancy: {
    label: 'haematological malignancy',
    codes: 'C81-C96, D45, D46',
    who: 'D47',
    cm: 'D47.1, D47.3, D47.4, D47.Z1, D47.Z9',
  },
  systemic_disease: { label: 'systemic disease', codes: 'M05-M06, M30-M36 not M35.7, D86' },
  autoimmune: {
    label: 'autoimmune disease',
    union: ['systemic_disease'],
    codes:
      'D59.1, D69.3, E05.0, E06.3, E10, E27.1, G35, G70.0, K50-K51, K74.3, K75.4, K90.0, L10, L12, L40, L93, M45',
  },
  transplant: { label: 'transplant', codes: 'Z94.0-Z94.4, Z94.8, T86.0-T86.5, T86.8 not T86.84' },
  hiv: { label: 'HIV', codes: 'B20-B24, Z21' },
  hiv_stage_c: { label: 'HIV stage C', codes: 'B20-B22' },
  aids_defining: {
    label: 'AIDS-defining',
    codes: 'B59, C46, B25, B58.2, B45, B37.1, A15-A19, A31, A81.2, A07.2, R64',
    cm: 'B37.81',
  },
  hepatitis_c: { label: 'hepatitis C', codes: 'B17.1, B18.2' },
  chronic_hepatitis_b: { label: 'chronic hepatitis B', codes: 'B18.0, B18.1' },
  tb: { label: 'tuberculosis', codes: 'A15-A19, B90' },
  primary_immunodeficiency: { label: 'primary immunodeficiency', codes: 'D80-D84', cm: 'not D84.8' },
  sle: { label: 'systemic lupus erythematosus', codes: 'M32' },
  demyelinating: { label: 'demyelinating disease', codes: 'G35-G37' },
  tbi: { label: 'traumatic brain injury', codes: 'S06' },
  spinal_cord_injury: {
    label: 'spinal cord injury',
    codes: 'S14.0, S14.1, S24.0, S24.1, S34.0, S34.1, T09.3',
  },
  stroke: { label: 'stroke', codes: 'I60-I64' },
  coma: { label: 'coma', codes: 'R40.3', who: 'R40.2', cm: 'R40.20, R40.2A, R40.243, R40.244' },
  neuromuscular: {
    label: 'neuromuscular disease',
    codes: 'G12.0, G12.1, G12.2, G61.0, G70-G73 not G72.0',
    cm: 'not G72.81',
  },
  long_term_mv: { label: 'long-term mechanical ventilation', codes: 'Z99.1' },
  acute_ecg_event: { label: 'acute ECG event', codes: 'I21-I22, I44.2, I47.2, I49.0' },
  ckd5_dialysis: { label: 'CKD 5 on dialysis', codes: 'N18.6, Z99.2' },
  ckd_stage5: { label: 'CKD stage 5', codes: 'N18.5' },
  aki: { label: 'acute kidney injury', codes: 'N17' },
  pregnancy: { label: 'pregnancy', codes: 'O09-O48, O60-O75, Z34', who: 'Z33', cm: 'Z33.1, Z3A' },
  puerperal: { label: 'puerperal condition', codes: 'O85-O92' },
  lactation: { label: 'lactation', codes: 'Z39.1' },
  covid19: { label: 'COVID-19', codes: 'U07.1, U07.2' },
  pneumonia: { label: 'pneumonia', codes: 'J12-J18', cm: 'J95.851' },
  bacteraemia: { label: 'bacteraemia', codes: 'R78.81' },
  sepsis: { label: 'sepsis', codes: 'A40, A41', who: 'R65.1, R57.2', cm: 'R65.20, R65.21' },
  pyelonephritis: { label: 'pyelonephritis', codes: 'N10, N12, N15.1' },
  intra_abdominal: {
    label: 'intra-abdominal infection',
    codes: 'K35-K37, K57.0, K57.2, K57.4, K57.8, K63.0, K63.1, K65, K75.0, K80.0, K80.3, K80.4, K81.0, K83.0',
    cm: 'K57.32, K57.33, K85.02, K85.12, K85.22, K85.32, K85.82, K85.92',
  },
  meningitis: { label: 'meningitis', codes: 'G00-G03, A39.0, A87, A17.0, B37.5, B45.1' },
  skin_infection: { label: 'skin infection', codes: 'L00-L08, A46, M72.6, T81.4' },
  catheter_related_infection: { label: 'catheter-related infection', codes: 'T80.2, T82.7' },
} as const satisfies Record<string, SetSource>;

/** Name of a condition set (snake_case, as rules write it). */
export type ConditionSetName = keyof typeof SOURCES;

/** A condition set as the profile writes it, for documentation. */
export interface ConditionSetDefinition {
  readonly label: string;
  readonly codes: string;
  readonly who?: string;
  readonly cm?: string;
  readonly union?: readonly ConditionSetName[];
}

/** Every condition set of FHIR-PROFILE.md §6, by name. */
export const CONDITION_SETS: Readonly<Record<ConditionSetName, ConditionSetDefinition>> = SOURCES;

/** The names of the condition sets, in the profile's order. */
export const CONDITION_SET_NAMES: readonly ConditionSetName[] =
  Object.keys(SOURCES).filter(isConditionSetName);

/** Is `name` a condition set? @example isConditionSetName('sepsis') // => true */
export function isConditionSetName(name: string): name is ConditionSetName {
  return Object.hasOwn(SOURCES, name);
}

/** Upper case, no dots, no spaces: the form codes are compared in. @example normalizeIcd10('k65.0') // => 'K650' */
export function normalizeIcd10(code: string): string {
  return code.replace(/[.\s]/g, '').toUpperCase();
}

/** A code as people write it, with the dot after the category. @example displayIcd10('K650') // => 'K65.0' */
export function displayIcd10(code: string): string {
  const c = normalizeIcd10(code);
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

interface Range {
  readonly from: string;
  readonly to: string;
}

/** Prefix and range tests for one set in one system. */
interface Matcher {
  /** Prefix length -> prefixes of that length. */
  readonly prefixes: ReadonlyMap<number, ReadonlySet<string>>;
  readonly ranges: readonly Range[];
  readonly excluded: ReadonlyMap<number, ReadonlySet<string>>;
  readonly unions: readonly ConditionSetName[];
}

function addPrefix(map: Map<number, Set<string>>, code: string): void {
  const set = map.get(code.length) ?? new Set<string>();
  set.add(code);
  map.set(code.length, set);
}

const CODE_SHAPE = /^[A-Z][0-9A-Z]{2,6}$/;

function parseEntries(
  setName: string,
  text: string | undefined,
  into: { prefixes: Map<number, Set<string>>; ranges: Range[]; excluded: Map<number, Set<string>> },
): void {
  if (text === undefined) return;
  for (const raw of text.split(',')) {
    const [include, ...nots] = raw.split(/\bnot\b/);
    const inc = normalizeIcd10(include ?? '');
    for (const n of nots) {
      const ex = normalizeIcd10(n);
      if (!CODE_SHAPE.test(ex))
        throw new TrialError(
          'codeset.invalid',
          `condition set ${setName}: bad exclusion "${n.trim()}"`,
          `CONDITION_SETS.${setName}`,
        );
      addPrefix(into.excluded, ex);
    }
    if (inc === '') continue;
    const dash = inc.split('-');
    if (dash.length === 2) {
      const [from = '', to = ''] = dash;
      if (!CODE_SHAPE.test(from) || from.length !== to.length || !(from <= to)) {
        throw new TrialError(
          'codeset.invalid',
          `condition set ${setName}: bad range "${include ?? ''}"`,
          `CONDITION_SETS.${setName}`,
        );
      }
      into.ranges.push({ from, to });
    } else {
      if (!CODE_SHAPE.test(inc))
        throw new TrialError(
          'codeset.invalid',
          `condition set ${setName}: bad code "${include ?? ''}"`,
          `CONDITION_SETS.${setName}`,
        );
      addPrefix(into.prefixes, inc);
    }
  }
}

function buildMatcher(name: string, source: SetSource, system: Icd10System): Matcher {
  const into = {
    prefixes: new Map<number, Set<string>>(),
    ranges: [] as Range[],
    excluded: new Map<number, Set<string>>(),
  };
  parseEntries(name, source.codes, into);
  parseEntries(name, system === 'icd10' ? source.who : source.cm, into);
  return { ...into, unions: (source.union ?? []).filter(isConditionSetName) };
}

// Compiled once when the module loads: the data above is static and checked by the tests.
const MATCHERS: ReadonlyMap<string, Matcher> = new Map(
  Object.entries(SOURCES).flatMap(([name, source]: [string, SetSource]) => [
    [`icd10:${name}`, buildMatcher(name, source, 'icd10')],
    [`icd10cm:${name}`, buildMatcher(name, source, 'icd10cm')],
  ]),
);

function hasPrefix(map: ReadonlyMap<number, ReadonlySet<string>>, code: string): boolean {
  for (const [length, set] of map) {
    if (code.length >= length && set.has(code.slice(0, length))) return true;
  }
  return false;
}

function matches(m: Matcher, system: Icd10System, code: string): boolean {
  if (
    m.unions.some((u) => {
      const um = MATCHERS.get(`${system}:${u}`);
      return um !== undefined && matches(um, system, code);
    })
  )
    return true;
  if (hasPrefix(m.excluded, code)) return false;
  if (hasPrefix(m.prefixes, code)) return true;
  for (const r of m.ranges) {
    if (code.length < r.from.length) continue;
    const head = code.slice(0, r.from.length);
    if (head >= r.from && head <= r.to) return true;
  }
  return false;
}

// Set memberships per normalised code, computed once per code: the screening of thousands of patients asks
// the same few hundred codes again and again. Bounded by the number of distinct codes seen (a few 10^4).
const MEMBERSHIPS: Readonly<Record<Icd10System, Map<string, ReadonlySet<ConditionSetName>>>> = {
  icd10: new Map(),
  icd10cm: new Map(),
};

/**
 * Every condition set an ICD-10 code belongs to (cached per code).
 * @param system - `icd10` (WHO) or `icd10cm`.
 * @param code - The code, with or without its dot, any case.
 * @example [...conditionSetsOf('icd10', 'B20')] // => ['hiv', 'hiv_stage_c']
 */
export function conditionSetsOf(system: Icd10System, code: string): ReadonlySet<ConditionSetName> {
  const cache = MEMBERSHIPS[system];
  const hit = cache.get(code);
  if (hit) return hit;
  const normalized = normalizeIcd10(code);
  const sets = new Set<ConditionSetName>();
  for (const name of CONDITION_SET_NAMES) {
    const m = MATCHERS.get(`${system}:${name}`);
    if (m !== undefined && matches(m, system, normalized)) sets.add(name);
  }
  cache.set(code, sets);
  return sets;
}

/**
 * Is an ICD-10 code in a condition set of FHIR-PROFILE.md §6?
 * @param setName - A set name such as `solid_cancer` (see CONDITION_SET_NAMES).
 * @param system - `icd10` (WHO, `http://hl7.org/fhir/sid/icd-10`) or `icd10cm`.
 * @param code - The code, with or without its dot, any case.
 * @example conditionInSet('solid_cancer', 'icd10', 'C18.7') // => true
 * @example conditionInSet('solid_cancer', 'icd10', 'C44.9') // => false (C44 is not in C00-C43, C45-C80)
 * @example conditionInSet('coma', 'icd10', 'R40.2') // => true; in icd10cm only R40.20, R40.2A, R40.243, R40.244
 */
export function conditionInSet(setName: ConditionSetName, system: Icd10System, code: string): boolean {
  return conditionSetsOf(system, code).has(setName);
}
