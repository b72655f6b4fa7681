import type { Command } from 'commander';
import { type CliIo, UsageError } from '../io.js';
import { DEFAULT_DEMO_PASSWORD, type DemoResult, populateDemo } from '../demo/populate-demo.js';
import { runServer } from './server/serve.js';
import { wholeNumber } from './simulate.js';

const DAY_MS = 86_400_000;
/** Patients in the default demo: about twenty randomized in INFINITY. */
const DEFAULT_COHORT = '150';

/** Options of `immunotrial demo`, as parsed. */
interface DemoCommandOptions {
  readonly data: string;
  readonly cohort: string;
  readonly seed: string;
  readonly port: string;
  readonly host: string;
  readonly serve: boolean;
  readonly reset?: boolean;
  readonly asOf?: string;
}

/** The demo's "now": the given date's midnight UTC, or today's (so a seed gives the same demo all day). */
function asOfOf(text: string | undefined): number {
  if (text === undefined) return Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms))
    throw new UsageError(`--as-of: expected a date YYYY-MM-DD, received "${text}"`);
  return ms;
}

function demoPassword(env: NodeJS.ProcessEnv): string {
  const given = env.IMMUNOTRIAL_DEMO_PASSWORD;
  const password = given === undefined || given === '' ? DEFAULT_DEMO_PASSWORD : given;
  if (password.length < 10)
    throw new UsageError('IMMUNOTRIAL_DEMO_PASSWORD: expected at least 10 characters (the password rule)');
  return password;
}

function report(result: DemoResult, options: DemoCommandOptions, password: string, io: CliIo): void {
  const c = result.counts;
  io.out(
    [
      `demo trial INFINITY in ${options.data}:`,
      `  screened ${String(c.screened)} virtual patients (${String(c.eligible)} eligible, ${String(c.ineligible)} ineligible, ${String(c.incomplete)} incomplete)`,
      `  consented ${String(c.consented)}, randomized ${String(c.randomized)}`,
      `  doses: ${String(c.dosesGiven)} given (${String(c.dosesOutOfWindow)} outside the window), ${String(c.dosesHeld)} held, ${String(c.dosesMissed)} missed`,
      `  forms saved ${String(c.formsSaved)}, signed ${String(c.formsSigned)}; queries raised ${String(c.autoQueries)}, answered ${String(c.queriesAnswered)}, closed ${String(c.queriesClosed)}`,
      `  infections ${String(c.infections)}, deaths ${String(c.deaths)}, completed ${String(c.completed)}`,
      `  audit chains verified: ${result.audit.chains.map((ch) => `${ch.chain} ${String(ch.events)} events`).join(', ')}`,
      '',
      `demo users (password: ${password === DEFAULT_DEMO_PASSWORD ? password : 'IMMUNOTRIAL_DEMO_PASSWORD'}):`,
      ...result.unit.users.map(
        (u) => `  ${u.username.padEnd(26)} ${u.role}${u.site === null ? '' : ` at ${u.site}`}`,
      ),
    ].join('\n'),
  );
}

/**
 * `immunotrial demo [--data DIR] [--cohort N] [--seed S] [--port P] [--no-serve] [--reset]`: a populated
 * demo trial in a folder of its own (docs/twin.md), then the server on it.
 */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description("Fill a demo database with a virtual INFINITY trial (the twin's patients), then serve it")
    .option('--data <dir>', 'embedded database folder of the demo (never ./data)', './data-demo')
    .option('--cohort <n>', 'virtual ICU patients to screen', DEFAULT_COHORT)
    .option('--seed <s>', 'seed of the cohort and of every demo choice', '1')
    .option('--port <port>', 'TCP port of the server', '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--no-serve', 'populate and exit')
    .option('--reset', 'delete the demo folder first')
    .option('--as-of <date>', 'end the demo story on this date, YYYY-MM-DD (default: today)')
    .action(async (options: DemoCommandOptions) => {
      const cohort = wholeNumber('--cohort', options.cohort, 1);
      const seed = wholeNumber('--seed', options.seed, 0);
      const password = demoPassword(process.env);
      const now = asOfOf(options.asOf);
      io.err(`populating ${options.data} with ${String(cohort)} virtual patients (seed ${String(seed)})...`);
      const result = await populateDemo({
        dataDir: options.data,
        cohort,
        seed,
        password,
        reset: options.reset === true,
        now,
      });
      report(result, options, password, io);
      if (!options.serve) return;
      await runServer({ port: options.port, host: options.host, data: options.data }, io);
    });
}
