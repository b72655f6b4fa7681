import { describe, expect, it } from 'vitest';
import { allergySubstanceForCode } from './allergy-codes.js';

const LOCAL = 'https://immunotrial.dev/fhir/CodeSystem/substance';

describe('allergySubstanceForCode', () => {
  it('reads ATC L03AB* and the local interferon code as interferon', () => {
    expect(allergySubstanceForCode('http://www.whocc.no/atc', 'L03AB03')).toBe('interferon');
    expect(allergySubstanceForCode(LOCAL, 'interferon')).toBe('interferon');
    expect(allergySubstanceForCode('http://www.whocc.no/atc', 'L03AA02')).toBeUndefined();
  });
  it('reads the local excipient codes', () => {
    for (const c of ['mannitol', 'sodium-succinate', 'succinic-acid', 'polysorbate-20']) {
      expect(allergySubstanceForCode(LOCAL, c)).toBe(c);
    }
    expect(allergySubstanceForCode(LOCAL, 'toString')).toBeUndefined();
  });
  it('reads the three SNOMED latex codes', () => {
    for (const c of ['111088007', '1003751008', '300916003']) {
      expect(allergySubstanceForCode('http://snomed.info/sct', c)).toBe('latex');
    }
    expect(allergySubstanceForCode('http://snomed.info/sct', '91936005')).toBeUndefined();
  });
});
