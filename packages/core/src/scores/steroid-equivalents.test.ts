import { describe, expect, it } from 'vitest';
import { prednisoneEquivalentMg, steroidEquivalence } from './steroid-equivalents.js';

describe('prednisoneEquivalentMg', () => {
  it('makes hydrocortisone 20 = prednisone 5 = prednisolone 5 = methylprednisolone 4 = dexamethasone 0.75', () => {
    expect(prednisoneEquivalentMg(20, 'hydrocortisone')).toBeCloseTo(5, 12);
    expect(prednisoneEquivalentMg(5, 'prednisone')).toBe(5);
    expect(prednisoneEquivalentMg(5, 'prednisolone')).toBe(5);
    expect(prednisoneEquivalentMg(4, 'methylprednisolone')).toBeCloseTo(5, 12);
    expect(prednisoneEquivalentMg(0.75, 'dexamethasone')).toBeCloseTo(5, 12);
  });

  it('gives 50 mg/d prednisone-equivalent for stress-dose hydrocortisone 200 mg/d (DOMAIN.md §7.5)', () => {
    expect(prednisoneEquivalentMg(200, 'hydrocortisone')).toBeCloseTo(50, 12);
  });
});

describe('steroidEquivalence', () => {
  it.each([
    ['H02AB07', 'prednisone', 1],
    ['H02AB06', 'prednisolone', 1],
    ['H02AB04', 'methylprednisolone', 1.25],
    ['H02AB09', 'hydrocortisone', 0.25],
    ['H02AB02', 'dexamethasone', 20 / 3],
  ])('knows ATC %s as %s ×%d', (atc, drug, factor) => {
    const result = steroidEquivalence({ atc });
    expect(result).toMatchObject({ kind: 'known', drug });
    if (result.kind === 'known') expect(result.factor).toBeCloseTo(factor, 12);
  });

  it.each([
    ['8640', 'prednisone'],
    ['8638', 'prednisolone'],
    ['6902', 'methylprednisolone'],
    ['5492', 'hydrocortisone'],
    ['3264', 'dexamethasone'],
  ])('knows RxNorm %s as %s', (rxnorm, drug) => {
    expect(steroidEquivalence({ rxnorm })).toMatchObject({ kind: 'known', drug });
  });

  it('marks another H02AB code (betamethasone) as a corticosteroid of unknown factor', () => {
    expect(steroidEquivalence({ atc: 'H02AB01' })).toEqual({ kind: 'unknown_factor', atc: 'H02AB01' });
  });

  it('lets the ATC code decide over RxNorm', () => {
    expect(steroidEquivalence({ atc: 'H02AB01', rxnorm: '8640' })).toEqual({
      kind: 'unknown_factor',
      atc: 'H02AB01',
    });
  });

  it('does not count other drugs, inhaled or topical corticosteroids', () => {
    expect(steroidEquivalence({ atc: 'C01CA03' })).toEqual({ kind: 'not_corticosteroid' });
    expect(steroidEquivalence({ atc: 'R03BA02' })).toEqual({ kind: 'not_corticosteroid' });
    expect(steroidEquivalence({ rxnorm: '7512' })).toEqual({ kind: 'not_corticosteroid' });
    expect(steroidEquivalence({})).toEqual({ kind: 'not_corticosteroid' });
  });
});
