import { localDayIndex, localDayLabel, localDayStart } from '../../time/zone.js';
import { isoTime } from '../outcome.js';
import type { FunctionSpec, WindowOutcome } from '../types.js';
import { numberArg } from './window-args.js';

/**
 * `local_days(t, a, b)`: the whole local calendar days a to b relative to the local date of t (0 = that
 * date, -1 = the day before), as the window [local midnight of day a, local midnight of day b + 1). Local
 * dates use the screening zone (FHIR-PROFILE.md §1). Unknown when t is.
 * Example (IRIS-7 I5, "on the day of consent or the day before"):
 * `any(lymphocytes <= 900 /mm3, during: local_days(T_scr, -1, 0))`.
 */
export const localDaysFunction: FunctionSpec = {
  name: 'local_days',
  summary:
    'whole local calendar days a to b around the local date of a time (0 = that date, -1 = the day before)',
  params: [
    { name: 'time', kind: 'instant', positional: true },
    { name: 'from', kind: 'number', positional: true },
    { name: 'to', kind: 'number', positional: true },
  ],
  returns: () => ({ t: 'window' }),
  compile: (args) => {
    const time = args.values.get('time');
    return (ctx): WindowOutcome => {
      const o = time?.(ctx);
      const t = o?.kind === 'instant' ? o.t : undefined;
      const a = numberArg(args, 'from', ctx);
      const b = numberArg(args, 'to', ctx);
      if (
        t === undefined ||
        a === undefined ||
        b === undefined ||
        !Number.isInteger(a) ||
        !Number.isInteger(b)
      ) {
        return {
          kind: 'window',
          from: undefined,
          to: undefined,
          closedEnd: false,
          evidence: o?.evidence ?? [],
          reason() {
            return `local days unknown${o ? `: ${o.reason()}` : ''}`;
          },
        };
      }
      // Day numbers rather than date strings: every IRIS-7 screening reads this window.
      const day = localDayIndex(t, ctx.zone);
      const from = localDayStart(day + a, ctx.zone);
      const to = localDayStart(day + b + 1, ctx.zone);
      return {
        kind: 'window',
        from,
        to,
        closedEnd: false,
        evidence: o?.evidence ?? [],
        reason() {
          return `local days ${a} to ${b} around ${localDayLabel(day)} (${isoTime(from)} to ${isoTime(to)})`;
        },
      };
    };
  },
};
