import { fromBoolean } from '../../kleene.js';
import { DAY_MS, HOUR_MS } from '../../time/duration.js';
import { addDays, localDateOf, localDayIndex, localDayStart, startOfLocalDate } from '../../time/zone.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { VARIABLES } from '../../variables/registry.js';
import {
  boolOutcome,
  exactNumber,
  formatNumber,
  isoTime,
  observationEvidence,
  unknownNumber,
} from '../outcome.js';
import type { EvalContext, FunctionSpec, InstantOutcome, WindowOutcome } from '../types.js';
import { numberArg } from './window-args.js';

/** Completed years between a birth date and a local date. @example completedYears('1969-02-14', '2026-03-17') // => 57 */
export function completedYears(birthDate: string, onDate: string): number {
  const [y, m, d] = onDate.split('-').map(Number);
  if (y === undefined) return NaN;
  return completedYearsOn(birthDate, y, m ?? 1, d ?? 1);
}

/** Completed years between a birth date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and a year, month and day. */
function completedYearsOn(birthDate: string, y: number, m: number, d: number): number {
  const [by, bm, bd] = birthDateParts(birthDate);
  let years = y - by;
  if (m < bm || (m === bm && d < bd)) years--;
  return years;
}

/** Year, month and day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (month and day 1 when absent). */
function birthDateParts(birthDate: string): readonly [number, number, number] {
  const n = birthDate.length;
  // The three FHIR date forms read digit by digit (no split, no array of strings); anything else as before.
  if (
    (n === 4 || n === 7 || n === 10) &&
    (n === 4 || birthDate[4] === '-') &&
    (n < 10 || birthDate[7] === '-')
  )
    return [
      digits(birthDate, 0, 4),
      n >= 7 ? digits(birthDate, 5, 7) : 1,
      n === 10 ? digits(birthDate, 8, 10) : 1,
    ];
  const [by, bm, bd] = birthDate.split('-').map(Number);
  return [by ?? NaN, bm ?? 1, bd ?? 1];
}

/** The decimal number written at [from, to) of `s`, NaN when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Age in completed years at the local date of T_scr, undefined without a birth date; once per patient and
 * instant (the age criteria of every protocol and APACHE II read it).
 */
export function ageAtScreening(ctx: EvalContext): number | undefined {
  const birth = ctx.patient.birthDate;
  if (birth === undefined) return undefined;
  return ctx.memo('age-years', () => {
    // The local date as a day number, not a string: every protocol's first criterion reads the age.
    const on = new Date(localDayIndex(ctx.at, ctx.zone) * DAY_MS);
    if (Number.isNaN(on.getTime())) return completedYears(birth, localDateOf(ctx.at, ctx.zone));
    return completedYearsOn(birth, on.getUTCFullYear(), on.getUTCMonth() + 1, on.getUTCDate());
  });
}

const age: FunctionSpec = {
  name: 'age',
  summary: 'age in completed years at the local date of screening (write `age >= 18 years`)',
  params: [],
  returns: () => ({ t: 'number', unit: 'a' }),
  compile: () => (ctx) => {
    const birth = ctx.patient.birthDate;
    const years = ageAtScreening(ctx);
    if (birth === undefined || years === undefined) return unknownNumber(() => 'no birth date');
    return exactNumber(
      years,
      [{ reference: ctx.patient.ref, value: birth }],
      () => `age ${years} years (born ${birth})`,
    );
  },
};

const sex: FunctionSpec = {
  name: 'sex',
  summary: 'administrative sex: male, female (other values make sex-dependent rules unknown)',
  params: [],
  returns: () => ({ t: 'string' }),
  compile: () => (ctx) => {
    const s = ctx.patient.sex;
    const value = s === 'male' || s === 'female' ? s : 'unknown';
    return {
      kind: 'string',
      value,
      evidence: [{ reference: ctx.patient.ref, value: s }],
      reason() {
        return `sex ${s}`;
      },
    };
  },
};

const admittedViaEd: FunctionSpec = {
  name: 'admitted_via_ed',
  summary: 'the hospital stay began in the emergency department (admitSource emd)',
  params: [],
  returns: () => ({ t: 'bool' }),
  compile: () => (ctx) => {
    const h = ctx.hospitalStay;
    if (!h) return boolOutcome('unknown', [], () => 'no hospital stay');
    return boolOutcome(fromBoolean(h.admittedViaEd), [{ reference: h.ref, value: h.admittedViaEd }], () =>
      h.admittedViaEd ? 'admitted through the ED' : 'not admitted through the ED',
    );
  },
};

function icuDayStart(ctx: EvalContext, n: number): number | undefined {
  const stay = ctx.icuStay;
  if (!stay) return undefined;
  if (Number.isInteger(n)) return localDayStart(localDayIndex(stay.start, ctx.zone) + n, ctx.zone);
  return startOfLocalDate(addDays(localDateOf(stay.start, ctx.zone), n), ctx.zone);
}

