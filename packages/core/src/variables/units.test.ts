import { describe, expect, it } from 'vitest';
import { TrialError } from '../errors.js';
import { acceptsUnit, convertUcum, isUcumUnit, toCanonical } from './units.js';

describe('toCanonical', () => {
  it('converts creatinine from umol/L with the clinical factor 88.4', () => {
    expect(toCanonical('creatinine', 203.32, 'umol/L')).toBeCloseTo(2.3, 12);
  });
  it('keeps values on band edges after molar conversion', () => {
    expect(toCanonical('creatinine', 309.4, 'umol/L')).toBe(3.5);
    expect(toCanonical('bilirubin', 102.6, 'umol/L')).toBe(6);
  });
  it('converts bilirubin from umol/L with the factor 17.1', () => {
    expect(toCanonical('bilirubin', 205.2, 'umol/L')).toBeCloseTo(12, 12);
  });
  it('converts G/L lymphocytes to exactly 1000 /mm3 per G/L', () => {
    expect(toCanonical('lymphocytes', 1, 'G/L')).toBe(1000);
    expect(toCanonical('lymphocytes', 0.64, '10*9/L')).toBeCloseTo(640, 9);
    expect(toCanonical('lymphocytes', 640, '/uL')).toBe(640);
  });
  it('converts platelets given per mm3 to 10^9/L', () => {
    expect(toCanonical('platelets', 50_000, '/mm3')).toBeCloseTo(50, 9);
  });
  it('converts Fahrenheit to Celsius (affine)', () => {
    expect(toCanonical('temperature', 100.4, '[degF]')).toBeCloseTo(38, 9);
  });
  it('converts FiO2 in percent to a fraction', () => {
    expect(toCanonical('fio2', 40, '%')).toBeCloseTo(0.4, 12);
  });
  it('converts kPa with the profile factor 7.50062', () => {
    expect(toCanonical('pao2', 10, 'kPa')).toBeCloseTo(75.0062, 9);
  });
  it('accepts IU and U as equivalent for enzymes and hCG', () => {
    expect(toCanonical('ast', 40, '[IU]/L')).toBe(40);
    expect(toCanonical('beta_hcg', 30, 'm[IU]/mL')).toBeCloseTo(30, 9);
  });
  it('rejects a unit of the wrong dimension, naming the observation', () => {
    expect(() => toCanonical('ferritin', 5, 'mmol/L', 'Observation/f1')).toThrow(TrialError);
    expect(() => toCanonical('ferritin', 5, 'mmol/L', 'Observation/f1')).toThrow(
      'Observation/f1: unit "mmol/L" is not accepted for ferritin; expected one of "ng/mL", "ug/L"',
    );
  });
  it('is case-sensitive, as UCUM is', () => {
    expect(acceptsUnit('creatinine', 'MG/DL')).toBe(false);
  });
});

describe('convertUcum', () => {
  it('converts durations', () => {
    expect(convertUcum(1, 'd', 'h')).toBe(24);
  });
  it('returns undefined for incommensurable units', () => {
    expect(convertUcum(1, 'd', 'mg')).toBeUndefined();
  });
});

describe('isUcumUnit', () => {
  it('accepts UCUM units and the profile aliases, rejects anything else', () => {
    expect(isUcumUnit('{AB}/{cell}')).toBe(true);
    expect(isUcumUnit('G/L')).toBe(true);
    expect(isUcumUnit('mm[Hg]')).toBe(true);
    expect(isUcumUnit('furlongs')).toBe(false);
  });
});
