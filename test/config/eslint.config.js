// Lint rules, including the process boundaries of DESIGN.md: only
// electron/main and electron/preload may import `electron`; the project's
// shared/ touches neither Node nor the DOM; the renderer never imports Node or
// main-process code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron; everything else must run under plain Node.' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ runs in every process: no Electron.' }],
        patterns: [
          { group: nodeBuiltins, message: 'shared/ runs in the renderer too: no Node modules.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on main or renderer code.' },
        ],
      }],
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
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer is sandboxed: talk to main through the API client.' }],
        patterns: [
          { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node modules.' },
          { group: ['**/electron/**'], message: 'The renderer must not import main-process code; use the API.' },
        ],
      }],
    },
  },
);
