/**
 * Statements from the demo bank over real HTTP into a real ledger file:
 * end-of-day camt (EBICS 2.5) and MT940 (3.0) up to yesterday, stored once
 * however often they are fetched, browsed, exported; the same file dropped
 * again refused; hostile files store nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import type { ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { autoFetchIfDue } from '../../electron/services/statements/schedule';
import { memorySecretStore } from '../../electron/vault/keychain';
import { addDays } from '../../shared/dates';
import { actingContext, movableClock, ok } from './helpers';
import { readArchived } from '../../electron/statements/archive';
import { statementArchiveDir } from '../../electron/services/statements/store-file';
import { readyDemoAccess } from '../support/ready-access';

let dir: string;
let ctx: ServiceContext;

/** The first statement file as the bank sent it: its copy in the archive beside the ledger. */
function firstStatementFile(): { content: Buffer } {
  const { sha256 } = ctx.db.prepare(`SELECT sha256 FROM import_file WHERE kind = 'statement' ORDER BY id LIMIT 1`).get() as { sha256: string };
  return { content: readArchived(statementArchiveDir(ctx), sha256) };
}
let bank: DemoBank;
const clock = movableClock('2026-11-24T07:30:00Z');

async function readyAccess(version: 'H004' | 'H005', userId: string) {
  return { id: await readyDemoAccess(ctx, { url: bank.url, hostId: 'KONTORDEMO', userId, ebicsVersion: version, name: `Demo ${version}` }) };
}

