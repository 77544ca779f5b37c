import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../dispatch';
import { ok, tempContext } from '../../../../test/integration/helpers';
import type { ApiInput, ApiName } from '../../../../shared/api';
import type { BankCsvMappingInput } from '../../../../shared/bank-csv';
import {
  base64,
  COMMERZBANK,
  CUSTOMER_IBAN,
  OUR_IBAN,
  OUR_IBAN_SPACED,
  SPARKASSE,
  utf8,
  windows1252,
  DEUTSCHE_BANK,
  UNKNOWN,
} from '../../../statements/bank-csv/test-files';
import { BUILT_IN_PROFILES } from '../../../statements/bank-csv/profiles';

const at = '2026-11-21T09:00:00.000Z';
let ctx: ReturnType<typeof tempContext>;
afterEach(() => ctx?.cleanup());

async function fails<N extends ApiName>(name: N, input: ApiInput<N>) {
  const result = await dispatch(ctx, name, input);
  if (result.ok) throw new Error(`${name} succeeded`);
  return result.error;
}

const count = (table: string) => (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const sparkasse = BUILT_IN_PROFILES.find((p) => p.name === 'Sparkasse (CSV-CAMT)')!.mapping;
const commerzbank = BUILT_IN_PROFILES.find((p) => p.name === 'Commerzbank')!.mapping;

function entityWithAccount() {
  const entity = Number(
    ctx.db.prepare(`INSERT INTO business_entity (name, created_at, updated_at) VALUES ('Kontor Test GmbH', ?, ?)`).run(at, at).lastInsertRowid,
  );
  const account = Number(
    ctx.db.prepare(`INSERT INTO bank_account (entity_id, name, iban, created_at, updated_at) VALUES (?, 'Girokonto', ?, ?, ?)`).run(entity, OUR_IBAN, at, at)
      .lastInsertRowid,
  );
  return { entity, account };
}

function payment(entity: number, e2e: string, status: string, amountCents = -8_990) {
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO payment (entity_id, kind, amount_cents, open_cents, settled_cents, status, end_to_end_id, created_at, updated_at)
         VALUES (?, 'direct_debit', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(entity, amountCents, status === 'Collected' ? 0 : amountCents, status === 'Collected' ? amountCents : 0, status, e2e, at, at).lastInsertRowid,
  );
}
const paymentState = (id: number) => ctx.db.prepare('SELECT status, return_reason AS reason, statement_line_id AS lineId FROM payment WHERE id = ?').get(id);

describe('bank CSV import through the API', () => {
  it('previews a Sparkasse export (profile, account, totals), stores it as one statement the browser lists, with its lines and their text', async () => {
    ctx = tempContext();
    const { account } = entityWithAccount();
    const file = { fileName: 'umsaetze.csv', base64: base64(utf8(SPARKASSE, true)) };
    const preview = await ok(ctx, 'bankCsv.preview', file);
    expect(preview.profile).toEqual({ name: 'Sparkasse (CSV-CAMT)', builtIn: true, score: 1 });
    expect(preview.accountIban).toBe(OUR_IBAN);
    expect(preview.detected).toMatchObject({ encoding: 'utf-8', bom: true, separator: ';', decimal: ',' });
    expect(preview.totals).toEqual({ rows: 3, ok: 3, skipped: 0, filtered: 0, failed: 0, sumCents: 113_266, firstDate: '2026-11-03', lastDate: '2026-11-05' });
    expect(preview.mappingIssues).toEqual([]);
    expect(preview.filterError).toBeNull();
    expect(preview.alreadyImported).toBeNull();
    expect(preview.examples[14]).toBe('1.234,56');
    expect(preview.rows[0]).toMatchObject({ line: 2, state: 'ok', parsed: { amountCents: 123_456, counterpartyName: 'Müller GmbH' } });
    expect(count('statement')).toBe(0);

    const result = await ok(ctx, 'bankCsv.commit', { ...file, mapping: preview.mapping, accountIban: OUR_IBAN_SPACED });
    expect(result.lines).toBe(3);
    expect(result.chargebacks).toBe(0);
    expect(result.statement).toMatchObject({
      iban: OUR_IBAN,
      currency: 'EUR',
      sourceFormat: 'csv',
      reportKind: 'csv',
      messageName: 'Sparkasse (CSV-CAMT)',
      statementId: `CSV-${preview.sha256.slice(0, 12)}`,
      periodFrom: '2026-11-03',
      periodTo: '2026-11-05',
      openingCents: null,
      closingCents: null,
      balanced: null,
      lineCount: 3,
      sumCents: 113_266,
      fileName: 'umsaetze.csv',
      warnings: [],
    });
    const stored = ctx.db.prepare('SELECT bank_account_id AS account, file_index AS fileIndex FROM statement WHERE id = ?').get(result.statement.id);
    expect(stored).toEqual({ account, fileIndex: 0 });

    const list = await ok(ctx, 'statements.list', {});
    expect(list.map((s) => s.id)).toEqual([result.statement.id]);
    const page = await ok(ctx, 'statements.lines', { statementDbId: result.statement.id, sort: 'bookingDate', descending: false });
    expect(page.total).toBe(3);
    expect(page.sumCents).toBe(113_266);
    expect(page.rows.map((l) => [l.lineNo, l.amountCents, l.matchState])).toEqual([
      [1, 123_456, 'unmatched'],
      [2, -8_990, 'unmatched'],
      [3, -1_200, 'unmatched'],
    ]);
    expect(page.rows[0]).toMatchObject({ accountIban: OUR_IBAN, counterpartyIban: CUSTOMER_IBAN, endToEndId: null, remittance: 'RE-2026-001 Danke' });
    const detail = await ok(ctx, 'statements.line', { id: page.rows[1]!.id });
    expect(detail.raw).toBe(SPARKASSE.split('\r\n')[2]);
    expect(detail.creditorId).toBe('DE98ZZZ09999999999');

    const audit = ctx.db.prepare(`SELECT action, details FROM audit_log WHERE action = 'statement.csvImported'`).get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ fileName: 'umsaetze.csv', sha256: preview.sha256, rows: 3, lines: 3 });
  });

  it('a broken row is reported with its line and nothing is imported; with the row skipped the import succeeds', async () => {
    ctx = tempContext();
    const text = COMMERZBANK + '05.11.2026;05.11.2026;Gutschrift;x;12,345;EUR;;;;\n32.11.2026;;Gutschrift;y;1,00;EUR;;;;\n';
    const file = { fileName: 'cb.csv', base64: base64(utf8(text)) };
    const preview = await ok(ctx, 'bankCsv.preview', file);
    expect(preview.profile?.name).toBe('Commerzbank');
    expect(preview.totals).toMatchObject({ rows: 4, ok: 2, failed: 2 });
    // Failed rows come first.
    expect(preview.rows.map((r) => [r.line, r.state])).toEqual([
      [4, 'failed'],
      [5, 'failed'],
      [2, 'ok'],
      [3, 'ok'],
    ]);

    const before = { statements: count('statement'), lines: count('statement_line'), files: count('import_file') };
    const error = await fails('bankCsv.commit', { ...file, mapping: preview.mapping, accountIban: OUR_IBAN });
    expect(error.code).toBe('bankCsv.rowsFailed');
    expect(error.message).toContain('Lines 4 and 5 cannot be imported');
    expect(error.message).toContain('12,345');
    expect({ statements: count('statement'), lines: count('statement_line'), files: count('import_file') }).toEqual(before);

    const skipped = { ...preview.mapping, skipLines: [4, 5] };
    const again = await ok(ctx, 'bankCsv.preview', { ...file, mapping: skipped });
    expect(again.totals).toMatchObject({ ok: 2, skipped: 2, failed: 0 });
    const result = await ok(ctx, 'bankCsv.commit', { ...file, mapping: skipped, accountIban: OUR_IBAN });
    expect(result.statement).toMatchObject({ lineCount: 2, sumCents: 123_456 - 8_990, messageName: 'CSV' });
  });

  it('refuses the same content a second time, whatever its name', async () => {
    ctx = tempContext();
    const bytes = base64(windows1252(DEUTSCHE_BANK));
    const first = await ok(ctx, 'bankCsv.preview', { fileName: 'db.csv', base64: bytes });
    expect(first.profile?.name).toBe('Deutsche Bank');
    expect(first.accountIban).toBe(OUR_IBAN);
    await ok(ctx, 'bankCsv.commit', { fileName: 'db.csv', base64: bytes, mapping: first.mapping, accountIban: OUR_IBAN });

    const second = await ok(ctx, 'bankCsv.preview', { fileName: 'renamed.csv', base64: bytes });
    expect(second.alreadyImported).toEqual({ fileName: 'db.csv', importedAt: '2026-11-21' });
    const error = await fails('bankCsv.commit', { fileName: 'renamed.csv', base64: bytes, mapping: second.mapping, accountIban: OUR_IBAN });
    expect(error).toMatchObject({ code: 'bankCsv.alreadyImported', params: { fileName: 'db.csv', importedAt: '2026-11-21' } });
    expect(count('statement')).toBe(1);
  });

  it('refuses an invalid account IBAN, another account than the file names, a broken filter and a file with nothing left', async () => {
    ctx = tempContext();
    const file = { fileName: 'cb.csv', base64: base64(utf8(COMMERZBANK)) };
    const mapping = { ...commerzbank } as BankCsvMappingInput;
    expect((await fails('bankCsv.commit', { ...file, mapping, accountIban: 'DE88370400440532013000' })).code).toBe('iban.invalid');
    expect((await fails('bankCsv.commit', { ...file, mapping, accountIban: CUSTOMER_IBAN })).code).toBe('bankCsv.accountMismatch');
    const broken = await fails('bankCsv.commit', { ...file, mapping: { ...mapping, filter: `(Betrag < 0` }, accountIban: OUR_IBAN });
    expect(broken).toMatchObject({ code: 'bankCsv.filterInvalid', params: { position: 0, reason: 'bankCsv.filterParenthesis' } });
    const preview = await ok(ctx, 'bankCsv.preview', { ...file, mapping: { ...mapping, filter: `Saldo = 'x'` } });
    expect(preview.filterError).toMatchObject({ code: 'bankCsv.filterUnknownColumn', position: 0 });
    expect((await fails('bankCsv.commit', { ...file, mapping: { ...mapping, filter: 'Betrag > 1.000.000,00' }, accountIban: OUR_IBAN })).code).toBe(
      'import.nothingToImport',
    );
    expect(count('statement') + count('import_file')).toBe(0);
  });

  it('takes the account from the preview input when the file does not name it', async () => {
    ctx = tempContext();
    const file = { fileName: 'x.csv', base64: base64(utf8(UNKNOWN)) };
    const plain = await ok(ctx, 'bankCsv.preview', file);
    expect(plain.profile).toMatchObject({ name: 'Generic', builtIn: true });
    expect(plain.accountIban).toBeNull();
    expect((await ok(ctx, 'bankCsv.preview', { ...file, accountIban: OUR_IBAN_SPACED })).accountIban).toBe(OUR_IBAN);
    expect(plain.totals).toMatchObject({ ok: 2, sumCents: 123_456 - 8_990 });
  });

  it('imports as chargeback: every line marked, a collected payment by its end-to-end id becomes Reversed; a booking collects an issued one', async () => {
    ctx = tempContext();
    const { entity } = entityWithAccount();
    const collected = payment(entity, 'E2E-STROM-11', 'Collected');
    const file = { fileName: 'returns.csv', base64: base64(utf8(SPARKASSE)) };
    const result = await ok(ctx, 'bankCsv.commit', { ...file, mapping: { ...sparkasse, chargeback: true }, accountIban: OUR_IBAN });
    expect(result).toMatchObject({ lines: 3, chargebacks: 3 });
    const flags = ctx.db.prepare('SELECT is_chargeback AS c, return_reason AS r FROM statement_line ORDER BY line_no').all();
    expect(flags).toEqual([
      { c: 1, r: 'CHARGEBACK' },
      { c: 1, r: 'CHARGEBACK' },
      { c: 1, r: 'CHARGEBACK' },
    ]);
    expect(paymentState(collected)).toMatchObject({ status: 'Reversed', reason: 'CHARGEBACK' });

    // An ordinary booking of an issued payment collects it; a return text with an ISO code gives the reason.
    const issued = payment(entity, 'E2E-NEW-1', 'Issued', -5_000);
    const returned = payment(entity, 'E2E-OLD-2', 'Collected', -7_000);
    const text = [
      'Buchungstag;Betrag;Buchungstext;Verwendungszweck;End-to-End-Referenz',
      '10.11.2026;50,00;SEPA-Lastschrift;Beitrag;E2E-NEW-1',
      '11.11.2026;-70,00;Rücklastschrift;Rückgabe MD06 Widerspruch;E2E-OLD-2',
      '',
    ].join('\n');
    const mapping = {
      columns: { bookingDate: 'Buchungstag', amount: 'Betrag', bookingText: 'Buchungstext', remittance: 'Verwendungszweck', endToEndId: 'End-to-End-Referenz' },
    };
    const preview = await ok(ctx, 'bankCsv.preview', { fileName: 'mixed.csv', base64: base64(utf8(text)) });
    expect(preview.mapping.columns.endToEndId).toBe('End-to-End-Referenz');
    const second = await ok(ctx, 'bankCsv.commit', { fileName: 'mixed.csv', base64: base64(utf8(text)), mapping, accountIban: OUR_IBAN });
    expect(second.chargebacks).toBe(1);
    expect(paymentState(issued)).toMatchObject({ status: 'Collected', reason: null });
    expect(paymentState(returned)).toMatchObject({ status: 'Reversed', reason: 'MD06' });
  });

  it('saves profiles, lists them after the built-in ones, proposes a saved one next time and refuses a built-in name', async () => {
    ctx = tempContext();
    const profiles = await ok(ctx, 'bankCsv.profiles', {});
    expect(profiles.filter((p) => p.builtIn).map((p) => p.name)).toEqual([...BUILT_IN_PROFILES.map((p) => p.name), 'Generic']);
    expect(profiles.some((p) => !p.builtIn)).toBe(false);

    const file = { fileName: 'spk.csv', base64: base64(utf8(SPARKASSE, true)) };
    const refused = await fails('bankCsv.commit', { ...file, mapping: sparkasse, accountIban: OUR_IBAN, saveProfileAs: 'sparkasse (csv-camt)' });
    expect(refused.code).toBe('bankCsv.builtInProfile');
    expect(count('statement')).toBe(0);
    expect((await fails('bankCsv.commit', { ...file, mapping: sparkasse, accountIban: OUR_IBAN, saveProfileAs: 'generic' })).code).toBe(
      'bankCsv.builtInProfile',
    );

    const mine = { ...sparkasse, filter: 'Betrag < 0' };
    const result = await ok(ctx, 'bankCsv.commit', { ...file, mapping: mine, accountIban: OUR_IBAN, saveProfileAs: 'Sparkasse Ausgänge' });
    expect(result.statement).toMatchObject({ messageName: 'Sparkasse Ausgänge', lineCount: 2 });
    const after = await ok(ctx, 'bankCsv.profiles', {});
    expect(after.at(-1)).toMatchObject({ name: 'Sparkasse Ausgänge', builtIn: false, mapping: { filter: 'Betrag < 0' } });

    // The next file of the same kind: the saved profile wins the tie with the built-in one.
    const next = SPARKASSE.replace('-12,00', '-13,00');
    const preview = await ok(ctx, 'bankCsv.preview', { fileName: 'spk2.csv', base64: base64(utf8(next)) });
    expect(preview.profile).toEqual({ name: 'Sparkasse Ausgänge', builtIn: false, score: 1 });
    expect(preview.totals).toMatchObject({ ok: 2, filtered: 1 });
    // Chosen by name, and an unknown name.
    const chosen = await ok(ctx, 'bankCsv.preview', { fileName: 'spk2.csv', base64: base64(utf8(next)), profile: 'Sparkasse (CSV-CAMT)' });
    expect(chosen.profile).toEqual({ name: 'Sparkasse (CSV-CAMT)', builtIn: true, score: 1 });
    expect(chosen.totals.ok).toBe(3);
    expect((await fails('bankCsv.preview', { fileName: 'x.csv', base64: base64(utf8(next)), profile: 'Nope' })).code).toBe('bankCsv.unknownProfile');
  });

  it('refuses what is not a CSV file', async () => {
    ctx = tempContext();
    expect((await fails('bankCsv.preview', { fileName: 'x.xlsx', base64: base64(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0])) })).code).toBe(
      'import.notCsv',
    );
    expect((await fails('bankCsv.preview', { fileName: 'x.csv', base64: 'not base64!' })).code).toBe('import.unreadable');
  });
});
