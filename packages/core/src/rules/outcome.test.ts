import { describe, expect, it } from 'vitest';
import { obs, T_ICU } from './functions/test-timeline.js';
import { observationEvidence, timedEvidence } from './outcome.js';

describe('evidence', () => {
  it('writes reference, value, unit and time in that order, as JSON fields', () => {
    const e = observationEvidence(obs('platelets', 96, T_ICU, { id: 'p1' }));
    expect(Object.keys(e)).toEqual(['reference', 'value', 'unit', 'time']);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      reference: e.reference,
      value: 96,
      unit: '×10⁹/L',
      time: new Date(T_ICU).toISOString().replace('.000Z', 'Z'),
    });
    expect({ ...e }.time).toBe(e.time);
  });

  it('leaves out what a record does not have', () => {
    expect(Object.keys(observationEvidence(obs('gcs', 0, T_ICU, { value: undefined })))).toEqual([
      'reference',
      'time',
    ]);
    const untimed = timedEvidence('Procedure/v1', 'imv');
    expect(JSON.stringify(untimed)).toBe('{"reference":"Procedure/v1","value":"imv"}');
    expect(untimed.time).toBeUndefined();
    expect('time' in untimed).toBe(false);
    expect(JSON.stringify(timedEvidence('Condition/c1', 'A41.9', undefined, NaN))).toBe(
      '{"reference":"Condition/c1","value":"A41.9"}',
    );
    expect(
      JSON.stringify(timedEvidence('MedicationAdministration/m1', 0.2, 'ug/kg/min', Date.UTC(2026, 2, 10))),
    ).toBe(
      '{"reference":"MedicationAdministration/m1","value":0.2,"unit":"ug/kg/min","time":"2026-03-10T00:00:00Z"}',
    );
  });
});
