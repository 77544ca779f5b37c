import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');

/**
 * `npm run test:reliability`: the reliability suites (issue 9) — exactly
 * once under faults, crash safety, hostile input, the locked-down app.
 * Short by default (CI); KONTOR_RELIABILITY=full for the full runs. Each
 * suite prints a JSON summary and writes it to KONTOR_RELIABILITY_OUT or
 * test-results/reliability/.
 */
export default defineConfig({
  root,
  test: {
    include: ['test/reliability/**/*.test.ts'],
    environment: 'node',
    // Never the keychain entries of a real Kontor on this machine.
    env: { KONTOR_KEYCHAIN_SERVICE: `Kontor-reliability-${process.pid}` },
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    // The suites kill child processes and time requests: two at a time at most, as on the two CI cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
