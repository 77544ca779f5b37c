/** Preview and commit through the API, on a real ledger file in a temporary folder. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../../shared/api';
import type { ImportMapping, ImportPreview } from '../../../shared/entry-import';
import { ok, tempContext } from '../../../test/integration/helpers';
import { dispatch } from '../dispatch';
import { base64, GERMAN, utf8, windows1252 } from '../../csv/test-files';

let ctx: ReturnType<typeof tempContext>;
let entityId: number;
let customerId: number;

beforeEach(async () => {
  ctx = tempContext();
  ctx.actAs('erika.import');
  entityId = (await ok(ctx, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' })).id;
  customerId = (await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Kunde Eins' })).id;
});
afterEach(() => ctx.cleanup());

const count = (table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const file = (text: string, fileName = 'op.csv') => ({ fileName, base64: base64(utf8(text)), entityId });
const preview = (text: string, extra: Partial<ApiInput<'entries.importPreview'>> = {}) => ok(ctx, 'entries.importPreview', { ...file(text), ...extra });
const errorsOf = (p: ImportPreview) => Object.fromEntries(p.rows.map((r) => [r.line, r.errors.map((e) => e.code)]));

/** One good row and one of each kind of mistake. */
const MIXED = [
  'Rechnungsnummer;Rechnungsdatum;Fälligkeit;Kundennummer;Betrag',
  'R-1;01.02.2026;15.02.2026;K-1;100,00',
  'R-2;01.02.2026;15.02.2026;K-1;12,3,4',
  'R-3;31.02.2026;15.03.2026;K-1;50,00',
  'R-4;01.02.2026;15.02.2026;K-9;10,00',
  'R-1;03.02.2026;;K-1;20,00',
  'R-0;01.01.2026;;K-1;5,00',
  'R-6;10.02.2026;01.02.2026;K-1;5,00',
  'R-7;10.02.2026;;K-1;0,00',
  '',
].join('\n');

