import { type Document, isMap, isPair, isScalar, isSeq, type Node, Scalar } from 'yaml';

/** Where a structural path lands in a YAML document. */
export interface LocatedNode {
  /** The node at the path, when the document has one. */
  readonly node: Node | undefined;
  /** The key of the last path segment, when it is a mapping key that exists. */
  readonly key: Node | undefined;
  /** The deepest node on the path that exists (the document root at worst). */
  readonly nearest: Node | undefined;
}

function keyMatches(key: unknown, seg: PropertyKey): boolean {
  return isScalar(key) ? String(key.value) === String(seg) : String(key) === String(seg);
}

/**
 * Finds the node a path names (`['eligibility', 'inclusion', 2, 'rule']`), or the deepest ancestor that
 * exists when the path goes further than the document (a missing field).
 */
export function locateNode(doc: Document, path: readonly PropertyKey[]): LocatedNode {
  let current: unknown = doc.contents;
  let nearest: Node | undefined = isNodeLike(current) ? current : undefined;
  let key: Node | undefined;
  for (const seg of path) {
    key = undefined;
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && keyMatches(p.key, seg));
      if (!pair) return { node: undefined, key: undefined, nearest };
      key = isNodeLike(pair.key) ? pair.key : undefined;
      current = pair.value;
    } else if (isSeq(current) && typeof seg === 'number') {
      current = current.items[seg];
    } else {
      return { node: undefined, key: undefined, nearest };
    }
    if (!isNodeLike(current)) return { node: undefined, key, nearest: key ?? nearest };
    nearest = current;
  }
  return { node: isNodeLike(current) ? current : undefined, key, nearest };
}

function isNodeLike(v: unknown): v is Node {
  return isScalar(v) || isMap(v) || isSeq(v);
}

/** Start offset of a node in the source text (0 when the node carries no range). */
export function startOf(node: Node | undefined): number {
  return node?.range?.[0] ?? 0;
}

/**
 * Maps a character offset inside a scalar's parsed value to an offset in the source text, for plain,
 * single- and double-quoted, literal (`|`) and folded (`>`) scalars. Line folding, indentation and escapes
 * make the two differ; the characters of a rule's tokens are matched one by one, so the offset of any
 * non-blank character is exact.
 * @param source - The whole YAML text.
 * @param scalar - The scalar node (with its range).
 * @param valueOffset - Offset in `String(scalar.value)`.
 */
export function scalarSourceOffset(source: string, scalar: Scalar, valueOffset: number): number {
  const value = String(scalar.value);
  const range = scalar.range;
  if (!range) return 0;
  const [start, end] = range;
  let j = start;
  switch (scalar.type) {
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE:
      j = start + 1;
      break;
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL: {
      const nl = source.indexOf('\n', start);
      j = nl < 0 ? end : nl + 1;
      break;
    }
    case Scalar.PLAIN:
    case undefined:
      break;
  }
  const target = Math.max(0, Math.min(valueOffset, value.length));
  for (let i = 0; i < target; i++) j = advance(source, value, i, j, end, scalar.type);
  // Land on the character itself, not on the blanks or line break before it.
  if (target < value.length && !/\s/.test(value.charAt(target))) {
    while (j < end && /\s/.test(source.charAt(j))) j++;
  }
  return Math.min(j, Math.max(end, start));
}

/** Consumes the source text of value character i starting at j; returns the offset after it. */
function advance(
  source: string,
  value: string,
  i: number,
  j: number,
  end: number,
  type: Scalar['type'],
): number {
  const c = value.charAt(i);
  // Blanks and line breaks in the source that the value does not have here (indentation, folding).
  if (!/\s/.test(c)) {
    while (j < end && /\s/.test(source.charAt(j))) j++;
  }
  const s = source.charAt(j);
  if (type === Scalar.QUOTE_DOUBLE && s === '\\') {
    const next = source.charAt(j + 1);
    if (next === 'x') return j + 4;
    if (next === 'u') return j + 6;
    if (next === 'U') return j + 10;
    if (next === '\n' || next === '\r') return skipBlanks(source, j + 2, end);
    return j + 2;
  }
  if (type === Scalar.QUOTE_SINGLE && s === "'" && source.charAt(j + 1) === "'") return j + 2;
  if (c === ' ' && (s === '\n' || s === '\r')) {
    // A folded line break: the value's space stands for the break and the next line's indentation.
    return skipBlanks(source, j + 1, end);
  }
  return j + 1;
}

function skipBlanks(source: string, j: number, end: number): number {
  while (j < end && /[ \t\r\n]/.test(source.charAt(j))) j++;
  return j;
}
