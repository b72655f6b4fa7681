#!/usr/bin/env node
// `npm start` runs this first: builds the web app (packages/web/dist) when it has not been built yet, so that
// `immunotrial serve` has the pages to serve. `npm run build:web` rebuilds it on demand.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (existsSync(join(root, 'packages', 'web', 'dist', 'index.html'))) process.exit(0);
console.log('Building the web app (packages/web/dist) for the first start...');
const result = spawnSync('npm', ['run', 'build', '-w', '@immunotrial/web'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
