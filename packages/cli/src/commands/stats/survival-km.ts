import type { Command } from 'commander';
import { kaplanMeier, logRankTest, survivalAtTimes, survivalQuantiles } from '@immunotrial/stats';
import { UsageError } from '../../io.js';
import type { CsvTable, StatsMethod } from './method.js';
import { choiceOption, numberListOption, numberOption, stringOption } from './options.js';
import { renderResultTable } from './render.js';
import { eventColumn, optionalLabels, timeColumn } from './survival-columns.js';

/** The CSV, which every survival method requires. */
export function needData(data: CsvTable | undefined): CsvTable {
  if (data === undefined) throw new UsageError('--data FILE.csv is required');
  return data;
}

/** --time and --status, shared by every survival method. */
export function timeStatusOptions(command: Command): Command {
  return command
    .option('--time <column>', 'follow-up time column', 'time')
    .option('--status <column>', 'status column', 'status');
}

/** `immunotrial stats km`: survival::survfit with summary(fit, times =) and the median. */
export const km: StatsMethod = {
  name: 'km',
  description: 'Kaplan-Meier curves (survfit): Greenwood SE, CI, median and quartiles, estimates at --times',
  data: 'required',
  configure: (c) => {
    timeStatusOptions(c)
      .option('--group <column>', 'one curve per group')
      .option('--conf-type <type>', 'log, log-log or plain', 'log')
      .option('--conf-level <p>', 'confidence level', '0.95')
      .option('--times <list>', 'times at which to report the curves, e.g. 7,28,90')
      .option('--extend', 'report --times past the last follow-up (summary(..., extend = TRUE))');
  },
  run: (options, data) => {
    const table = needData(data);
    const confType = choiceOption(options, 'confType', ['log', 'log-log', 'plain'] as const, 'log');
    const group = optionalLabels(options, table, 'group');
    const fit = kaplanMeier(timeColumn(options, table), eventColumn(options, table), {
      confType,
      confLevel: numberOption(options, 'confLevel', 0.95),
      ...(group === undefined ? {} : { group }),
    });
    const times = numberListOption(options, 'times');
    return {
      method: 'survfit',
      conf_type: fit.confType,
      conf_level: fit.confLevel,
      curves: fit.curves.map((curve) => {
        const at =
          times === undefined ? undefined : survivalAtTimes(curve, times, options['extend'] === true);
        return {
          group: curve.group ?? null,
          n: curve.n,
          events: curve.events,
          median: curve.median.estimate,
          median_lower: curve.median.lower,
          median_upper: curve.median.upper,
          quantiles: survivalQuantiles(curve).map((q) => ({
            prob: q.prob,
            quantile: q.estimate,
            lower: q.lower,
            upper: q.upper,
          })),
          ...(at === undefined
            ? {}
            : {
                at_times: {
                  time: at.time,
                  n_risk: at.nRisk,
                  n_event: at.nEvent,
                  n_censor: at.nCensor,
                  surv: at.surv,
                  std_err: at.stdErr,
                  lower: at.lower,
                  upper: at.upper,
                },
              }),
          time: curve.time,
          n_risk: curve.nRisk,
          n_event: curve.nEvent,
          n_censor: curve.nCensor,
          surv: curve.surv,
          std_err: curve.stdErr,
          lower: curve.lower,
          upper: curve.upper,
        };
      }),
    };
  },
  table: (result) => renderResultTable(summaryOf(result)),
};

/** The table view of km: medians and the estimates at --times, not every step of every curve. */
function summaryOf(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return result;
  const curves: unknown = Reflect.get(result, 'curves');
  if (!Array.isArray(curves)) return result;
  const rows = curves.map((curve: unknown) => {
    const get = (key: string): unknown =>
      typeof curve === 'object' && curve !== null ? Reflect.get(curve, key) : undefined;
    return {
      group: get('group'),
      n: get('n'),
      events: get('events'),
      median: get('median'),
      lower: get('median_lower'),
      upper: get('median_upper'),
    };
  });
  const atTimes = curves.flatMap((curve: unknown) => {
    const at: unknown =
      typeof curve === 'object' && curve !== null ? Reflect.get(curve, 'at_times') : undefined;
    if (typeof at !== 'object' || at === null) return [];
    const column = (key: string): unknown[] => {
      const v: unknown = Reflect.get(at, key);
      return Array.isArray(v) ? v : [];
    };
    const group: unknown = typeof curve === 'object' && curve !== null ? Reflect.get(curve, 'group') : null;
    return column('time').map((t, i) => ({
      group,
      time: t,
      n_risk: column('n_risk')[i],
      n_event: column('n_event')[i],
      surv: column('surv')[i],
      std_err: column('std_err')[i],
      lower: column('lower')[i],
      upper: column('upper')[i],
    }));
  });
  return { medians: rows, ...(atTimes.length > 0 ? { at_times: atTimes } : {}) };
}

/** `immunotrial stats logrank`: survival::survdiff. */
export const logrank: StatsMethod = {
  name: 'logrank',
  description: 'Log-rank and G-rho tests (survdiff): observed, expected, chi-square, stratified',
  data: 'required',
  configure: (c) => {
    timeStatusOptions(c)
      .option('--group <column>', 'group column', 'group')
      .option('--strata <column>', 'stratify the test by this column')
      .option('--rho <rho>', 'G-rho weight S(t-)^rho: 0 log-rank, 1 Peto-Peto', '0');
  },
  run: (options, data) => {
    const table = needData(data);
    const group = optionalLabels({ group: stringOption(options, 'group') ?? 'group' }, table, 'group') ?? [];
    const strata = optionalLabels(options, table, 'strata');
    const r = logRankTest(timeColumn(options, table), eventColumn(options, table), group, {
      rho: numberOption(options, 'rho', 0),
      ...(strata === undefined ? {} : { strata }),
    });
    return {
      method: 'survdiff',
      rho: r.rho,
      groups: r.groups.map((g, i) => {
        const o = r.observed[i] ?? Number.NaN;
        const e = r.expected[i] ?? Number.NaN;
        return {
          group: g,
          n: r.n[i],
          observed: o,
          expected: e,
          o_e_sq_e: (o - e) ** 2 / e,
          o_e_sq_v: (o - e) ** 2 / (r.variance[i]?.[i] ?? Number.NaN),
        };
      }),
      chisq: r.chisq,
      df: r.df,
      p_value: r.pValue,
      variance: r.variance,
      ...(r.strata === undefined
        ? {}
        : {
            strata: {
              levels: r.strata.levels,
              n: r.strata.n,
              observed: r.strata.observed,
              expected: r.strata.expected,
            },
          }),
    };
  },
  table: (result) => renderResultTable(result),
};
