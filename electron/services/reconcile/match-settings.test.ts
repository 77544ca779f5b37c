/**
 * The matcher's date window and keys per own account, set through the API
 * (and `kontor reconcile settings`) on a real ledger file: a customer's
 * payment booked 76 days after the due date is not proposed with the default
 * window (due + 60 days) and is once its account allows 90 days.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test/integration/helpers';
import { testClock } from '../../../test/support/clock';
import { runCli } from '../../host/cli';
import { memorySecretStore } from '../../vault/keychain';
import { createContext, type ServiceContext } from '../context';
import { dispatch } from '../dispatch';

const OWN = 'DE89370400440532013000';
const CUSTOMER_IBAN = 'DE02120300000000202051';
const at = '2026-11-21T09:00:00.000Z';
let dir: string;
let ctx: ServiceContext;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-match-settings-'));
  ctx = createContext({ dataDir: dir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  const entityId = (await ok(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' })).id;
  await ok(ctx, 'bankAccounts.create', { entityId, name: 'Hausbank', iban: OWN });
  const customer = await ok(ctx, 'accounts.create', { kind: 'customer', number: '10001', name: 'Kunde Braun' });
  await ok(ctx, 'instruments.create', { accountId: customer.id, entityId, kind: 'bank_details', holderName: 'Kunde Braun', iban: CUSTOMER_IBAN });
  await ok(ctx, 'entries.create', {
    entityId,
    accountId: customer.id,
    type: 'Debit',
    number: 'RE-1',
    statementDate: '2026-08-01',
    dueDate: '2026-08-31',
    amountCents: 12_345,
  });
  const file = ctx.db
    .prepare(`INSERT INTO import_file (sha256, kind, file_name, size, imported_at) VALUES ('x', 'statement', 'f', 0, ?)`)
    .run(at).lastInsertRowid;
  const statement = ctx.db
    .prepare(
      `INSERT INTO statement (account_iban, currency, source_format, report_kind, message_name, statement_id, period_from, period_to, import_file_id, file_index, imported_at)
       VALUES (?, 'EUR', 'camt', 'camt.053', 'camt.053.001.08', 'S1', '2026-11-15', '2026-11-15', ?, 0, ?)`,
    )
    .run(OWN, file, at).lastInsertRowid;
  // 76 days after the due date, without the invoice number in the text: only amount and IBAN can find it.
  ctx.db
    .prepare(
      `INSERT INTO statement_line (statement_id, line_no, account_iban, booking_date, amount_cents, currency, status, counterparty_iban, remittance, transactions)
       VALUES (?, 1, ?, '2026-11-15', 12345, 'EUR', 'BOOK', ?, 'Danke', '[]')`,
    )
    .run(statement, OWN, CUSTOMER_IBAN);
});
afterEach(() => {
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const proposals = async () => (await ok(ctx, 'reconcile.proposals', {})).rows.map((p) => p.kind);

describe('matching settings per own account', () => {
  it('proposes a late payment once its account has a wider window, not with the default', async () => {
    await ok(ctx, 'reconcile.run', {});
    expect(await proposals()).toEqual([]);
    const settings = await ok(ctx, 'reconcile.setMatchSettings', {
      iban: OWN,
      profile: { daysBeforeStatement: 10, daysAfterDue: 90, fields: { reference: true, iban: true, name: true } },
    });
    expect(settings.accounts).toEqual([{ iban: OWN, daysBeforeStatement: 10, daysAfterDue: 90, fields: { reference: true, iban: true, name: true } }]);
    await ok(ctx, 'reconcile.run', {});
    expect(await proposals()).toEqual(['amountIban']);
  });

  it('refuses settings for an account that is not one of ours, and a profile without any key', async () => {
    const fields = { reference: false, iban: false, name: false };
    expect(await dispatch(ctx, 'reconcile.setMatchSettings', { iban: CUSTOMER_IBAN, profile: null })).toMatchObject({
      ok: false,
      error: { code: 'reconcile.unknownAccount' },
    });
    expect(await dispatch(ctx, 'reconcile.setMatchSettings', { iban: null, profile: { daysBeforeStatement: 1, daysAfterDue: 1, fields } })).toMatchObject({
      ok: false,
      error: { code: 'reconcile.noMatchFields' },
    });
  });

  it('is set and shown by kontor reconcile settings', async () => {
    ctx.close();
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const set = await cli('reconcile', 'settings', '--account', OWN, '--days-after', '90', '--fields', 'iban,name');
    expect(set.err).toBe('');
    expect(set.out).toBe(
      `All accounts: 10 day(s) before the statement date, 60 after the due date; keys: reference, iban, name\n${OWN}: 10 day(s) before the statement date, 90 after the due date; keys: iban, name`,
    );
    const run = await cli('reconcile', 'run', '--json');
    expect(run.code).toBe(0);
    const reset = await cli('reconcile', 'settings', '--account', OWN, '--reset', '--json');
    expect(JSON.parse(reset.out)).toMatchObject({ accounts: [] });
    ctx = createContext({ dataDir: dir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
    expect(await proposals()).toEqual(['amountIban']);
  });
});
