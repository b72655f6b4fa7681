// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { allowedDependencies, purePackages } from './scripts/layers.js';

const workspacePackages = Object.keys(allowedDependencies);

/** Import restrictions that keep each package pointing inward. */
const layerConfigs = workspacePackages.flatMap((name) => [
  layerConfig(name, false),
  // Tests may read fixtures from disk; they still may not import outward packages.
  { ...layerConfig(name, true), files: [`packages/${name}/src/**/*.test.ts`], ignores: [] },
]);

function layerConfig(name, isTest) {
  const pure = purePackages.includes(name) && !isTest;
  return {
    files: [`packages/${name}/src/**/*.ts`, `packages/${name}/src/**/*.tsx`],
    ignores: isTest ? [] : ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: workspacePackages
                .filter((p) => p !== name && !allowedDependencies[name].includes(p))
                .map((p) => `@immunotrial/${p}`),
              message: `packages/${name} may only import ${allowedDependencies[name].join(', ') || 'no workspace package'} (scripts/layers.js).`,
            },
            ...(pure
              ? [
                  {
                    group: [
                      'node:*',
                      'fs',
                      'fs/*',
                      'path',
                      'os',
                      'child_process',
                      'http',
                      'https',
                      'net',
                      'worker_threads',
                      'crypto',
                    ],
                    message: `packages/${name} is pure: no I/O (ARCHITECTURE.md). Pass data in.`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  };
}

const pureConfig = {
  files: purePackages.map((p) => `packages/${p}/src/**/*.ts`),
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-properties': [
      'error',
      {
        object: 'Math',
        property: 'random',
        message: 'Pure package: inject a seeded generator instead of Math.random.',
      },
      { object: 'Date', property: 'now', message: 'Pure package: take the time as an argument.' },
      { object: 'performance', property: 'now', message: 'Pure package: no clock.' },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'process', message: 'Pure package: no process access.' },
      { name: 'fetch', message: 'Pure package: no I/O.' },
      { name: 'console', message: 'Pure package: return data, let the caller print.' },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'Pure package: `new Date()` reads the clock; take the time as an argument.',
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      'bench/out/**',
      'scripts/**',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'No focused tests.',
        },
      ],
    },
  },
  {
    files: ['packages/*/bin/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  ...layerConfigs,
  pureConfig,
  // The web app: browser globals, the rules of hooks (and the React Compiler's checks), type-aware like the rest.
  {
    files: ['packages/web/**/*.ts', 'packages/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Handlers passed to onClick/onSubmit may return a promise; React ignores it.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // `onClick={() => setOpen(true)}` is the React idiom; braces around every handler add nothing.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // sim's worker pool ('@immunotrial/sim/workers') is its one non-pure entry: it starts threads and caches
    // the worker bundle on disk. Only this folder; the layer rule still applies.
    ...layerConfig('sim', true),
    files: ['packages/sim/src/workers/**/*.ts'],
    ignores: [],
  },
  {
    files: ['packages/sim/src/workers/**/*.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
