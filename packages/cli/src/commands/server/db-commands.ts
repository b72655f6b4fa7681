import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type Backup, createBackup, parseBackup, restoreBackup, verifyAuditChain } from '@immunotrial/db';
import { checkGrantShape, createUser, grantRole, isRole, ROLES } from '@immunotrial/server';
import { type CliIo, UsageError } from '../../io.js';
import { CLI_ACTOR, commandDeps, openStore } from './open-store.js';

interface DataOption {
  readonly data?: string;
}

/** `immunotrial db migrate`, `backup FILE`, `restore FILE`, `audit verify`, `user add`. */
export function registerDatabaseCommands(program: Command, io: CliIo): void {
  const dataHelp = 'PGlite data folder (default: IMMUNOTRIAL_DATA_DIR or ./data; ignored with DATABASE_URL)';
  const db = program.command('db').description('Database administration');
  db.command('migrate')
    .description('Apply pending migrations')
    .option('--data <dir>', dataHelp)
    .action(async (options: DataOption) => {
      const opened = await openStore(options.data);
      io.out(`database ${opened.kind} ${opened.description}: migrations applied`);
      await opened.close();
    });

  program
    .command('backup')
    .description('Write a consistent logical dump of every table (JSON) that restores into either backend')
    .argument('<file>', 'output file')
    .option('--data <dir>', dataHelp)
    .action(async (file: string, options: DataOption) => {
      const opened = await openStore(options.data);
      try {
        const backup = await createBackup(opened.db, new Date().toISOString());
        writeFileSync(file, JSON.stringify(backup));
        const rows = Object.values(backup.tables).reduce((s, t) => s + t.length, 0);
        io.out(`wrote ${file}: ${String(rows)} rows from ${opened.kind} ${opened.description}`);
      } finally {
        await opened.close();
      }
    });

  program
    .command('restore')
    .description(
      'Restore a backup (this version or older) into an empty database, migrate it to this version, then verify the audit chains',
    )
    .argument('<file>', 'a file written by immunotrial backup')
    .option('--data <dir>', dataHelp)
    .action(async (file: string, options: DataOption) => {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new UsageError(
          `${file}: cannot read a JSON backup (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      let backup: Backup;
      try {
        backup = parseBackup(data);
      } catch (error) {
        throw new UsageError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      // Not migrated on open: restoreBackup brings the schema to the backup's level, inserts the rows and
      // migrates to latest in one transaction, so an older backup's rows pass through the later migrations.
      const opened = await openStore(options.data, process.env, { migrate: false });
      try {
        const report = await restoreBackup(opened.db, backup);
        if (!report.ok)
          throw new UsageError(
            `restored, but the audit chain is broken: ${describeBreak(report.firstBreak)}`,
          );
        io.out(
          `restored ${file} into ${opened.kind} ${opened.description}; audit chains verified (${report.chains.map((c) => `${c.chain}: ${String(c.events)}`).join(', ')})`,
        );
      } catch (error) {
        // A failed migration's own message names the migration; its cause says what went wrong.
        if (error instanceof Error && !(error instanceof UsageError))
          throw new UsageError(
            error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message,
          );
        throw error;
      } finally {
        await opened.close();
      }
    });

  program
    .command('audit')
    .description('Audit trail tools')
    .command('verify')
    .description('Recompute every hash chain and name the first broken link (exit code 1 if any)')
    .option('--data <dir>', dataHelp)
    .option('--trial <id>', 'verify one trial only')
    .action(async (options: DataOption & { trial?: string }) => {
      const opened = await openStore(options.data);
      try {
        const report = await verifyAuditChain(opened.db, options.trial);
        for (const c of report.chains)
          io.out(
            `${c.chain}: ${String(c.events)} events, chain intact (last hash ${c.lastHash.slice(0, 16)}…)`,
          );
        if (!report.ok) throw new UsageError(`audit chain broken: ${describeBreak(report.firstBreak)}`);
      } finally {
        await opened.close();
      }
    });

  const user = program.command('user').description('Users and role grants');
  user
    .command('add')
    .description('Create a user and grant a role (password from --password or IMMUNOTRIAL_USER_PASSWORD)')
    .argument('<username>', 'user name')
    .requiredOption('--name <full name>', 'printed name (signatures show it)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--trial <id>', 'trial of the grant (all roles but admin)')
    .option(
      '--site <code>',
      'site code of the grant (investigator, coordinator, pharmacist; monitor optionally)',
    )
    .option(
      '--password <password>',
      'initial password (prefer IMMUNOTRIAL_USER_PASSWORD: command lines are visible to other users)',
    )
    .option('--data <dir>', dataHelp)
    .action(
      async (
        username: string,
        options: DataOption & {
          name: string;
          role: string;
          trial?: string;
          site?: string;
          password?: string;
        },
      ) => {
        if (!isRole(options.role))
          throw new UsageError(`--role: expected one of ${ROLES.join(', ')}, received "${options.role}"`);
        const password = options.password ?? process.env.IMMUNOTRIAL_USER_PASSWORD;
        if (password === undefined)
          throw new UsageError('give the password with --password or IMMUNOTRIAL_USER_PASSWORD');
        checkGrantShape(options.role, options.trial ?? null, options.site ?? null);
        const opened = await openStore(options.data);
        try {
          const deps = commandDeps(opened);
          let siteId: string | null = null;
          if (options.site !== undefined) {
            const site = await opened.db
              .selectFrom('sites')
              .select('id')
              .where('code', '=', options.site)
              .executeTakeFirst();
            if (site === undefined) throw new UsageError(`--site: no site with code "${options.site}"`);
            siteId = site.id;
          }
          const created = await createUser(deps, CLI_ACTOR, { username, fullName: options.name, password });
          await grantRole(deps, CLI_ACTOR, created.id, {
            role: options.role,
            trialId: options.trial ?? null,
            siteId,
          });
          io.out(
            `created user ${username} (${options.name}) as ${options.role}${options.trial === undefined ? '' : ` in ${options.trial}`}${options.site === undefined ? '' : ` at ${options.site}`}`,
          );
        } finally {
          await opened.close();
        }
      },
    );
}

function describeBreak(b: { chain: string; seq: number; problem: string } | undefined): string {
  return b === undefined ? 'unknown' : `chain ${b.chain}, event ${String(b.seq)}: ${b.problem}`;
}
