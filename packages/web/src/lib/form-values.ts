import type { FieldValue, FormField } from '../api/types.js';

/** The outcome of checking one typed-in value against its field definition. */
export interface FieldCheck {
  /** The value to send, or undefined when the text cannot be one. */
  readonly value: FieldValue | undefined;
  /** A message for the person, when the value cannot be saved as typed. */
  readonly error?: string;
  /** True when the number lies outside the field's range: it may be saved only with a confirmation. */
  readonly outOfRange?: boolean;
}

/**
 * Parses and checks what was typed into a form field: required, numeric, whole number, and the field's range.
 * @param field - The field definition (type, unit, min, max, required).
 * @param raw - The text as typed ("" for empty; "true"/"false" for a yes/no field).
 * @example checkField({ id: 'plt', label: 'Platelets', type: 'number', min: 0, max: 1000 }, '1200')
 *          // => { value: 1200, outOfRange: true }
 */
export function checkField(field: FormField, raw: string): FieldCheck {
  const text = raw.trim();
  if (text === '')
    return field.required === true
      ? { value: undefined, error: `${field.label} is required` }
      : { value: null };
  switch (field.type) {
    case 'number':
    case 'integer': {
      const n = Number(text.replace(',', '.'));
      if (!Number.isFinite(n)) return { value: undefined, error: `${field.label} must be a number` };
      if (field.type === 'integer' && !Number.isInteger(n)) {
        return { value: undefined, error: `${field.label} must be a whole number` };
      }
      const below = field.min !== undefined && n < field.min;
      const above = field.max !== undefined && n > field.max;
      return below || above ? { value: n, outOfRange: true } : { value: n };
    }
    case 'boolean':
      return { value: text === 'true' };
    case 'choice':
      return field.options === undefined || field.options.includes(text)
        ? { value: text }
        : { value: undefined, error: `${field.label} must be one of ${field.options.join(', ')}` };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text)
        ? { value: text }
        : { value: undefined, error: `${field.label} must be a date` };
    case 'datetime':
    case 'text':
      return { value: text };
  }
}

/**
 * The expected range of a numeric field, with its unit, for a field's description.
 * @example rangeText({ id: 'crp', label: 'CRP', type: 'number', unit: 'mg/L', min: 0, max: 500 }) // => 'expected 0–500 mg/L'
 */
export function rangeText(field: FormField): string | undefined {
  const unit = field.unit === undefined ? '' : ` ${field.unit}`;
  if (field.min !== undefined && field.max !== undefined) return `expected ${field.min}–${field.max}${unit}`;
  if (field.min !== undefined) return `expected at least ${field.min}${unit}`;
  if (field.max !== undefined) return `expected at most ${field.max}${unit}`;
  return undefined;
}

/** The text shown in an input for a stored value. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
