import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-dialect.js';
import { preparingPool } from './prepared-statements.js';
import type { Database } from './schema.js';

/** Which backend a database runs on. */
export type DatabaseKind = 'pglite' | 'postgres';

/** Where to open the database: a PostgreSQL URL, a PGlite data folder, or an in-memory PGlite. */
export type DatabaseLocation =
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly poolSize?: number;
      /** Told when an idle pooled connection fails (e.g. to log it). */
      readonly onIdleError?: (error: Error) => void;
    }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'memory' };

/** An open database and how to close it. */
export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** For messages: the data folder, `memory`, or the URL without its password. */
  readonly description: string;
  readonly close: () => Promise<void>;
}

/** A URL with its password replaced by `***`, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Chooses the database from the environment: PostgreSQL when `DATABASE_URL` is set (connections per
 * process: `DATABASE_POOL_SIZE`, default 10), else PGlite in the folder given by `--data` (`dataDir`),
 * else `IMMUNOTRIAL_DATA_DIR`, else `./data`.
 * @throws Error when `DATABASE_POOL_SIZE` is not a whole number from 1 to 1000.
 * @param env - The environment (`process.env`).
 * @param dataDir - The `--data DIR` option, when given.
 * @example locateDatabase({}, undefined) // => { kind: 'pglite', dataDir: '/cwd/data' }
 */
export function locateDatabase(
  env: Readonly<Record<string, string | undefined>>,
  dataDir?: string,
): DatabaseLocation {
  const url = env.DATABASE_URL;
  if (dataDir === undefined && url !== undefined && url !== '') {
    const size = env.DATABASE_POOL_SIZE;
    if (size === undefined || size === '') return { kind: 'postgres', url };
    const poolSize = Number(size);
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000)
      throw new Error(`DATABASE_POOL_SIZE: expected a whole number from 1 to 1000, received "${size}"`);
    return { kind: 'postgres', url, poolSize };
  }
  return { kind: 'pglite', dataDir: resolve(dataDir ?? env.IMMUNOTRIAL_DATA_DIR ?? './data') };
}

/**
 * Opens a database (without migrating it: see `migrateToLatest`).
 * @throws Error when PGlite cannot open the folder or PostgreSQL refuses the first connection.
 */
export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 10 });
    // An idle connection the server ended (restart, database dropped) emits 'error' on the pool; without a
    // listener that would crash the process. The pool drops the connection; the next query opens another.
    pool.on('error', (error) => {
      location.onIdleError?.(error);
    });
    // Fail now, with a clear message, rather than at the first query.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return { db, kind: 'postgres', description: redactUrl(location.url), close: () => db.destroy() };
  }
  if (location.kind === 'pglite') mkdirSync(location.dataDir, { recursive: true });
  const lite = location.kind === 'pglite' ? await PGlite.create(location.dataDir) : await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PgliteDialect(lite) });
  return {
    db,
    kind: 'pglite',
    description: location.kind === 'pglite' ? location.dataDir : 'memory',
    close: () => db.destroy(),
  };
}
