import { coxPh, fineGray } from '@immunotrial/stats';
import type { StatsMethod } from './method.js';
import { choiceOption, numberOption } from './options.js';
import { renderResultTable } from './render.js';
import {
  competingColumn,
  covariateColumns,
  eventColumn,
  optionalLabels,
  timeColumn,
} from './survival-columns.js';
import { needData, timeStatusOptions } from './survival-km.js';

interface Coefficients {
  readonly terms: readonly string[];
  readonly coefficients: readonly number[];
  readonly se: readonly number[];
  readonly z: readonly number[];
  readonly pValue: readonly number[];
  readonly hr: readonly number[];
  readonly hrLower: readonly number[];
  readonly hrUpper: readonly number[];
}

/** One record per term, with R's summary() columns in snake_case. */
function coefficientRows(fit: Coefficients): Record<string, unknown>[] {
  return fit.terms.map((term, j) => ({
    term,
    coef: fit.coefficients[j],
    hr: fit.hr[j],
    se: fit.se[j],
    z: fit.z[j],
    p_value: fit.pValue[j],
    hr_lower: fit.hrLower[j],
    hr_upper: fit.hrUpper[j],
  }));
}

/** `immunotrial stats cox`: survival::coxph. */
export const cox: StatsMethod = {
  name: 'cox',
  description:
    'Cox proportional hazards (coxph): Efron or Breslow ties, factors, strata; Wald, LR and score tests',
  data: 'required',
  configure: (c) => {
    timeStatusOptions(c)
      .requiredOption('--covariates <list>', 'covariates, e.g. age,sofa,factor(arm)')
      .option('--strata <column>', 'separate baseline hazards per stratum')
      .option('--ties <method>', 'efron or breslow', 'efron')
      .option('--conf-level <p>', 'confidence level of the hazard ratios', '0.95');
  },
  run: (options, data) => {
    const table = needData(data);
    const strata = optionalLabels(options, table, 'strata');
    const fit = coxPh(
      timeColumn(options, table),
      eventColumn(options, table),
      covariateColumns(options, table),
      {
        ties: choiceOption(options, 'ties', ['efron', 'breslow'] as const, 'efron'),
        confLevel: numberOption(options, 'confLevel', 0.95),
        ...(strata === undefined ? {} : { strata }),
      },
    );
    const test = (t: { statistic: number; df: number; pValue: number }): Record<string, number> => ({
      statistic: t.statistic,
      df: t.df,
      p_value: t.pValue,
    });
    return {
      method: 'coxph',
      ties: fit.ties,
      n: fit.n,
      n_event: fit.nEvent,
      conf_level: fit.confLevel,
      coefficients: coefficientRows(fit),
      loglik: fit.loglik,
      wald_test: test(fit.waldTest),
      lr_test: test(fit.lrTest),
      score_test: test(fit.scoreTest),
      iterations: fit.iterations,
      variance: fit.variance,
    };
  },
  table: (result) => renderResultTable(result),
};

/** `immunotrial stats finegray`: cmprsk::crr. */
export const finegray: StatsMethod = {
  name: 'finegray',
  description:
    'Fine-Gray subdistribution hazards (crr): coefficients, sandwich SE, subdistribution HR with CI',
  data: 'required',
  configure: (c) => {
    timeStatusOptions(c)
      .requiredOption('--covariates <list>', 'covariates, e.g. age,factor(arm)')
      .option('--failcode <code>', 'status code of the failure of interest', '1')
      .option('--cencode <code>', 'status code of censoring', '0')
      .option('--conf-level <p>', 'confidence level of the hazard ratios', '0.95');
  },
  run: (options, data) => {
    const table = needData(data);
    const failcode = numberOption(options, 'failcode', 1);
    const cencode = numberOption(options, 'cencode', 0);
    const fit = fineGray(
      timeColumn(options, table),
      competingColumn(options, table),
      covariateColumns(options, table),
      {
        failcode,
        cencode,
        confLevel: numberOption(options, 'confLevel', 0.95),
      },
    );
    return {
      method: 'crr',
      failcode,
      cencode,
      n: fit.n,
      n_event: fit.nEvent,
      n_competing: fit.nCompeting,
      conf_level: fit.confLevel,
      coefficients: coefficientRows(fit),
      loglik: fit.loglik[1],
      loglik_null: fit.loglik[0],
      iterations: fit.iterations,
      variance: fit.variance,
    };
  },
  table: (result) => renderResultTable(result),
};
