/**
 * The three pieces of work the crash-safety runs kill Kontor in, the
 * templates they start from, and what a finished run leaves behind.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { fixedClock, type Clock } from '../../../shared/dates';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import type { ApiOutput } from '../../../shared/api';
import { databaseFileIn } from '../../../electron/services/data-dir';
import { memorySecretStore } from '../../../electron/vault/keychain';
import { generateCamt053, generateMt940 } from '../../bench/inputs/statements';
import { ok } from './api';

export const WORKS = ['import-camt', 'import-mt940', 'build', 'assign'] as const;
export type Work = (typeof WORKS)[number];

/** Every run sees the same day, so eligibility and matching give the same answer. */
export const CRASH_CLOCK: Clock = fixedClock('2026-11-23T08:00:00Z');
export const STATEMENT_FILE = 'statement.xml';
const OUR_IBAN = 'DE89370400440532013000';

export function openKontor(dataDir: string): ServiceContext {
  return createContext({ dataDir, host: 'cli', clock: CRASH_CLOCK, secretStore: memorySecretStore() });
}

/** Does the work, as a user (or the CLI) would ask for it. */
export async function doWork(ctx: ServiceContext, work: Work, templateDir: string): Promise<unknown> {
  if (work === 'import-camt' || work === 'import-mt940') {
    const bytes = readFileSync(join(templateDir, STATEMENT_FILE));
    const r = await dispatch(ctx, 'statements.import', { fileName: work === 'import-camt' ? 'camt053.xml' : 'umsatz.sta', base64: bytes.toString('base64') });
    // Imported before the kill: Kontor says so, and that is the work done.
    if (!r.ok && r.error.code === 'statement.duplicateFile') return { alreadyImported: true };
    if (!r.ok) throw new Error(`statements.import failed: ${r.error.code} ${r.error.message}`);
    const value = r.value as ApiOutput<'statements.import'>;
    return { stored: value.stored.length, duplicates: value.duplicates };
  }
  if (work === 'build') return { orders: (await ok(ctx, 'orders.build', {})).orders.length };
  return ok(ctx, 'reconcile.acceptSure', {});
}

/** A fresh data folder holding a copy of the template's ledger. */
export function copyTemplate(templateDir: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(databaseFileIn(templateDir), databaseFileIn(dataDir));
}

/** A German MT940 with the given bookings (amount in cents, + = money in), opening 0. */
function mt940(lines: Array<{ cents: number; name: string; text: string }>): string {
  const fmt = (c: number) => `${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const total = lines.reduce((s, l) => s + l.cents, 0);
  const body = lines.flatMap((l, i) => [
    `:61:2611201120${l.cents < 0 ? 'D' : 'C'}R${fmt(l.cents)}NTRFREF${i}`,
    `:86:166?00SEPA-GUTSCHRIFT?20SVWZ+${l.text.slice(0, 22)}?32${l.name}`,
  ]);
  return [':20:STARTUMS', `:25:${OUR_IBAN}`, ':28C:1/1', ':60F:C261119EUR0,00', ...body, `:62F:${total < 0 ? 'D' : 'C'}261120EUR${fmt(total)}`, '-'].join(
    '\r\n',
  );
}

/**
 * The ledger each run starts from (written to `templateDir`, closed so the
 * file alone is the whole database):
 * - import-camt / import-mt940: empty, with a generated camt.053 (one
 *   statement) or MT940 (a statement per 1,000 lines) of `size` entries beside it;
 * - build: `size` payables due in three days, each with the supplier's bank details;
 * - assign: `size` receivables, a statement paying each exactly with its
 *   invoice number, and the matcher's proposals (sure ones) not yet accepted.
 */
export async function makeTemplate(work: Work, templateDir: string, size: number): Promise<void> {
  mkdirSync(templateDir, { recursive: true });
  const ctx = openKontor(templateDir);
  try {
    if (work === 'import-camt' || work === 'import-mt940') {
      writeFileSync(join(templateDir, STATEMENT_FILE), work === 'import-camt' ? generateCamt053(size, 9) : generateMt940(size, 9));
      return;
    }
    const entity = await ok(ctx, 'entities.create', { name: 'Kontor Crash GmbH', creditorId: 'DE98ZZZ09999999999' });
    const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hauptkonto', iban: OUR_IBAN });
    await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
    const partners = 20;
    const ids: number[] = [];
    for (let p = 0; p < partners; p++) {
      const kind = work === 'build' ? 'supplier' : 'customer';
      const a = await ok(ctx, 'accounts.create', { kind, number: `${kind === 'supplier' ? 'L' : 'K'}-${p}`, name: `Partner ${p} GmbH` });
      if (work === 'build') {
        await ok(ctx, 'instruments.create', {
          accountId: a.id,
          entityId: entity.id,
          kind: 'bank_details',
          holderName: `Partner ${p} GmbH`,
          iban: 'DE02120300000000202051',
          direction: 'out',
        });
      }
      ids.push(a.id);
    }
    const lines: Array<{ cents: number; name: string; text: string }> = [];
    for (let i = 0; i < size; i++) {
      const cents = 1000 + ((i * 7919) % 500_000);
      const number = `RE-${String(100000 + i)}`;
      await ok(ctx, 'entries.create', {
        entityId: entity.id,
        accountId: ids[i % partners]!,
        type: work === 'build' ? 'Credit' : 'Debit',
        number,
        statementDate: '2026-11-01',
        dueDate: work === 'build' ? '2026-11-26' : '2026-11-15',
        amountCents: cents,
        ...(work === 'build' ? { requestedMethod: 'sepa' as const } : {}),
      });
      lines.push({ cents, name: `Partner ${i % partners} GmbH`, text: `${number} Danke` });
    }
    if (work === 'assign') {
      await ok(ctx, 'statements.import', { fileName: 'umsatz.sta', base64: Buffer.from(mt940(lines), 'latin1').toString('base64') });
      const run = await ok(ctx, 'reconcile.run', { acceptSure: false });
      if (run.sure < size * 0.9) throw new Error(`the template should give sure proposals, got ${JSON.stringify(run)}`);
    }
  } finally {
    ctx.close();
  }
}

/** What the work leaves in the ledger: equal after a killed-then-repeated run and a run never killed. */
export function fingerprint(db: Database): Record<string, number> {
  const n = (sql: string) => Number((db.prepare(sql).get() as { n: number | null }).n ?? 0);
  return {
    importFiles: n('SELECT count(*) AS n FROM import_file'),
    statements: n('SELECT count(*) AS n FROM statement'),
    lines: n('SELECT count(*) AS n FROM statement_line'),
    lineSumCents: n('SELECT sum(amount_cents) AS n FROM statement_line'),
    orders: n('SELECT count(*) AS n FROM payment_order'),
    payments: n('SELECT count(*) AS n FROM payment'),
    orderSumCents: n('SELECT sum(control_sum_cents) AS n FROM payment_order'),
    assignments: n('SELECT count(*) AS n FROM reconcile_assignment WHERE undone_at IS NULL'),
    assignedCents: n('SELECT sum(assigned_cents) AS n FROM statement_line'),
    balancedEntries: n("SELECT count(*) AS n FROM entry WHERE status = 'Balanced'"),
    openCents: n('SELECT sum(open_amount_cents) AS n FROM entry'),
  };
}
