import { describe, expect, it } from 'vitest';
import { meetsSepsis3, meetsSepticShock, sofaRiseFromBaseline } from './sepsis3.js';

describe('meetsSepsis3', () => {
  it('needs a SOFA rise of at least 2 from a baseline of 0 when none is known', () => {
    expect(meetsSepsis3({ suspectedInfection: true, sofaTotal: 2 })).toBe(true);
    expect(meetsSepsis3({ suspectedInfection: true, sofaTotal: 1 })).toBe(false);
  });

  it('measures the rise from a known baseline', () => {
    expect(meetsSepsis3({ suspectedInfection: true, sofaTotal: 6, baselineSofaTotal: 4 })).toBe(true);
    expect(meetsSepsis3({ suspectedInfection: true, sofaTotal: 5, baselineSofaTotal: 4 })).toBe(false);
  });

  it('needs a suspected infection', () => {
    expect(meetsSepsis3({ suspectedInfection: false, sofaTotal: 10 })).toBe(false);
  });

  it('rejects a SOFA total outside 0–24', () => {
    expect(() => meetsSepsis3({ suspectedInfection: true, sofaTotal: 25 })).toThrow(
      'sofaTotal: expected a SOFA total from 0 to 24, received 25',
    );
    expect(() => sofaRiseFromBaseline(3, -1)).toThrow(
      'baselineSofaTotal: expected a SOFA total from 0 to 24, received -1',
    );
  });

  it('reports a fall in SOFA as a negative rise', () => {
    expect(sofaRiseFromBaseline(2, 5)).toBe(-3);
  });
});

describe('meetsSepticShock', () => {
  const shock = { sepsis: true, vasopressorsForMap65: true, lactateMmolPerL: 2.1, afterAdequateFluids: true };

  it('is met with sepsis, vasopressors for MAP >= 65 and lactate > 2 mmol/L after fluids', () => {
    expect(meetsSepticShock(shock)).toBe(true);
  });

  it('is not met at lactate 2.0 mmol/L: the bound is exclusive', () => {
    expect(meetsSepticShock({ ...shock, lactateMmolPerL: 2.0 })).toBe(false);
  });

  it('is not met when any condition is missing', () => {
    expect(meetsSepticShock({ ...shock, sepsis: false })).toBe(false);
    expect(meetsSepticShock({ ...shock, vasopressorsForMap65: false })).toBe(false);
    expect(meetsSepticShock({ ...shock, afterAdequateFluids: false })).toBe(false);
  });
});
