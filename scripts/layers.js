// Which workspace packages each package may depend on: dependencies point inward only
// (ARCHITECTURE.md). Read by eslint.config.js (imports) and check-dependencies.js (package.json).
export const allowedDependencies = {
  stats: [],
  core: ['stats'],
  ingest: ['core', 'stats'],
  sim: ['core', 'stats'],
  db: ['core', 'stats'],
  server: ['core', 'stats', 'ingest', 'sim', 'db'],
  web: ['core', 'stats'],
  cli: ['core', 'stats', 'ingest', 'sim', 'db', 'server'],
};

/** Packages that must stay pure: no I/O, no clock, no global randomness. */
export const purePackages = ['core', 'stats', 'sim'];
