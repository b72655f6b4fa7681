import {
  isVariableId,
  toCanonical,
  TrialError,
  VARIABLES,
  type CodedResult,
  type ObservationRecord,
  type VariableId,
} from '@immunotrial/core';
import { type MapContext, type Mutable } from '../fhir/map-context.js';
import { CellIssue, type CsvRow } from './csv-row.js';

/** Columns of the observations file (docs/csv-format.md). */
export const OBSERVATION_COLUMNS = ['patient_id', 'time', 'variable', 'value', 'unit'] as const;
export const OBSERVATION_OPTIONAL_COLUMNS = ['reference_high', 'sedated', 'id'] as const;
const CODED: ReadonlySet<string> = new Set(['positive', 'negative', 'other']);

function isCoded(v: string): v is CodedResult {
  return CODED.has(v);
}

function canonical(
  variable: VariableId,
  value: number,
  unit: string,
  where: string,
  ctx: MapContext,
): number | undefined {
  if (unit === VARIABLES[variable].canonicalUnit) return value;
  try {
    return toCanonical(variable, value, unit, where);
  } catch (err) {
    if (err instanceof TrialError && err.code === 'observation.unit') {
      ctx.warn(`${err.message}: result ignored`);
      return undefined;
    }
    throw err;
  }
}

/**
 * Maps one row of the observations file: `variable` is a canonical variable id, `value` in `unit` is
 * converted to the canonical unit (an unaccepted unit: warning, row ignored, as for FHIR); coded variables
 * (`hcg_qualitative`, `blood_culture`) take `positive|negative|other` and no unit.
 * @param ref - `Observation/<id>` (the `id` column, else `csv-<line>`).
 * @param where - `file: line n`, for unit warnings.
 * @throws CellIssue naming the column of a malformed cell.
 */
export function mapObservationRow(
  row: CsvRow,
  ref: string,
  where: string,
  ctx: MapContext,
): ObservationRecord | undefined {
  const id = row.required('variable', 'a variable id');
  if (!isVariableId(id)) {
    throw new CellIssue(
      'variable',
      `expected a variable id of the registry (e.g. lymphocytes, mhla_dr, creatinine), received ${JSON.stringify(id)}`,
    );
  }
  const def = VARIABLES[id];
  const rec: Mutable<ObservationRecord> = {
    ref,
    versionId: 1,
    lastUpdated: undefined,
    status: 'final',
    counted: true,
    variable: id,
    time: 0,
    issued: undefined,
    value: undefined,
    originalValue: undefined,
    originalUnit: undefined,
    coded: undefined,
    referenceHigh: undefined,
    sedated: id === 'gcs' && row.boolean('sedated') === true,
  };
  ctx.time(row.required('time', 'an ISO-8601 time'), ['time'], (t) => (rec.time = t));
  if (def.canonicalUnit === undefined) {
    const v = row.required('value', 'positive, negative or other');
    if (!isCoded(v))
      throw new CellIssue('value', `expected positive, negative or other, received ${JSON.stringify(v)}`);
    rec.coded = v;
    return rec;
  }
  const value = row.number('value');
  const unit = row.required('unit', `a unit (${def.units.join(', ')})`);
  const converted = canonical(id, value, unit, where, ctx);
  if (converted === undefined) return undefined;
  rec.value = converted;
  rec.originalValue = value;
  rec.originalUnit = unit;
  if (row.get('reference_high') !== '') {
    rec.referenceHigh = canonical(id, row.number('reference_high'), unit, `${where} reference_high`, ctx);
  }
  return rec;
}
