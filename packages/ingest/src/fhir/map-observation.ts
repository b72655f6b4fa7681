import {
  HOUR_MS,
  LOCAL_VARIABLE_SYSTEM,
  LOINC,
  SNOMED,
  TrialError,
  toCanonical,
  VARIABLES,
  variableForCode,
  isVariableId,
  type CodedResult,
  type ObservationRecord,
  type VariableId,
} from '@immunotrial/core';
import {
  bindLastUpdated,
  codeLabel,
  hasCode,
  versionIdOf,
  type MapContext,
  type Mutable,
} from './map-context.js';
import type { CodeableConcept, ObservationResource, Quantity } from './schemas.js';

const COUNTED = new Set(['final', 'amended', 'corrected']);
/** Variables whose `referenceRange.high` is read: the enzymes' ULN and the beta-hCG cut-off (§3). */
const READS_REFERENCE_HIGH: ReadonlySet<VariableId> = new Set([
  'beta_hcg',
  'ast',
  'alt',
  'lipase',
  'amylase',
]);
/** 9187-6 is a urine volume over any period: read only when the period is 24 h ± 1 h (§3). */
const URINE_VOLUME_ANY_PERIOD = '9187-6';
const EFFECTIVE_DATE_TIME = ['effectiveDateTime'];

/**
 * The outcome of a coded result (FHIR-PROFILE.md §3): qualitative hCG (SNOMED 10828004 positive,
 * 260385009 negative) and blood culture (264868006 No growth or 260385009 negative; any other SNOMED code,
 * an organism, positive).
 * @example codedResult('blood_culture', { coding: [{ system: 'http://snomed.info/sct', code: '3092008' }] }) // => 'positive'
 */
export function codedResult(variable: VariableId, value: CodeableConcept): CodedResult {
  if (variable === 'hcg_qualitative') {
    if (hasCode(value, SNOMED, '10828004')) return 'positive';
    if (hasCode(value, SNOMED, '260385009')) return 'negative';
    return 'other';
  }
  if (hasCode(value, SNOMED, '264868006') || hasCode(value, SNOMED, '260385009')) return 'negative';
  return value.coding?.some((c) => c.system === SNOMED && c.code !== undefined) === true
    ? 'positive'
    : 'other';
}

/** system → code → variable, built once from the registry (a two-level lookup avoids a key string per result). */
const BY_SYSTEM = new Map<string, Map<string, VariableId>>();
for (const id of Object.keys(VARIABLES)) {
  if (!isVariableId(id)) continue;
  const pairs: [string, readonly string[]][] = [
    [LOINC, VARIABLES[id].loinc],
    [LOCAL_VARIABLE_SYSTEM, VARIABLES[id].local],
  ];
  for (const [system, codes] of pairs) {
    const byCode = BY_SYSTEM.get(system) ?? new Map<string, VariableId>();
    BY_SYSTEM.set(system, byCode);
    for (const c of codes) if (variableForCode(system, c) === id) byCode.set(c, id);
  }
}

function matchVariable(
  code: CodeableConcept,
): { variable: VariableId; loinc: string | undefined } | undefined {
  for (const c of code.coding ?? []) {
    if (c.system === undefined || c.code === undefined) continue;
    const variable = BY_SYSTEM.get(c.system)?.get(c.code);
    if (variable !== undefined) return { variable, loinc: c.system === LOINC ? c.code : undefined };
  }
  return undefined;
}

function unitOf(q: Quantity): string | undefined {
  return q.code ?? q.unit;
}

function isSedated(r: ObservationResource): boolean {
  if (hasCode(r.method, LOCAL_VARIABLE_SYSTEM, 'sedated')) return true;
  return r.component?.some((c) => hasCode(c.code, LOCAL_VARIABLE_SYSTEM, 'sedated')) === true;
}

/**
 * Maps an Observation to a record (FHIR-PROFILE.md §3): the code decides the variable, the unit the
 * conversion to the canonical unit.
 * @param ref - `Observation/id`.
 * @returns undefined when the result is not used: unknown code (counted), no time, no value, or a unit not
 *   accepted for the variable (a warning naming the observation).
 * @throws FieldIssue for a malformed time or version.
 */
