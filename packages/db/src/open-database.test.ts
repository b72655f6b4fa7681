import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateDatabase, redactUrl } from './open-database.js';

describe('locateDatabase', () => {
  const url = 'postgres://app:secret@db.example/immunotrial';

  it('chooses PostgreSQL from DATABASE_URL, with the default pool unless DATABASE_POOL_SIZE says', () => {
    expect(locateDatabase({ DATABASE_URL: url })).toEqual({ kind: 'postgres', url });
    expect(locateDatabase({ DATABASE_URL: url, DATABASE_POOL_SIZE: '' })).toEqual({ kind: 'postgres', url });
    expect(locateDatabase({ DATABASE_URL: url, DATABASE_POOL_SIZE: '4' })).toEqual({
      kind: 'postgres',
      url,
      poolSize: 4,
    });
  });

  it('refuses a pool size that is not a whole number from 1 to 1000, naming the variable', () => {
    for (const bad of ['0', '-2', '2.5', 'ten', '1001'])
      expect(() => locateDatabase({ DATABASE_URL: url, DATABASE_POOL_SIZE: bad })).toThrow(
        `DATABASE_POOL_SIZE: expected a whole number from 1 to 1000, received "${bad}"`,
      );
  });

  it('uses the --data folder over DATABASE_URL, then IMMUNOTRIAL_DATA_DIR, then ./data', () => {
    expect(locateDatabase({ DATABASE_URL: url }, '/srv/d')).toEqual({ kind: 'pglite', dataDir: '/srv/d' });
    expect(locateDatabase({ IMMUNOTRIAL_DATA_DIR: '/srv/e' })).toEqual({ kind: 'pglite', dataDir: '/srv/e' });
    expect(locateDatabase({})).toEqual({ kind: 'pglite', dataDir: resolve('./data') });
  });

  it('never shows a password in messages', () => {
    expect(redactUrl(url)).toBe('postgres://app:***@db.example/immunotrial');
  });
});
