import { describe, expect, it } from 'vitest';
import { completedYears } from './patient.js';

describe('completedYears', () => {
  it('counts a year only once the birthday is reached', () => {
    expect(completedYears('1969-02-14', '2026-02-13')).toBe(56);
    expect(completedYears('1969-02-14', '2026-02-14')).toBe(57);
    expect(completedYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(completedYears('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('reads a birth month or year alone as its first day (FHIR partial dates)', () => {
    expect(completedYears('1969-02', '2026-01-31')).toBe(56);
    expect(completedYears('1969-02', '2026-02-01')).toBe(57);
    expect(completedYears('1969', '2026-01-01')).toBe(57);
  });

  it('gives NaN for a birth date that is not a date', () => {
    expect(completedYears('19x9-02-14', '2026-03-01')).toBeNaN();
    expect(completedYears('unknown', '2026-03-01')).toBeNaN();
  });
});
