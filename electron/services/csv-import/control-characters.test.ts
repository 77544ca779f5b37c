/** Control characters in a CSV export never reach the ledger, through either import (issue 15). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, tempContext } from '../../../test/integration/helpers';
import { dispatch } from '../dispatch';
import { base64, utf8 } from '../../csv/test-files';
import { OUR_IBAN } from '../../statements/bank-csv/test-files';

// eslint-disable-next-line no-control-regex -- looking for control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const texts = (sql: string) =>
  (ctx.db.prepare(sql).all() as Record<string, string | null>[]).flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string'));

describe('control characters in CSV imports', () => {
  it('entries: removed from numbers, names and references before the preview and the ledger see them', async () => {
    const entityId = (await ok(ctx, 'entities.create', { name: 'Muster GmbH' })).id;
    const text = 'Nr;Datum;Kunde;Name;Betrag;Verwendungszweck\nR-1\u0007;01.02.2026;K-1;Neu\u001b[2J GmbH;10,00;Miete\u0085 Februar\u007f\n';
    const input = { fileName: 'op.csv', base64: base64(utf8(text)), entityId };
    const preview = await ok(ctx, 'entries.importPreview', input);
    expect(preview.rows[0]!.values).toMatchObject({ number: 'R-1', paymentReference: 'Miete Februar' });
    const mapping = { ...preview.mapping, createAccounts: true };
    await ok(ctx, 'entries.importCommit', { ...input, mapping, skipInvalid: false });
    const stored = texts('SELECT e.number, e.payment_reference, a.number AS account, a.name FROM entry e JOIN account a ON a.id = e.account_id');
    expect(stored).toEqual(['R-1', 'Miete Februar', 'K-1', 'Neu[2J GmbH']);
    for (const v of stored) expect(v).not.toMatch(CONTROL);
  });

  it('bank CSV: removed from every stored text of a line, its raw text included', async () => {
    const text = [`Konto;${OUR_IBAN}`, 'Buchungstag;Betrag;Verwendungszweck;Name', '03.11.2026;12,00;RE\u0000X;A'];
    const refused = await dispatch(ctx, 'bankCsv.preview', { fileName: 'nul.csv', base64: base64(utf8(text.join('\n'))) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import.notCsv' } });
    const clean = [...text.slice(0, 2), '03.11.2026;12,00;RE-2026-7\u0007\u001b;M\u00fcller\u0090 GmbH'].join('\n');
    const file = { fileName: 'umsaetze.csv', base64: base64(utf8(clean)) };
    const preview = await ok(ctx, 'bankCsv.preview', file);
    await ok(ctx, 'bankCsv.commit', { ...file, mapping: preview.mapping, accountIban: OUR_IBAN });
    const stored = texts('SELECT remittance, counterparty_name, raw FROM statement_line');
    expect(stored).toEqual(['RE-2026-7', 'Müller GmbH', '03.11.2026;12,00;RE-2026-7;Müller GmbH']);
    for (const v of stored) expect(v).not.toMatch(CONTROL);
  });
});
