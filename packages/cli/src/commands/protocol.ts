import { type Command, CommanderError } from 'commander';
import {
  formatProtocolIssue,
  type LoadedProtocol,
  ProtocolInvalidError,
  TrialError,
} from '@immunotrial/core';
import type { CliIo } from '../io.js';
import { loadProtocolById, loadProtocolFile } from '../protocol-files.js';
import { formatProtocolSummary } from './protocol-summary.js';

/** Exit code 1 once the located errors are on stderr (main prints nothing more for a CommanderError). */
function failed(): CommanderError {
  return new CommanderError(1, 'immunotrial.protocol.invalid', 'protocol invalid');
}

/** Runs a load, printing every located problem of an invalid file; undefined when it did not load. */
function tryLoad(io: CliIo, load: () => LoadedProtocol): LoadedProtocol | undefined {
  try {
    return load();
  } catch (e) {
    if (e instanceof ProtocolInvalidError) for (const issue of e.issues) io.err(formatProtocolIssue(issue));
    else if (e instanceof TrialError && e.code.startsWith('protocol.')) io.err(`error: ${e.message}`);
    else throw e;
    return undefined;
  }
}

/** `immunotrial protocol validate FILE...` and `immunotrial protocol show ID|FILE`. */
export function registerProtocolCommands(program: Command, io: CliIo): void {
  const protocol = program.command('protocol').description('Validate and show protocol files');
  protocol
    .command('validate')
    .description('Check protocol files: YAML, schema, references and every eligibility rule')
    .argument('<files...>', 'protocol files (YAML)')
    .action((files: readonly string[]) => {
      let ok = true;
      for (const file of files) {
        const loaded = tryLoad(io, () => loadProtocolFile(file));
        if (!loaded) {
          ok = false;
          continue;
        }
        const { id, version, eligibility } = loaded.protocol;
        io.out(
          `ok: ${file} (${id} v${version}, ${eligibility.inclusion.length} inclusion, ${eligibility.exclusion.length} exclusion)`,
        );
      }
      if (!ok) throw failed();
    });
  protocol
    .command('show')
    .description(
      'Print a readable summary of a protocol: design, schedules, endpoints, criteria, assumptions',
    )
    .argument('<protocol>', 'a protocol id (infinity, platinium, immunosep, iris7) or a protocol file')
    .action((idOrFile: string) => {
      const loaded = tryLoad(io, () => loadProtocolById(idOrFile));
      if (!loaded) throw failed();
      io.out(formatProtocolSummary(loaded));
    });
  for (const c of protocol.commands) c.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
}
