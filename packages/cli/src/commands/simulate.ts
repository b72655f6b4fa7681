import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseDesign } from '@immunotrial/sim';
import { simulateDesignParallel, WorkerBundleError } from '@immunotrial/sim/workers';
import type { Command } from 'commander';
import { type CliIo, UsageError } from '../io.js';
import { toJson } from './stats/render.js';
import { formatSummaryTable } from './simulate/format-summary.js';
import { createProgressBar } from './simulate/progress-bar.js';
import { runCohort, runProtocolSimulation } from './simulate/twin-command.js';

/** A whole-number option, at least `min`. @throws UsageError naming the option and what it received. */
export function wholeNumber(option: string, value: unknown, min: number): number {
  const text = String(value);
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${option}: expected a whole number >= ${min}, received "${text}"`);
  }
  return n;
}

async function readDesign(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new UsageError(
      `--design: cannot read ${file}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

/**
 * `immunotrial simulate --design FILE.yaml --trials N --seed S [--workers W] [--mc-draws N]
 * [--format json|table]`: operating characteristics of a design file (docs/simulation.md). The same seed
 * gives the same result whatever the number of workers. A progress bar shows on stderr when it is a
 * terminal.
 */
export function registerSimulateCommand(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description(
      'Simulate a trial design (--design: power, type I error, sample size, stopping; docs/simulation.md), whole trials of a protocol (--protocol) or a virtual cohort (--cohort; docs/twin.md)',
    )
    .option('--design <file>', 'design file (YAML)')
    .option('--trials <n>', 'trials per scenario', '10000')
    .requiredOption('--seed <s>', 'seed (a whole number): the same seed gives the same result')
    .option('--workers <w>', 'worker threads (default: the number of cores)')
    .option(
      '--mc-draws <n>',
      'posterior draws per arm and look instead of exact probabilities (as adaptr)',
      '0',
    )
    .option('--format <format>', 'json or table', 'json')
    .option('--protocol <id|file>', 'patient-level twin: simulate whole trials of a protocol (docs/twin.md)')
    .option(
      '--scenario <file>',
      "patient-level twin: drug effects, accrual, pool (YAML; default: the protocol's sweep)",
    )
    .option('--cohort <n>', 'patient-level twin: a virtual cohort of n ICU admissions')
    .option('--calibration', 'with --cohort: compare the cohort with the published figures')
    .option('--out <dir>', 'twin: write report.html and summary.json (--protocol) or FHIR bundles (--cohort)')
    .action(async (options: Record<string, unknown>, command: Command) => {
      if (options['cohort'] !== undefined) {
        await runCohort(options, io);
        return;
      }
      if (options['protocol'] !== undefined) {
        // The twin runs whole trials: 1,000 per scenario unless --trials says otherwise.
        const given = command.getOptionValueSource('trials') === 'cli';
        await runProtocolSimulation(
          options,
          io,
          given ? wholeNumber('--trials', options['trials'], 1) : 1000,
        );
        return;
      }
      const format = options['format'];
      if (format !== 'json' && format !== 'table') {
        throw new UsageError(`--format: expected json or table, received "${String(format)}"`);
      }
      const file = options['design'];
      // Without --protocol or --cohort (the patient-level twin, above), a design file is the way to give a trial.
      if (typeof file !== 'string') throw new UsageError('--design FILE.yaml is required');
      const trials = wholeNumber('--trials', options['trials'], 1);
      const seed = wholeNumber('--seed', options['seed'], Number.MIN_SAFE_INTEGER);
      const mcDraws = wholeNumber('--mc-draws', options['mcDraws'], 0);
      const workers =
        options['workers'] === undefined
          ? availableParallelism()
          : wholeNumber('--workers', options['workers'], 1);
      const design = parseDesign(await readDesign(file), file);
      const bar = createProgressBar(process.stderr);
      const summary = await simulateDesignParallel(design, { seed, mcDraws }, trials, {
        workers,
        onProgress: bar.update,
      })
        .catch((error: unknown) => {
          throw error instanceof WorkerBundleError ? new UsageError(error.message, { cause: error }) : error;
        })
        .finally(bar.finish);
      io.out(format === 'json' ? toJson(summary) : formatSummaryTable(summary));
    });
}
