import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type CliIo, UsageError } from '../io.js';
import { basicMethods } from './stats/basic-methods.js';
import { readCsvTable } from './stats/csv.js';
import type { CsvTable, StatsMethod } from './stats/method.js';
import { toJson } from './stats/render.js';
import { survivalMethods } from './stats/survival-methods.js';

async function loadData(file: string): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new UsageError(
      `--data: cannot read ${file}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  return readCsvTable(file, text);
}

function registerMethod(stats: Command, method: StatsMethod, io: CliIo): void {
  const sub = stats.command(method.name).description(method.description);
  if (method.data === 'required') sub.requiredOption('--data <file>', 'CSV file with a header row');
  else if (method.data === 'optional') sub.option('--data <file>', 'CSV file with a header row');
  sub.option('--format <format>', 'json or table', 'json');
  method.configure(sub);
  sub.action(async (options: Record<string, unknown>) => {
    const format = options['format'];
    if (format !== 'json' && format !== 'table') {
      throw new UsageError(`--format: expected json or table, received "${String(format)}"`);
    }
    const file = options['data'];
    const data = typeof file === 'string' ? await loadData(file) : undefined;
    const result = method.run(options, data);
    io.out(format === 'json' ? toJson(result) : method.table(result));
  });
}

/**
 * `immunotrial stats <method> --data FILE.csv [options] [--format json|table]`: one subcommand per
 * method (docs/stats.md, docs/stats-survival.md). JSON uses R's field names in snake_case.
 */
export function registerStatsCommand(program: Command, io: CliIo): void {
  const stats = program.command('stats').description('Statistical analyses that match R (docs/stats.md)');
  for (const method of [...survivalMethods, ...basicMethods]) registerMethod(stats, method, io);
  for (const c of stats.commands) c.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
}
