import type { CompareOp, Node, Span } from './ast.js';
import { RuleSyntaxError, type Token, tokenize, UNIT_WORDS } from './lexer.js';

const COMPARE_OPS: readonly CompareOp[] = ['<', '<=', '>', '>=', '==', '!='];

function asCompareOp(text: string): CompareOp | undefined {
  return COMPARE_OPS.find((op) => op === text);
}

/**
 * Parses a rule into a syntax tree (grammar in docs/protocol-authoring.md).
 * @throws RuleSyntaxError with the character offset of the problem.
 * @example parseRule('age >= 18 years').kind // => 'compare'
 */
export function parseRule(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;

  const eof: Token = { kind: 'eof', text: '', span: { start: src.length, end: src.length } };
  const peek = (): Token => tokens[pos] ?? eof;
  const next = (): Token => {
    const t = peek();
    if (t.kind !== 'eof') pos++;
    return t;
  };
  const describe = (t: Token): string => (t.kind === 'eof' ? 'the end of the rule' : `"${t.text}"`);
  const expect = (text: string): Token => {
    const t = next();
    if (t.text !== text || t.kind === 'string') {
      throw new RuleSyntaxError(`expected "${text}", found ${describe(t)}`, t.span.start);
    }
    return t;
  };
  const span = (start: Span, end: Span): Span => ({ start: start.start, end: end.end });

  function parseOr(): Node {
    const first = parseAnd();
    const operands = [first];
    while (peek().kind === 'keyword' && peek().text === 'or') {
      next();
      operands.push(parseAnd());
    }
    const last = operands.at(-1) ?? first;
    return operands.length === 1 ? first : { kind: 'or', operands, span: span(first.span, last.span) };
  }

  function parseAnd(): Node {
    const first = parseNot();
    const operands = [first];
    while (peek().kind === 'keyword' && peek().text === 'and') {
      next();
      operands.push(parseNot());
    }
    const last = operands.at(-1) ?? first;
    return operands.length === 1 ? first : { kind: 'and', operands, span: span(first.span, last.span) };
  }

  function parseNot(): Node {
    const t = peek();
    if (t.kind === 'keyword' && t.text === 'not') {
      next();
      const operand = parseNot();
      return { kind: 'not', operand, span: span(t.span, operand.span) };
    }
    return parseCompare();
  }

  function parseCompare(): Node {
    const left = parseAdd();
    const t = peek();
    const op = t.kind === 'op' ? asCompareOp(t.text) : undefined;
    if (op) {
      next();
      const right = parseAdd();
      return { kind: 'compare', op, left, right, span: span(left.span, right.span) };
    }
    return left;
  }

  function parseAdd(): Node {
    let left = parseMul();
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      next();
      const right = parseMul();
      left = { kind: 'arith', op: t.text, left, right, span: span(left.span, right.span) };
    }
  }

  function parseMul(): Node {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || (t.text !== '*' && t.text !== '/')) return left;
      next();
      const right = parseUnary();
      left = { kind: 'arith', op: t.text, left, right, span: span(left.span, right.span) };
    }
  }

  function parseUnary(): Node {
    const t = peek();
    if (t.kind === 'op' && t.text === '-') {
      next();
      const operand = parseUnary();
      return { kind: 'neg', operand, span: span(t.span, operand.span) };
    }
    return parsePrimary();
  }

  function parsePrimary(): Node {
    const t = next();
    switch (t.kind) {
      case 'number': {
        const value = Number(t.text);
        if (!Number.isFinite(value)) throw new RuleSyntaxError(`"${t.text}" is not a number`, t.span.start);
        const u = peek();
        if (u.kind === 'unit') {
          next();
          return { kind: 'number', value, unit: UNIT_WORDS[u.text] ?? u.text, span: span(t.span, u.span) };
        }
        return { kind: 'number', value, unit: undefined, span: t.span };
      }
      case 'string':
        return { kind: 'string', value: t.text, span: t.span };
      case 'ident': {
        if (peek().text === '(' && peek().kind === 'punct') return parseCall(t);
        return { kind: 'ident', name: t.text, span: t.span };
      }
      case 'punct': {
        if (t.text === '(') {
          const inner = parseOr();
          expect(')');
          return inner;
        }
        if (t.text === '[') {
          const from = parseOr();
          expect(',');
          const to = parseOr();
          const close = next();
          if (close.text !== ']' && close.text !== ')') {
            throw new RuleSyntaxError(
              `expected "]" or ")" to close the window, found ${describe(close)}`,
              close.span.start,
            );
          }
          return { kind: 'window', from, to, closedEnd: close.text === ']', span: span(t.span, close.span) };
        }
        break;
      }
      case 'unit':
      case 'op':
      case 'keyword':
      case 'eof':
        break;
    }
    throw new RuleSyntaxError(`expected a value, a name or "(", found ${describe(t)}`, t.span.start);
  }

  function parseCall(nameToken: Token): Node {
    expect('(');
    const args: Node[] = [];
    const named = new Map<string, Node>();
    if (!(peek().kind === 'punct' && peek().text === ')')) {
      for (;;) {
        const a = peek();
        const b = tokens[pos + 1];
        if (a.kind === 'ident' && b?.kind === 'punct' && b.text === ':') {
          next();
          next();
          if (named.has(a.text))
            throw new RuleSyntaxError(`argument "${a.text}" is given twice`, a.span.start);
          named.set(a.text, parseOr());
        } else {
          if (named.size > 0) {
            throw new RuleSyntaxError('a positional argument cannot follow a named one', a.span.start);
          }
          args.push(parseOr());
        }
        if (peek().kind === 'punct' && peek().text === ',') {
          next();
          continue;
        }
        break;
      }
    }
    const close = expect(')');
    return { kind: 'call', name: nameToken.text, args, named, span: span(nameToken.span, close.span) };
  }

  const tree = parseOr();
  const rest = peek();
  if (rest.kind !== 'eof') {
    throw new RuleSyntaxError(`unexpected ${describe(rest)} after a complete rule`, rest.span.start);
  }
  return tree;
}
