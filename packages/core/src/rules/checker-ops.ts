import type { Kleene } from '../kleene.js';
import { HOUR_MS } from '../time/duration.js';
import { VARIABLES } from '../variables/registry.js';
import { convertUcum } from '../variables/units.js';
import type { ArithOp, Node } from './ast.js';
import { type CompileEnv, describeType, RuleCheckError } from './compile-env.js';
import { boolOutcome, compareIntervals, formatInterval, isoTime } from './outcome.js';
import type { Compiled, Evidence, Outcome, RuleType } from './types.js';

/** A compiled expression with its static type; literals keep their written value and unit. */
export interface Typed {
  readonly type: RuleType;
  readonly run: Compiled;
  readonly literal?: { readonly value: number; readonly unit: string };
  /** A bare name from a symbol domain (`female`, `positive`, `MALS`). */
  readonly symbol?: string;
}

const DIMENSIONLESS = new Set(['1', '{score}', '[pH]']);

function fail(node: Node, message: string): never {
  throw new RuleCheckError(message, node.span.start, node.span.end);
}

// The lower and upper bounds of a number, duration or instant as two numbers, not an object: comparisons
// and arithmetic run at every node of every patient's screening.
function lowerBound(o: Outcome): number {
  switch (o.kind) {
    case 'number':
    case 'duration':
      return o.lo;
    case 'instant':
      return o.t ?? -Infinity;
    case 'bool':
    case 'window':
    case 'string':
      return NaN;
  }
}

function upperBound(o: Outcome): number {
  switch (o.kind) {
    case 'number':
    case 'duration':
      return o.hi;
    case 'instant':
      return o.t ?? Infinity;
    case 'bool':
    case 'window':
    case 'string':
      return NaN;
  }
}

function show(o: Outcome, unit: string): string {
  switch (o.kind) {
    case 'number':
      return `${o.reason()}${o.lo === o.hi && /^[\d.]+$/.test(o.reason()) ? (unit === '1' ? '' : ` ${unit}`) : ''}`;
    case 'duration':
      return o.lo === o.hi ? `${Math.round((o.lo / HOUR_MS) * 100) / 100} h` : o.reason();
    case 'instant':
      return o.t === undefined ? o.reason() : isoTime(o.t);
    case 'bool':
    case 'window':
    case 'string':
      return o.reason();
  }
}

const UNIT_WORDS: Readonly<Record<string, string>> = { a: 'years', d: 'd', h: 'h', wk: 'weeks', min: 'min' };

function literalText(lit: { readonly value: number; readonly unit: string }): string {
  if (lit.unit === '1') return String(lit.value);
  return `${lit.value} ${UNIT_WORDS[lit.unit] ?? lit.unit}`;
}

/** Factor that converts values of the right operand's unit to the left's, checking the units are compatible. */
function unitFactor(node: Node, left: Typed, right: Typed, unitNode: Node = node): number {
  if (left.type.t !== 'number') return 1;
  const lu = left.type.unit;
  if (right.type.t === 'duration' && right.literal) {
    const f = convertUcum(1, right.literal.unit, lu);
    if (f === undefined)
      fail(node, `cannot compare ${describeType(left.type)} with a duration in ${right.literal.unit}`);
    return f / (convertUcum(1, right.literal.unit, 'ms') ?? 1);
  }
  if (right.type.t !== 'number')
    fail(node, `cannot compare ${describeType(left.type)} with ${describeType(right.type)}`);
  const ru = right.type.unit;
  if (ru === lu) return 1;
  if (ru === '1') {
    if (DIMENSIONLESS.has(lu)) return 1;
    const label = left.type.variable ? VARIABLES[left.type.variable].label : 'this value';
    fail(node, `the value compared with ${label} needs its unit, e.g. ${right.literal?.value ?? 'N'} ${lu}`);
  }
  if (DIMENSIONLESS.has(lu) && DIMENSIONLESS.has(ru)) return 1;
  const variable = left.type.variable;
  if (variable && right.literal && VARIABLES[variable].units.includes(ru)) {
    const factors: Readonly<Record<string, number>> | undefined =
      'factors' in VARIABLES[variable] ? VARIABLES[variable].factors : undefined;
    const f = factors?.[ru];
    if (f !== undefined) return f;
  }
  const f = convertUcum(1, ru, lu);
  if (f === undefined) {
    fail(unitNode, `unit "${ru}" is impossible here: expected a unit convertible to ${lu}`);
  }
  return f;
}

