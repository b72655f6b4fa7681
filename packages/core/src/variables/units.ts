import ucum from '@lhncbc/ucum-lhc';
import { TrialError } from '../errors.js';
import { type VariableId, VARIABLES } from './registry.js';

/**
 * Units that the profile accepts but UCUM writes differently or treats as arbitrary: mapped to a UCUM
 * expression before conversion. `G/L` is the French "giga per litre"; `[IU]` and `U` are equivalent for
 * the enzymes and hCG the profile lists; milliequivalents equal millimoles for the monovalent ions listed.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'G/L': '10*9/L',
  'AB/C': '{AB}/{cell}',
  'meq/L': 'mmol/L',
  '[IU]/L': 'U/L',
  'm[IU]/mL': 'mU/mL',
};

function toUcum(unit: string): string {
  return ALIASES[unit] ?? unit;
}

/** An affine map canonical = scale × value + offset (temperature in °F is the only offset). */
interface Conversion {
  readonly scale: number;
  readonly offset: number;
}

const cache = new Map<string, Conversion>();
let utils: ReturnType<typeof ucum.UcumLhcUtils.getInstance> | undefined;

/** Rounds to 12 significant digits: UCUM's 10*9/L → /mm3 gives 1000.0000000000001, which would move band edges. */
function round12(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

function ucumConvert(from: string, value: number, to: string): number | undefined {
  utils ??= ucum.UcumLhcUtils.getInstance();
  const r = utils.convertUnitTo(from, value, to);
  return r.status === 'succeeded' && r.toVal !== null ? r.toVal : undefined;
}

function conversionFor(variable: VariableId, unit: string): Conversion | undefined {
  const key = `${variable}|${unit}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const def = VARIABLES[variable];
  if (def.canonicalUnit === undefined || !def.units.includes(unit)) return undefined;
  const factors: Readonly<Record<string, number>> | undefined = 'factors' in def ? def.factors : undefined;
  const factor = factors?.[unit];
  let conv: Conversion | undefined;
  if (factor !== undefined) {
    conv = { scale: factor, offset: 0 };
  } else {
    const from = toUcum(unit);
    const to = toUcum(def.canonicalUnit);
    const at0 = ucumConvert(from, 0, to);
    const at1 = ucumConvert(from, 1, to);
    if (at0 !== undefined && at1 !== undefined) conv = { scale: round12(at1 - at0), offset: round12(at0) };
  }
  if (conv) cache.set(key, conv);
  return conv;
}

/**
 * Converts a value to the variable's canonical unit.
 * @param variable - Canonical variable id.
 * @param value - The value as sent.
 * @param unit - The UCUM unit (or accepted alias) as sent, case-sensitive.
 * @param where - Names the source in the error, e.g. `Observation/abc`.
 * @throws TrialError `observation.unit` when the unit is not accepted for this variable.
 * @example toCanonical('creatinine', 203.32, 'umol/L') // => 2.3 (mg/dL)
 */
export function toCanonical(variable: VariableId, value: number, unit: string, where = 'value'): number {
  const conv = conversionFor(variable, unit);
  if (!conv) {
    const def = VARIABLES[variable];
    throw new TrialError(
      'observation.unit',
      `${where}: unit "${unit}" is not accepted for ${def.label}; expected one of ${def.units.map((u) => `"${u}"`).join(', ')}`,
      where,
    );
  }
  // Rounded so that a value on a band edge stays on it whatever the unit (309.4 µmol/L → 3.5 mg/dL, not 3.4999…).
  return round12(conv.scale * value + conv.offset);
}

/** True when `unit` is accepted for the variable. */
export function acceptsUnit(variable: VariableId, unit: string): boolean {
  return conversionFor(variable, unit) !== undefined;
}

/**
 * Is `unit` a valid UCUM expression (or an alias the profile accepts)?
 * @example isUcumUnit('mg/dL') // => true
 * @example isUcumUnit('mg/dl/x/') // => false
 */
export function isUcumUnit(unit: string): boolean {
  utils ??= ucum.UcumLhcUtils.getInstance();
  return utils.validateUnitString(toUcum(unit)).status === 'valid';
}

/**
 * Converts between two UCUM units of the same dimension (used for rule thresholds and durations).
 * @returns undefined when the units are not commensurable.
 * @example convertUcum(1, 'd', 'h') // => 24
 */
export function convertUcum(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const r = ucumConvert(toUcum(from), value, toUcum(to));
  return r === undefined ? undefined : round12(r);
}
