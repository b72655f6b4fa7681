import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A transaction of the trial database. */
export type Tx = Transaction<Database>;

/** PostgreSQL's codes for a transaction that may succeed if run again. */
const RETRYABLE = new Set(['40001', '40P01']);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** True for a serialization failure or deadlock (SQLSTATE 40001, 40P01). */
export function isRetryableError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && RETRYABLE.has(code);
}

/** Options of `writeTransaction` and `serializableTransaction`. */
export interface WriteOptions {
  /** Attempts before a serialization failure or deadlock is given up (default 10). */
  readonly attempts?: number;
  /** Called before each retry, with the attempt number that failed (for logs and tests). */
  readonly onRetry?: (attempt: number, error: unknown) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function withRetry<T>(run: () => Promise<T>, options: WriteOptions): Promise<T> {
  const attempts = options.attempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isRetryableError(error) || attempt >= attempts) throw error;
      options.onRetry?.(attempt, error);
      // Jittered exponential back-off, capped: spreads out writers that collided.
      await sleep(Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/**
 * Runs `work` in one READ COMMITTED transaction: everything it writes commits together, or nothing does.
 * Services lock what they change (`FOR UPDATE` on the participant, the form, the site) and the audit
 * chain's head row last (appendAuditEvents), so writes of one trial run in parallel and queue only for
 * the chain append and commit. Deadlocks are retried.
 * @param db - The database.
 * @param work - The transaction body; it may run more than once, so it must not have outside effects.
 * @throws whatever `work` throws (after rollback).
 */
export async function writeTransaction<T>(
  db: Kysely<Database>,
  _chain: string,
  work: (tx: Tx) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  return withRetry(() => db.transaction().setIsolationLevel('read committed').execute(work), options);
}

/**
 * Runs `work` in one SERIALIZABLE transaction (randomization: the next slot and kit must be decided on a
 * state no concurrent writer changes). Writers of the same `lockKey` first take a session advisory lock on
 * their connection, *before* BEGIN, so each one's snapshot is taken after the previous one committed:
 * they queue instead of failing each other. A serialization failure that still happens (another writer
 * moved the audit chain's head meanwhile) is retried with jittered back-off.
 * @param lockKey - What to serialize on (the trial id).
 */
export async function serializableTransaction<T>(
  db: Kysely<Database>,
  lockKey: string,
  work: (tx: Tx) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  return withRetry(
    () =>
      db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(hashtext(${lockKey}))`.execute(conn);
        try {
          return await conn.transaction().setIsolationLevel('serializable').execute(work);
        } finally {
          await sql`select pg_advisory_unlock(hashtext(${lockKey}))`.execute(conn);
        }
      }),
    { attempts: 20, ...options },
  );
}

/**
 * Runs `work` in a read-only REPEATABLE READ transaction: every read sees one consistent snapshot
 * (a backup, a report).
 */
export async function readTransaction<T>(db: Kysely<Database>, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
}
