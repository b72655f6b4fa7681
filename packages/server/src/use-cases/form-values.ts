import { type Form, type FormField, TrialError } from '@immunotrial/core';
import type { JsonValue } from '@immunotrial/db';

/** A form value: what a field holds (null: not recorded). */
export type FormValue = string | number | boolean | null;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(field: string, message: string): TrialError {
  return new TrialError('form.invalid', `values.${field}: ${message}`, `values.${field}`);
}

function checkType(f: FormField, v: FormValue): void {
  if (v === null) return;
  switch (f.type) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw invalid(
          f.id,
          `expected a number${f.unit === undefined ? '' : ` in ${f.unit}`}, received ${JSON.stringify(v)}`,
        );
      return;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v))
        throw invalid(f.id, `expected a whole number, received ${JSON.stringify(v)}`);
      return;
    case 'text':
      if (typeof v !== 'string' || v.length > 2000)
        throw invalid(f.id, 'expected text of at most 2000 characters');
      return;
    case 'boolean':
      if (typeof v !== 'boolean')
        throw invalid(f.id, `expected true or false, received ${JSON.stringify(v)}`);
      return;
    case 'date':
      if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(v)))
        throw invalid(f.id, `expected a date YYYY-MM-DD, received ${JSON.stringify(v)}`);
      return;
    case 'datetime':
      if (typeof v !== 'string' || !DATETIME.test(v) || Number.isNaN(Date.parse(v)))
        throw invalid(f.id, `expected an ISO-8601 date and time with offset, received ${JSON.stringify(v)}`);
      return;
    case 'choice':
      if (typeof v !== 'string' || !(f.options ?? []).includes(v))
        throw invalid(f.id, `expected one of ${(f.options ?? []).join(', ')}, received ${JSON.stringify(v)}`);
      return;
  }
}

/** A value outside its field's plausible range. */
export interface OutOfRange {
  readonly field: string;
  readonly value: number;
  readonly text: string;
}

function rangeText(f: FormField): string {
  const unit = f.unit === undefined ? '' : ` ${f.unit}`;
  if (f.min !== undefined && f.max !== undefined) return `${String(f.min)}-${String(f.max)}${unit}`;
  if (f.min !== undefined) return `>= ${String(f.min)}${unit}`;
  return `<= ${String(f.max)}${unit}`;
}

/**
 * Checks a form's values against its definition: known fields, types, required fields, choices.
 * @returns The values outside their plausible range (accepted only when confirmed).
 * @throws TrialError `form.invalid` naming the field (`values.heart_rate: expected a whole number ...`).
 */
export function checkFormValues(form: Form, values: Readonly<Record<string, FormValue>>): OutOfRange[] {
  for (const key of Object.keys(values)) {
    if (!form.fields.some((f) => f.id === key)) throw invalid(key, `no field "${key}" in form ${form.id}`);
  }
  const out: OutOfRange[] = [];
  for (const f of form.fields) {
    const v = values[f.id] ?? null;
    if (f.required && v === null) throw invalid(f.id, 'required');
    checkType(f, v);
    if (typeof v === 'number' && ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max))) {
      out.push({
        field: f.id,
        value: v,
        text: `${String(v)}${f.unit === undefined ? '' : ` ${f.unit}`} is outside the plausible range ${rangeText(f)}`,
      });
    }
  }
  return out;
}

/** The values as stored: every field of the form, null when not given. */
export function normalizedValues(
  form: Form,
  values: Readonly<Record<string, FormValue>>,
): Record<string, JsonValue> {
  return Object.fromEntries(form.fields.map((f) => [f.id, values[f.id] ?? null]));
}

/**
 * Checks an instance name against the form's repeat: `once`; `day-N` for daily forms; a planned visit id
 * of one of the form's visits (`d28`, `daily@4`) for per-visit forms; `[a-z0-9-]{1,40}` for logs.
 * @throws TrialError `form.invalid` with path `instance`.
 */
export function checkInstance(form: Form, instance: string): void {
  const ok =
    form.repeat === 'once'
      ? instance === 'once'
      : form.repeat === 'daily'
        ? /^day-(-?\d{1,3})$/.test(instance)
        : form.repeat === 'per_visit'
          ? (form.visits ?? []).some((v) => instance === v || new RegExp(`^${v}@\\d{1,3}$`).test(instance))
          : /^[a-z0-9][a-z0-9-]{0,39}$/.test(instance);
  if (!ok) {
    const expected =
      form.repeat === 'once'
        ? '"once"'
        : form.repeat === 'daily'
          ? '"day-N"'
          : form.repeat === 'per_visit'
            ? `a visit of ${(form.visits ?? []).join(', ')}`
            : 'a short name such as ae-1';
    throw new TrialError(
      'form.invalid',
      `instance: form ${form.id} expects ${expected}, received "${instance}"`,
      'instance',
    );
  }
}

/** A stored JSON column read as an object of field values (anything else reads as no values). */
export function objectOf(v: JsonValue): Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}
