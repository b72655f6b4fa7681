import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['packages/web/**', '**/node_modules/**'],
          environment: 'node',
        },
      },
      // The web app's component tests: Testing Library in jsdom (packages/web/src/test/setup.ts).
      {
        extends: true,
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.ts', 'packages/web/src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['packages/web/src/test/setup.ts'],
        },
      },
    ],
  },
});
