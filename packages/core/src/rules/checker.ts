import { not3, type Kleene } from '../kleene.js';
import { isVariableId, VARIABLES, type VariableId } from '../variables/registry.js';
import { convertUcum, isUcumUnit, toCanonical } from '../variables/units.js';
import type { Node } from './ast.js';
import { compileArithmetic, compileComparison, type Typed } from './checker-ops.js';
import { type CompileEnv, describeType, RuleCheckError } from './compile-env.js';
import { boolOutcome } from './outcome.js';
import { compileSpecialForm } from './special-forms.js';
import type {
  BoolOutcome,
  Compiled,
  Evidence,
  ObservationPredicate,
  Outcome,
  ParamSpec,
  RuleType,
  SymbolDomain,
} from './types.js';

const TIME_UNITS = new Set(['a', 'mo', 'wk', 'd', 'h', 'min', 's', 'ms']);

/** Is `unit` a UCUM time unit (a literal in it is a duration)? */
export function isTimeUnit(unit: string): boolean {
  return TIME_UNITS.has(unit);
}

function fail(node: Node, message: string): never {
  throw new RuleCheckError(message, node.span.start, node.span.end);
}

function combine(kind: 'and' | 'or', parts: readonly BoolOutcome[]): BoolOutcome {
  // Kleene and/or without intermediate arrays: this runs for every compound rule of every patient.
  const decisive: Kleene = kind === 'and' ? 'not_met' : 'met';
  let sawUnknown = false;
  let sawDecisive = false;
  for (const p of parts) {
    if (p.value === decisive) sawDecisive = true;
    else if (p.value === 'unknown') sawUnknown = true;
  }
  const value: Kleene = sawDecisive ? decisive : sawUnknown ? 'unknown' : kind === 'and' ? 'met' : 'not_met';
  let count = 0;
  // The evidence of the deciding parts, in order; one part's own array when it alone has any.
  let evidence: readonly Evidence[] | undefined;
  let joined: Evidence[] | undefined;
  for (const p of parts) {
    if (p.value !== value) continue;
    count++;
    if (p.evidence.length === 0) continue;
    if (evidence === undefined) evidence = p.evidence;
    else {
      joined ??= [...evidence];
      joined.push(...p.evidence);
    }
  }
  const deciding = count === parts.length ? parts : parts.filter((p) => p.value === value);
  return boolOutcome(value, joined ?? evidence ?? [], () => deciding.map((p) => p.reason()).join('; '));
}

/** Compiles a rule that must be a condition. @throws RuleCheckError */
export function compileCondition(node: Node, env: CompileEnv): Compiled<BoolOutcome> {
  const typed = compileNode(node, env);
  if (typed.type.t !== 'bool') fail(node, `expected a condition, found ${describeType(typed.type)}`);
  return asBool(typed.run);
}

function asBool(run: Compiled): Compiled<BoolOutcome> {
  return (ctx) => {
    const o = run(ctx);
    if (o.kind !== 'bool') throw new Error(`internal: expected a condition, evaluated ${o.kind}`);
    return o;
  };
}

