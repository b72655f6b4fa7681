import { describe, expect, it } from 'vitest';
import { classifyProcedure } from './procedure-codes.js';

describe('classifyProcedure', () => {
  it('reads 1258985005 as invasive mechanical ventilation', () => {
    expect(classifyProcedure(['1258985005'], [])).toBe('imv');
  });
  it('reads 40617009 with an endotracheal or tracheostomy tube as IMV', () => {
    expect(classifyProcedure(['40617009'], ['26412008'])).toBe('imv');
    expect(classifyProcedure(['40617009'], ['129121000'])).toBe('imv');
  });
  it('reads 40617009 without a tube as ventilation of unknown type', () => {
    expect(classifyProcedure(['40617009'], [])).toBe('ventilation_unknown');
    expect(classifyProcedure(['40617009'], ['426854004'])).toBe('ventilation_unknown');
  });
  it('reads NIV and HFNO codes, never as IMV even beside an IMV code', () => {
    expect(classifyProcedure(['428311008'], [])).toBe('niv');
    expect(classifyProcedure(['870533002'], [])).toBe('hfno');
    expect(classifyProcedure(['428311008', '1258985005'], [])).toBe('niv');
    expect(classifyProcedure(['870533002', '40617009'], ['26412008'])).toBe('hfno');
  });
  it('reads nasal cannula oxygen as HFNO only with a high-flow cannula', () => {
    expect(classifyProcedure(['371907003'], ['426854004'])).toBe('hfno');
    expect(classifyProcedure(['371907003'], [])).toBe('other');
  });
  it('reads radiotherapy and leaves other codes as other', () => {
    expect(classifyProcedure(['108290001'], [])).toBe('radiotherapy');
    expect(classifyProcedure(['80146002'], [])).toBe('other');
  });
});
