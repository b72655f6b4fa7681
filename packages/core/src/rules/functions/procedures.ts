import type { Kleene } from '../../kleene.js';
import type { Instant } from '../../time/duration.js';
import type { ProcedureKind, ProcedureRecord } from '../../timeline/types.js';
import { boolOutcome, isoTime } from '../outcome.js';
import type { Evidence, FunctionSpec } from '../types.js';
import {
  anyOf,
  instantArg,
  overlaps,
  procedureSpan,
  recordEvidence,
  symbolsArg,
  windowArg,
  withinWindow,
} from './clinical-args.js';

/** Procedure kinds a rule can name (FHIR-PROFILE.md §4), with their labels. */
export const PROCEDURE_KINDS = {
  imv: 'invasive mechanical ventilation',
  niv: 'non-invasive ventilation',
  hfno: 'high-flow nasal oxygen',
  ventilation_unknown: 'ventilation of unknown type',
  radiotherapy: 'radiotherapy',
} as const satisfies Partial<Record<ProcedureKind, string>>;

export type ProcedureKindName = keyof typeof PROCEDURE_KINDS;

/** Names of the procedure kinds. */
export const PROCEDURE_KIND_NAMES: readonly ProcedureKindName[] =
  Object.keys(PROCEDURE_KINDS).filter(isProcedureKindName);

/** Is `name` a procedure kind a rule can name? @example isProcedureKindName('imv') // => true */
export function isProcedureKindName(name: string): name is ProcedureKindName {
  return Object.hasOwn(PROCEDURE_KINDS, name);
}

/**
 * Running at t (FHIR-PROFILE.md §4): start <= t and (end > t, or no end and `in-progress`).
 * @example procedureRunningAt({ start: 0, end: undefined, inProgress: true, ... }, 10) // => true
 */
export function procedureRunningAt(p: ProcedureRecord, t: Instant): boolean {
  return p.start <= t && (p.end !== undefined ? p.end > t : p.inProgress);
}

/**
 * How a procedure counts for the requested kinds: met when its kind is requested; unknown when IMV is
 * requested and this is a ventilation of unknown type (40617009 without a tube, §4); else not_met.
 */
function kindValue(p: ProcedureRecord, kinds: readonly ProcedureKindName[]): Kleene {
  if (kinds.some((k) => k === p.kind)) return 'met';
  if (p.kind === 'ventilation_unknown' && kinds.includes('imv')) return 'unknown';
  return 'not_met';
}

function describe(p: ProcedureRecord): string {
  const label = isProcedureKindName(p.kind) ? PROCEDURE_KINDS[p.kind] : p.kind;
  const until = p.end !== undefined ? ` to ${isoTime(p.end)}` : p.inProgress ? ', in progress' : '';
  return `${label} from ${isoTime(p.start)}${until} (${p.ref})`;
}

function procedureEvidence(p: ProcedureRecord): Evidence {
  return recordEvidence(p.ref, p.kind, undefined, p.start);
}

const KINDS_PARAM = {
  name: 'kinds',
  kind: { symbol: 'procedure_kind' },
  positional: true,
  variadic: true,
} as const;

/**
 * `procedure(kind, ..., during: W)`: a procedure of one of the kinds whose span (start to end; in progress
 * -> T_scr; no end and not in progress -> its start) meets W. For `imv`, a ventilation of unknown type
 * gives unknown. Closed world. Example (PLATINIUM E2): `procedure(radiotherapy, during: [T_scr - 42 d, T_scr])`.
 */
export const procedureFunction: FunctionSpec = {
  name: 'procedure',
  summary: 'a procedure of a kind (radiotherapy, imv, ...) overlapping a window',
  params: [KINDS_PARAM, { name: 'during', kind: 'window', optional: true }],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const kinds = symbolsArg(args, 'kinds', isProcedureKindName, 'procedure');
    const window = windowArg(args, 'during');
    const names = kinds.map((k) => PROCEDURE_KINDS[k]).join(' or ');
    return (ctx) => {
      const w = window(ctx);
      const candidates = ctx.procedures.filter(
        (p) => kindValue(p, kinds) !== 'not_met' && overlaps(procedureSpan(p, ctx.at), w),
      );
      return withinWindow(
        w,
        anyOf(
          candidates,
          (p) => kindValue(p, kinds),
          procedureEvidence,
          (p) => describe(p),
          () => `no ${names} ${w.inText()}`,
        ),
      );
    };
  },
};

/**
 * `running(kind, ..., at: t)`: a procedure of one of the kinds running at t (default T_scr), per §4. For
 * `imv`: met if an IMV runs, unknown if only a ventilation of unknown type runs, else not_met.
 * Example (INFINITY I3): `running(imv)`.
 */
export const runningFunction: FunctionSpec = {
  name: 'running',
  summary: 'a procedure of a kind (imv, niv, hfno, ...) running at a time (default: screening)',
  params: [KINDS_PARAM, { name: 'at', kind: 'instant', optional: true }],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const kinds = symbolsArg(args, 'kinds', isProcedureKindName, 'running');
    const atArg = instantArg(args, 'at');
    const names = kinds.map((k) => PROCEDURE_KINDS[k]).join(' or ');
    return (ctx) => {
      const when = atArg
        ? atArg(ctx)
        : {
            t: ctx.at,
            text() {
              return 'screening';
            },
            evidence: [],
          };
      const candidates = ctx.procedures.filter((p) => kindValue(p, kinds) !== 'not_met');
      const t = when.t;
      if (t === undefined) {
        if (candidates.length === 0) return boolOutcome('not_met', [], () => `no ${names} at any time`);
        return boolOutcome(
          'unknown',
          when.evidence,
          () => `${names}: cannot tell what runs at ${when.text()}`,
        );
      }
      const running = candidates.filter((p) => procedureRunningAt(p, t));
      return anyOf(
        running,
        (p) => kindValue(p, kinds),
        procedureEvidence,
        (p) => `${describe(p)} running at ${isoTime(t)}`,
        () => `no ${names} running at ${isoTime(t)}`,
      );
    };
  },
};
