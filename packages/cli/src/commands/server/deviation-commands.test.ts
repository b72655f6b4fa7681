import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test-support.js';

describe('immunotrial deviations sweep (PGlite folder)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'immunotrial-cli-sweep-'));
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('sweeps a database and says how many participants and deviations', async () => {
    const run = await runCli(['deviations', 'sweep', '--data', join(dir, 'a')]);
    expect(run).toEqual({ code: 0, out: 'swept 0 participant(s): 0 deviation(s) written\n', err: '' });
  }, 120_000);
});
