import type { Command } from 'commander';
import {
  type Alternative,
  ancova,
  chisqTest,
  fisherExactTest,
  propTest,
  relativeRisk,
  riskDifference,
  tTest,
  wilcoxonTest,
} from '@immunotrial/stats';
import { UsageError } from '../../io.js';
import { readArmCounts } from './arm-counts.js';
import { labelColumn, numberColumn, sortedLevels, twoArms } from './columns.js';
import type { CsvTable, StatsMethod } from './method.js';
import {
  booleanOption,
  choiceOption,
  listOption,
  numberOption,
  requiredString,
  stringOption,
} from './options.js';
import { renderResultTable } from './render.js';

type Options = Readonly<Record<string, unknown>>;
const ALTERNATIVES: readonly Alternative[] = ['two.sided', 'less', 'greater'];

function needData(data: CsvTable | undefined): CsvTable {
  if (data === undefined) throw new UsageError('--data FILE.csv is required');
  return data;
}

function armOptions(command: Command): void {
  command
    .option('--group <column>', 'arm column', 'group')
    .option('--treatment <level>', 'treatment arm (default: the second group in sorted order)')
    .option('--alternative <alt>', 'two.sided, less or greater', 'two.sided')
    .option('--conf-level <p>', 'confidence level', '0.95');
}

/** Outcome values of treatment (x) and control (y) from one row per patient. */
function splitOutcome(
  options: Options,
  data: CsvTable,
): { x: number[]; y: number[]; treatment: string; control: string } {
  const groups = labelColumn(data, stringOption(options, 'group') ?? 'group', '--group');
  const outcome = numberColumn(data, requiredString(options, 'outcome'), '--outcome');
  const [treatment, control] = twoArms(sortedLevels(groups), stringOption(options, 'treatment'));
  return {
    x: outcome.filter((_, i) => groups[i] === treatment),
    y: outcome.filter((_, i) => groups[i] === control),
    treatment,
    control,
  };
}

const twoprop: StatsMethod = {
  name: 'twoprop',
  description:
    'Two proportions: fisher.test, prop.test, chisq.test, risk difference (Wald) and relative risk (log CI)',
  data: 'required',
  configure: (c) => {
    armOptions(c);
    c.option('--outcome <column>', '0/1 outcome, one row per patient')
      .option('--events <column>', 'events, one row per arm')
      .option('--n <column>', 'patients, one row per arm')
      .option('--correct <bool>', "Yates' continuity correction for prop.test and chisq.test", 'false');
  },
  run: (options, data) => {
    const [t, c] = readArmCounts(options, needData(data));
    const alternative = choiceOption(options, 'alternative', ALTERNATIVES, 'two.sided');
    const confLevel = numberOption(options, 'confLevel', 0.95);
    const correct = booleanOption(options, 'correct', false);
    const fisher = fisherExactTest(
      [
        [t.events, t.n - t.events],
        [c.events, c.n - c.events],
      ],
      { alternative, confLevel },
    );
    const prop = propTest(t, c, { alternative, confLevel, correct });
    const chisq = chisqTest(
      [
        [t.events, t.n - t.events],
        [c.events, c.n - c.events],
      ],
      correct,
    );
    const rd = riskDifference(t, c, confLevel);
    let relative: unknown;
    try {
      const rr = relativeRisk(t, c, confLevel);
      relative = { estimate: rr.estimate, lower: rr.lower, upper: rr.upper, conf_level: confLevel };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      relative = {
        estimate: t.events / t.n / (c.events / c.n),
        lower: null,
        upper: null,
        conf_level: confLevel,
        note: error.message,
      };
    }
    return {
      arms: [t, c].map((a) => ({ group: a.group, events: a.events, n: a.n, proportion: a.events / a.n })),
      fisher_test: {
        p_value: fisher.pValue,
        odds_ratio: fisher.estimate,
        conf_int: fisher.confInt,
        alternative,
      },
      prop_test: {
        statistic: prop.statistic,
        df: prop.df,
        p_value: prop.pValue,
        estimate: prop.estimate,
        conf_int: prop.confInt,
        correct,
      },
      chisq_test: {
        statistic: chisq.statistic,
        df: chisq.df,
        p_value: chisq.pValue,
        correct: chisq.correct,
        ...(chisq.warning !== undefined ? { warning: chisq.warning } : {}),
      },
      risk_difference: { estimate: rd.estimate, lower: rd.lower, upper: rd.upper, conf_level: confLevel },
      relative_risk: relative,
    };
  },
  table: renderResultTable,
};

