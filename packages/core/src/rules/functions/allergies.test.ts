import { describe, expect, it } from 'vitest';
import { allergyFunction, isAllergenSetName } from './allergies.js';
import { allergy, ctxOf, evaluate, t } from './test-support.js';

const AT = t('2026-03-10T12:00');

describe('allergy(set, ...) — INFINITY E5, PLATINIUM E9', () => {
  it('is met by an interferon allergy and cites it', () => {
    const o = evaluate(
      allergyFunction,
      { symbols: { sets: ['interferon'] } },
      ctxOf({ allergies: [allergy('interferon', { id: 'a1' })] }, AT),
    );
    expect(o.value).toBe('met');
    expect(o.evidence).toEqual([{ reference: 'AllergyIntolerance/a1', value: 'interferon' }]);
    expect(o.reason()).toBe('interferon allergy (AllergyIntolerance/a1)');
  });

  it('is not_met when only other allergens are recorded (closed world)', () => {
    const o = evaluate(
      allergyFunction,
      { symbols: { sets: ['interferon'] } },
      ctxOf({ allergies: [allergy('latex')] }, AT),
    );
    expect(o.value).toBe('not_met');
    expect(o.reason()).toBe('no interferon allergy recorded');
  });

  it.each(['mannitol', 'sodium-succinate', 'succinic-acid', 'polysorbate-20'] as const)(
    'counts %s as an excipient',
    (s) => {
      expect(
        evaluate(
          allergyFunction,
          { symbols: { sets: ['excipient'] } },
          ctxOf({ allergies: [allergy(s)] }, AT),
        ).value,
      ).toBe('met');
    },
  );

  it('combines sets: PLATINIUM E9 by latex', () => {
    const args = { symbols: { sets: ['interferon', 'excipient', 'latex'] } };
    expect(evaluate(allergyFunction, args, ctxOf({ allergies: [allergy('latex')] }, AT)).value).toBe('met');
  });

  it('ignores an allergy recorded after T_scr and one that is not counted (refuted)', () => {
    const args = { symbols: { sets: ['latex'] } };
    expect(
      evaluate(allergyFunction, args, ctxOf({ allergies: [allergy('latex', { recorded: AT + 1 })] }, AT))
        .value,
    ).toBe('not_met');
    expect(
      evaluate(allergyFunction, args, ctxOf({ allergies: [allergy('latex', { counted: false })] }, AT)).value,
    ).toBe('not_met');
  });

  it('knows its set names', () => {
    expect(isAllergenSetName('excipient')).toBe(true);
    expect(isAllergenSetName('penicillin')).toBe(false);
  });
});
