/**
 * A German ERP's exports (erp-fixtures.ts: `;`, decimal comma, Windows-1252,
 * D/K column, IBAN/BIC/mandate columns, umlauts) through the API on a real
 * ledger file: open items become receivables and payables by their D/K
 * value, the parties, bank details and mandates they name are created, and
 * the master-data import does the same for customers and suppliers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../../shared/entry-import';
import { ok, tempContext } from '../../../test/integration/helpers';
import { base64, utf8, windows1252 } from '../../csv/test-files';
import { dispatch } from '../dispatch';
import { ERP_OPEN_ITEMS, ERP_PARTIES, ERP_TOTALS, erpOpenItemsBytes, erpPartiesBytes } from './erp-fixtures';

let ctx: ReturnType<typeof tempContext>;
let entityId: number;

beforeEach(async () => {
  ctx = tempContext();
  entityId = (await ok(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' })).id;
});
afterEach(() => ctx.cleanup());

const openItems = (fileName = 'OP-Liste.csv') => ({ fileName, base64: base64(erpOpenItemsBytes()), entityId });
const partiesFile = (fileName = 'Stammdaten.csv') => ({ fileName, base64: base64(erpPartiesBytes()), entityId });

interface InstrumentRow {
  number: string;
  kind: string;
  iban: string;
  bic: string | null;
  mandateId: string | null;
  mandateSignedOn: string | null;
  mandateType: string | null;
  direction: string;
}
const instruments = () =>
  ctx.db
    .prepare(
      `SELECT a.number, i.kind, i.iban, i.bic, i.mandate_id AS mandateId, i.mandate_signed_on AS mandateSignedOn, i.mandate_type AS mandateType, i.direction
       FROM payment_instrument i JOIN account a ON a.id = i.account_id ORDER BY a.number, i.kind`,
    )
    .all() as InstrumentRow[];

async function entriesByNumber() {
  const { rows } = await ok(ctx, 'entries.list', {});
  return Object.fromEntries(rows.map((e) => [e.number, e]));
}

describe('open items of a German ERP with a D/K column', () => {
  it('maps D to receivables and K to payables (no K refused), totals per type, and creates the customers, suppliers, mandates and bank details it names', async () => {
    const p = await ok(ctx, 'entries.importPreview', openItems());
    expect(p.detected).toMatchObject({ encoding: 'windows-1252', separator: ';', decimal: ',', dateFormat: 'dd.mm.yyyy', headerLine: 3 });
    expect(p.mapping.columns).toMatchObject({ type: 'D/K', iban: 'IBAN', bic: 'BIC', mandateId: 'Mandatsreferenz', mandateDate: 'Mandatsdatum' });
    expect(p.mapping.type).toEqual({ from: 'column', receivable: ['D'], payable: ['K'] });
    expect(p.rows.flatMap((r) => r.errors.map((e) => e.code))).not.toContain('import.badType');

    const mapping: ImportMapping = { ...p.mapping, createAccounts: true };
    const ready = await ok(ctx, 'entries.importPreview', { ...openItems(), mapping });
    expect(ready.totals).toEqual({ rows: 7, ok: 7, failed: 0, newAccounts: 5, newMandates: 2, newBankDetails: 3 });
    expect(ready.typeTotals).toEqual([
      { type: 'Debit', currency: 'EUR', count: ERP_TOTALS.receivables.count, amountCents: ERP_TOTALS.receivables.cents },
      { type: 'Credit', currency: 'EUR', count: ERP_TOTALS.payables.count, amountCents: ERP_TOTALS.payables.cents },
    ]);
    expect(ready.rows.map((r) => [r.values.number, r.entry?.type])).toEqual([
      ['AR-2026-101', 'Debit'],
      ['AR-2026-102', 'Debit'],
      ['ER-4711', 'Credit'],
      ['AR-2026-103', 'Debit'],
      ['ER-4712', 'Credit'],
      ['ER-4713', 'Credit'],
      ['AR-2026-104', 'Debit'],
    ]);

    const done = await ok(ctx, 'entries.importCommit', { ...openItems(), mapping });
    expect(done).toEqual({ imported: 7, skipped: 0, accountsCreated: 5, mandatesCreated: 2, bankDetailsCreated: 3 });
    const accounts = await ok(ctx, 'accounts.list', {});
    expect(accounts.map((a) => [a.number, a.kind, a.name]).sort()).toEqual([
      ['10001', 'customer', 'Müller & Söhne GmbH'],
      ['10002', 'customer', 'Bäckerei Größler'],
      ['10003', 'customer', 'Ärztehaus Überlingen'],
      ['70001', 'supplier', 'Öko-Papier Süd AG'],
      ['70002', 'supplier', 'Schäfer Logistik KG'],
    ]);
    expect(instruments()).toEqual([
      {
        number: '10001',
        kind: 'sepa_mandate',
        iban: 'DE89370400440532013000',
        bic: 'COBADEFFXXX',
        mandateId: 'MRF-10001',
        mandateSignedOn: '2024-03-15',
        mandateType: 'recurring',
        direction: 'in',
      },
      {
        number: '10002',
        kind: 'sepa_mandate',
        iban: 'DE02120300000000202051',
        bic: 'BYLADEM1001',
        mandateId: 'MRF-10002',
        mandateSignedOn: '2025-06-01',
        mandateType: 'recurring',
        direction: 'in',
      },
      // No BIC in its row: derived from the row of 70001 at the same bank (50010517).
      {
        number: '10003',
        kind: 'bank_details',
        iban: 'DE12500105170648489890',
        bic: 'INGDDEFFXXX',
        mandateId: null,
        mandateSignedOn: null,
        mandateType: null,
        direction: 'both',
      },
      {
        number: '70001',
        kind: 'bank_details',
        iban: 'DE02500105170137075030',
        bic: 'INGDDEFFXXX',
        mandateId: null,
        mandateSignedOn: null,
        mandateType: null,
        direction: 'out',
      },
      // A bank Kontor has not seen: no BIC rather than a guessed one.
      {
        number: '70002',
        kind: 'bank_details',
        iban: 'DE75512108001245126199',
        bic: null,
        mandateId: null,
        mandateSignedOn: null,
        mandateType: null,
        direction: 'out',
      },
    ]);

    const entries = await entriesByNumber();
    expect(entries['ER-4711']).toMatchObject({ type: 'Credit', amountCents: -250000, accountNumber: '70001' });
    expect(entries['AR-2026-103']).toMatchObject({ type: 'Debit', amountCents: 1000000, requestedMethod: 'sepa', accountName: 'Müller & Söhne GmbH' });
    const mandateOf10001 = (ctx.db.prepare("SELECT id FROM payment_instrument WHERE mandate_id = 'MRF-10001'").get() as { id: number }).id;
    expect([entries['AR-2026-101']!.requestedInstrumentId, entries['AR-2026-103']!.requestedInstrumentId]).toEqual([mandateOf10001, mandateOf10001]);
  });

  it('takes the values the user maps (RE/GS), refuses a value mapped to neither, and keeps the mapping in the profile', async () => {
    const text =
      'Belegnr;Datum;Kontonummer;Name;Belegart;Betrag\nB-1;01.11.2026;10001;Müller;RE;10,00\nB-2;01.11.2026;10001;Müller;GS;4,00\nB-3;01.11.2026;10001;Müller;XY;1,00\n';
    const file = { fileName: 'belege.csv', base64: base64(windows1252(text)), entityId };
    const suggested = await ok(ctx, 'entries.importPreview', file);
    const mapping: ImportMapping = { ...suggested.mapping, createAccounts: true, type: { from: 'column', receivable: ['RE'], payable: ['GS'] } };
    const p = await ok(ctx, 'entries.importPreview', { ...file, mapping });
    expect(p.rows.map((r) => [r.line, r.entry?.type ?? r.errors.map((e) => e.code).join()])).toEqual([
      [2, 'Debit'],
      [3, 'Credit'],
      [4, 'import.badType'],
    ]);
    await ok(ctx, 'entries.importCommit', { ...file, mapping, skipInvalid: true, saveProfileAs: 'ERP Belege' });
    const [profile] = await ok(ctx, 'entries.importProfiles', {});
    expect(profile!.mapping.type).toEqual({ from: 'column', receivable: ['RE'], payable: ['GS'] });
  });

  it('asks for the type of a file without a type column instead of reading it from the sign; nothing is imported until it is chosen', async () => {
    const text = 'Belegnr;Datum;Konto;Betrag\nB-1;01.11.2026;10001;10,00\nB-2;01.11.2026;10001;-4,00\n';
    const file = { fileName: 'ohne-art.csv', base64: base64(utf8(text)), entityId };
    const p = await ok(ctx, 'entries.importPreview', file);
    expect(p.mapping.type).toEqual({ from: 'ask' });
    expect(p.mappingIssues.map((i) => i.code)).toEqual(['import.typeNotChosen']);
    const refused = await dispatch(ctx, 'entries.importCommit', { ...file, mapping: p.mapping, skipInvalid: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import.mappingIncomplete' } });
  });

  it('reads a file without header row by column number', async () => {
    const body = ERP_OPEN_ITEMS.split('\r\n').slice(3).join('\r\n');
    const file = { fileName: 'ohne-kopf.csv', base64: base64(windows1252(body)), entityId };
    const numbered = await ok(ctx, 'entries.importPreview', {
      ...file,
      mapping: { format: { noHeader: true }, columns: {}, type: { from: 'ask' } },
    });
    expect(numbered.columns).toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7', '#8', '#9', '#10', '#11', '#12', '#13']);
    expect(numbered.detected.headerLine).toBe(0);
    const mapping: ImportMapping = {
      ...numbered.mapping,
      columns: {
        ...numbered.mapping.columns,
        number: '#1',
        statementDate: '#2',
        dueDate: '#3',
        accountNumber: '#4',
        accountName: '#5',
        type: '#6',
        amount: '#7',
      },
      type: { from: 'column', receivable: ['D'], payable: ['K'] },
      createAccounts: true,
    };
    const p = await ok(ctx, 'entries.importPreview', { ...file, mapping });
    expect(p.totals).toMatchObject({ rows: 7, ok: 7, failed: 0 });
    expect(p.rows[0]).toMatchObject({ line: 1, entry: { number: 'AR-2026-101', amountCents: 123456, type: 'Debit' } });
  });

  it('warns when a file of the same name was imported before, and still refuses the same content', async () => {
    const text = (n: string) => `Belegnr;Datum;Kundennummer;Betrag\n${n};01.11.2026;10001;10,00\n`;
    await ok(ctx, 'accounts.create', { kind: 'customer', number: '10001', name: 'Müller' });
    const first = { fileName: 'OP.csv', base64: base64(utf8(text('A-1'))), entityId };
    expect((await ok(ctx, 'entries.importPreview', first)).sameName).toBeNull();
    const { mapping } = await ok(ctx, 'entries.importPreview', first);
    await ok(ctx, 'entries.importCommit', { ...first, mapping });

    const next = { ...first, base64: base64(utf8(text('A-2'))) };
    const p = await ok(ctx, 'entries.importPreview', next);
    expect(p.sameName).toEqual({ importedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(p.alreadyImported).toBeNull();
    await ok(ctx, 'entries.importCommit', { ...next, mapping });
    expect((await ok(ctx, 'entries.importPreview', first)).alreadyImported).toMatchObject({ fileName: 'OP.csv' });
  });
});

describe('customers and suppliers from the ERP’s master data', () => {
  it('creates customers with mandates and suppliers with bank details, then the open items find them', async () => {
    const p = await ok(ctx, 'parties.importPreview', partiesFile());
    expect(p.mapping.kind).toEqual({ from: 'column', customer: ['D'], supplier: ['K'] });
    expect(p.totals).toEqual({
      rows: 5,
      ok: 5,
      failed: 0,
      customers: 3,
      suppliers: 2,
      newParties: 5,
      knownParties: 0,
      newMandates: 2,
      newBankDetails: 3,
      derivedBics: 1,
    });
    const done = await ok(ctx, 'parties.importCommit', { ...partiesFile(), mapping: p.mapping, saveProfileAs: 'ERP Stammdaten' });
    expect(done).toEqual({ created: 5, completed: 0, mandates: 2, bankDetails: 3, skipped: 0 });
    const accounts = await ok(ctx, 'accounts.list', {});
    expect(accounts.find((a) => a.number === '10003')).toMatchObject({
      kind: 'customer',
      name: 'Ärztehaus Überlingen',
      postalCode: '88662',
      city: 'Überlingen',
    });
    expect(instruments().map((i) => [i.number, i.kind, i.mandateId, i.mandateType, i.bic, i.direction])).toEqual([
      ['10001', 'sepa_mandate', 'MRF-10001', 'recurring', 'COBADEFFXXX', 'in'],
      ['10002', 'sepa_mandate', 'MRF-10002', 'one_off', 'BYLADEM1001', 'in'],
      ['10003', 'bank_details', null, null, 'INGDDEFFXXX', 'both'],
      ['70001', 'bank_details', null, null, 'INGDDEFFXXX', 'out'],
      ['70002', 'bank_details', null, null, null, 'out'],
    ]);

    // The open items now find every party, mandate and IBAN: nothing new is planned.
    const items = await ok(ctx, 'entries.importPreview', openItems());
    expect(items.totals).toEqual({ rows: 7, ok: 7, failed: 0, newAccounts: 0, newMandates: 0, newBankDetails: 0 });
    await ok(ctx, 'entries.importCommit', { ...openItems(), mapping: items.mapping });
    const entries = await entriesByNumber();
    expect(entries['ER-4712']).toMatchObject({ type: 'Credit', amountCents: -78040 });
    expect(entries['AR-2026-101']!.requestedInstrumentId).toBe(
      (ctx.db.prepare("SELECT id FROM payment_instrument WHERE mandate_id = 'MRF-10001'").get() as { id: number }).id,
    );
  });

  it('completes a known party with a new IBAN instead of overwriting it, refuses a kind that contradicts the ledger, and warns on a repeated name', async () => {
    await ok(ctx, 'parties.importCommit', { ...partiesFile(), mapping: (await ok(ctx, 'parties.importPreview', partiesFile())).mapping });
    const text = [ERP_PARTIES.split('\r\n')[0], '70001;Neuer Name AG;K;DE02120300000000202051;;;;;;', '10001;Müller & Söhne GmbH;K;;;;;;;', ''].join('\r\n');
    const again = { fileName: 'Stammdaten.csv', base64: base64(windows1252(text)), entityId };
    const p = await ok(ctx, 'parties.importPreview', again);
    expect(p.sameName).not.toBeNull();
    expect(p.rows.map((r) => [r.line, r.ok, r.errors.map((e) => e.code)])).toEqual([
      [2, true, []],
      [3, false, ['import.kindConflict']],
    ]);
    const done = await ok(ctx, 'parties.importCommit', { ...again, mapping: p.mapping, skipInvalid: true });
    expect(done).toMatchObject({ created: 0, completed: 1, bankDetails: 1 });
    const accounts = await ok(ctx, 'accounts.list', {});
    expect(accounts.find((a) => a.number === '70001')!.name).toBe('Öko-Papier Süd AG');
    // Derived from the BIC the ledger has for DKB (12030000).
    expect(
      instruments()
        .filter((i) => i.number === '70001')
        .map((i) => [i.iban, i.bic]),
    ).toEqual([
      ['DE02500105170137075030', 'INGDDEFFXXX'],
      ['DE02120300000000202051', 'BYLADEM1001'],
    ]);
  });
});
