import { fromBoolean, type Kleene } from '../../kleene.js';
import { HOUR_MS } from '../../time/duration.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { VARIABLES, type VariableId } from '../../variables/registry.js';
import {
  boolOutcome,
  exactNumber,
  formatNumber,
  holds,
  isoTime,
  observationEvidence,
  unknownNumber,
} from '../outcome.js';
import type { CompiledArgs, EvalContext, FunctionSpec, ObservationPredicate, Outcome } from '../types.js';
import { numericRange } from './score-helpers.js';
import { firstOf, numberArg, resolveWindow } from './window-args.js';

const CURRENT_LOOKBACK_MS = 48 * HOUR_MS; // "current value of a lab = latest result in the last 48 h" (FHIR-PROFILE.md §3)

function numericType(args: CompiledArgs): { t: 'number'; unit: string; variable: VariableId } {
  const variable = firstOf(args.variables, 'variable');
  return { t: 'number', unit: VARIABLES[variable].canonicalUnit ?? '1', variable };
}

function valuesIn(
  ctx: EvalContext,
  variable: VariableId,
  args: CompiledArgs,
  withCoded = false,
): { obs: readonly ObservationRecord[]; where: () => string } | undefined {
  const w = resolveWindow(args, 'during', ctx);
  if (!w.known) return undefined;
  let obs: readonly ObservationRecord[];
  if (withCoded) {
    obs = ctx
      .observations(variable, w.from, w.to, w.closedEnd)
      .filter((o) => (o.value !== undefined || o.coded !== undefined) && !o.sedated);
  } else {
    const r = numericRange(ctx, variable, w.from, w.to, w.closedEnd);
    obs = r.records.slice(r.lo, r.hi);
  }
  const outcome = w.outcome;
  return {
    obs,
    // A method, not a getter: a getter in an object literal makes a dictionary-mode object.
    where() {
      return outcome.reason();
    },
  };
}

function aggregate(name: 'latest' | 'min' | 'max', summary: string): FunctionSpec {
  return {
    name,
    summary,
    params: [
      { name: 'variable', kind: 'variable', positional: true },
      { name: 'during', kind: 'window', optional: true },
    ],
    returns: numericType,
    compile(args) {
      const variable = firstOf(args.variables, 'variable');
      const label = VARIABLES[variable].label;
      return (ctx): Outcome => {
        const found = valuesIn(ctx, variable, args);
        if (!found) return unknownNumber(() => `${name} ${label}: window unknown`);
        const { obs } = found;
        if (obs.length === 0) return unknownNumber(() => `no ${label} in ${found.where()}`);
        let pick = obs[obs.length - 1];
        if (name !== 'latest') {
          for (const o of obs) {
            if (pick?.value === undefined || o.value === undefined) continue;
            if (name === 'min' ? o.value < pick.value : o.value > pick.value) pick = o;
          }
        }
        if (pick?.value === undefined) return unknownNumber(() => `no ${label} in ${found.where()}`);
        const p = pick;
        const value = p.value ?? NaN;
        return exactNumber(
          value,
          [observationEvidence(p)],
          () =>
            `${name} ${label} ${formatNumber(value)} ${VARIABLES[variable].displayUnit} (${p.ref}, ${isoTime(p.time)})`,
        );
      };
    },
  };
}

/** `current(x)`: the latest result in the last 48 h (FHIR-PROFILE.md §3). */
const current: FunctionSpec = {
  name: 'current',
  summary: 'the current value of a lab: the latest result in the 48 h before screening',
  params: [{ name: 'variable', kind: 'variable', positional: true }],
  returns: numericType,
  compile: (args) => {
    const variable = firstOf(args.variables, 'variable');
    const label = VARIABLES[variable].label;
    return (ctx) => {
      const r = numericRange(ctx, variable, ctx.at - CURRENT_LOOKBACK_MS, ctx.at, true);
      const p = r.hi > r.lo ? r.records[r.hi - 1] : undefined;
      if (p?.value === undefined) return unknownNumber(() => `no ${label} in the 48 h before screening`);
      const value = p.value;
      return exactNumber(
        value,
        [observationEvidence(p)],
        () =>
          `current ${label} ${formatNumber(value)} ${VARIABLES[variable].displayUnit} (${p.ref}, ${isoTime(p.time)})`,
      );
    };
  },
};

const count: FunctionSpec = {
  name: 'count',
  summary: 'how many results of a variable lie in a window',
  params: [
    { name: 'variable', kind: 'variable', positional: true },
    { name: 'during', kind: 'window', optional: true },
  ],
  returns: () => ({ t: 'number', unit: '1' }),
  compile: (args) => {
    const variable = firstOf(args.variables, 'variable');
    return (ctx) => {
      // Coded results (blood culture, qualitative hCG) count too: count(blood_culture, during: W) >= 1.
      const found = valuesIn(ctx, variable, args, true);
      if (!found) return unknownNumber(() => 'window unknown');
      return exactNumber(
        found.obs.length,
        found.obs.map(observationEvidence),
        () => `${found.obs.length} ${VARIABLES[variable].label} result(s) in ${found.where()}`,
      );
    };
  },
};

/** Does one observation satisfy a predicate? */
export function satisfies(o: ObservationRecord, p: ObservationPredicate): boolean {
  if (typeof p.threshold === 'string') {
    const equal = o.coded === p.threshold;
    return p.op === '==' ? equal : !equal;
  }
  return o.value !== undefined && holds(o.value, p.op, p.threshold);
}

