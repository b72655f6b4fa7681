import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Placeholders the builder receives in place of the arguments; unlikely to be real data. */
const SENTINEL = '\u0000immunotrial-parameter-';

/** A query built and compiled once, run with new arguments. */
export interface PreparedQuery<A extends readonly unknown[], R> {
  /** Runs the query with these arguments on `db` (the database or a transaction). */
  execute(db: Kysely<Database>, args: A): Promise<R[]>;
  /** The SQL text (the same string every time, so drivers and caches compare it by reference). */
  sql(db: Kysely<Database>): string;
}

interface Compiled {
  readonly sql: string;
  /** For each parameter of the SQL: the argument's index, or -1 for a constant of the builder. */
  readonly from: readonly number[];
  readonly constants: readonly unknown[];
}

/**
 * A query of the hottest paths (session lookup, form read) built and compiled once instead of at every
 * request: Kysely's builders and compiler were 13 % of the server's CPU at 50 concurrent form saves.
 * `build` receives placeholders for the arguments; it must use each only as a value (a compared or
 * inserted value, which Kysely sends as a parameter), never to choose the query's shape, since it runs
 * once. Every placeholder must reach the compiled parameters, or the first run throws.
 * @param arity - How many arguments the query takes.
 * @example
 * const byId = preparedQuery(1, (db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id));
 * const rows = await byId.execute(db, ['u1']);
 */
export function preparedQuery<A extends readonly unknown[], R>(
  arity: A['length'],
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
): PreparedQuery<A, R> {
  // One compilation for every database and transaction: both dialects (pg and PGlite) compile with
  // Kysely's PostgresQueryCompiler.
  let compiled: Compiled | undefined;
  const compile = (db: Kysely<Database>): Compiled => {
    if (compiled !== undefined) return compiled;
    const placeholders = Array.from({ length: arity }, (_, i) => `${SENTINEL}${String(i)}`);
    const query = build(db, ...(placeholders as unknown as A)).compile();
    const from = query.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : -1,
    );
    const unused = placeholders.findIndex((_, i) => !from.includes(i));
    if (unused >= 0)
      throw new Error(`preparedQuery: argument ${String(unused)} is not a parameter of the query`);
    compiled = { sql: query.sql, from, constants: query.parameters };
    return compiled;
  };
  return {
    async execute(db, args) {
      const c = compile(db);
      const parameters = c.from.map((i, k) => (i < 0 ? c.constants[k] : args[i]));
      const result = await db.executeQuery<R>(CompiledQuery.raw(c.sql, parameters));
      return result.rows;
    },
    sql: (db) => compile(db).sql,
  };
}