const ttest: StatsMethod = {
  name: 'ttest',
  description: 'Two-sample t.test (Welch, or pooled with --var-equal true) of treatment minus control',
  data: 'required',
  configure: (c) => {
    armOptions(c);
    c.requiredOption('--outcome <column>', 'continuous outcome')
      .option('--var-equal <bool>', 'pooled variance (R var.equal)', 'false')
      .option('--mu <d>', 'difference under the null', '0');
  },
  run: (options, data) => {
    const { x, y, treatment, control } = splitOutcome(options, needData(data));
    const r = tTest(x, y, {
      alternative: choiceOption(options, 'alternative', ALTERNATIVES, 'two.sided'),
      varEqual: booleanOption(options, 'varEqual', false),
      mu: numberOption(options, 'mu', 0),
      confLevel: numberOption(options, 'confLevel', 0.95),
    });
    return {
      method: r.method.trim(),
      treatment,
      control,
      statistic: r.statistic,
      df: r.df,
      p_value: r.pValue,
      estimate: r.estimate,
      conf_int: r.confInt,
      stderr: r.stderr,
      conf_level: r.confLevel,
      alternative: r.alternative,
    };
  },
  table: renderResultTable,
};

const wilcoxon: StatsMethod = {
  name: 'wilcoxon',
  description: 'wilcox.test rank-sum test with the Hodges-Lehmann estimate and CI (conf.int = TRUE)',
  data: 'required',
  configure: (c) => {
    armOptions(c);
    c.requiredOption('--outcome <column>', 'outcome')
      .option('--exact <bool>', 'exact p-value (default: as R, exact below 50 per arm without ties)')
      .option('--correct <bool>', 'continuity correction of the normal approximation', 'true')
      .option('--mu <d>', 'location shift under the null', '0');
  },
  run: (options, data) => {
    const { x, y, treatment, control } = splitOutcome(options, needData(data));
    const exact = options['exact'] === undefined ? {} : { exact: booleanOption(options, 'exact', false) };
    const r = wilcoxonTest(x, y, {
      alternative: choiceOption(options, 'alternative', ALTERNATIVES, 'two.sided'),
      correct: booleanOption(options, 'correct', true),
      mu: numberOption(options, 'mu', 0),
      confLevel: numberOption(options, 'confLevel', 0.95),
      ...exact,
    });
    return {
      treatment,
      control,
      statistic_w: r.statistic,
      p_value: r.pValue,
      estimate: r.estimate,
      conf_int: r.confInt,
      conf_level: r.confLevel,
      exact: r.exact,
      correct: r.correct,
      alternative: r.alternative,
      warnings: r.warnings,
    };
  },
  table: renderResultTable,
};

const ancovaMethod: StatsMethod = {
  name: 'ancova',
  description: 'ANCOVA by least squares: lm(outcome ~ arm + baseline), coefficients with SE, t, p and CI',
  data: 'required',
  configure: (c) => {
    c.option('--group <column>', 'arm column', 'group')
      .requiredOption('--outcome <column>', 'outcome')
      .requiredOption('--baseline <columns>', 'baseline covariate column(s), comma-separated')
      .option('--reference <level>', 'reference (control) arm (default: first in sorted order)')
      .option('--conf-level <p>', 'confidence level', '0.95');
  },
  run: (options, data) => {
    const table = needData(data);
    const arm = labelColumn(table, stringOption(options, 'group') ?? 'group', '--group');
    const outcome = numberColumn(table, requiredString(options, 'outcome'), '--outcome');
    const covariates: Record<string, number[]> = {};
    for (const name of listOption(options, 'baseline'))
      covariates[name] = numberColumn(table, name, '--baseline');
    const reference = stringOption(options, 'reference');
    const r = ancova({
      outcome,
      arm,
      covariates,
      confLevel: numberOption(options, 'confLevel', 0.95),
      ...(reference !== undefined ? { reference } : {}),
    });
    return {
      coefficients: r.coefficients.map((c) => ({
        term: c.term,
        estimate: c.estimate,
        se: c.se,
        t_value: c.t,
        p_value: c.pValue,
        lower: c.lower,
        upper: c.upper,
      })),
      sigma: r.sigma,
      df: r.df,
      r_squared: r.rSquared,
      adj_r_squared: r.adjRSquared,
      n: r.n,
      levels: r.levels,
      conf_level: r.confLevel,
    };
  },
  table: renderResultTable,
};

/** twoprop, ttest, wilcoxon and ancova. */
export const twoArmMethods: readonly StatsMethod[] = [twoprop, ttest, wilcoxon, ancovaMethod];