/** Compiles any expression to its type and evaluator. @throws RuleCheckError */
export function compileNode(node: Node, env: CompileEnv): Typed {
  switch (node.kind) {
    case 'number': {
      if (node.unit === undefined) {
        return {
          type: { t: 'number', unit: '1' },
          run: constNumber(node.value),
          literal: { value: node.value, unit: '1' },
        };
      }
      if (isTimeUnit(node.unit)) {
        const ms = convertUcum(node.value, node.unit, 'ms');
        if (ms === undefined) fail(node, `"${node.unit}" is not a time unit`);
        return {
          type: { t: 'duration' },
          run: constant({
            kind: 'duration',
            lo: ms,
            hi: ms,
            evidence: NO_EVIDENCE,
            reason() {
              return `${node.value} ${node.unit}`;
            },
          }),
          literal: { value: node.value, unit: node.unit },
        };
      }
      if (!isUcumUnit(node.unit)) {
        fail(node, `"${node.unit}" is not a UCUM unit (e.g. mg/dL, 10*9/L, {AB}/{cell}, /mm3)`);
      }
      return {
        type: { t: 'number', unit: node.unit },
        run: constNumber(node.value),
        literal: { value: node.value, unit: node.unit },
      };
    }
    case 'string':
      return {
        type: { t: 'string' },
        run: constant({
          kind: 'string',
          value: node.value,
          evidence: NO_EVIDENCE,
          reason() {
            return `"${node.value}"`;
          },
        }),
      };
    case 'ident':
      return compileIdent(node, env);
    case 'and':
    case 'or': {
      const parts = node.operands.map((o) => compileCondition(o, env));
      const kind = node.kind;
      const decisive: Kleene = kind === 'and' ? 'not_met' : 'met';
      return {
        type: { t: 'bool' },
        run(ctx) {
          if (ctx.shortCircuit !== true)
            return combine(
              kind,
              parts.map((p) => p(ctx)),
            );
          // Kleene and/or are decided by their first decisive operand whatever the others are.
          const evaluated: BoolOutcome[] = [];
          for (const p of parts) {
            const o = p(ctx);
            evaluated.push(o);
            if (o.value === decisive) break;
          }
          return combine(kind, evaluated);
        },
      };
    }
    case 'not': {
      const inner = compileCondition(node.operand, env);
      return {
        type: { t: 'bool' },
        run(ctx) {
          const o = inner(ctx);
          return boolOutcome(not3(o.value), o.evidence, () => `not (${o.reason()})`);
        },
      };
    }
    case 'compare':
      return compileComparison(node, compileNode(node.left, env), compileNode(node.right, env), env);
    case 'arith':
      return compileArithmetic(node, compileNode(node.left, env), compileNode(node.right, env));
    case 'neg': {
      const inner = compileNode(node.operand, env);
      if (inner.type.t !== 'number' && inner.type.t !== 'duration')
        fail(node, `cannot negate ${describeType(inner.type)}`);
      return compileArithmetic(
        {
          kind: 'arith',
          op: '-',
          left: { kind: 'number', value: 0, unit: undefined, span: node.span },
          right: node.operand,
          span: node.span,
        },
        inner.type.t === 'duration'
          ? {
              type: { t: 'duration' },
              run() {
                return {
                  kind: 'duration',
                  lo: 0,
                  hi: 0,
                  evidence: [],
                  reason() {
                    return '0';
                  },
                };
              },
            }
          : { type: inner.type, run: constNumber(0) },
        inner,
      );
    }
    case 'window': {
      const from = compileNode(node.from, env);
      const to = compileNode(node.to, env);
      if (from.type.t !== 'instant')
        fail(node.from, `a window starts at a time, found ${describeType(from.type)}`);
      if (to.type.t !== 'instant') fail(node.to, `a window ends at a time, found ${describeType(to.type)}`);
      const closedEnd = node.closedEnd;
      return {
        type: { t: 'window' },
        run(ctx) {
          const a = from.run(ctx);
          const b = to.run(ctx);
          const fa = a.kind === 'instant' ? a.t : undefined;
          const tb = b.kind === 'instant' ? b.t : undefined;
          return {
            kind: 'window',
            from: fa,
            to: tb,
            closedEnd,
            evidence: [...a.evidence, ...b.evidence],
            reason() {
              return `[${a.reason()}, ${b.reason()}${closedEnd ? ']' : ')'}`;
            },
          };
        },
      };
    }
    case 'call':
      return compileCall(node, env);
  }
}

function constNumber(value: number): Compiled {
  return constant({
    kind: 'number',
    lo: value,
    hi: value,
    evidence: NO_EVIDENCE,
    reason() {
      return String(value);
    },
  });
}

// Outcomes are never modified once built (readonly types; combinators build new ones), so a literal's
// outcome is built once at compile time instead of three objects per evaluation of every comparison.
const NO_EVIDENCE: readonly Evidence[] = Object.freeze([]);

/** An evaluator answering the same outcome every time: a literal, a protocol parameter, a name. */
function constant(o: Outcome): Compiled {
  return () => o;
}

function symbolDomainsOf(name: string, env: CompileEnv): SymbolDomain[] {
  const out: SymbolDomain[] = [];
  for (const [domain, names] of Object.entries(env.symbols)) {
    if (names.has(name)) out.push(domain as SymbolDomain); // keys of a Record<SymbolDomain, ...>
  }
  return out;
}

