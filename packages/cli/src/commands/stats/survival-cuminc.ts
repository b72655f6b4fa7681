import { cumulativeIncidence, cumulativeIncidenceAt, grayTest } from '@immunotrial/stats';
import type { StatsMethod } from './method.js';
import { numberListOption, numberOption } from './options.js';
import { renderResultTable } from './render.js';
import { competingColumn, optionalLabels, timeColumn } from './survival-columns.js';
import { needData, timeStatusOptions } from './survival-km.js';

/** `immunotrial stats cuminc`: cmprsk::cuminc (with survfit's multi-state standard error) and Gray's test. */
export const cuminc: StatsMethod = {
  name: 'cuminc',
  description: "Cumulative incidence (Aalen-Johansen; cuminc's variance and survfit's SE) and Gray's test",
  data: 'required',
  configure: (c) => {
    timeStatusOptions(c)
      .option('--group <column>', 'one curve per group and cause; Gray test across groups')
      .option('--strata <column>', "stratify Gray's test by this column")
      .option('--rho <rho>', "power of the weight in Gray's test", '0')
      .option('--cencode <code>', 'status code of censoring', '0')
      .option('--times <list>', 'times at which to report the curves (timepoints), e.g. 7,28,90');
  },
  run: (options, data) => {
    const table = needData(data);
    const time = timeColumn(options, table);
    const status = competingColumn(options, table);
    const group = optionalLabels(options, table, 'group');
    const strata = optionalLabels(options, table, 'strata');
    const cencode = numberOption(options, 'cencode', 0);
    const fit = cumulativeIncidence(time, status, { cencode, ...(group === undefined ? {} : { group }) });
    const times = numberListOption(options, 'times');
    const tests =
      group === undefined
        ? undefined
        : grayTest(time, status, group, {
            cencode,
            rho: numberOption(options, 'rho', 0),
            ...(strata === undefined ? {} : { strata }),
          });
    return {
      method: 'cuminc',
      causes: fit.causes,
      ...(tests === undefined
        ? {}
        : { tests: tests.map((t) => ({ cause: t.cause, stat: t.statistic, p_value: t.pValue, df: t.df })) }),
      ...(times === undefined
        ? {}
        : {
            at_times: fit.curves.flatMap((curve) => {
              const at = cumulativeIncidenceAt(curve, times);
              return at.time.map((t, i) => ({
                group: curve.group ?? null,
                cause: curve.cause,
                time: t,
                est: at.estimate[i],
                var: at.variance[i],
                std_err: at.stdErr[i],
              }));
            }),
          }),
      curves: fit.curves.map((curve) => ({
        group: curve.group ?? null,
        cause: curve.cause,
        time: curve.time,
        n_risk: curve.nRisk,
        n_event: curve.nEvent,
        est: curve.estimate,
        var: curve.variance,
        std_err: curve.stdErr,
      })),
    };
  },
  table: (result) =>
    renderResultTable(
      typeof result === 'object' && result !== null
        ? Object.fromEntries(Object.entries(result).filter(([key]) => key !== 'curves'))
        : result,
    ),
};
