import type { Span } from './ast.js';

export type TokenKind = 'number' | 'unit' | 'ident' | 'string' | 'op' | 'punct' | 'keyword' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly span: Span;
}

/** A rule that cannot be read, with the character offset where reading stopped. */
export class RuleSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'RuleSyntaxError';
    this.offset = offset;
  }
}

const KEYWORDS = new Set(['and', 'or', 'not']);
const OPERATORS = ['<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/'];
const PUNCT = new Set(['(', ')', '[', ']', ',', ':']);

/** Words accepted as time units after a number, mapped to UCUM. */
export const UNIT_WORDS: Readonly<Record<string, string>> = {
  year: 'a',
  years: 'a',
  y: 'a',
  day: 'd',
  days: 'd',
  hour: 'h',
  hours: 'h',
  week: 'wk',
  weeks: 'wk',
  minute: 'min',
  minutes: 'min',
};

function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

function isIdentChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/**
 * Reads a UCUM unit written right after a number (`8000 {AB}/{cell}`, `1000 /mm3`, `96 h`, `4420 ng/mL`).
 * A unit runs to the next space, comma or closing bracket that is not inside `[...]` or `{...}`.
 */
function readUnit(src: string, start: number): number {
  let i = start;
  let depth = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (/\s/.test(c) || c === ',' || c === ')')) break;
    i++;
  }
  return i;
}

/** Could a unit start at `i` (after a number and spaces)? Not a keyword, not a function call, not an operator. */
function unitStartsAt(src: string, i: number): boolean {
  const c = src.charAt(i);
  if (c === '{' || c === '%') return true;
  if (c === '[') return false; // a window, not a unit: units in brackets are written after a letter (mm[Hg])
  if (c === '/') return i + 1 < src.length && !/\s/.test(src.charAt(i + 1));
  if (/[0-9]/.test(c)) return /^[0-9]+[*^][0-9]/.test(src.slice(i, i + 8)); // 10*9/L, 10*3/uL
  if (!isIdentStart(c)) return false;
  let j = i;
  while (j < src.length && /[A-Za-z0-9_]/.test(src.charAt(j))) j++;
  const word = src.slice(i, j);
  if (KEYWORDS.has(word)) return false;
  let k = j;
  while (k < src.length && src.charAt(k) === ' ') k++;
  if (src.charAt(k) === '(' && !/[[{/]/.test(src.charAt(j))) return false; // a function call
  // An identifier directly followed by ':' is a named argument, not a unit.
  if (src.charAt(k) === ':') return false;
  return true;
}

/** Splits a rule into tokens. @throws RuleSyntaxError on a character that cannot start a token. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src.charAt(i + 1)))) {
      while (i < src.length && /[0-9._]/.test(src.charAt(i))) i++;
      if (/[eE]/.test(src.charAt(i)) && /[-+0-9]/.test(src.charAt(i + 1))) {
        i += 2;
        while (i < src.length && /[0-9]/.test(src.charAt(i))) i++;
      }
      tokens.push({ kind: 'number', text: src.slice(start, i).replaceAll('_', ''), span: { start, end: i } });
      let j = i;
      while (j < src.length && src.charAt(j) === ' ') j++;
      if (j < src.length && unitStartsAt(src, j)) {
        const end = readUnit(src, j);
        tokens.push({ kind: 'unit', text: src.slice(j, end), span: { start: j, end } });
        i = end;
      }
      continue;
    }
    if (isIdentStart(c)) {
      while (i < src.length && isIdentChar(src.charAt(i))) i++;
      const text = src.slice(start, i);
      tokens.push({ kind: KEYWORDS.has(text) ? 'keyword' : 'ident', text, span: { start, end: i } });
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new RuleSyntaxError('unterminated string: expected a closing "', i);
      tokens.push({ kind: 'string', text: src.slice(i + 1, end), span: { start, end: end + 1 } });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, span: { start, end: i + op.length } });
      i += op.length;
      continue;
    }
    if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c, span: { start, end: i + 1 } });
      i++;
      continue;
    }
    throw new RuleSyntaxError(`unexpected character "${c}"`, i);
  }
  tokens.push({ kind: 'eof', text: '', span: { start: src.length, end: src.length } });
  return tokens;
}
