// Lint rules, including the boundaries of docs/architecture.md: only
// electron/main and electron/preload may import `electron`; the project's
// shared/ touches neither Node nor the DOM; the renderer never imports Node or
// main-process code; each module imports only what the module map allows it
// (module-map.js, enforced by eslint-rules/module-boundaries.js).
import { resolve } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import kontor from './eslint-rules/module-boundaries.js';
import { TEMPORARY_CROSSINGS } from './module-map.js';

const root = resolve(import.meta.dirname, '../..');

/**
 * Tests never read the wall clock: a test that does passes or fails by the
 * weekday, the hour, the time zone or the machine's speed. They take now and
 * today from a fixed clock and payment dates from the TARGET2 calendar, and
 * wait for other processes through test/support/wait.ts, which counts attempts.
 */
const WALL_CLOCK_ADVICE =
  'Tests do not read the wall clock: take now/today from fixedClock or testClock (test/support/clock.ts), payment dates from nextTarget2Day/addTarget2Days, wait with waitFor (test/support/wait.ts), and count work instead of timing it.';
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts', '**/test-*.ts', '**/*-fixtures.ts', 'test/**/*.{ts,mts,mjs,js}'];
const wallClockRules = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: WALL_CLOCK_ADVICE },
    { object: 'performance', property: 'now', message: WALL_CLOCK_ADVICE },
    { object: 'process', property: 'hrtime', message: WALL_CLOCK_ADVICE },
    { object: 'process', property: 'uptime', message: WALL_CLOCK_ADVICE },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: `new Date() is now. ${WALL_CLOCK_ADVICE}` },
    { selector: 'CallExpression[callee.name="Date"]', message: `Date() is now. ${WALL_CLOCK_ADVICE}` },
    {
      selector: 'Identifier[name="systemClock"]:not(ImportSpecifier > Identifier.local)',
      message: `systemClock is the workstation's clock. ${WALL_CLOCK_ADVICE}`,
    },
  ],
};

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'zlib', 'url', 'stream', 'util', 'buffer'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['electron/**/*.{ts,mts,mjs}', 'shared/**/*.ts', 'test/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron; everything else must run under plain Node.' }] },
      ],
    },
  },
  {
    files: ['electron/**/*.{ts,tsx,mts,mjs,js}', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { kontor },
    rules: { 'kontor/module-boundaries': ['error', { root, temporary: TEMPORARY_CROSSINGS }] },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ runs in every process: no Electron.' }],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs in the renderer too: no Node modules.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on main or renderer code.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: talk to main through the API client.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node modules.' },
            { group: ['**/electron/**'], message: 'The renderer must not import main-process code; use the API.' },
          ],
        },
      ],
    },
  },
  {
    files: testFiles,
    // Benchmarks measure time by design; configs and runners (test/config) are tools, not tests.
    ignores: ['test/bench/**', 'test/config/**'],
    rules: wallClockRules,
  },
  {
    // The one documented exception in the reliability suites: sleeping,
    // reporting how long a run took and the hang guard (support/wall.ts).
    files: ['test/reliability/support/wall.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
  // ---- function length (issue 16): self-contained, keep it in one piece ----------------
  {
    // No production function longer than 150 lines, React components included.
    // Every line from the function's first to its last counts, blank lines and
    // comments too, and a nested function's lines count again in the one around it.
    files: ['electron/**/*.{ts,tsx,mts,mjs,js,cjs}', 'shared/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.spec.ts', '**/test-*.ts', '**/*-fixtures.ts', '**/fixtures/**'],
    rules: { 'max-lines-per-function': ['error', { max: 150, skipBlankLines: false, skipComments: false, IIFEs: true }] },
  },
  // ---- end of function length ------------------------------------------------------------
);
