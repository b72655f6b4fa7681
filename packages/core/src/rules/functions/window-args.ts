import type { Instant } from '../../time/duration.js';
import { formatInterval } from '../outcome.js';
import type { Compiled, CompiledArgs, EvalContext, WindowOutcome } from '../types.js';

/** A window resolved for one patient: both ends known, or the reason it is not. */
export type ResolvedWindow =
  | {
      readonly known: true;
      readonly from: Instant;
      readonly to: Instant;
      readonly closedEnd: boolean;
      readonly outcome: WindowOutcome;
    }
  | { readonly known: false; readonly outcome: WindowOutcome | undefined };

/** Resolves the window argument `name` (default: everything up to T_scr). */
export function resolveWindow(args: CompiledArgs, name: string, ctx: EvalContext): ResolvedWindow {
  const run: Compiled | undefined = args.values.get(name);
  if (!run)
    return {
      known: true,
      from: -Infinity,
      to: ctx.at,
      closedEnd: true,
      outcome: {
        kind: 'window',
        from: undefined,
        to: ctx.at,
        closedEnd: true,
        evidence: [],
        reason() {
          return 'up to screening';
        },
      },
    };
  const o = run(ctx);
  if (o.kind !== 'window') return { known: false, outcome: undefined };
  if (o.from === undefined || o.to === undefined) return { known: false, outcome: o };
  return { known: true, from: o.from, to: o.to, closedEnd: o.closedEnd, outcome: o };
}

/** A number argument's value when exact, else undefined. */
export function numberArg(args: CompiledArgs, name: string, ctx: EvalContext): number | undefined {
  const constant = args.constants.get(name);
  if (constant !== undefined) return constant;
  const run = args.values.get(name);
  if (!run) return undefined;
  const o = run(ctx);
  if ((o.kind === 'number' || o.kind === 'duration') && o.lo === o.hi) return o.lo;
  return undefined;
}

/** Reads the first variable of a `variable` parameter (the checker guarantees it is present). */
export function firstOf<T>(map: ReadonlyMap<string, readonly T[]>, name: string): T {
  const v = map.get(name)?.[0];
  if (v === undefined) throw new Error(`internal: argument ${name} missing after checking`);
  return v;
}

export { formatInterval };
