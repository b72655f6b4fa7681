import {
  type BetaParameters,
  betaBinomialPosterior,
  logisticGibbs,
  logisticLaplace,
  normalLogHrPosterior,
  probabilityLess,
  riskDifferencePosterior,
  riskRatioPosterior,
  Xoshiro128,
} from '@immunotrial/stats';
import { UsageError } from '../../io.js';
import { type ArmSummary, readArmCounts } from './arm-counts.js';
import { binaryColumn, labelColumn, numberColumn, sortedLevels, twoArms } from './columns.js';
import type { CsvTable, StatsMethod } from './method.js';
import { choiceOption, listOption, numberOption, requiredString, stringOption } from './options.js';
import { renderResultTable } from './render.js';

type Options = Readonly<Record<string, unknown>>;

/** A prior shape: a number, or a column whose value is read from the arm's (first) row. */
function priorShape(options: Options, key: 'priorA' | 'priorB', data: CsvTable, arm: ArmSummary): number {
  const text = stringOption(options, key) ?? '1';
  const asNumber = Number(text);
  if (text.trim() !== '' && Number.isFinite(asNumber)) return asNumber;
  const option = key === 'priorA' ? '--prior-a' : '--prior-b';
  const values = numberColumn(data, text, option);
  const rows = arm.row !== undefined ? [arm.row] : (arm.rows ?? []);
  const first = rows[0];
  if (first === undefined) throw new UsageError(`${option}: arm '${arm.group}' has no rows`);
  const value = values[first] ?? NaN;
  for (const i of rows) {
    if (values[i] !== value) {
      throw new UsageError(
        `${data.file}: line ${data.lines?.[i] ?? i + 2}, column '${text}': the prior differs within arm '${arm.group}'`,
      );
    }
  }
  return value;
}

const betabinom: StatsMethod = {
  name: 'betabinom',
  description:
    'Exact beta-binomial posteriors of two arms, P(p_treatment < p_control), risk difference and ratio',
  data: 'required',
  configure: (c) => {
    c.option('--group <column>', 'arm column', 'group')
      .option('--treatment <level>', 'treatment arm (default: the second group in sorted order)')
      .option('--outcome <column>', '0/1 outcome, one row per patient')
      .option('--events <column>', 'events, one row per arm')
      .option('--n <column>', 'patients, one row per arm')
      .option('--prior-a <number|column>', 'Beta prior a', '1')
      .option('--prior-b <number|column>', 'Beta prior b', '1')
      .option('--cred-level <p>', 'credible level', '0.95');
  },
  run: (options, data) => {
    if (data === undefined) throw new UsageError('--data FILE.csv is required');
    const arms = readArmCounts(options, data);
    const credLevel = numberOption(options, 'credLevel', 0.95);
    const posteriors = arms.map((arm) => {
      const prior: BetaParameters = {
        a: priorShape(options, 'priorA', data, arm),
        b: priorShape(options, 'priorB', data, arm),
      };
      return { arm, prior, post: betaBinomialPosterior(arm.events, arm.n, prior, credLevel) };
    });
    const [t, c] = posteriors;
    if (t === undefined || c === undefined) throw new UsageError('two arms are needed');
    const rd = riskDifferencePosterior(t.post, c.post, credLevel);
    const rr = riskRatioPosterior(t.post, c.post, credLevel);
    return {
      arms: posteriors.map(({ arm, prior, post }) => ({
        group: arm.group,
        events: arm.events,
        n: arm.n,
        prior_a: prior.a,
        prior_b: prior.b,
        posterior_a: post.a,
        posterior_b: post.b,
        mean: post.mean,
        sd: post.sd,
        median: post.median,
        lower: post.lower,
        upper: post.upper,
      })),
      prob_treatment_less: probabilityLess(t.post, c.post),
      risk_difference: { mean: rd.mean, median: rd.median, lower: rd.lower, upper: rd.upper },
      risk_ratio: { mean: rr.mean, median: rr.median, lower: rr.lower, upper: rr.upper },
      cred_level: credLevel,
    };
  },
  table: renderResultTable,
};

