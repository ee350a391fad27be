// ESLint flat config: typescript-eslint with the type-aware promise rules, and the layering of the
// architecture (README "Architecture") held by import restrictions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.tools/',
      'coverage/',
      'bench/results/',
      'web/dist/',
      'test/artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Workflow and request code must never drop a promise: an un-awaited activity or write is a lost effect.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      // Workflow state is declared before the handlers that read it and assigned later.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Money is integer minor units in every layer that handles it (bench/ and test/ may print ratios).
    files: ['domain/**/*.ts', 'db/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts', 'api/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name="toFixed"]',
          message: 'Money is integer minor units: no toFixed.',
        },
        {
          selector: 'CallExpression[callee.name="parseFloat"]',
          message: 'No floats from strings: parse decimals exactly.',
        },
      ],
    },
  },
  {
    // Tests and benches read JSON answers of any shape.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  // domain/ is pure: it imports no other layer of the project and no I/O library.
  layer(
    ['domain/**/*.ts'],
    [
      ['../db/**', '../api/**', '../activities/**', '../workflows/**', '../worker/**', '../platform/**'],
      ['node:*', '@mikro-orm/*', 'express', '@temporalio/*', 'pg'],
    ],
    'domain/ holds pure rules: no other layer, no I/O.',
  ),
  // Workflows are deterministic: domain/ and the workflow SDK only; activities by `import type`.
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../activities/**'],
              allowTypeImports: true,
              message: 'Workflows import activities by `import type` only.',
            },
            {
              group: [
                '../db/**',
                '../api/**',
                '../worker/**',
                '../platform/**',
                'node:*',
                '@mikro-orm/*',
                'express',
                'pg',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Workflow code is deterministic: domain/ and @temporalio/workflow only.',
            },
          ],
        },
      ],
    },
  },
  // The API drives processes through Temporal and reads through db/: it never calls an activity.
  layer(
    ['api/**/*.ts'],
    [['../activities/**', '../../activities/**']],
    'The API imports no activity: shared SQL lives in db/queries.',
  ),
  // db/ knows nothing of the processes' runtime or the HTTP face.
  layer(
    ['db/**/*.ts'],
    [['../api/**', '../../api/**', '../activities/**', '../../activities/**', '../workflows/**', '../../workflows/**']],
    'db/ imports no upper layer.',
  ),
);
