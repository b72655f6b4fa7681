import { describe, expect, it } from 'vitest';
import { quantityText, scheduleText } from './protocol-text.js';

describe('protocol text', () => {
  it('writes plain and assumed quantities', () => {
    expect(quantityText({ value: 200, unit: 'mg' })).toBe('200 mg');
    expect(quantityText({ value: 4, unit: 'h', assumed: true, provenance: 'x' })).toBe('4 h (assumed)');
    expect(quantityText({ value: { value: 100, unit: 'ug' }, assumed: true })).toBe('100 ug (assumed)');
    expect(quantityText({ value: [2, 4], assumed: true })).toBe('2, 4 (assumed)');
    expect(quantityText(undefined)).toBe('');
  });

  it('writes interval and listed-day schedules', () => {
    expect(scheduleText({ every: { value: 8, unit: 'h' }, first_day: 1, last_day: 15 })).toBe(
      'every 8 h, day 1 to 15',
    );
    expect(scheduleText({ days: [1, 2, 3] })).toBe('days 1, 2, 3');
  });
});
