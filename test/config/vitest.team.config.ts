import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');

/**
 * `npm run test:team`: the ledger, people and service integration tests
 * again, on PostgreSQL (test/config/pg-cluster.mjs starts the cluster and sets
 * KONTOR_TEST_DATABASE_URL; test/integration/helpers.ts then opens every
 * context on a fresh team ledger), plus the team-only tests in test/team.
 * The same files run on SQLite under test:unit.
 */
export default defineConfig({
  root,
  test: {
    // The service integration tests chosen open their contexts through test/integration/helpers.ts and run on
    // PostgreSQL unchanged. Not here: vop-flow (it calls the CLI in-process, which opens its own context; on a
    // team ledger that needs a login per person), bank-setup and veu-flow (they call createContext themselves),
    // the file-only tests (journal-survives-kill, no-key-material-on-disk), and bank-account-link, date-refusal
    // and erp-export, which pass on PostgreSQL too but are left out to keep CI short.
    include: [
      'test/team/**/*.test.ts',
      'electron/services/people/people.test.ts',
      'test/integration/orders-flow.test.ts',
      'test/integration/payment-runs.test.ts',
      'test/integration/reconcile-flow.test.ts',
      'test/integration/settle-flow.test.ts',
      'test/integration/statements-flow.test.ts',
      'test/integration/psp-settlement.test.ts',
    ],
    environment: 'node',
    env: { KONTOR_KEYCHAIN_SERVICE: `Kontor-test-${process.pid}` },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One file at a time: database logins and their group roles belong to the whole cluster, and the files play
    // the same people (anna, bernd); two files granting and revoking their roles at once would disturb each other.
    fileParallelism: false,
  },
});