const count = (table: string) => (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-statements-'));
  ctx = actingContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore() });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, log: () => undefined });
  ctx.demoBank = bank;
});
afterAll(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('statements from the demo bank', () => {
  let ownIban: string;

  it('fetches end-of-day camt.053 up to yesterday, stores every statement once and checks its balances', async () => {
    const access = await readyAccess('H004', 'USER01');
    ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
    const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH' });
    await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: access.id, name: 'Demo-Konto', iban: ownIban });

    const first = await ok(ctx, 'statements.fetch', { bankAccessId: access.id, from: '2026-11-16', to: '2026-11-20' });
    expect(first.accesses).toHaveLength(1);
    const r = first.accesses[0]!;
    expect(r.error).toBeNull();
    expect(r.noData).toBe(false);
    expect(r.stored).toBeGreaterThan(0);

    // The demo partner has two accounts: both come in the download.
    const statements = await ok(ctx, 'statements.list', {});
    expect(statements.length).toBe(r.stored);
    expect(new Set(statements.map((s) => s.iban)).size).toBe(2);
    expect(statements.filter((s) => s.iban === ownIban).length).toBeGreaterThan(0);
    expect(statements.every((s) => s.reportKind === 'camt.053' && s.balanced === true)).toBe(true);
    expect(statements.every((s) => s.periodTo <= '2026-11-20' && s.periodFrom >= '2026-11-16')).toBe(true);

    // The same period again: the bank delivers again, nothing is stored twice.
    const linesBefore = count('statement_line');
    const again = await ok(ctx, 'statements.fetch', { bankAccessId: access.id, from: '2026-11-16', to: '2026-11-20' });
    expect(again.accesses[0]).toMatchObject({ stored: 0, error: null });
    expect(again.accesses[0]!.duplicates).toBeGreaterThan(0);
    expect(count('statement')).toBe(statements.length);
    expect(count('statement_line')).toBe(linesBefore);

    // Without a range: from the day after the newest stored statement up to yesterday (the clock says 24 November).
    const rest = await ok(ctx, 'statements.fetch', { bankAccessId: access.id });
    expect(rest.accesses[0]!.error).toBeNull();
    const latest = (await ok(ctx, 'statements.list', { iban: ownIban }))[0]!;
    expect(latest.periodTo).toBe(addDays(clock.today(), -1));
  });

  it('shows the account with its latest balance, the balance history and the lines, filtered and in detail', async () => {
    const accounts = await ok(ctx, 'statements.accounts', {});
    // The demo partner has two accounts; both come with the download, only one is known as the company's.
    expect(accounts).toHaveLength(2);
    const account = accounts.find((a) => a.iban === ownIban);
    expect(account!.bankAccountId).not.toBeNull();
    const history = await ok(ctx, 'statements.balanceHistory', { iban: ownIban });
    expect(history.length).toBeGreaterThan(3);
    expect(account!.latestBalance).toEqual({ amountCents: history.at(-1)!.amountCents, date: history.at(-1)!.date });

    // Consecutive statements chain: each closing balance is the next opening balance.
    const statements = (await ok(ctx, 'statements.list', { iban: ownIban })).slice().reverse();
    for (let i = 1; i < statements.length; i++) expect(statements[i]!.openingCents).toBe(statements[i - 1]!.closingCents);

    const all = await ok(ctx, 'statements.lines', { iban: ownIban, limit: 1000 });
    expect(all.total).toBe(statements.reduce((n, s) => n + s.lineCount, 0));
    expect(all.sumCents).toBe(statements.reduce((n, s) => n + s.sumCents, 0));
    const incoming = await ok(ctx, 'statements.lines', { iban: ownIban, direction: 'in', limit: 1000 });
    const outgoing = await ok(ctx, 'statements.lines', { iban: ownIban, direction: 'out', limit: 1000 });
    expect(incoming.rows.every((l) => l.amountCents > 0)).toBe(true);
    expect(outgoing.rows.every((l) => l.amountCents < 0)).toBe(true);
    expect(incoming.total + outgoing.total).toBe(all.total);
    expect(incoming.sumCents + outgoing.sumCents).toBe(all.sumCents);

    const sample = all.rows.find((l) => l.counterpartyName)!;
    const byName = await ok(ctx, 'statements.lines', { counterparty: sample.counterpartyName!.slice(0, 6) });
    expect(byName.rows.map((l) => l.id)).toContain(sample.id);
    const page = await ok(ctx, 'statements.lines', { iban: ownIban, offset: 2, limit: 3 });
    expect(page.rows.map((l) => l.id)).toEqual(all.rows.slice(2, 5).map((l) => l.id));

    const detail = await ok(ctx, 'statements.line', { id: sample.id });
    expect(detail.raw).toMatch(/^<(\w+:)?Ntry>[\s\S]*<\/(\w+:)?Ntry>$/);
    expect(detail.raw).toContain(sample.counterpartyName!.replace(/&/g, '&amp;').slice(0, 10));
    expect(detail.statement.id).toBe(sample.statementDbId);

    const csv = Buffer.from((await ok(ctx, 'statements.exportCsv', { iban: ownIban, direction: 'in' })).base64, 'base64').toString('utf8');
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toMatch(/^Account,Booking date,Value date,Amount/);
    expect(rows).toHaveLength(incoming.total + 1);
  });

  it('refuses a file whose content was stored before, whatever its name', async () => {
    const file = firstStatementFile();
    const result = await dispatch(ctx, 'statements.import', { fileName: 'renamed.xml', base64: file.content.toString('base64') });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('statement.duplicateFile');
  });

  it('stores the same statement once when it comes again in another file', async () => {
    const file = firstStatementFile();
    const before = count('statement');
    // Same statement, different bytes (a comment the bank might add): the content hash differs, the statement key does not.
    const changed = Buffer.from(file.content.toString('utf8').replace(/\?>/, '?><!-- fetched again -->'));
    const result = await ok(ctx, 'statements.import', { fileName: 'again.xml', base64: changed.toString('base64') });
    expect(result).toMatchObject({ stored: [], duplicates: 1 });
    expect(count('statement')).toBe(before);
  });

  it('stores nothing from a hostile or broken file and says why', async () => {
    const before = { statements: count('statement'), files: count('import_file'), lines: count('statement_line') };
    const bomb = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">&b;</Document>`;
    const file = firstStatementFile();
    const truncated = file.content.subarray(0, Math.floor(file.content.length * 0.7));
    for (const [bytes, code] of [
      [Buffer.from(bomb), 'statement.entitiesRefused'],
      [truncated, /^statement\.(truncated|malformed)$/],
      [Buffer.from('%PDF-1.7 not a statement'), 'statement.notAStatement'],
    ] as const) {
      const result = await dispatch(ctx, 'statements.import', { fileName: 'x.xml', base64: bytes.toString('base64') });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toMatch(code);
    }
    expect({ statements: count('statement'), files: count('import_file'), lines: count('statement_line') }).toEqual(before);
  });

  it('fetches MT940 over EBICS 3.0, intraday reports on request, and treats "no data" as a normal answer', async () => {
    bank.addSubscriber({ partnerId: 'KONTOR01', userId: 'USER02', name: 'Zweite Nutzerin' });
    const access = await readyAccess('H005', 'USER02');
    await ok(ctx, 'bankAccess.setStatementFormat', { id: access.id, statementFormat: 'mt940' });
    const before = count('statement');
    const mt = await ok(ctx, 'statements.fetch', { bankAccessId: access.id, from: '2026-11-18', to: '2026-11-20' });
    expect(mt.accesses[0]).toMatchObject({ error: null, noData: false });
    expect(mt.accesses[0]!.stored).toBeGreaterThan(0);
    const mtStatements = (await ok(ctx, 'statements.list', {})).filter((s) => s.reportKind === 'mt940');
    expect(mtStatements).toHaveLength(count('statement') - before);
    // MT940 names the account as BLZ/account number; it is stored under the same IBAN as the camt statements.
    expect(mtStatements.filter((s) => s.iban === ownIban).length).toBeGreaterThan(0);
    expect(mtStatements.every((s) => s.balanced === true)).toBe(true);

    const intraday = await ok(ctx, 'statements.fetch', { bankAccessId: access.id, kind: 'intraday' });
    expect(intraday.accesses[0]!.error).toBeNull();
    // Asked for a period with nothing in it, the bank answers 090005; that is no error.
    const empty = await ok(ctx, 'statements.fetch', { bankAccessId: access.id, kind: 'notifications', from: '2020-01-01', to: '2020-01-02' });
    expect(empty.accesses[0]).toMatchObject({ error: null, noData: true, stored: 0 });
  });

  it('fetches once a day by itself while Kontor is open', async () => {
    // The user fetched end-of-day statements today already: nothing more to do today.
    expect(await autoFetchIfDue(ctx)).toBeNull();
    clock.advanceDays(1);
    const first = await autoFetchIfDue(ctx);
    expect(first).not.toBeNull();
    expect(first!.accesses.length).toBe(2);
    expect(first!.accesses.every((a) => a.error === null)).toBe(true);
    expect(await autoFetchIfDue(ctx)).toBeNull();
    const newest = (await ok(ctx, 'statements.list', { iban: ownIban }))[0]!;
    expect(newest.periodTo).toBe(addDays(clock.today(), -1));

    // Switched off in the settings, the next day passes without a fetch; switched on again, it fetches.
    expect(await ok(ctx, 'settings.update', { autoFetchStatements: false })).toMatchObject({ autoFetchStatements: false });
    clock.advanceDays(1);
    expect(await autoFetchIfDue(ctx)).toBeNull();
    await ok(ctx, 'settings.update', { autoFetchStatements: true });
    expect(await autoFetchIfDue(ctx)).not.toBeNull();
  });
});
