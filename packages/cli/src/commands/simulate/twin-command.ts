import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  calibrateTwin,
  defaultScenariosOf,
  exportCohort,
  parseScenarioFile,
  parseScreeningPlans,
  type TextFile,
  type TwinInputs,
} from '@immunotrial/sim';
import { simulateTwinParallel, WorkerBundleError } from '@immunotrial/sim/workers';
import { type CliIo, UsageError } from '../../io.js';
import { listProtocolFiles, loadProtocolById, PROTOCOLS_DIR, REPOSITORY_ROOT } from '../../protocol-files.js';
import { toJson } from '../stats/render.js';
import { wholeNumber } from '../simulate.js';
import { createProgressBar } from './progress-bar.js';
import { formatCalibrationTable, formatTwinTable } from './twin-format.js';
import { renderTwinReport } from './twin-report.js';

/** The twin's model files (packages/sim/models). */
const MODELS = join(REPOSITORY_ROOT, 'packages', 'sim', 'models');
const MODEL_FILE = join(MODELS, 'icu-immunosuppression.yaml');
const PLANS_FILE = join(MODELS, 'screening.yaml');
const TARGETS_FILE = join(MODELS, 'calibration.yaml');

async function readText(option: string, path: string, name = path): Promise<TextFile> {
  try {
    return { text: await readFile(path, 'utf8'), file: name };
  } catch (cause) {
    throw new UsageError(
      `${option}: cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

function modelFiles(): Promise<[TextFile, TextFile]> {
  return Promise.all([
    readText('model', MODEL_FILE, 'packages/sim/models/icu-immunosuppression.yaml'),
    readText('screening plans', PLANS_FILE, 'packages/sim/models/screening.yaml'),
  ]);
}

/** The protocol's text: a shipped id (protocols/<id>.yaml) or a file path; checked by the core first. */
async function protocolFile(idOrPath: string): Promise<TextFile> {
  const loaded = loadProtocolById(idOrPath);
  const isPath = /[\\/]/.test(idOrPath) || /\.ya?ml$/i.test(idOrPath);
  const path = isPath ? idOrPath : join(PROTOCOLS_DIR, `${loaded.protocol.id}.yaml`);
  return readText('--protocol', path, isPath ? idOrPath : `protocols/${loaded.protocol.id}.yaml`);
}

function format(options: Record<string, unknown>): 'json' | 'table' {
  const f = options['format'];
  if (f !== 'json' && f !== 'table')
    throw new UsageError(`--format: expected json or table, received "${String(f)}"`);
  return f;
}

function workersOf(options: Record<string, unknown>): number {
  return options['workers'] === undefined
    ? availableParallelism()
    : wholeNumber('--workers', options['workers'], 1);
}

/**
 * `immunotrial simulate --protocol <id|file> [--scenario FILE] --trials N --seed S [--workers W]
 * [--format json|table] [--out DIR]`: whole trials of a protocol through the real pipeline (docs/twin.md).
 * Prints the operating characteristics and the screening yield; `--out` writes report.html (inline SVG
 * plots) and summary.json.
 * @param options - The parsed options.
 * @param io - Output.
 * @param trials - Trials per scenario.
 */
export async function runProtocolSimulation(
  options: Record<string, unknown>,
  io: CliIo,
  trials: number,
): Promise<void> {
  const fmt = format(options);
  const seed = wholeNumber('--seed', options['seed'], Number.MIN_SAFE_INTEGER);
  const workers = workersOf(options);
  const protocol = await protocolFile(String(options['protocol']));
  const [model, plans] = await modelFiles();
  const scenarioPath = options['scenario'];
  const scenarios =
    typeof scenarioPath === 'string'
      ? parseScenarioFile((await readText('--scenario', scenarioPath)).text, scenarioPath, [])
      : defaultScenariosOf(protocol);
  const inputs: TwinInputs = { model, protocol, plans, scenarios };
  const poolBar = createProgressBar(process.stderr, undefined, 'eligible in the screening pool');
  const trialBar = createProgressBar(process.stderr);
  const summary = await simulateTwinParallel(
    inputs,
    { seed, trials },
    {
      workers,
      onProgress: (phase, done, total) => {
        if (phase === 'pool') poolBar.update(done, total);
        else {
          poolBar.finish();
          trialBar.update(done, total);
        }
      },
    },
  )
    .catch((error: unknown) => {
      throw error instanceof WorkerBundleError ? new UsageError(error.message, { cause: error }) : error;
    })
    .finally(() => {
      poolBar.finish();
      trialBar.finish();
    });
  const out = options['out'];
  if (typeof out === 'string') {
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'summary.json'), toJson(summary));
    await writeFile(join(out, 'report.html'), renderTwinReport(summary));
    io.err(`wrote ${join(out, 'report.html')} and ${join(out, 'summary.json')}`);
  }
  io.out(fmt === 'json' ? toJson(summary) : formatTwinTable(summary));
}

/**
 * `immunotrial simulate --cohort N --seed S [--calibration] [--out DIR] [--format json|table]`: a virtual
 * cohort. `--calibration` compares its marginal figures with the published ones (each within a stated
 * tolerance); `--out` writes it as FHIR R4 bundles (one file per patient) with manifest.json, which
 * `immunotrial screen` reads.
 * @param options - The parsed options.
 * @param io - Output.
 */
export async function runCohort(options: Record<string, unknown>, io: CliIo): Promise<void> {
  const fmt = format(options);
  const size = wholeNumber('--cohort', options['cohort'], 1);
  const seed = wholeNumber('--seed', options['seed'], Number.MIN_SAFE_INTEGER);
  const calibration = options['calibration'] === true;
  const out = options['out'];
  if (!calibration && typeof out !== 'string') {
    throw new UsageError(
      '--cohort N needs --calibration (compare with published figures) or --out DIR (export FHIR bundles)',
    );
  }
  const [model, plans] = await modelFiles();
  const protocols = await Promise.all(
    listProtocolFiles().map((path) =>
      readText('protocol', path, `protocols/${path.split(/[\\/]/).pop() ?? path}`),
    ),
  );
  // The protocols with a screening plan (the four shipped trials).
  const plannedIds = new Set(parseScreeningPlans(plans.text, plans.file).keys());
  const planned = protocols.filter((p) =>
    plannedIds.has(p.file.replace(/^protocols\//, '').replace(/\.ya?ml$/, '')),
  );
  if (typeof out === 'string') {
    const cohort = exportCohort({ model, plans, protocols: planned }, seed, size);
    await mkdir(out, { recursive: true });
    await Promise.all(
      cohort.bundles.map((b, i) =>
        writeFile(join(out, cohort.manifest.patients[i]?.file ?? `${b.id}.json`), JSON.stringify(b, null, 1)),
      ),
    );
    await writeFile(join(out, 'manifest.json'), JSON.stringify(cohort.manifest, null, 2));
    io.err(`wrote ${cohort.bundles.length} FHIR bundles and manifest.json to ${out}`);
    if (!calibration) {
      io.out(
        fmt === 'json'
          ? toJson(cohort.manifest)
          : `${cohort.bundles.length} patients written to ${out} (manifest.json lists each protocol's screening times)`,
      );
      return;
    }
  }
  const targets = await readText('calibration targets', TARGETS_FILE, 'packages/sim/models/calibration.yaml');
  // The real engine costs about a millisecond a patient and protocol: screen at most 3,000.
  const report = calibrateTwin(
    { model, plans, protocols: planned, targets },
    seed,
    size,
    Math.min(size, 3000),
  );
  if (typeof out === 'string') await writeFile(join(out, 'calibration.json'), toJson(report));
  io.out(fmt === 'json' ? toJson(report) : formatCalibrationTable(report));
}
