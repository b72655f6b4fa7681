import type { Node } from './ast.js';
import type { Typed } from './checker-ops.js';
import { type CompileEnv, describeType, RuleCheckError } from './compile-env.js';
import { isoTime } from './outcome.js';
import type { Evidence, InstantOutcome, Outcome } from './types.js';

type Call = Extract<Node, { kind: 'call' }>;
type CompileFn = (node: Node, env: CompileEnv) => Typed;

function fail(node: Node, message: string): never {
  throw new RuleCheckError(message, node.span.start, node.span.end);
}

function hull(a: Outcome, b: Outcome): Outcome {
  if ((a.kind === 'number' || a.kind === 'duration') && b.kind === a.kind) {
    return {
      ...a,
      lo: Math.min(a.lo, b.lo),
      hi: Math.max(a.hi, b.hi),
      evidence: [...a.evidence, ...b.evidence],
      reason() {
        return `${a.reason()} or ${b.reason()}`;
      },
    };
  }
  if (a.kind === 'instant' && b.kind === 'instant') {
    const t = a.t === b.t ? a.t : undefined;
    return {
      kind: 'instant',
      t,
      evidence: [...a.evidence, ...b.evidence],
      reason() {
        return `${a.reason()} or ${b.reason()}`;
      },
    };
  }
  if (a.kind === 'bool' && b.kind === 'bool') {
    return {
      kind: 'bool',
      value: a.value === b.value ? a.value : 'unknown',
      evidence: [...a.evidence, ...b.evidence],
      reason() {
        return `${a.reason()} or ${b.reason()}`;
      },
    };
  }
  return a;
}

/**
 * Forms whose type depends on their arguments: `if(condition, then, else)` (an unknown condition gives
 * the hull of both branches, so a bound survives), `coalesce(a, b, ...)` (first known time) and
 * `earliest(a, b, ...)` (earliest known time; unknown if any is unknown and could be earlier).
 */
export function compileSpecialForm(node: Call, env: CompileEnv, compile: CompileFn): Typed | undefined {
  switch (node.name) {
    case 'if': {
      if (node.args.length !== 3 || node.named.size > 0)
        fail(node, 'if takes three arguments: if(condition, value if met, value if not met)');
      const [c, a, b] = node.args.map((n) => compile(n, env));
      if (!c || !a || !b) fail(node, 'if takes three arguments');
      if (c.type.t !== 'bool')
        fail(
          node.args[0] ?? node,
          `if: the first argument must be a condition, found ${describeType(c.type)}`,
        );
      if (a.type.t !== b.type.t)
        fail(
          node,
          `if: both branches must have one type, found ${describeType(a.type)} and ${describeType(b.type)}`,
        );
      return {
        type: a.type,
        run(ctx) {
          const cond = c.run(ctx);
          const v = cond.kind === 'bool' ? cond.value : 'unknown';
          if (v === 'met') return withReason(a.run(ctx), cond);
          if (v === 'not_met') return withReason(b.run(ctx), cond);
          return hull(a.run(ctx), b.run(ctx));
        },
      };
    }
    case 'coalesce':
    case 'earliest': {
      if (node.args.length < 2 || node.named.size > 0) fail(node, `${node.name} takes two or more times`);
      const parts = node.args.map((n) => {
        const t = compile(n, env);
        if (t.type.t !== 'instant') fail(n, `${node.name}: expected a time, found ${describeType(t.type)}`);
        return t;
      });
      const name = node.name;
      return {
        type: { t: 'instant' },
        run(ctx): InstantOutcome {
          const outs = parts.map((p) => p.run(ctx));
          const instants = outs.filter((o): o is InstantOutcome => o.kind === 'instant');
          if (name === 'coalesce') {
            const first = instants.find((o) => o.t !== undefined);
            return (
              first ?? {
                kind: 'instant',
                t: undefined,
                evidence: [],
                reason() {
                  return instants.map((o) => o.reason()).join('; ');
                },
              }
            );
          }
          const known = instants.filter((o) => o.t !== undefined);
          if (known.length < instants.length) {
            return {
              kind: 'instant',
              t: undefined,
              evidence: [],
              reason() {
                return `earliest of ${instants.map((o) => o.reason()).join(', ')}`;
              },
            };
          }
          let best = known[0];
          for (const o of known)
            if (best && o.t !== undefined && best.t !== undefined && o.t < best.t) best = o;
          const evidence: Evidence[] = best ? [...best.evidence] : [];
          const t = best?.t;
          return {
            kind: 'instant',
            t,
            evidence,
            reason() {
              return t === undefined ? 'unknown' : isoTime(t);
            },
          };
        },
      };
    }
    default:
      return undefined;
  }
}

function withReason(o: Outcome, cond: Outcome): Outcome {
  return {
    ...o,
    evidence: [...cond.evidence, ...o.evidence],
    reason() {
      return `${o.reason()} (since ${cond.reason()})`;
    },
  };
}
