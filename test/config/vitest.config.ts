import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    // The reliability suites run on their own: npm run test:reliability.
    exclude: ['**/node_modules/**', 'test/reliability/**'],
    environment: 'node',
    // Never the keychain entries of a real Kontor on this machine.
    env: { KONTOR_KEYCHAIN_SERVICE: `Kontor-test-${process.pid}` },
    // Timeouts catch a hang, not slowness: no test asserts how fast it ran, and
    // a loaded CI machine may take several times as long as a quiet one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests share one OS keychain and spawn processes; two workers
    // match the two cores CI has.
    maxWorkers: 2,
  },
});