function compileIdent(node: Extract<Node, { kind: 'ident' }>, env: CompileEnv): Typed {
  const def = env.definitions.get(node.name);
  if (def) return { type: def.type, run: def.compiled };
  const param = env.parameters.get(node.name);
  if (param) {
    const { value, unit } = param;
    if (unit === 'ms') {
      return {
        type: { t: 'duration' },
        run: constant({
          kind: 'duration',
          lo: value,
          hi: value,
          evidence: NO_EVIDENCE,
          reason() {
            return `${node.name} (${value / 3_600_000} h)`;
          },
        }),
      };
    }
    return {
      type: { t: 'number', unit },
      run: constant({
        kind: 'number',
        lo: value,
        hi: value,
        evidence: NO_EVIDENCE,
        reason() {
          return `${node.name} (${value} ${unit})`;
        },
      }),
    };
  }
  if (env.anchors.has(node.name)) {
    const name = node.name;
    return {
      type: { t: 'instant' },
      run(ctx) {
        return ctx.anchor(name);
      },
    };
  }
  const fn = env.functions.get(node.name);
  if (fn && fn.params.every((p) => p.optional === true))
    return compileCall({ kind: 'call', name: node.name, args: [], named: new Map(), span: node.span }, env);
  const domains = symbolDomainsOf(node.name, env);
  if (domains.length > 0) {
    const value = node.name;
    return {
      type: { t: 'string' },
      run: constant({
        kind: 'string',
        value,
        evidence: NO_EVIDENCE,
        reason() {
          return value;
        },
      }),
      symbol: value,
    };
  }
  if (isVariableId(node.name)) {
    fail(
      node,
      `"${node.name}" is a variable: read it through a function such as latest(${node.name}, during: [...]) or current(${node.name})`,
    );
  }
  fail(node, `unknown name "${node.name}": not a variable, anchor, parameter, definition or function`);
}

function checkVariable(node: Node): VariableId {
  if (node.kind !== 'ident' || !isVariableId(node.name)) {
    fail(
      node,
      `expected a variable name (e.g. mhla_dr, lymphocytes, ferritin), found ${node.kind === 'ident' ? `"${node.name}"` : 'an expression'}`,
    );
  }
  return node.name;
}

/** `mhla_dr < 8000 {AB}/{cell}` or `blood_culture == positive` as an observation predicate. */
function checkPredicate(node: Node): ObservationPredicate {
  if (node.kind !== 'compare')
    fail(node, 'expected a comparison of a variable with a value, e.g. mhla_dr < 8000 {AB}/{cell}');
  const variable = checkVariable(node.left);
  const def = VARIABLES[variable];
  const text = `${def.label} ${node.op} ${node.right.kind === 'number' ? `${node.right.value}${node.right.unit ? ` ${node.right.unit}` : ''}` : node.right.kind === 'ident' ? node.right.name : '…'}`;
  if (def.canonicalUnit === undefined) {
    if (
      node.right.kind !== 'ident' ||
      !['positive', 'negative'].includes(node.right.name) ||
      (node.op !== '==' && node.op !== '!=')
    ) {
      fail(node.right, `${def.label} is a coded result: compare it with == positive or == negative`);
    }
    return { variable, op: node.op, threshold: node.right.name, text };
  }
  if (node.right.kind !== 'number')
    fail(
      node.right,
      `expected a value for ${def.label}, e.g. ${def.displayUnit ? `100 ${def.canonicalUnit}` : '100'}`,
    );
  return { variable, op: node.op, threshold: thresholdFor(variable, node.right), text };
}

/** A literal threshold converted to the variable's canonical unit. @throws RuleCheckError on an impossible unit */
export function thresholdFor(variable: VariableId, lit: Extract<Node, { kind: 'number' }>): number {
  const def = VARIABLES[variable];
  const canonical = def.canonicalUnit ?? '1';
  if (lit.unit === undefined) {
    if (canonical === '1' || canonical === '{score}' || canonical === '[pH]') return lit.value;
    fail(lit, `a threshold for ${def.label} needs its unit, e.g. ${lit.value} ${canonical}`);
  }
  if (def.units.includes(lit.unit)) return toCanonical(variable, lit.value, lit.unit);
  const converted = convertUcum(lit.value, lit.unit, canonical);
  if (converted === undefined)
    fail(
      lit,
      `unit "${lit.unit}" is impossible for ${def.label}: expected a unit convertible to ${canonical}`,
    );
  return converted;
}

