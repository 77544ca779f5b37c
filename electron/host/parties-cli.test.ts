/**
 * `kontor parties import` and `kontor entries import --type-column … --receivable … --payable …`
 * from an empty data folder: only the business entity is created first
 * (through the API, as `kontor entity add` will), then the ERP's master data
 * and open items come in through the two commands.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClock } from '../../test/support/clock';
import { windows1252 } from '../csv/test-files';
import { createContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { ERP_OPEN_ITEMS, ERP_PARTIES, ERP_TOTALS } from '../services/parties/erp-fixtures';
import { memorySecretStore } from '../vault/keychain';
import { runCli } from './cli';

let dir: string;
let dataDir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-parties-cli-'));
  dataDir = join(dir, 'data');
  const ctx = createContext({ dataDir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  try {
    const r = await dispatch(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' });
    if (!r.ok) throw new Error(r.error.message);
  } finally {
    ctx.close();
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, windows1252(text));
  return path;
}

async function ledger<T>(sql: string): Promise<T[]> {
  const ctx = createContext({ dataDir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  try {
    return ctx.db.prepare(sql).all() as T[];
  } finally {
    ctx.close();
  }
}

describe('kontor parties import and kontor entries import from an empty ledger', () => {
  it('imports the master data, then the open items with the D/K column named and its values mapped', async () => {
    const parties = await cli('parties', 'import', file('Stammdaten.csv', ERP_PARTIES), '--json');
    expect(parties.err).toBe('');
    expect(parties.code).toBe(0);
    expect(JSON.parse(parties.out)).toMatchObject({
      totals: { customers: 3, suppliers: 2, newMandates: 2, newBankDetails: 3, derivedBics: 1 },
      created: 5,
      mandates: 2,
      bankDetails: 3,
    });

    const path = file('OP-Liste.csv', ERP_OPEN_ITEMS);
    const entries = await cli('entries', 'import', path, '--type-column', 'D/K', '--receivable', 'D', '--payable', 'K', '--json');
    expect(entries.code).toBe(0);
    const result = JSON.parse(entries.out);
    expect(result.mapping.type).toEqual({ from: 'column', receivable: ['D'], payable: ['K'] });
    expect(result.typeTotals).toEqual([
      { type: 'Debit', currency: 'EUR', count: ERP_TOTALS.receivables.count, amountCents: ERP_TOTALS.receivables.cents },
      { type: 'Credit', currency: 'EUR', count: ERP_TOTALS.payables.count, amountCents: ERP_TOTALS.payables.cents },
    ]);
    expect(result).toMatchObject({ imported: 7, accountsCreated: 0, mandatesCreated: 0 });
    const rows = await ledger<{ number: string; type: string; kind: string }>(
      'SELECT e.number, e.type, a.kind FROM entry e JOIN account a ON a.id = e.account_id ORDER BY e.number',
    );
    expect(rows.map((r) => `${r.number} ${r.type} ${r.kind}`)).toEqual([
      'AR-2026-101 Debit customer',
      'AR-2026-102 Debit customer',
      'AR-2026-103 Debit customer',
      'AR-2026-104 Debit customer',
      'ER-4711 Credit supplier',
      'ER-4712 Credit supplier',
      'ER-4713 Credit supplier',
    ]);
  });

  it('maps a type column given by number, with values the ERP uses, in words for a person', async () => {
    await cli('parties', 'import', file('Stammdaten.csv', ERP_PARTIES));
    const text = ERP_OPEN_ITEMS.replace(/;D;/g, ';Debitor;').replace(/;K;/g, ';Kreditor;');
    const dry = await cli('entries', 'import', file('op.csv', text), '--type-column', '6', '--receivable', 'Debitor', '--payable', 'Kreditor', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/receivable or payable\s+from its column \(receivable: Debitor; payable: Kreditor\)/);
    expect(dry.out).toMatch(/receivables \(in\)\s+4\s+11,784\.46 EUR/);
    expect(dry.out).toMatch(/payables \(out\)\s+3\s+3,590\.40 EUR/);
  });

  it('refuses a file without type column until --type says it, and reads a header-less file by column numbers', async () => {
    await cli('parties', 'import', file('Stammdaten.csv', ERP_PARTIES));
    const body = ERP_OPEN_ITEMS.split('\r\n').slice(3).join('\r\n');
    const path = file('ohne-kopf.csv', body);
    const columns = ['--columns', 'number=1,statementDate=2,dueDate=3,accountNumber=4,amount=7'];
    const refused = await cli('entries', 'import', path, '--no-header', ...columns);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Say whether the rows are receivables or payables');

    const payables = await cli('entries', 'import', path, '--no-header', ...columns, '--type', 'payable', '--dry-run');
    // --type says it for every row (the D/K column is then not read).
    expect(payables.code).toBe(0);
    const byColumn = await cli('entries', 'import', path, '--no-header', ...columns, '--type-column', '6', '--receivable', 'D', '--payable', 'K', '--json');
    expect(byColumn.code).toBe(0);
    expect(JSON.parse(byColumn.out)).toMatchObject({ detected: { headerLine: 0 }, imported: 7 });
  });

  it('warns about a file name imported before', async () => {
    await cli('parties', 'import', file('Stammdaten.csv', ERP_PARTIES));
    const again = await cli('parties', 'import', file('Stammdaten.csv', ERP_PARTIES.replace('80331', '80333')), '--dry-run');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Warning: {5}a file named "Stammdaten.csv" was imported on \d{4}-\d{2}-\d{2} \(with other content\)\./);
  });
});

describe('kontor parties edit', () => {
  it('sets payment method and bank details of several parties at once, after a dry run that changes nothing', async () => {
    await cli('parties', 'import', file('Stammdaten.csv', ERP_PARTIES));
    const list = JSON.parse((await cli('parties', 'list', '--kind', 'supplier', '--json')).out) as { id: number; paymentMethod: string | null }[];
    expect(list.length).toBe(2);
    const ids = list.map((p) => String(p.id));
    const dry = await cli('parties', 'edit', ids.join(','), '--payment-method', 'sepa', '--iban', 'DE89 3704 0044 0532 0130 00', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Would change: 2 customer\(s\)\/supplier\(s\); 0 unchanged\.\nDry run: nothing changed\./);
    expect(await ledger('SELECT payment_method FROM account WHERE payment_method IS NOT NULL')).toEqual([]);

    const done = await cli('parties', 'edit', ...ids, '--payment-method', 'sepa', '--iban', 'DE89370400440532013000', '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ dryRun: false, changed: 2, iban: 'DE89370400440532013000' });
    const after = JSON.parse((await cli('parties', 'list', '--kind', 'supplier', '--json')).out) as { paymentMethod: string | null }[];
    expect(after.map((p) => p.paymentMethod)).toEqual(['sepa', 'sepa']);
    expect(await ledger("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'party.bulkEdit'")).toEqual([{ n: 2 }]);
  });

  it('refuses a bad IBAN with exit code 1 and changes no party', async () => {
    await cli('parties', 'import', file('Stammdaten.csv', ERP_PARTIES));
    const refused = await cli('parties', 'edit', '1', '2', '--payment-method', 'other', '--iban', 'DE00370400440532013000');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is not a valid IBAN');
    expect(await ledger('SELECT payment_method FROM account WHERE payment_method IS NOT NULL')).toEqual([]);
  });
});
