import { describe, expect, it } from 'vitest';
import { parseRule } from './parser.js';
import { RuleSyntaxError } from './lexer.js';

describe('parseRule', () => {
  it('reads a comparison with a UCUM unit in braces', () => {
    const n = parseRule('latest(mhla_dr, during: [icu_day(5), icu_day(10)]) < 8000 {AB}/{cell}');
    expect(n.kind).toBe('compare');
    if (n.kind !== 'compare') return;
    expect(n.right).toMatchObject({ kind: 'number', value: 8000, unit: '{AB}/{cell}' });
    expect(n.left).toMatchObject({ kind: 'call', name: 'latest' });
    if (n.left.kind !== 'call') return;
    expect(n.left.named.get('during')).toMatchObject({ kind: 'window', closedEnd: true });
  });

  it('reads units that start with a slash and units with brackets', () => {
    expect(parseRule('x < 1000 /mm3')).toMatchObject({ right: { unit: '/mm3' } });
    expect(parseRule('x < 60 mm[Hg]')).toMatchObject({ right: { unit: 'mm[Hg]' } });
  });

  it('maps time words to UCUM and keeps half-open windows', () => {
    const n = parseRule('sofa(during: [T_icu, T_icu + 24 h)) >= 6');
    if (n.kind !== 'compare' || n.left.kind !== 'call') throw new Error('shape');
    const w = n.left.named.get('during');
    expect(w).toMatchObject({
      kind: 'window',
      closedEnd: false,
      to: { kind: 'arith', op: '+', right: { unit: 'h' } },
    });
    expect(parseRule('age >= 18 years')).toMatchObject({ right: { value: 18, unit: 'a' } });
  });

  it('does not read a keyword after a number as a unit', () => {
    expect(parseRule('age >= 18 years and sofa(during: W0) >= 6').kind).toBe('and');
    expect(parseRule('x > 2 or y')).toMatchObject({ kind: 'or' });
  });

  it('gives and precedence over or, and not over and', () => {
    const n = parseRule('a or b and not c');
    expect(n).toMatchObject({
      kind: 'or',
      operands: [{ kind: 'ident' }, { kind: 'and', operands: [{}, { kind: 'not' }] }],
    });
  });

  it('reports where reading stopped', () => {
    const attempt = (src: string): RuleSyntaxError => {
      try {
        parseRule(src);
      } catch (e) {
        if (e instanceof RuleSyntaxError) return e;
      }
      throw new Error('no syntax error');
    };
    expect(attempt('age >= ')).toMatchObject({
      message: 'expected a value, a name or "(", found the end of the rule',
      offset: 7,
    });
    expect(attempt('latest(x, during: [a, b)')).toMatchObject({ offset: 24 });
    expect(attempt('a b')).toMatchObject({ message: 'unexpected "b" after a complete rule', offset: 2 });
    expect(attempt('f(during: a, b)').message).toBe('a positional argument cannot follow a named one');
    expect(attempt('x # 3').message).toBe('unexpected character "#"');
  });
});