describe('the import preview', () => {
  it('says per row what is wrong, in words, and writes nothing', async () => {
    await ok(ctx, 'entries.create', { entityId, accountId: customerId, type: 'Debit', number: 'R-0', statementDate: '2026-01-01', amountCents: 500 });
    const p = await preview(MIXED);
    expect(p.mappingIssues).toEqual([]);
    expect(p.totals).toEqual({ rows: 8, ok: 1, failed: 7, newAccounts: 0, newMandates: 0, newBankDetails: 0 });
    expect(errorsOf(p)).toEqual({
      2: [],
      3: ['import.badAmount'],
      4: ['import.badDate'],
      5: ['import.unknownAccount'],
      6: ['import.duplicateInFile'],
      7: ['import.duplicateInLedger'],
      8: ['entry.dueBeforeStatement'],
      9: ['import.amountZero'],
    });
    const byLine = (line: number) => p.rows.find((r) => r.line === line)!.errors[0]!;
    expect(byLine(3)).toMatchObject({ field: 'amount', column: 'Betrag', message: 'Not a valid amount: "12,3,4" (decimal comma expected).' });
    expect(byLine(4)).toMatchObject({ field: 'statementDate', column: 'Rechnungsdatum', message: 'Not a valid date: "31.02.2026" (expected dd.mm.yyyy).' });
    expect(byLine(5).message).toMatch(/no customer or supplier with the number "K-9"/);
    expect(byLine(6)).toMatchObject({ message: 'The number R-1 appears already in line 2 of this file.', params: { number: 'R-1', line: 2 } });
    expect(byLine(7).message).toBe('The ledger already has an entry R-0 for this business entity.');

    expect(p.rows[0]).toMatchObject({
      ok: true,
      account: { number: 'K-1', name: 'Kunde Eins' },
      entry: {
        entityId,
        accountId: customerId,
        type: 'Debit',
        number: 'R-1',
        statementDate: '2026-02-01',
        dueDate: '2026-02-15',
        amountCents: 10000,
        currency: 'EUR',
      },
    });
    expect(count('entry')).toBe(1);
    expect(count('import_file')).toBe(0);
  });

  it('reads a German Windows-1252 export with metadata lines into entries with umlauts intact', async () => {
    await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1001', name: 'Müller & Söhne GmbH' });
    await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1002', name: 'Bäckerei Groß' });
    const p = await ok(ctx, 'entries.importPreview', { fileName: 'OP-Liste.csv', base64: base64(windows1252(GERMAN)), entityId });
    expect(p.detected).toMatchObject({ encoding: 'windows-1252', separator: ';', headerLine: 3, decimal: ',', dateFormat: 'dd.mm.yyyy' });
    expect(p.totals).toMatchObject({ rows: 3, ok: 3, failed: 0 });
    expect(p.rows.map((r) => r.entry?.amountCents)).toEqual([123456, 9990, 1000000]);
    expect(p.rows[0]!.entry?.paymentReference).toBe('Rechnung RE-2026-001 „Büro“');
    expect(p.examples[p.columns.indexOf('Betrag')]).toBe('1.234,56');
  });

  it('checks mandates: the customer’s own mandate is used for SEPA, another customer’s is refused', async () => {
    const other = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-2', name: 'Kunde Zwei' });
    const mandate = {
      entityId,
      kind: 'sepa_mandate',
      holderName: 'X',
      iban: 'DE02120300000000202051',
      mandateSignedOn: '2025-01-15',
      scheme: 'CORE',
      direction: 'in',
    } as const;
    const own = await ok(ctx, 'instruments.create', { ...mandate, accountId: customerId, mandateId: 'M-1' });
    await ok(ctx, 'instruments.create', { ...mandate, accountId: other.id, mandateId: 'M-2' });
    const p = await preview('Belegnr;Datum;Kundennr;Betrag;Mandatsreferenz\nA;01.02.2026;K-1;1,00;M-1\nB;01.02.2026;K-1;1,00;M-2\nC;01.02.2026;K-1;1,00;M-9\n');
    expect(p.rows[0]!.entry).toMatchObject({ requestedMethod: 'sepa', requestedInstrumentId: own.id });
    expect(errorsOf(p)).toEqual({ 2: [], 3: ['entry.instrumentOfOtherAccount'], 4: ['import.unknownMandate'] });
  });

  it('never takes the type from the amount’s sign unasked; chosen, the sign decides, and a sign that contradicts a constant type is refused', async () => {
    const text = 'Invoice no,Date,Customer no,Amount\nA-1,2026-02-01,K-1,120.00\nA-2,2026-02-01,K-1,-30.00\n';
    const asked = await preview(text);
    expect(asked.mapping.type).toEqual({ from: 'ask' });
    expect(asked.mappingIssues.map((i) => i.code)).toEqual(['import.typeNotChosen']);
    expect(asked.rows.filter((r) => r.entry)).toEqual([]);
    const bySign = await preview(text, { mapping: { ...asked.mapping, type: { from: 'amountSign' } } });
    expect(bySign.rows.map((r) => [r.entry?.type, r.entry?.amountCents])).toEqual([
      ['Debit', 12000],
      ['Credit', 3000],
    ]);
    const mapping: ImportMapping = { ...bySign.mapping, type: { from: 'constant', value: 'Debit' }, amountSign: 'signed' };
    expect(errorsOf(await preview(text, { mapping }))).toEqual({ 2: [], 3: ['import.amountSignConflict'] });
    expect(errorsOf(await preview(text, { mapping: { ...mapping, amountSign: 'absolute' } }))).toEqual({ 2: [], 3: ['import.amountNegative'] });
  });

  it('reports a mapping that does not fit the file instead of failing', async () => {
    const p = await preview('Foo;Bar\n1;2\n');
    expect(p.mappingIssues.map((i) => i.field)).toEqual(['number', 'statementDate', 'amount', 'accountNumber', 'type']);
    const refused = await dispatch(ctx, 'entries.importCommit', { ...file('Foo;Bar\n1;2\n'), mapping: p.mapping, skipInvalid: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import.mappingIncomplete' } });
  });
});

describe('the import commit', () => {
  const GOOD_AND_BAD = 'Belegnr;Datum;Kundennr;Betrag\nA-1;01.02.2026;K-1;10,00\nA-2;01.02.2026;K-1;kaputt\nA-3;02.02.2026;K-1;30,00\n';

  it('imports nothing when one row has an error, and only the valid rows with skipInvalid', async () => {
    const { mapping } = await preview(GOOD_AND_BAD);
    const refused = await dispatch(ctx, 'entries.importCommit', { ...file(GOOD_AND_BAD), mapping });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import.rowsHaveErrors', params: { failed: 1, rows: 3 } } });
    expect(count('entry')).toBe(0);
    expect(count('import_file')).toBe(0);

    const done = await ok(ctx, 'entries.importCommit', { ...file(GOOD_AND_BAD), mapping, skipInvalid: true });
    expect(done).toEqual({ imported: 2, skipped: 1, accountsCreated: 0, mandatesCreated: 0, bankDetailsCreated: 0 });
    const list = await ok(ctx, 'entries.list', {});
    expect(list.rows.map((e) => [e.number, e.amountCents, e.openAmountCents, e.status, e.preparedBy])).toEqual([
      ['A-1', 1000, 1000, 'Open', 'erika.import'],
      ['A-3', 3000, 3000, 'Open', 'erika.import'],
    ]);
    expect(ctx.db.prepare('SELECT kind, file_name AS fileName, size FROM import_file').all()).toEqual([
      { kind: 'entries_csv', fileName: 'op.csv', size: utf8(GOOD_AND_BAD).length },
    ]);
  });

  it('refuses the same content a second time, under another name too, and says so already in the preview', async () => {
    const text = 'Belegnr;Datum;Kundennr;Betrag\nA-1;01.02.2026;K-1;10,00\n';
    const { mapping } = await preview(text);
    await ok(ctx, 'entries.importCommit', { ...file(text, 'januar.csv'), mapping });
    const again = await preview(text, { fileName: 'kopie.csv' });
    expect(again.alreadyImported).toEqual({ fileName: 'januar.csv', importedAt: '2026-11-21' });
    const refused = await dispatch(ctx, 'entries.importCommit', { ...file(text, 'kopie.csv'), mapping, skipInvalid: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import.alreadyImported', params: { fileName: 'januar.csv' } } });
    expect(count('entry')).toBe(1);
  });

  it('creates unknown customers once from the name column when allowed, and suppliers for payables', async () => {
    const text = [
      'Belegnr;Datum;Kundennr;Name;Betrag;Art',
      'N-1;01.02.2026;K-50;Neukunde GmbH;10,00;S',
      'N-2;01.02.2026;K-50;Neukunde GmbH;20,00;S',
      'N-3;01.02.2026;L-7;Lieferant KG;30,00;H',
      'N-4;01.02.2026;K-51;;40,00;S',
      '',
    ].join('\n');
    const suggested = await preview(text);
    expect(suggested.mapping.type).toEqual({ from: 'column', receivable: ['S'], payable: ['H'] });
    expect(errorsOf(suggested)).toEqual({
      2: ['import.unknownAccount'],
      3: ['import.unknownAccount'],
      4: ['import.unknownAccount'],
      5: ['import.unknownAccount'],
    });

    const mapping = { ...suggested.mapping, createAccounts: true };
    const p = await preview(text, { mapping });
    expect(errorsOf(p)).toEqual({ 2: [], 3: [], 4: [], 5: ['import.unknownAccountNoName'] });
    expect(p.rows[2]!.newAccount).toEqual({ kind: 'supplier', number: 'L-7', name: 'Lieferant KG' });
    expect(p.totals.newAccounts).toBe(2);

    const done = await ok(ctx, 'entries.importCommit', { ...file(text), mapping, skipInvalid: true });
    expect(done).toEqual({ imported: 3, skipped: 1, accountsCreated: 2, mandatesCreated: 0, bankDetailsCreated: 0 });
    const accounts = await ok(ctx, 'accounts.list', {});
    expect(accounts.map((a) => [a.kind, a.number, a.name]).sort()).toEqual([
      ['customer', 'K-1', 'Kunde Eins'],
      ['customer', 'K-50', 'Neukunde GmbH'],
      ['supplier', 'L-7', 'Lieferant KG'],
    ]);
    const payable = (await ok(ctx, 'entries.list', { search: 'N-3' })).rows[0]!;
    expect([payable.type, payable.amountCents, payable.accountName]).toEqual(['Credit', -3000, 'Lieferant KG']);
  });

  it('leaves the ledger untouched when a write fails halfway (one transaction)', async () => {
    const text = 'Belegnr;Datum;Kundennr;Name;Betrag\nT-1;01.02.2026;K-60;Neu AG;10,00\nT-2;01.02.2026;K-1;;20,00\n';
    const { mapping } = await preview(text);
    ctx.db.exec(`CREATE TEMP TRIGGER fail_t2 BEFORE INSERT ON entry WHEN NEW.number = 'T-2' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const failed = await dispatch(ctx, 'entries.importCommit', { ...file(text), mapping: { ...mapping, createAccounts: true }, saveProfileAs: 'Halb' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect([count('entry'), count('account'), count('import_file')]).toEqual([0, 1, 0]);
    expect(await ok(ctx, 'entries.importProfiles', {})).toEqual([]);
  });

  it('saves the mapping as a profile and applies it by name to the next file', async () => {
    const text = 'Belegnr;Datum;Kundennr;Betrag;Extra\nP-1;01.02.2026;K-1;10,00;x\n';
    const { mapping } = await preview(text);
    const mine: ImportMapping = { ...mapping, columns: { ...mapping.columns, paymentReference: 'Extra' }, needsApproval: true };
    await ok(ctx, 'entries.importCommit', { ...file(text), mapping: mine, saveProfileAs: 'ERP Debitoren' });
    const profiles = await ok(ctx, 'entries.importProfiles', {});
    expect(profiles).toEqual([{ name: 'ERP Debitoren', mapping: mine, savedAt: '2026-11-21T09:00:00.000Z' }]);

    const next = await preview('Belegnr;Datum;Kundennr;Betrag;Extra\nP-2;02.02.2026;K-1;11,00;Bitte zahlen\n', { profile: 'erp debitoren' });
    expect(next.profile).toBe('ERP Debitoren');
    expect(next.rows[0]!.entry?.paymentReference).toBe('Bitte zahlen');
    const unknown = await dispatch(ctx, 'entries.importPreview', { ...file(text), profile: 'Gibt es nicht' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'import.unknownProfile' } });
  });

  it('refuses files over 20 MB and text that is not base64 before reading them', async () => {
    const notBase64 = await dispatch(ctx, 'entries.importPreview', { fileName: 'x.csv', base64: 'ä$%', entityId });
    expect(notBase64).toMatchObject({ ok: false, error: { code: 'import.unreadable' } });
    const huge = await dispatch(ctx, 'entries.importPreview', { fileName: 'x.csv', base64: 'A'.repeat(28_000_000), entityId });
    expect(huge).toMatchObject({ ok: false, error: { code: 'input.invalid', issues: [{ path: 'base64', message: 'import.tooLarge' }] } });
  });
});
