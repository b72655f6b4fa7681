import { describe, expect, it } from 'vitest';
import { collectAssumptions, formatValue } from './protocol-assumptions.js';

describe('collectAssumptions', () => {
  it('lists every assumed value with its path, value and unit, and assumed dose modifications', () => {
    const protocol = {
      allocation: { ratio: { value: { a: 1, b: 2 }, assumed: true, provenance: 'not published' } },
      regimens: [
        {
          dose: { value: 100, unit: 'ug', assumed: true, provenance: 'precedent' },
          dose_modifications: [
            { when: 'severe reaction', action: 'reduce', assumed: true, provenance: 'label' },
          ],
          route: 'sc',
        },
      ],
      sample_size: { target: 100 },
    };
    expect(collectAssumptions(protocol)).toEqual([
      { path: 'allocation.ratio', value: 'a 1, b 2', provenance: 'not published' },
      { path: 'regimens[0].dose', value: '100 ug', provenance: 'precedent' },
      { path: 'regimens[0].dose_modifications[0]', value: 'severe reaction -> reduce', provenance: 'label' },
    ]);
  });
});

describe('formatValue', () => {
  it('writes quantities with their unit, lists and mappings briefly', () => {
    expect(formatValue({ value: 8, unit: 'h' })).toBe('8 h');
    expect(formatValue([1, 3, 5])).toBe('1, 3, 5');
    expect(formatValue({ before: 0, after: 2 })).toBe('before 0, after 2');
    expect(formatValue({ value: 0, unit: '1' })).toBe('0');
  });
});
