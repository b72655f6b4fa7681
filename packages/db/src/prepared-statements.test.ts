import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from './open-database.js';
import { preparedQuery } from './prepared-query.js';
import pg from 'pg';
import { preparingPool, StatementNames } from './prepared-statements.js';
import { testBackends } from './testing.js';

describe('StatementNames', () => {
  it('names a data statement the second time it is seen, and keeps that name', () => {
    const names = new StatementNames();
    const text = 'select * from users where id = $1';
    expect(names.nameFor(text)).toBeUndefined();
    const name = names.nameFor(text);
    expect(name).toMatch(/^immunotrial_\d+$/);
    expect(names.nameFor(text)).toBe(name);
    expect(names.nameFor(`${text} `)).toBeUndefined();
    expect(names.size).toBe(1);
  });

  it('never names DDL or transaction control, however often sent', () => {
    const names = new StatementNames();
    for (const text of ['create table t (x int)', 'begin', 'commit', 'alter table t add y int', 'vacuum']) {
      for (let i = 0; i < 3; i++) expect(names.nameFor(text)).toBeUndefined();
    }
    expect(names.size).toBe(0);
    names.nameFor('  WITH x as (select 1) select * from x');
    expect(names.nameFor('  WITH x as (select 1) select * from x')).toBeDefined();
  });

  it('stops naming at its limit, so generated variants cannot grow the caches without bound', () => {
    const names = new StatementNames(3);
    const texts = Array.from({ length: 10 }, (_, i) => `select $1::int + ${String(i)}`);
    for (const t of texts) names.nameFor(t);
    const named = texts.map((t) => names.nameFor(t));
    expect(named.filter((n) => n !== undefined)).toHaveLength(3);
    expect(names.size).toBe(3);
    // The ones named keep their names; the others stay unnamed.
    expect(texts.map((t) => names.nameFor(t))).toEqual(named);
  });
});

describe('preparedQuery', () => {
  const byUsername = preparedQuery(2, (db, username: string, active: boolean) =>
    db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('username', '=', username)
      .where('active', '=', active)
      .where('full_name', '<>', 'a constant of the builder')
      .orderBy('id'),
  );

  it('refuses a builder that drops an argument', async () => {
    const { db, close } = await (testBackends()[0]?.open() ?? Promise.reject(new Error('no backend')));
    try {
      const bad = preparedQuery(2, (d, id: string, _unused: string) =>
        d.selectFrom('users').selectAll().where('id', '=', id),
      );
      await expect(bad.execute(db, ['x', 'y'])).rejects.toThrow('argument 1 is not a parameter');
    } finally {
      await close();
    }
  });

  describe.each(testBackends())('on $name', ({ name, open }) => {
    let opened: OpenDatabase;
    beforeAll(async () => {
      opened = await open();
      const row = (id: string, username: string, active: boolean): Record<string, unknown> => ({
        id,
        username,
        full_name: `Full ${username}`,
        password_hash: 'x',
        active,
        created_at: '2026-11-22T00:00:00.000Z',
      });
      await opened.db
        .insertInto('users')
        .values([row('u1', 'ana', true), row('u2', 'ben', true), row('u3', 'cleo', false)] as never)
        .execute();
    });
    afterAll(async () => {
      await opened.close();
    });

    it('runs with each call’s arguments, in order, with the builder’s constants kept', async () => {
      expect(await byUsername.execute(opened.db, ['ben', true])).toEqual([{ id: 'u2', username: 'ben' }]);
      expect(await byUsername.execute(opened.db, ['cleo', true])).toEqual([]);
      expect(await byUsername.execute(opened.db, ['cleo', false])).toEqual([{ id: 'u3', username: 'cleo' }]);
    });

    it('compiles once: the same SQL string every time', () => {
      expect(byUsername.sql(opened.db)).toBe(byUsername.sql(opened.db));
      expect(byUsername.sql(opened.db)).toContain('"full_name" <> $3');
    });

    it('runs inside a transaction, seeing its uncommitted rows', async () => {
      const seen = await opened.db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ active: false }).where('id', '=', 'u1').execute();
        const inside = await byUsername.execute(tx, ['ana', false]);
        await tx.updateTable('users').set({ active: true }).where('id', '=', 'u1').execute();
        return inside;
      });
      expect(seen).toEqual([{ id: 'u1', username: 'ana' }]);
    });

    // PGlite has no pool: statements are named on PostgreSQL only (CI sets TEST_DATABASE_URL).
    if (name === 'postgres')
      it('is prepared once per connection by PostgreSQL (named statement)', async () => {
        const prepared = await opened.db.transaction().execute(async (tx) => {
          for (let i = 0; i < 3; i++) await byUsername.execute(tx, ['ana', true]);
          return sql<{
            name: string;
            statement: string;
          }>`select name, statement from pg_prepared_statements`.execute(tx);
        });
        const ours = prepared.rows.filter((r) => r.statement === byUsername.sql(opened.db));
        expect(ours).toHaveLength(1);
        expect(ours[0]?.name).toMatch(/^immunotrial_\d+$/);
      });
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;
// Needs a PostgreSQL server: CI sets TEST_DATABASE_URL.
if (pgUrl !== undefined && pgUrl !== '')
  describe('preparingPool', () => {
    it('wraps each pooled connection once, and releases it back to the pool', async () => {
      const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
      const wrapped = preparingPool(pool);
      try {
        const first = await wrapped.connect();
        first.release();
        const second = await wrapped.connect();
        expect(second).toBe(first);
        expect(pool.idleCount).toBe(0);
        second.release();
        expect(pool.idleCount).toBe(1);
      } finally {
        await wrapped.end();
      }
    });
  });