/** `a < b` and friends, on numbers, durations, times and names, with Kleene results. */
export function compileComparison(
  node: Extract<Node, { kind: 'compare' }>,
  left: Typed,
  right: Typed,
  _env: CompileEnv,
): Typed {
  const op = node.op;
  const lt = left.type.t;
  if (lt === 'string' || right.type.t === 'string') {
    if (lt !== 'string' || right.type.t !== 'string' || (op !== '==' && op !== '!=')) {
      fail(node, 'names can only be compared with == or !=');
    }
    return {
      type: { t: 'bool' },
      run(ctx) {
        const a = left.run(ctx);
        const b = right.run(ctx);
        const av = a.kind === 'string' ? a.value : '';
        const bv = b.kind === 'string' ? b.value : '';
        const value: Kleene =
          av === 'unknown' || bv === 'unknown'
            ? 'unknown'
            : (av === bv) === (op === '==')
              ? 'met'
              : 'not_met';
        return boolOutcome(value, [...a.evidence, ...b.evidence], () => `${a.reason()} ${op} ${b.reason()}`);
      },
    };
  }
  if (lt === 'bool' || lt === 'window') fail(node, `cannot compare ${describeType(left.type)}`);
  let factor = 1;
  if (lt === 'number') factor = unitFactor(node, left, right, node.right);
  else if (lt === 'duration' && right.type.t !== 'duration')
    fail(node, `cannot compare a duration with ${describeType(right.type)}`);
  else if (lt === 'instant' && right.type.t !== 'instant')
    fail(node, `cannot compare a time with ${describeType(right.type)}`);
  const unit = left.type.t === 'number' ? left.type.unit : '';
  const displayUnit =
    left.type.t === 'number' && left.type.variable ? VARIABLES[left.type.variable].displayUnit : unit;
  return {
    type: { t: 'bool' },
    run(ctx) {
      const a = left.run(ctx);
      const b = right.run(ctx);
      const aLo = lowerBound(a);
      const aHi = upperBound(a);
      const bLo = lowerBound(b);
      const bHi = upperBound(b);
      const value = compareIntervals(aLo, aHi, op, bLo * factor, bHi * factor);
      const evidence: readonly Evidence[] =
        b.evidence.length === 0
          ? a.evidence
          : a.evidence.length === 0
            ? b.evidence
            : [...a.evidence, ...b.evidence];
      return boolOutcome(value, evidence, () => {
        const rhs =
          right.literal && right.type.t === 'duration'
            ? literalText(right.literal)
            : b.kind === 'number' && b.lo === b.hi
              ? formatInterval(b.lo * factor, b.hi * factor, displayUnit)
              : show(b, displayUnit);
        if (aLo === -Infinity && aHi === Infinity) return `${a.reason()}; needed ${op} ${rhs}`;
        // Written so that a line reads true: "84 h, not >= 168 h" rather than "84 h >= 168 h".
        if (value === 'not_met') return `${show(a, displayUnit)}, not ${op} ${rhs}`;
        return `${show(a, displayUnit)} ${op} ${rhs}`;
      });
    },
  };
}

