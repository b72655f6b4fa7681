import { type Form, isVariableId, type ObservationRecord } from '@immunotrial/core';
import { lastValue } from './demo-cohort.js';

/** A form value as the forms use case takes it. */
export type DemoFormValue = string | number | boolean | null;

/** A slip of the pen: a value entered outside its plausible range, and what it should have been. */
export interface DemoSlip {
  readonly field: string;
  readonly entered: number;
  readonly correct: number;
  /** The site's answer to the automatic query, and the reason of the correction. */
  readonly answer: string;
}

function rounded(type: string, value: number): number {
  return type === 'integer' ? Math.round(value) : Math.round(value * 10) / 10;
}

/**
 * A form's values copied from the patient's observations in `[from, at]`: each field bound to a variable
 * takes the last value (the canonical unit is the form's), others stay empty. Undefined when a required
 * field has no value (nothing measured: the form is not filled in that day).
 * @example formValuesFrom(vitalSigns, observations, dayStart, dayStart + 18 * 3_600_000)
 */
export function formValuesFrom(
  form: Form,
  observations: readonly ObservationRecord[],
  from: number,
  at: number,
): Record<string, DemoFormValue> | undefined {
  const values: Record<string, DemoFormValue> = {};
  for (const f of form.fields) {
    const v =
      f.variable !== undefined && isVariableId(f.variable) && (f.type === 'number' || f.type === 'integer')
        ? lastValue(observations, f.variable, from, at)
        : undefined;
    if (v === undefined && f.required) return undefined;
    values[f.id] = v === undefined ? null : rounded(f.type, v);
  }
  return values;
}

/**
 * A plausible transcription error in one of the values: a temperature in °F, or a slipped digit (x 10),
 * chosen so that it falls outside the field's plausible range (the form then asks to confirm it, and the
 * confirmed value raises a query). Undefined when no field allows one.
 * @param pick - A uniform number in [0, 1) choosing among the candidate fields.
 */
export function slipOf(
  form: Form,
  values: Readonly<Record<string, DemoFormValue>>,
  pick: number,
): DemoSlip | undefined {
  const slips: DemoSlip[] = [];
  for (const f of form.fields) {
    const v = values[f.id];
    if (typeof v !== 'number' || f.max === undefined) continue;
    if (f.unit === 'Cel') {
      const entered = Math.round((v * 9) / 5 + 32);
      if (entered > f.max)
        slips.push({
          field: f.id,
          entered,
          correct: v,
          answer: `entered in °F by mistake; ${String(v)} °C on the chart`,
        });
    } else {
      const entered = rounded(f.type, v * 10);
      if (entered > f.max)
        slips.push({
          field: f.id,
          entered,
          correct: v,
          answer: `typing error (extra digit); ${String(v)} on the chart`,
        });
    }
  }
  return slips[Math.floor(pick * slips.length)];
}

/** The twin's infection type as one of a choice field's options (NHSN major types), else "other". */
function infectionTypeOption(options: readonly string[], type: string): string | undefined {
  return (
    options.find((o) => o.toLowerCase() === type.toLowerCase()) ??
    options.find((o) => o.toLowerCase() === 'other')
  );
}

/**
 * The values of the protocol's `infection` log form for a twin infection, when the form's fields are the
 * ones the demo knows how to fill (a type choice and date fields; an index-infection flag; an adjudication
 * state). Undefined when a required field is not one of them.
 * @param onsetDate - The local date of onset (YYYY-MM-DD).
 */
export function infectionValues(
  form: Form,
  type: string,
  onsetDate: string,
): Record<string, DemoFormValue> | undefined {
  const values: Record<string, DemoFormValue> = {};
  for (const f of form.fields) {
    let v: DemoFormValue = null;
    if (f.type === 'choice' && f.id === 'type') v = infectionTypeOption(f.options ?? [], type) ?? null;
    else if (f.type === 'date') v = onsetDate;
    else if (f.type === 'boolean' && f.id.includes('index')) v = false;
    else if (f.type === 'choice' && (f.options ?? []).includes('pending')) v = 'pending';
    if (v === null && f.required) return undefined;
    values[f.id] = v;
  }
  return values;
}
