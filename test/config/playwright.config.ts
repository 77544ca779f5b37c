import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

const chromium = process.env.KONTOR_CHROMIUM ?? '/usr/bin/chromium';
// The browser hosts the tests start inherit this: they never touch the keychain entries of a real Kontor.
process.env.KONTOR_KEYCHAIN_SERVICE ??= `Kontor-e2e-${process.pid}`;

export default defineConfig({
  testDir: resolve(import.meta.dirname, '../e2e'),
  outputDir: resolve(import.meta.dirname, '../../test-results'),
  timeout: 60_000,
  // An assertion waits for the page this long before it fails: room for a loaded machine, not a speed budget.
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
});