/** Arithmetic on times (± durations), durations and numbers of one unit, by interval rules. */
export function compileArithmetic(node: Extract<Node, { kind: 'arith' }>, left: Typed, right: Typed): Typed {
  const lt = left.type.t;
  const rt = right.type.t;
  const op: ArithOp = node.op;
  if (lt === 'instant' && rt === 'duration' && (op === '+' || op === '-')) {
    return {
      type: { t: 'instant' },
      run(ctx) {
        const a = left.run(ctx);
        const d = right.run(ctx);
        const t =
          a.kind === 'instant' && a.t !== undefined && d.kind === 'duration' && d.lo === d.hi
            ? op === '+'
              ? a.t + d.lo
              : a.t - d.lo
            : undefined;
        return {
          kind: 'instant',
          t,
          evidence: a.evidence,
          reason() {
            return t === undefined ? `${a.reason()} ${op} ${d.reason()}` : isoTime(t);
          },
        };
      },
    };
  }
  if (lt === 'instant' && rt === 'instant' && op === '-') {
    return {
      type: { t: 'duration' },
      run(ctx) {
        const a = left.run(ctx);
        const b = right.run(ctx);
        const ta = a.kind === 'instant' ? a.t : undefined;
        const tb = b.kind === 'instant' ? b.t : undefined;
        const known = ta !== undefined && tb !== undefined;
        const d = known ? ta - tb : NaN;
        return {
          kind: 'duration',
          lo: known ? d : -Infinity,
          hi: known ? d : Infinity,
          evidence: [...a.evidence, ...b.evidence],
          reason() {
            return known
              ? `${Math.round((d / HOUR_MS) * 100) / 100} h from ${b.reason()} to ${a.reason()}`
              : `time between ${a.reason()} and ${b.reason()}`;
          },
        };
      },
    };
  }
  const numeric = (lt === 'number' && rt === 'number') || (lt === 'duration' && rt === 'duration');
  if (!numeric)
    fail(node, `cannot apply ${op} to ${describeType(left.type)} and ${describeType(right.type)}`);
  if (op === '+' || op === '-') {
    const factor = lt === 'number' ? unitFactor(node, left, right, node.right) : 1;
    return {
      type: left.type,
      run(ctx) {
        const a = left.run(ctx);
        const b = right.run(ctx);
        const aLo = lowerBound(a);
        const aHi = upperBound(a);
        const bLo = lowerBound(b);
        const bHi = upperBound(b);
        const lo = op === '+' ? aLo + bLo * factor : aLo - bHi * factor;
        const hi = op === '+' ? aHi + bHi * factor : aHi - bLo * factor;
        const evidence = [...a.evidence, ...b.evidence];
        // Methods, not a named arrow: esbuild's keepNames (tsx) would name a new closure on every call.
        return lt === 'duration'
          ? {
              kind: 'duration',
              lo,
              hi,
              evidence,
              reason() {
                return `(${a.reason()}) ${op} (${b.reason()})`;
              },
            }
          : {
              kind: 'number',
              lo,
              hi,
              evidence,
              reason() {
                return `(${a.reason()}) ${op} (${b.reason()})`;
              },
            };
      },
    };
  }
  // * and /: one side must be a plain number (a scale factor such as 5 × ULN).
  const scaleRight = right.type.t === 'number' && DIMENSIONLESS.has(right.type.unit);
  const scaleLeft = left.type.t === 'number' && DIMENSIONLESS.has(left.type.unit);
  if (!scaleRight && !(scaleLeft && op === '*')) fail(node, `${op} needs a plain number on one side`);
  const type = scaleRight ? left.type : right.type;
  return {
    type,
    run(ctx) {
      const a = left.run(ctx);
      const b = right.run(ctx);
      const aLo = lowerBound(a);
      const aHi = upperBound(a);
      const bLo = lowerBound(b);
      const bHi = upperBound(b);
      const products =
        op === '*'
          ? [aLo * bLo, aLo * bHi, aHi * bLo, aHi * bHi]
          : [aLo / bLo, aLo / bHi, aHi / bLo, aHi / bHi];
      const finite = products.map((x) => (Number.isNaN(x) ? (op === '*' ? 0 : Infinity) : x));
      const lo = Math.min(...finite);
      const hi = Math.max(...finite);
      const evidence = [...a.evidence, ...b.evidence];
      return type.t === 'duration'
        ? {
            kind: 'duration',
            lo,
            hi,
            evidence,
            reason() {
              return `${a.reason()} ${op} ${b.reason()}`;
            },
          }
        : {
            kind: 'number',
            lo,
            hi,
            evidence,
            reason() {
              return `${a.reason()} ${op} ${b.reason()}`;
            },
          };
    },
  };
}