export function mapObservation(
  r: ObservationResource,
  ref: string,
  ctx: MapContext,
): ObservationRecord | undefined {
  const match = matchVariable(r.code);
  if (match === undefined) {
    ctx.skip('Observations with codes no criterion reads', codeLabel(r.code));
    return undefined;
  }
  const { variable } = match;
  const def = VARIABLES[variable];
  const rec: Mutable<ObservationRecord> = {
    ref,
    versionId: versionIdOf(r.meta),
    lastUpdated: undefined,
    status: r.status,
    counted: COUNTED.has(r.status),
    variable,
    time: 0,
    issued: undefined,
    value: undefined,
    originalValue: undefined,
    originalUnit: undefined,
    coded: undefined,
    referenceHigh: undefined,
    sedated: variable === 'gcs' && isSedated(r),
  };
  if (!bindTime(r, rec, match.loinc, ctx)) return undefined;
  if (def.canonicalUnit === undefined) {
    if (r.valueCodeableConcept === undefined) {
      ctx.warn(`${ref}: ${def.label} has no valueCodeableConcept: result ignored`);
      return undefined;
    }
    rec.coded = codedResult(variable, r.valueCodeableConcept);
  } else {
    const q = r.valueQuantity;
    const unit = q === undefined ? undefined : unitOf(q);
    if (q?.value === undefined || unit === undefined) {
      ctx.warn(`${ref}: ${def.label} has no valueQuantity with a value and a unit: result ignored`);
      return undefined;
    }
    const value = convert(variable, q.value, unit, ref, ctx);
    if (value === undefined) return undefined;
    rec.value = value;
    rec.originalValue = q.value;
    rec.originalUnit = unit;
    if (READS_REFERENCE_HIGH.has(variable)) rec.referenceHigh = referenceHigh(r, variable, unit, ref, ctx);
  }
  if (r.issued !== undefined) {
    ctx.time(r.issued, ['issued'], (t) => {
      rec.issued = t;
    });
  }
  bindLastUpdated(rec, r.meta, ctx);
  return rec;
}

/**
 * Converts to the canonical unit; a value already in it is kept as sent (no UCUM call on the hot path).
 */
function convert(
  variable: VariableId,
  value: number,
  unit: string,
  where: string,
  ctx: MapContext,
): number | undefined {
  if (unit === VARIABLES[variable].canonicalUnit) return value;
  try {
    // toCanonical rounds to 12 significant digits, so 70 % gives FiO2 0.7, not 0.7000000000000001.
    return toCanonical(variable, value, unit, where);
  } catch (err) {
    if (err instanceof TrialError && err.code === 'observation.unit') {
      ctx.warn(`${err.message}: result ignored`);
      return undefined;
    }
    throw err;
  }
}

function referenceHigh(
  r: ObservationResource,
  variable: VariableId,
  valueUnit: string,
  ref: string,
  ctx: MapContext,
): number | undefined {
  const high = r.referenceRange?.find((rr) => rr.high?.value !== undefined)?.high;
  if (high?.value === undefined) return undefined;
  return convert(variable, high.value, unitOf(high) ?? valueUnit, `${ref} referenceRange.high`, ctx);
}

/** Sets the observation time (§3); false (with a warning) when the observation has none usable. */
function bindTime(
  r: ObservationResource,
  rec: Mutable<ObservationRecord>,
  loinc: string | undefined,
  ctx: MapContext,
): boolean {
  if (rec.variable === 'urine_output_24h' && r.effectivePeriod !== undefined) {
    const { start, end } = r.effectivePeriod;
    if (end === undefined) {
      ctx.warn(`${rec.ref}: urine output has an effectivePeriod without an end: result ignored`);
      return false;
    }
    if (loinc === URINE_VOLUME_ANY_PERIOD) {
      let startAt: number | undefined;
      if (start !== undefined) ctx.time(start, ['effectivePeriod', 'start'], (t) => (startAt = t));
      ctx.time(end, ['effectivePeriod', 'end'], (t) => (rec.time = t));
      const hours = startAt === undefined ? undefined : (rec.time - startAt) / HOUR_MS;
      if (hours === undefined || Math.abs(hours - 24) > 1) {
        ctx.warn(`${rec.ref}: LOINC 9187-6 is read only over a 24 h (± 1 h) effectivePeriod: result ignored`);
        return false;
      }
      return true;
    }
    ctx.time(end, ['effectivePeriod', 'end'], (t) => (rec.time = t));
    return true;
  }
  if (rec.variable === 'urine_output_24h' && loinc === URINE_VOLUME_ANY_PERIOD) {
    ctx.warn(`${rec.ref}: LOINC 9187-6 is read only over a 24 h (± 1 h) effectivePeriod: result ignored`);
    return false;
  }
  if (r.effectiveDateTime !== undefined) {
    ctx.time(r.effectiveDateTime, EFFECTIVE_DATE_TIME, (t) => (rec.time = t));
  } else if (r.effectiveInstant !== undefined) {
    ctx.time(r.effectiveInstant, ['effectiveInstant'], (t) => (rec.time = t));
  } else if (r.effectivePeriod?.start !== undefined) {
    ctx.time(r.effectivePeriod.start, ['effectivePeriod', 'start'], (t) => (rec.time = t));
  } else {
    ctx.warn(`${rec.ref}: no effectiveDateTime or effectivePeriod.start: result ignored`);
    return false;
  }
  return true;
}
