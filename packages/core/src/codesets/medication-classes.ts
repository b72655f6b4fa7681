import type { MedicationRecord } from '../timeline/types.js';
import { RXNORM_TO_ATC, SEDATIVE_ATC, VASOPRESSOR_ATC } from './medication-codes.js';

interface MedicationClassSource {
  readonly label: string;
  /** ATC prefixes (a full 7-character code is its own prefix). */
  readonly atc: readonly string[];
  /** Only MedicationAdministration records count (the sedatives of FHIR-PROFILE.md §5). */
  readonly administrationsOnly?: boolean;
}

/**
 * Medication classes by ATC prefix (FHIR-PROFILE.md §5). Rules name them in `medication(...)`.
 * Corticosteroids coded only in RxNorm need a systemic route (see `medicationInClass`).
 */
const SOURCES = {
  chemotherapy: { label: 'chemotherapy', atc: ['L01'] },
  immunosuppressant: { label: 'immunosuppressant', atc: ['L04', 'L01FA', 'L01AA'] },
  anti_cytokine: { label: 'anti-cytokine biologic', atc: ['L04AB', 'L04AC'] },
  anti_tb: { label: 'anti-tuberculosis drug', atc: ['J04A'] },
  anti_tb_combination: { label: 'anti-tuberculosis combination', atc: ['J04AM'] },
  interferon: { label: 'interferon', atc: ['L03AB'] },
  corticosteroid: { label: 'systemic corticosteroid', atc: ['H02AB'] },
  vasopressor: {
    label: 'vasopressor or inotrope',
    atc: [
      VASOPRESSOR_ATC.norepinephrine,
      VASOPRESSOR_ATC.epinephrine,
      VASOPRESSOR_ATC.dopamine,
      VASOPRESSOR_ATC.dobutamine,
      VASOPRESSOR_ATC.vasopressin,
    ],
  },
  norepinephrine: { label: 'norepinephrine', atc: [VASOPRESSOR_ATC.norepinephrine] },
  epinephrine: { label: 'epinephrine', atc: [VASOPRESSOR_ATC.epinephrine] },
  dopamine: { label: 'dopamine', atc: [VASOPRESSOR_ATC.dopamine] },
  dobutamine: { label: 'dobutamine', atc: [VASOPRESSOR_ATC.dobutamine] },
  vasopressin: { label: 'vasopressin', atc: [VASOPRESSOR_ATC.vasopressin] },
  sedative: {
    label: 'sedative (administration)',
    atc: [SEDATIVE_ATC.propofol, SEDATIVE_ATC.midazolam, SEDATIVE_ATC.dexmedetomidine, SEDATIVE_ATC.ketamine],
    administrationsOnly: true,
  },
} as const satisfies Record<string, MedicationClassSource>;

export type MedicationClassName = keyof typeof SOURCES;

export interface MedicationClassDefinition {
  readonly label: string;
  readonly atc: readonly string[];
  readonly administrationsOnly?: boolean;
}

/** Every medication class, by name. */
export const MEDICATION_CLASSES: Readonly<Record<MedicationClassName, MedicationClassDefinition>> = SOURCES;

/** Names of the medication classes. */
export const MEDICATION_CLASS_NAMES: readonly MedicationClassName[] =
  Object.keys(SOURCES).filter(isMedicationClassName);

/** Is `name` a medication class? @example isMedicationClassName('anti_tb') // => true */
export function isMedicationClassName(name: string): name is MedicationClassName {
  return Object.hasOwn(SOURCES, name);
}

/**
 * True when a corticosteroid record is coded in RxNorm only: no ATC coding, or an ATC code that is just the
 * mapping of its RxNorm code. `MedicationRecord.atc` is "as sent or mapped from RxNorm", so a record that
 * carried both codings and agrees with the mapping is indistinguishable; it is read as RxNorm-only, and
 * needs a systemic route (the conservative reading for topical hydrocortisone).
 */
function codedOnlyInRxnorm(record: MedicationRecord): boolean {
  if (record.rxnorm === undefined) return false;
  return record.atc === undefined || record.atc === RXNORM_TO_ATC[record.rxnorm];
}

/**
 * The ATC code a record counts under: as sent, else the ATC equivalent of its RxNorm code.
 * @example recordAtc({ ...m, atc: undefined, rxnorm: '7512' }) // => 'C01CA03'
 */
export function recordAtc(record: MedicationRecord): string | undefined {
  return record.atc ?? (record.rxnorm === undefined ? undefined : RXNORM_TO_ATC[record.rxnorm]);
}

/**
 * Does a medication record belong to a class (FHIR-PROFILE.md §5)? ATC prefix match; a corticosteroid
 * coded only in RxNorm counts only with a systemic route (`systemicRoute === true`); sedatives count only
 * as MedicationAdministration.
 * @param name - Class name (see MEDICATION_CLASS_NAMES).
 * @param record - A medication record of the patient timeline.
 * @example medicationInClass('immunosuppressant', { ...m, atc: 'L01AA01' }) // => true (cyclophosphamide)
 * @example medicationInClass('corticosteroid', { ...m, atc: undefined, rxnorm: '8640', systemicRoute: undefined }) // => false
 */
export function medicationInClass(name: MedicationClassName, record: MedicationRecord): boolean {
  return medicationClassesOf(record).has(name);
}

// Class memberships per record object: records are immutable, and every protocol screening a patient asks
// the same records again. A WeakMap lets them go with their timeline.
const CLASSES_OF = new WeakMap<MedicationRecord, ReadonlySet<MedicationClassName>>();

function computeClasses(record: MedicationRecord): ReadonlySet<MedicationClassName> {
  const out = new Set<MedicationClassName>();
  const atc = recordAtc(record);
  if (atc === undefined) return out;
  const rxnormOnlySteroid =
    atc.startsWith('H02AB') && codedOnlyInRxnorm(record) && record.systemicRoute !== true;
  for (const name of MEDICATION_CLASS_NAMES) {
    const def: MedicationClassDefinition = SOURCES[name];
    if (def.administrationsOnly === true && record.resourceType !== 'MedicationAdministration') continue;
    if (!def.atc.some((p) => atc.startsWith(p))) continue;
    if (rxnormOnlySteroid && name === 'corticosteroid') continue;
    out.add(name);
  }
  return out;
}

/**
 * Every class a medication record belongs to (cached per record), by the rules of `medicationInClass`.
 * @example [...medicationClassesOf({ ...m, atc: 'L04AC03' })] // => ['immunosuppressant', 'anti_cytokine']
 */
export function medicationClassesOf(record: MedicationRecord): ReadonlySet<MedicationClassName> {
  let classes = CLASSES_OF.get(record);
  if (!classes) {
    classes = computeClasses(record);
    CLASSES_OF.set(record, classes);
  }
  return classes;
}
