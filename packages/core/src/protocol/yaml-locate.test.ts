import { describe, expect, it } from 'vitest';
import { isScalar, parseDocument } from 'yaml';
import { locateNode, scalarSourceOffset } from './yaml-locate.js';

/** Source offset of the first occurrence of `token` in the parsed value of `key`. */
function sourceOffsetOf(text: string, key: string, token: string): number {
  const doc = parseDocument(text);
  const node = locateNode(doc, [key]).node;
  if (!isScalar(node)) throw new Error('test setup: not a scalar');
  return scalarSourceOffset(text, node, String(node.value).indexOf(token));
}

describe('scalarSourceOffset', () => {
  it('maps a plain scalar folded over two lines', () => {
    const text = 'r: a and\n  b and T_x\n';
    expect(sourceOffsetOf(text, 'r', 'T_x')).toBe(text.indexOf('T_x'));
  });

  it("maps a single-quoted scalar with a doubled quote ('')", () => {
    const text = "r: 'it''s T_x'\n";
    expect(sourceOffsetOf(text, 'r', 'T_x')).toBe(text.indexOf('T_x'));
  });

  it('maps a double-quoted scalar with escapes', () => {
    const text = 'r: "\\u0041 \\"q\\" T_x"\n';
    expect(sourceOffsetOf(text, 'r', 'T_x')).toBe(text.indexOf('T_x'));
  });

  it('maps literal and folded block scalars, more-indented lines included', () => {
    const literal = 'r: |\n  a\n    b T_x\n';
    expect(sourceOffsetOf(literal, 'r', 'T_x')).toBe(literal.indexOf('T_x'));
    const folded = 'r: >-\n  a\n  b T_x\n';
    expect(sourceOffsetOf(folded, 'r', 'T_x')).toBe(folded.indexOf('T_x'));
  });
});

describe('locateNode', () => {
  it('finds a sequence item inside a mapping, and the nearest ancestor of a missing field', () => {
    const text = 'a:\n  - { b: 1 }\n';
    const doc = parseDocument(text);
    expect(locateNode(doc, ['a', 0, 'b']).node?.range?.[0]).toBe(text.indexOf('1'));
    const missing = locateNode(doc, ['a', 0, 'c']);
    expect(missing.node).toBeUndefined();
    expect(missing.nearest?.range?.[0]).toBe(text.indexOf('{'));
  });
});