const icuDay: FunctionSpec = {
  name: 'icu_day',
  summary: 'local midnight starting ICU day n (day 0 = local date of ICU admission)',
  params: [{ name: 'n', kind: 'number', positional: true }],
  returns: () => ({ t: 'instant' }),
  compile:
    (args) =>
    (ctx): InstantOutcome => {
      const n = numberArg(args, 'n', ctx) ?? NaN;
      const t = icuDayStart(ctx, n);
      return {
        kind: 'instant',
        t,
        evidence: [],
        reason() {
          return t === undefined ? 'ICU day unknown: no ICU stay' : `ICU day ${n} (${isoTime(t)})`;
        },
      };
    },
};

const icuDays: FunctionSpec = {
  name: 'icu_days',
  summary: 'window of whole ICU days from day a to day b inclusive: [icu_day(a), icu_day(b + 1))',
  params: [
    { name: 'from', kind: 'number', positional: true },
    { name: 'to', kind: 'number', positional: true },
  ],
  returns: () => ({ t: 'window' }),
  compile:
    (args) =>
    (ctx): WindowOutcome => {
      const a = numberArg(args, 'from', ctx) ?? NaN;
      const b = numberArg(args, 'to', ctx) ?? NaN;
      const from = icuDayStart(ctx, a);
      const to = icuDayStart(ctx, b + 1);
      return {
        kind: 'window',
        from,
        to,
        closedEnd: false,
        evidence: [],
        reason() {
          return from === undefined ? 'ICU days unknown: no ICU stay' : `ICU day ${a}–${b}`;
        },
      };
    },
};

const icuWindow: FunctionSpec = {
  name: 'icu_window',
  summary: 'the k-th 24 h window of the ICU stay: [T_icu + 24k h, T_icu + 24(k+1) h) (W0 = first 24 h)',
  params: [{ name: 'k', kind: 'number', positional: true }],
  returns: () => ({ t: 'window' }),
  compile:
    (args) =>
    (ctx): WindowOutcome => {
      const k = numberArg(args, 'k', ctx) ?? NaN;
      const start = ctx.icuStay?.start;
      const from = start === undefined ? undefined : start + 24 * k * HOUR_MS;
      const to = start === undefined ? undefined : start + 24 * (k + 1) * HOUR_MS;
      return {
        kind: 'window',
        from,
        to,
        closedEnd: false,
        evidence: [],
        reason() {
          return from === undefined
            ? `ICU window W${k} unknown`
            : `W${k} (ICU hours ${24 * k}–${24 * (k + 1)})`;
        },
      };
    },
};

/**
 * `exceeds_uln(ast, alt, factor: 5)`: the current result of one of the variables is above factor × its
 * own upper limit of normal (`referenceRange.high`). not_met when at least one was measured and none
 * exceeds; unknown when none was measured, or when a current result without a ULN could exceed
 * (FHIR-PROFILE.md §9, PLATINIUM E10).
 */
const exceedsUln: FunctionSpec = {
  name: 'exceeds_uln',
  summary: 'the current result of any listed enzyme is above factor × its own upper limit of normal',
  params: [
    { name: 'variables', kind: 'variable', positional: true, variadic: true },
    { name: 'factor', kind: 'number' },
  ],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const variables = args.variables.get('variables') ?? [];
    return (ctx) => {
      const factor = numberArg(args, 'factor', ctx) ?? NaN;
      const measured: ObservationRecord[] = [];
      for (const v of variables) {
        const obs = ctx.observations(v, ctx.at - 48 * HOUR_MS, ctx.at).filter((o) => o.value !== undefined);
        const latest = obs[obs.length - 1];
        if (latest) measured.push(latest);
      }
      if (measured.length === 0)
        return boolOutcome(
          'unknown',
          [],
          () => `no current ${variables.map((v) => VARIABLES[v].label).join(' or ')}`,
        );
      const high = measured.filter(
        (o) => o.value !== undefined && o.referenceHigh !== undefined && o.value > factor * o.referenceHigh,
      );
      if (high.length > 0) {
        return boolOutcome('met', high.map(observationEvidence), () =>
          high
            .map(
              (o) =>
                `${VARIABLES[o.variable].label} ${formatNumber(o.value ?? NaN)} > ${factor} × ULN ${formatNumber(o.referenceHigh ?? NaN)} (${o.ref})`,
            )
            .join('; '),
        );
      }
      // A result without its own ULN may exceed it: the pair is not_met only when none can.
      const noUln = measured.filter((o) => o.referenceHigh === undefined);
      if (noUln.length > 0)
        return boolOutcome(
          'unknown',
          noUln.map(observationEvidence),
          () =>
            `no upper limit of normal on ${noUln.map((o) => `${VARIABLES[o.variable].label} ${formatNumber(o.value ?? NaN)} (${o.ref})`).join(', ')}`,
        );
      return boolOutcome(
        'not_met',
        measured.map(observationEvidence),
        () =>
          measured
            .map(
              (o) =>
                `${VARIABLES[o.variable].label} ${formatNumber(o.value ?? NaN)} (ULN ${o.referenceHigh === undefined ? '?' : formatNumber(o.referenceHigh)})`,
            )
            .join(', ') + ` not above ${factor} × ULN`,
      );
    };
  },
};

/** Patient and calendar functions: age, sex, admitted_via_ed, icu_day, icu_days, icu_window, exceeds_uln. */
export const PATIENT_FUNCTIONS: readonly FunctionSpec[] = [
  age,
  sex,
  admittedViaEd,
  icuDay,
  icuDays,
  icuWindow,
  exceedsUln,
];
