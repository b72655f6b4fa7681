#!/usr/bin/env node
// Runs the browser tests (e2e/*.e2e.ts) when Debian's Chromium is installed, and says plainly when it is not.
// `E2E_REQUIRED=1` turns a missing Chromium into a failure (for CI, which installs it).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `Browser tests SKIPPED: ${chromium} not found (install it with: apt-get install -y chromium).`;
  if (process.env.E2E_REQUIRED === '1') {
    console.error(`${message} E2E_REQUIRED=1, so this is a failure.`);
    process.exit(1);
  }
  console.log(message);
  process.exit(0);
}
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
// Always build the web app from the current sources: a stale dist would test old pages.
if (run('npm', ['run', 'build', '-w', '@immunotrial/web']) !== 0) process.exit(1);
// The web app's API types must match the document the server serves now (npm run generate:web-api rewrites them).
if (run('npx', ['tsx', 'scripts/generate-web-api.ts', '--check']) !== 0) process.exit(1);
process.exit(run('npx', ['vitest', 'run', '--config', 'e2e/vitest.config.ts']));
