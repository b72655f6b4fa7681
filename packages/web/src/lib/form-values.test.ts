import { describe, expect, it } from 'vitest';
import type { FormField } from '../api/types.js';
import { checkField, rangeText, valueText } from './form-values.js';

const platelets: FormField = {
  id: 'plt',
  label: 'Platelets',
  type: 'number',
  unit: '10*9/L',
  min: 0,
  max: 1000,
  required: true,
};

describe('checkField', () => {
  it('asks for a required value that was left empty', () => {
    expect(checkField(platelets, '  ')).toEqual({ value: undefined, error: 'Platelets is required' });
  });

  it('accepts a decimal comma and flags a value outside the range for confirmation', () => {
    expect(checkField(platelets, '12,5')).toEqual({ value: 12.5 });
    expect(checkField(platelets, '1200')).toEqual({ value: 1200, outOfRange: true });
    expect(checkField(platelets, '-1')).toEqual({ value: -1, outOfRange: true });
  });

  it('rejects text in a number field and a fraction in a whole-number field', () => {
    expect(checkField(platelets, 'abc').error).toBe('Platelets must be a number');
    expect(checkField({ id: 'gcs', label: 'GCS', type: 'integer' }, '7.5').error).toBe(
      'GCS must be a whole number',
    );
  });

  it('stores an empty optional field as null and checks choices and dates', () => {
    expect(checkField({ id: 'n', label: 'Note', type: 'text' }, '')).toEqual({ value: null });
    expect(checkField({ id: 'c', label: 'Route', type: 'choice', options: ['iv', 'sc'] }, 'im').error).toBe(
      'Route must be one of iv, sc',
    );
    expect(checkField({ id: 'd', label: 'Date', type: 'date' }, '17/03/2026').error).toBe(
      'Date must be a date',
    );
    expect(checkField({ id: 'b', label: 'Alive', type: 'boolean' }, 'false')).toEqual({ value: false });
  });
});

describe('rangeText and valueText', () => {
  it('writes the range with its unit', () => {
    expect(rangeText(platelets)).toBe('expected 0–1000 10*9/L');
    expect(rangeText({ id: 'x', label: 'X', type: 'number', min: 2 })).toBe('expected at least 2');
    expect(rangeText({ id: 'x', label: 'X', type: 'text' })).toBeUndefined();
  });

  it('shows stored values as text', () => {
    expect(valueText(null)).toBe('');
    expect(valueText(3.5)).toBe('3.5');
    expect(valueText(false)).toBe('false');
  });
});
