import type { Command } from 'commander';
import { sweepOverdueDoses } from '@immunotrial/server';
import { type CliIo, UsageError } from '../../io.js';
import { commandDeps, openStore } from './open-store.js';

/** `immunotrial deviations sweep [--data DIR]`: the server's overdue-dose sweep, run once by hand. */
export function registerDeviationCommands(program: Command, io: CliIo): void {
  program
    .command('deviations')
    .description('Protocol deviations')
    .command('sweep')
    .description(
      'Write a deviation for every dose whose window closed with nothing recorded (the server does this every 10 minutes; safe to run alongside it)',
    )
    .option(
      '--data <dir>',
      'PGlite data folder (default: IMMUNOTRIAL_DATA_DIR or ./data; ignored with DATABASE_URL)',
    )
    .action(async (options: { data?: string }) => {
      const opened = await openStore(options.data);
      try {
        const report = await sweepOverdueDoses(commandDeps(opened));
        io.out(
          `swept ${String(report.participants)} participant(s): ${String(report.deviations)} deviation(s) written`,
        );
        for (const f of report.failed) io.err(`participant ${f.participantId}: ${f.message}`);
        if (report.failed.length > 0)
          throw new UsageError(`the sweep failed for ${String(report.failed.length)} participant(s)`);
      } finally {
        await opened.close();
      }
    });
}
