#!/usr/bin/env node
// Fails when a workspace package declares a dependency on a package further out
// than scripts/layers.js allows, so the layering holds at install time too.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { allowedDependencies } from './layers.js';

const root = join(import.meta.dirname, '..');
const problems = [];
for (const name of readdirSync(join(root, 'packages'))) {
  const file = join(root, 'packages', name, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  const allowed = allowedDependencies[name];
  if (!allowed) {
    problems.push(`packages/${name}: not listed in scripts/layers.js`);
    continue;
  }
  const deps = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies };
  for (const dep of Object.keys(deps)) {
    const m = /^@immunotrial\/(.+)$/.exec(dep);
    if (m && !allowed.includes(m[1])) {
      problems.push(
        `packages/${name}/package.json: depends on ${dep}, but ${name} may only use ${allowed.join(', ') || 'no workspace package'}`,
      );
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('dependency layering: ok');
