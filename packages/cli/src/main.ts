import { Command, CommanderError } from 'commander';
import { TrialError } from '@immunotrial/core';
import { type CliIo, processIo, UsageError } from './io.js';
import { registerProtocolCommands } from './commands/protocol.js';
import { registerScoreCommand } from './commands/score.js';
import { registerScreenCommand } from './commands/screen.js';
import { registerStartCommand } from './commands/start.js';
import { registerStatsCommand } from './commands/stats.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerServeCommand } from './commands/server/serve.js';
import { registerDatabaseCommands } from './commands/server/db-commands.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDeviationCommands } from './commands/server/deviation-commands.js';

/** Builds the `immunotrial` command tree; each command reports through `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('immunotrial')
    .description(
      'Run biomarker-guided immunotherapy trials in critically ill patients from one protocol file.',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  registerStartCommand(program, io);
  registerProtocolCommands(program, io);
  registerScoreCommand(program, io);
  registerScreenCommand(program, io);
  registerStatsCommand(program, io);
  registerSimulateCommand(program, io);
  registerServeCommand(program, io);
  registerDatabaseCommands(program, io);
  registerDemoCommand(program, io);
  registerDeviationCommands(program, io);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  return program;
}

/**
 * Runs the CLI. Returns the exit code: 0 when the command ran (whatever a patient's eligibility),
 * 1 on bad input, with the message on stderr.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof TrialError || error instanceof UsageError) {
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
