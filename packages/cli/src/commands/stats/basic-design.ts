import type { Command } from 'commander';
import {
  type TypeOfDesign,
  groupSequentialDesign,
  sampleSizeRates,
  sampleSizeSurvival,
} from '@immunotrial/stats';
import { UsageError } from '../../io.js';
import type { StatsMethod } from './method.js';
import { choiceOption, numberListOption, numberOption, stringOption } from './options.js';
import { renderResultTable } from './render.js';

type Options = Readonly<Record<string, unknown>>;
const TYPES: readonly TypeOfDesign[] = ['OF', 'P', 'asOF', 'asP'];

function designOptions(command: Command, kmaxDefault: string): void {
  command
    .option('--kmax <k>', 'number of looks', kmaxDefault)
    .option('--alpha <a>', 'significance level (two-sided total when --sided 2)', '0.025')
    .option('--beta <b>', 'type II error', '0.2')
    .option('--sided <s>', '1 or 2', '1')
    .option('--type-of-design <t>', 'OF, P, asOF or asP', 'OF')
    .option('--information-rates <t>', 'cumulative information fractions, e.g. 0.5,1');
}

function design(options: Options): ReturnType<typeof groupSequentialDesign> {
  const rates = numberListOption(options, 'informationRates');
  return groupSequentialDesign({
    kMax: numberOption(options, 'kmax', 1),
    alpha: numberOption(options, 'alpha', 0.025),
    beta: numberOption(options, 'beta', 0.2),
    sided: numberOption(options, 'sided', 1),
    typeOfDesign: choiceOption(options, 'typeOfDesign', TYPES, 'OF'),
    ...(rates !== undefined ? { informationRates: rates } : {}),
  });
}

function designJson(d: ReturnType<typeof groupSequentialDesign>): Record<string, unknown> {
  return {
    kmax: d.kMax,
    alpha: d.alpha,
    beta: d.beta,
    sided: d.sided,
    type_of_design: d.typeOfDesign,
    information_rates: d.informationRates,
    critical_values: d.criticalValues,
    alpha_spent: d.alphaSpent,
    stage_levels: d.stageLevels,
    shift: d.shift,
    n_fixed: d.nFixed,
    inflation_factor: d.inflationFactor,
    power: d.power,
    rejection_probabilities: d.rejectionProbabilities,
  };
}

const gsdesign: StatsMethod = {
  name: 'gsdesign',
  description: "Group-sequential boundaries as rpact's getDesignGroupSequential and getDesignCharacteristics",
  data: 'none',
  configure: (c) => {
    designOptions(c, '3');
  },
  run: (options) => designJson(design(options)),
  table: renderResultTable,
};

const samplesizeRates: StatsMethod = {
  name: 'samplesize-rates',
  description: "Sample size for two rates as rpact's getSampleSizeRates (normal approximation)",
  data: 'none',
  configure: (c) => {
    designOptions(c, '1');
    c.requiredOption('--pi1 <p>', 'rate in the treatment arm')
      .requiredOption('--pi2 <p>', 'rate in the control arm')
      .option('--allocation-ratio <r>', 'n1 / n2', '1');
  },
  run: (options) => {
    const d = design(options);
    const r = sampleSizeRates(d, {
      pi1: numberOption(options, 'pi1'),
      pi2: numberOption(options, 'pi2'),
      allocationRatioPlanned: numberOption(options, 'allocationRatio', 1),
    });
    return {
      max_number_of_subjects: r.maxNumberOfSubjects,
      number_of_subjects: r.numberOfSubjects,
      number_of_subjects1: r.numberOfSubjects1,
      number_of_subjects2: r.numberOfSubjects2,
      n_fixed: r.nFixed,
      n_fixed1: r.nFixed1,
      n_fixed2: r.nFixed2,
      design: designJson(d),
    };
  },
  table: renderResultTable,
};

const samplesizeSurvival: StatsMethod = {
  name: 'samplesize-survival',
  description: "Events and patients for a log-rank test as rpact's getSampleSizeSurvival (Schoenfeld)",
  data: 'none',
  configure: (c) => {
    designOptions(c, '1');
    c.option('--pi1 <p>', 'event probability by --event-time, treatment')
      .option('--pi2 <p>', 'event probability by --event-time, control')
      .option('--event-time <t>', 'time of pi1 and pi2', '12')
      .option('--hazard-ratio <hr>', 'hazard ratio (with --lambda2, instead of --pi1/--pi2)')
      .option('--lambda2 <rate>', 'control hazard per time unit')
      .requiredOption('--accrual-time <t>', 'accrual period 0,end')
      .requiredOption('--follow-up-time <t>', 'follow-up after the end of accrual')
      .option('--allocation-ratio <r>', 'n1 / n2', '1');
  },
  run: (options) => {
    const d = design(options);
    const accrual = numberListOption(options, 'accrualTime') ?? [];
    const accrualTime: [number, number] =
      accrual.length === 1
        ? [0, accrual[0] ?? NaN]
        : accrual.length === 2
          ? [accrual[0] ?? NaN, accrual[1] ?? NaN]
          : [NaN, NaN];
    if (Number.isNaN(accrualTime[1]))
      throw new UsageError('--accrual-time: expected 0,end (a single accrual period)');
    const common = {
      accrualTime,
      followUpTime: numberOption(options, 'followUpTime'),
      allocationRatioPlanned: numberOption(options, 'allocationRatio', 1),
    };
    const byHr = stringOption(options, 'hazardRatio') !== undefined;
    if (byHr === (stringOption(options, 'pi1') !== undefined))
      throw new UsageError('give either --pi1 and --pi2 (with --event-time) or --hazard-ratio and --lambda2');
    const r = byHr
      ? sampleSizeSurvival(d, {
          hazardRatio: numberOption(options, 'hazardRatio'),
          lambda2: numberOption(options, 'lambda2'),
          ...common,
        })
      : sampleSizeSurvival(d, {
          pi1: numberOption(options, 'pi1'),
          pi2: numberOption(options, 'pi2'),
          eventTime: numberOption(options, 'eventTime', 12),
          ...common,
        });
    return {
      max_number_of_events: r.maxNumberOfEvents,
      events_per_stage: r.eventsPerStage,
      max_number_of_subjects: r.maxNumberOfSubjects,
      analysis_time: r.analysisTime,
      events_fixed: r.eventsFixed,
      n_fixed: r.nFixed,
      omega: r.omega,
      hazard_ratio: r.hazardRatio,
      lambda1: r.lambda1,
      lambda2: r.lambda2,
      design: designJson(d),
    };
  },
  table: renderResultTable,
};

/** gsdesign, samplesize-rates and samplesize-survival. */
export const designMethods: readonly StatsMethod[] = [gsdesign, samplesizeRates, samplesizeSurvival];