function compileArg(spec: ParamSpec, node: Node, env: CompileEnv, into: MutableArgs, fnName: string): void {
  const kind = spec.kind;
  if (kind === 'variable') {
    push(into.variables, spec.name, checkVariable(node));
    return;
  }
  if (kind === 'predicate') {
    push(into.predicates, spec.name, checkPredicate(node));
    return;
  }
  if (typeof kind === 'object') {
    if (node.kind !== 'ident' || !env.symbols[kind.symbol].has(node.name)) {
      const known = [...env.symbols[kind.symbol]].slice(0, 12).join(', ');
      fail(
        node,
        `${fnName}: "${node.kind === 'ident' ? node.name : 'expression'}" is not a known ${kind.symbol.replace('_', ' ')} (known: ${known}${env.symbols[kind.symbol].size > 12 ? ', …' : ''})`,
      );
    }
    push(into.symbols, spec.name, node.name);
    return;
  }
  const typed = compileNode(node, env);
  const want = kind;
  if (want === 'number') {
    if (
      typed.type.t !== 'number' &&
      !(typed.type.t === 'duration' && spec.unit !== undefined && isRateOrTime(spec.unit))
    ) {
      fail(
        node,
        `${fnName}(${spec.name}:) expects ${spec.unit ? `a value in ${spec.unit}` : 'a number'}, found ${describeType(typed.type)}`,
      );
    }
    const unit = spec.unit ?? '1';
    const from = typed.literal?.unit ?? (typed.type.t === 'number' ? typed.type.unit : 'ms');
    const factor = from === unit ? 1 : convertUcum(1, from, unit);
    if (factor === undefined)
      fail(node, `${fnName}(${spec.name}:) expects a value in ${unit}; "${from}" cannot be converted to it`);
    if (typed.literal) into.constants.set(spec.name, typed.literal.value * factor);
    const run = typed.run;
    into.values.set(spec.name, factor === 1 ? run : (ctx) => scaleNumber(run(ctx), factor));
    return;
  }
  if (typed.type.t !== want)
    fail(
      node,
      `${fnName}(${spec.name}:) expects ${describeType(simpleType(want))}, found ${describeType(typed.type)}`,
    );
  if (want === 'duration' && typed.literal) {
    const ms = convertUcum(typed.literal.value, typed.literal.unit, 'ms');
    if (ms !== undefined) into.constants.set(spec.name, ms);
  }
  into.values.set(spec.name, typed.run);
}

function simpleType(t: 'bool' | 'instant' | 'duration' | 'window' | 'string'): RuleType {
  return { t };
}

function isRateOrTime(unit: string): boolean {
  return isTimeUnit(unit);
}

function scaleNumber(o: Outcome, factor: number): Outcome {
  if (o.kind !== 'number') return o;
  return { ...o, lo: o.lo * factor, hi: o.hi * factor };
}

interface MutableArgs {
  values: Map<string, Compiled>;
  variables: Map<string, VariableId[]>;
  predicates: Map<string, ObservationPredicate[]>;
  symbols: Map<string, string[]>;
  constants: Map<string, number>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compileCall(node: Extract<Node, { kind: 'call' }>, env: CompileEnv): Typed {
  const special = compileSpecialForm(node, env, compileNode);
  if (special) return special;
  const fn = env.functions.get(node.name);
  if (!fn) fail(node, `unknown function "${node.name}"`);
  const args: MutableArgs = {
    values: new Map(),
    variables: new Map(),
    predicates: new Map(),
    symbols: new Map(),
    constants: new Map(),
  };
  const positional = fn.params.filter((p) => p.positional === true);
  let i = 0;
  for (const spec of positional) {
    if (spec.variadic === true) {
      for (; i < node.args.length; i++) compileArg(spec, node.args[i] ?? node, env, args, fn.name);
      break;
    }
    const a = node.args[i];
    if (!a) {
      if (spec.optional === true) continue;
      fail(node, `${fn.name}: missing argument ${spec.name}`);
    }
    compileArg(spec, a, env, args, fn.name);
    i++;
  }
  if (i < node.args.length)
    fail(node.args[i] ?? node, `${fn.name}: too many arguments (it takes ${positional.length})`);
  for (const [name, value] of node.named) {
    const spec = fn.params.find((p) => p.name === name && p.positional !== true);
    if (!spec) {
      const names = fn.params.filter((p) => p.positional !== true).map((p) => p.name);
      fail(
        value,
        `${fn.name}: unknown argument "${name}" (expected ${names.length > 0 ? names.join(', ') : 'none'})`,
      );
    }
    compileArg(spec, value, env, args, fn.name);
  }
  for (const spec of fn.params) {
    if (spec.positional === true || spec.optional === true) continue;
    if (!node.named.has(spec.name)) fail(node, `${fn.name}: missing argument "${spec.name}:"`);
  }
  return { type: fn.returns(args), run: fn.compile(args) };
}