function predicateObservations(
  ctx: EvalContext,
  p: ObservationPredicate,
  from: number,
  to: number,
  closedEnd: boolean,
): readonly ObservationRecord[] {
  return ctx
    .observations(p.variable, from, to, closedEnd)
    .filter(
      (o) => !o.sedated && (typeof p.threshold === 'string' ? o.coded !== undefined : o.value !== undefined),
    );
}

function quantifier(name: 'any' | 'all', summary: string): FunctionSpec {
  return {
    name,
    summary,
    params: [
      { name: 'predicate', kind: 'predicate', positional: true },
      { name: 'during', kind: 'window', optional: true },
    ],
    returns() {
      return { t: 'bool' };
    },
    compile(args) {
      const p = firstOf(args.predicates, 'predicate');
      return (ctx) => {
        const w = resolveWindow(args, 'during', ctx);
        if (!w.known)
          return boolOutcome('unknown', [], () => `${p.text}: window unknown (${w.outcome?.reason() ?? ''})`);
        const obs = predicateObservations(ctx, p, w.from, w.to, w.closedEnd);
        if (obs.length === 0)
          return boolOutcome(
            'unknown',
            [],
            () => `no ${VARIABLES[p.variable].label} in ${w.outcome.reason()}`,
          );
        const hits = obs.filter((o) => satisfies(o, p));
        const value: Kleene =
          name === 'any' ? fromBoolean(hits.length > 0) : fromBoolean(hits.length === obs.length);
        const deciding =
          name === 'any'
            ? hits.length > 0
              ? hits.slice(-1)
              : obs
            : hits.length === obs.length
              ? obs
              : obs.filter((o) => !satisfies(o, p));
        return boolOutcome(value, deciding.map(observationEvidence), () => {
          const shown = deciding
            .slice(-3)
            .map((o) => `${o.value !== undefined ? formatNumber(o.value) : (o.coded ?? '')} (${o.ref})`)
            .join(', ');
          return `${name === 'any' ? (hits.length > 0 ? 'a result' : 'no result') : hits.length === obs.length ? 'every result' : 'not every result'} meets ${p.text} in ${w.outcome.reason()}: ${shown}`;
        });
      };
    },
  };
}

/**
 * `within(p1, p2, ..., span: 96 h, during: W)`: every predicate has a satisfying result inside one
 * sliding window of length `span` within W (a joint condition, e.g. low mHLA-DR and low lymphocytes
 * within 96 h). not_met when every variable has results in W and no such window exists; else unknown.
 */
const within: FunctionSpec = {
  name: 'within',
  summary:
    'joint condition: every comparison holds for some result inside one sliding window of the given span',
  params: [
    { name: 'predicates', kind: 'predicate', positional: true, variadic: true },
    { name: 'span', kind: 'duration' },
    { name: 'during', kind: 'window', optional: true },
  ],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const preds = args.predicates.get('predicates') ?? [];
    return (ctx) => {
      const span = numberArg(args, 'span', ctx) ?? NaN;
      const w = resolveWindow(args, 'during', ctx);
      if (!w.known || Number.isNaN(span)) return boolOutcome('unknown', [], () => 'window unknown');
      const all = preds.map((p) => predicateObservations(ctx, p, w.from, w.to, w.closedEnd));
      const hits = preds.map((p, i) => (all[i] ?? []).filter((o) => satisfies(o, p)));
      for (const starts of hits) {
        for (const s of starts) {
          const picks = hits.map(
            (h) =>
              h.find((o) => o.time >= s.time && o.time <= s.time + span) ??
              h.find((o) => o.time <= s.time && o.time >= s.time - span),
          );
          const chosen = picks.filter((x): x is ObservationRecord => x !== undefined);
          if (chosen.length === picks.length) {
            const times = chosen.map((o) => o.time);
            if (Math.max(...times) - Math.min(...times) <= span) {
              return boolOutcome(
                'met',
                chosen.map(observationEvidence),
                () =>
                  `${preds.map((p) => p.text).join(' and ')} within ${span / HOUR_MS} h: ${chosen.map((o) => `${formatNumber(o.value ?? NaN)} (${o.ref})`).join(', ')}`,
              );
            }
          }
        }
      }
      const missing = preds.filter((_, i) => (all[i] ?? []).length === 0);
      if (missing.length > 0)
        return boolOutcome(
          'unknown',
          [],
          () => `no ${missing.map((p) => VARIABLES[p.variable].label).join(' or ')} in ${w.outcome.reason()}`,
        );
      const evidence = all.flat().map(observationEvidence);
      return boolOutcome(
        'not_met',
        evidence,
        () =>
          `${preds.map((p) => p.text).join(' and ')} never within ${span / HOUR_MS} h in ${w.outcome.reason()}`,
      );
    };
  },
};

/** Generic observation functions: latest, current, min, max, count, any, all, within. */
export const OBSERVATION_FUNCTIONS: readonly FunctionSpec[] = [
  aggregate('latest', 'the latest result of a variable in a window'),
  aggregate('min', 'the lowest result of a variable in a window'),
  aggregate('max', 'the highest result of a variable in a window'),
  current,
  count,
  quantifier('any', 'some result in the window meets the comparison (no result: unknown)'),
  quantifier('all', 'every result in the window meets the comparison (no result: unknown)'),
  within,
];
