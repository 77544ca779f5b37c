import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { memorySecretStore } from '../../../electron/vault/keychain';
import { fixedClock } from '../../../shared/dates';
import { maxRssMb, seeded, timed, type Workload } from '../figure';

/** Entries created one call at a time through the validated API into a real SQLite file. */
export const ledgerEntries: Workload = {
  name: 'ledger.create-entries',
  async run() {
    const n = 10_000;
    const dataDir = mkdtempSync(join(tmpdir(), 'kontor-bench-'));
    const ctx = createContext({ dataDir, host: 'cli', clock: fixedClock('2026-11-21T09:00:00Z'), secretStore: memorySecretStore() });
    try {
      const entity = await dispatch(ctx, 'entities.create', { name: 'Bench GmbH' });
      const account = await dispatch(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Kunde' });
      if (!entity.ok || !account.ok) throw new Error('setup failed');
      const entityId = (entity.value as { id: number }).id;
      const accountId = (account.value as { id: number }).id;
      const random = seeded(7);
      let expected = 0;
      const { ms } = await timed(async () => {
        for (let i = 0; i < n; i++) {
          const amountCents = 1 + Math.floor(random() * 1_000_000);
          expected += amountCents;
          const r = await dispatch(ctx, 'entries.create', {
            entityId,
            accountId,
            type: 'Debit',
            number: `RE-${i}`,
            statementDate: '2026-11-01',
            dueDate: '2026-11-30',
            amountCents,
          });
          if (!r.ok) throw new Error(r.error.message);
        }
      });
      const { n: count, s } = ctx.db.prepare('SELECT count(*) AS n, sum(open_amount_cents) AS s FROM entry').get() as { n: number; s: number };
      if (count !== n || s !== expected) throw new Error(`ledger.create-entries: ${count} rows, sum ${s}, expected ${n} / ${expected}`);
      return [{ workload: 'ledger.create-entries', tool: 'kontor', n, ms, max_rss_mb: maxRssMb(), check: `${count} rows, open sum ${s} matches` }];
    } finally {
      ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