const normalLogHr: StatsMethod = {
  name: 'normal-loghr',
  description: 'Normal-normal posterior of a log hazard ratio: P(HR < 1), P(HR < threshold)',
  data: 'none',
  configure: (c) => {
    c.requiredOption('--estimate <logHR>', 'estimated log hazard ratio (e.g. a Cox coefficient)')
      .requiredOption('--se <se>', 'its standard error')
      .requiredOption('--prior-mean <m>', 'prior mean of the log HR (0: sceptical)')
      .requiredOption('--prior-sd <s>', 'prior SD of the log HR')
      .option('--threshold <hr>', 'report P(HR < threshold)')
      .option('--cred-level <p>', 'credible level', '0.95');
  },
  run: (options) => {
    const thresholdText = stringOption(options, 'threshold');
    const r = normalLogHrPosterior(
      numberOption(options, 'estimate'),
      numberOption(options, 'se'),
      { mean: numberOption(options, 'priorMean'), sd: numberOption(options, 'priorSd') },
      {
        credLevel: numberOption(options, 'credLevel', 0.95),
        ...(thresholdText !== undefined ? { threshold: numberOption(options, 'threshold') } : {}),
      },
    );
    return {
      posterior_mean: r.mean,
      posterior_sd: r.sd,
      hr: r.hr,
      hr_lower: r.hrLower,
      hr_upper: r.hrUpper,
      cred_level: r.credLevel,
      prob_hr_below_1: r.probabilityBenefit,
      ...(r.threshold !== undefined
        ? { threshold: r.threshold, prob_hr_below_threshold: r.probabilityBelowThreshold }
        : {}),
    };
  },
  table: renderResultTable,
};

const bayesLogistic: StatsMethod = {
  name: 'bayes-logistic',
  description:
    'Bayesian logistic regression (arm + covariates, normal priors) by Laplace and Polya-Gamma Gibbs',
  data: 'required',
  configure: (c) => {
    c.option('--group <column>', 'arm column', 'group')
      .option('--treatment <level>', 'treatment arm (default: the second group in sorted order)')
      .requiredOption('--outcome <column>', '0/1 outcome')
      .option('--covariates <columns>', 'baseline covariates, comma-separated')
      .option(
        '--prior-sd <s>',
        'prior SD of the coefficients (rstanarm normal(0, s, autoscale = FALSE))',
        '2.5',
      )
      .option('--prior-intercept-sd <s>', 'prior SD of the intercept of the centred predictors', '5')
      .option('--method <m>', 'laplace, gibbs or both', 'both')
      .option('--draws <n>', 'Gibbs draws kept', '5000')
      .option('--burn-in <n>', 'Gibbs draws discarded', '1000')
      .option('--seed <n>', 'seed of the Gibbs sampler', '1')
      .option('--cred-level <p>', 'credible level', '0.95');
  },
  run: (options, data) => {
    if (data === undefined) throw new UsageError('--data FILE.csv is required');
    const groups = labelColumn(data, stringOption(options, 'group') ?? 'group', '--group');
    const [treatment, control] = twoArms(sortedLevels(groups), stringOption(options, 'treatment'));
    const y = binaryColumn(data, requiredString(options, 'outcome'), '--outcome');
    const covariateNames = listOption(options, 'covariates');
    // Predictors are centred, as rstanarm does, so the intercept prior applies at the mean covariates.
    const centre = (v: number[]): number[] => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      return v.map((x) => x - m);
    };
    const columns = [
      y.map(() => 1),
      centre(groups.map((g) => (g === treatment ? 1 : 0))),
      ...covariateNames.map((n) => centre(numberColumn(data, n, '--covariates'))),
    ];
    const names = ['(Intercept)', `arm${treatment}`, ...covariateNames];
    const sd = numberOption(options, 'priorSd', 2.5);
    const model = {
      y,
      columns,
      names,
      priorSd: [numberOption(options, 'priorInterceptSd', 5), ...names.slice(1).map(() => sd)],
    };
    const method = choiceOption(options, 'method', ['laplace', 'gibbs', 'both'], 'both');
    const credLevel = numberOption(options, 'credLevel', 0.95);
    const result: Record<string, unknown> = { treatment, control, centred_predictors: true };
    if (method !== 'gibbs') {
      const l = logisticLaplace(model, credLevel);
      result['laplace'] = l.coefficients.map((c) => ({
        term: c.name,
        mean: c.mean,
        sd: c.sd,
        lower: c.lower,
        upper: c.upper,
        prob_negative: c.probabilityNegative,
      }));
    }
    if (method !== 'laplace') {
      const seed = numberOption(options, 'seed', 1);
      if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed: expected a whole number, got ${seed}`);
      const g = logisticGibbs(model, {
        rng: Xoshiro128.fromSeed(seed),
        draws: numberOption(options, 'draws', 5000),
        burnIn: numberOption(options, 'burnIn', 1000),
        credLevel,
      });
      result['gibbs'] = g.coefficients.map((c) => ({
        term: c.name,
        mean: c.mean,
        sd: c.sd,
        median: c.median,
        lower: c.lower,
        upper: c.upper,
        prob_negative: c.probabilityNegative,
        mcse: c.mcse,
      }));
    }
    result['cred_level'] = credLevel;
    return result;
  },
  table: renderResultTable,
};

/** betabinom, normal-loghr and bayes-logistic. */
export const bayesMethods: readonly StatsMethod[] = [betabinom, normalLogHr, bayesLogistic];
