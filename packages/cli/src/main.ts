import { Command, CommanderError } from 'commander';
import { type CliIo, processIo, UsageError } from './io.js';

type Register = (program: Command, io: CliIo) => void;

/**
 * Each top-level command and how to load it. Loading is deferred because the commands pull in the engine,
 * the server and the simulator (over a second through tsx): `immunotrial --version` or `immunotrial score`
 * should not pay for `serve`. Help with no command loads them all to list them.
 */
const COMMANDS: readonly { readonly names: readonly string[]; readonly load: () => Promise<Register> }[] = [
  { names: ['start'], load: async () => (await import('./commands/start.js')).registerStartCommand },
  {
    names: ['protocol'],
    load: async () => (await import('./commands/protocol.js')).registerProtocolCommands,
  },
  { names: ['score'], load: async () => (await import('./commands/score.js')).registerScoreCommand },
  { names: ['screen'], load: async () => (await import('./commands/screen.js')).registerScreenCommand },
  { names: ['stats'], load: async () => (await import('./commands/stats.js')).registerStatsCommand },
  { names: ['simulate'], load: async () => (await import('./commands/simulate.js')).registerSimulateCommand },
  { names: ['serve'], load: async () => (await import('./commands/server/serve.js')).registerServeCommand },
  {
    names: ['db', 'backup', 'restore', 'audit', 'user'],
    load: async () => (await import('./commands/server/db-commands.js')).registerDatabaseCommands,
  },
  { names: ['demo'], load: async () => (await import('./commands/demo.js')).registerDemoCommand },
  {
    names: ['deviations'],
    load: async () => (await import('./commands/server/deviation-commands.js')).registerDeviationCommands,
  },
];

/** The first argument that is not an option: the command asked for, if any. */
function commandNameOf(argv: readonly string[]): string | undefined {
  return argv.find((a) => !a.startsWith('-'));
}

/**
 * Builds the `immunotrial` command tree; each command reports through `io`.
 * @param argv - When given, only the command it names is loaded (all of them when it names none or an
 *   unknown one, so that help and "unknown command" list every command).
 */
export async function buildProgram(io: CliIo, argv?: readonly string[]): Promise<Command> {
  const program = new Command('immunotrial')
    .description(
      'Run biomarker-guided immunotherapy trials in critically ill patients from one protocol file.',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const name = argv === undefined ? undefined : commandNameOf(argv);
  const versionOnly =
    argv !== undefined && name === undefined && (argv[0] === '--version' || argv[0] === '-V');
  const wanted = COMMANDS.filter((c) => name !== undefined && c.names.includes(name));
  const toLoad = versionOnly ? [] : wanted.length > 0 ? wanted : COMMANDS;
  for (const register of await Promise.all(toLoad.map((c) => c.load()))) register(program, io);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  return program;
}

/** Whether `error` is core's TrialError (or a subclass); core is loaded only when something failed. */
async function isTrialError(error: unknown): Promise<boolean> {
  if (!(error instanceof Error)) return false;
  const { TrialError } = await import('@immunotrial/core');
  return error instanceof TrialError;
}

/**
 * Runs the CLI. Returns the exit code: 0 when the command ran (whatever a patient's eligibility),
 * 1 on bad input, with the message on stderr.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = await buildProgram(io, argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof Error && (error instanceof UsageError || (await isTrialError(error)))) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    if (error instanceof RangeError) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  }
}
