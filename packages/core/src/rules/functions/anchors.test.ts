import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import { CLINICAL_ANCHORS, firstSupportStart, sepsisOnset } from './anchors.js';
import { condition, ctxOf, encounter, medication, procedure, t } from './test-support.js';

const AT = t('2026-03-10T12:00');
const T_HOSP = t('2026-03-05T08:00');
const stay = [encounter('hospital', T_HOSP), encounter('icu', T_HOSP + 6 * HOUR_MS)];

describe('firstSupportStart (T_first_support, INFINITY E3)', () => {
  it('is the earliest start of IMV or a sedative administration', () => {
    const meds = [
      medication('N01AX10', T_HOSP + 10 * HOUR_MS, { id: 'propofol' }),
      medication('N05CD08', T_HOSP + 12 * HOUR_MS),
    ];
    const procs = [procedure('imv', T_HOSP + 11 * HOUR_MS, { inProgress: true })];
    const a = firstSupportStart(ctxOf({ encounters: stay, medications: meds, procedures: procs }, AT));
    expect(a.t).toBe(T_HOSP + 10 * HOUR_MS);
    expect(a.evidence).toEqual([
      { reference: 'MedicationAdministration/propofol', value: 'N01AX10', time: '2026-03-05T18:00:00Z' },
    ]);
  });

  it('takes an IMV when it comes first, and ignores NIV and unknown ventilation', () => {
    const procs = [
      procedure('niv', T_HOSP + HOUR_MS, { end: T_HOSP + 2 * HOUR_MS }),
      procedure('ventilation_unknown', T_HOSP + 2 * HOUR_MS, { end: T_HOSP + 3 * HOUR_MS }),
      procedure('imv', T_HOSP + 5 * HOUR_MS, { id: 'v', inProgress: true }),
    ];
    expect(firstSupportStart(ctxOf({ encounters: stay, procedures: procs }, AT)).t).toBe(
      T_HOSP + 5 * HOUR_MS,
    );
  });

  it('ignores sedatives recorded as statements', () => {
    const m = medication('N05CD08', T_HOSP + HOUR_MS, { resourceType: 'MedicationStatement' });
    expect(firstSupportStart(ctxOf({ encounters: stay, medications: [m] }, AT)).t).toBeUndefined();
  });

  it('keeps an IMV begun before admission that still runs, but not support from an earlier stay', () => {
    const prehospital = procedure('imv', T_HOSP - HOUR_MS, { inProgress: true });
    expect(firstSupportStart(ctxOf({ encounters: stay, procedures: [prehospital] }, AT)).t).toBe(
      T_HOSP - HOUR_MS,
    );
    const earlier = medication('N01AX10', T_HOSP - 30 * DAY_MS, { end: T_HOSP - 29 * DAY_MS });
    expect(firstSupportStart(ctxOf({ encounters: stay, medications: [earlier] }, AT)).t).toBeUndefined();
  });

  it('ignores support starting after T_scr', () => {
    expect(
      firstSupportStart(
        ctxOf({ encounters: stay, procedures: [procedure('imv', AT + 1, { inProgress: true })] }, AT),
      ).t,
    ).toBeUndefined();
  });
});

describe('sepsisOnset (T_sep)', () => {
  it('is the earliest time of an active sepsis condition', () => {
    const cs = [
      condition('A41.9', { id: 's2', onset: t('2026-03-08T00:00') }),
      condition('R65.1', { id: 's1', recorded: t('2026-03-07T06:00') }),
    ];
    const a = sepsisOnset(ctxOf({ conditions: cs }, AT));
    expect(a.t).toBe(t('2026-03-07T06:00'));
    expect(a.evidence).toEqual([{ reference: 'Condition/s1', value: 'R65.1', time: '2026-03-07T06:00:00Z' }]);
  });

  it('ignores resolved sepsis and other infections', () => {
    const cs = [
      condition('A41.9', { onset: t('2026-02-01T00:00'), active: false, abatement: t('2026-02-10T00:00') }),
      condition('J18.9', { onset: t('2026-03-01T00:00') }),
    ];
    expect(sepsisOnset(ctxOf({ conditions: cs }, AT)).t).toBeUndefined();
  });

  it('reads ICD-10-CM sepsis codes', () => {
    const c = condition('R65.20', { system: 'icd10cm', onset: t('2026-03-09T00:00') });
    expect(sepsisOnset(ctxOf({ conditions: [c] }, AT)).t).toBe(t('2026-03-09T00:00'));
    const who = condition('R65.20', { system: 'icd10', onset: t('2026-03-09T00:00') });
    expect(sepsisOnset(ctxOf({ conditions: [who] }, AT)).t).toBeUndefined(); // WHO R65.2 is non-infectious SIRS
  });
});

describe('CLINICAL_ANCHORS', () => {
  it('plugs into the screening context as T_sep and T_first_support', () => {
    const c = condition('A40.0', { onset: t('2026-03-08T00:00') });
    const ctx = ctxOf({ conditions: [c] }, AT);
    const o = CLINICAL_ANCHORS.T_sep(ctx);
    expect(o.t).toBe(t('2026-03-08T00:00'));
    expect(o.reason()).toMatch(/^T_sep = 2026-03-08T00:00:00Z \(Condition\//);
    expect(CLINICAL_ANCHORS.T_first_support(ctx).reason()).toBe(
      'T_first_support unknown: no invasive ventilation or sedative',
    );
  });
});
