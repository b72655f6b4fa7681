import { describe, expect, it } from 'vitest';
import { atcForMedication, isMedicationRead, isSystemicRoute, RXNORM_TO_ATC } from './medication-codes.js';

describe('atcForMedication', () => {
  it('keeps an ATC code as sent', () => {
    expect(atcForMedication('H02AB04', '6902')).toBe('H02AB04');
  });
  it('maps each RxNorm vasopressor and corticosteroid to its ATC equivalent', () => {
    const expected: Record<string, string> = {
      '7512': 'C01CA03',
      '3992': 'C01CA24',
      '3628': 'C01CA04',
      '3616': 'C01CA07',
      '11149': 'H01BA01',
      '8640': 'H02AB07',
      '8638': 'H02AB06',
      '6902': 'H02AB04',
      '5492': 'H02AB09',
      '3264': 'H02AB02',
    };
    for (const [rx, atc] of Object.entries(expected)) expect(atcForMedication(undefined, rx)).toBe(atc);
    expect(Object.keys(RXNORM_TO_ATC)).toHaveLength(10);
  });
  it('does not map other RxNorm codes', () => {
    expect(atcForMedication(undefined, '1191')).toBeUndefined();
  });
});

describe('isMedicationRead', () => {
  it('reads the classes the criteria use and skips others', () => {
    for (const c of [
      'C01CA03',
      'N05CD08',
      'H02AB09',
      'L01XA01',
      'L04AC03',
      'J04AB02',
      'L03AB03',
      'H01BA01',
    ]) {
      expect(isMedicationRead(c)).toBe(true);
    }
    for (const c of ['J01CR05', 'B01AB05', 'C01CA26']) expect(isMedicationRead(c)).toBe(false);
  });
});

describe('isSystemicRoute', () => {
  it('counts oral, IV, IM and SC and not inhaled', () => {
    for (const r of ['26643006', '47625008', '78421000', '34206005']) expect(isSystemicRoute(r)).toBe(true);
    expect(isSystemicRoute('18679011000001101')).toBe(false);
  });
});
