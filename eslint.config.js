// Lint rules, including DESIGN.md's import direction: shared ← core ← service ← (electron, server, cli).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const IO_MODULES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'net', 'node:net',
  'http', 'node:http', 'https', 'node:https', 'worker_threads', 'node:worker_threads', 'electron', 'better-sqlite3', 'ws', 'os', 'node:os'];

const restrict = (groups, message, paths = []) => ({
  'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message })), patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-renderer/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.vue'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests edit raw lab JSON the way a hand-edited file would look; typing every shape adds nothing.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(['**/src-main/**', '**/src-renderer/**', 'node:*'], 'shared/ is the contract: pure TypeScript + zod, it imports nothing of src-* and no Node module.', IO_MODULES),
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      ...restrict(['**/service/**', '**/store/**', '**/electron/**', '**/server/**', '**/cli/**', '**/src-renderer/**'],
        'core is pure and synchronous: no I/O modules and nothing of service, store, electron, server or cli.', IO_MODULES),
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'core draws random numbers from the seeded generator only.' },
        { object: 'Date', property: 'now', message: 'core reads the simulated clock only.' }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'core schedules events on the simulated clock.' },
        { name: 'setInterval', message: 'core schedules events on the simulated clock.' }],
    },
  },
  {
    files: ['src-main/store/**/*.ts'],
    rules: restrict(['**/service/**', '**/electron/**', '**/server/**', '**/cli/**', '**/src-renderer/**'], 'store sits below service: it imports shared and core only.'),
  },
  {
    files: ['src-main/service/**/*.ts'],
    rules: restrict(['**/electron/**', '**/server/**', '**/cli/**', '**/src-renderer/**'], 'service knows no transport: electron, server and cli import it, never the other way.', ['electron']),
  },
  {
    files: ['src-renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(['**/src-main/**', 'node:*'], 'the renderer speaks to the service only through shared/api.ts.', IO_MODULES),
  },
);
