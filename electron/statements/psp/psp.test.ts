import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { parseStatementBytes } from '../parse';
import type { ParsedStatement } from '../model';
import { detectPspReport } from './index';

const SAMPLES = join(__dirname, '..', 'samples', 'psp');
const sample = (name: string) => new Uint8Array(readFileSync(join(SAMPLES, name)));
const FILES = {
  adyen: 'adyen-settlement_detail_report_batch_7.csv',
  stripe: 'stripe-payout_reconciliation_itemized.csv',
  paypal: 'paypal-STL-20261129.A.01.009.CSV',
  mollie: 'mollie-settlement-1234567.2611.01.csv',
} as const;

const byCode = (st: ParsedStatement, code: string) => st.lines.filter((l) => l.bankTxCode === `PSP:${code}`);
const only = (bytes: Uint8Array) => {
  const { format, statements } = parseStatementBytes(bytes);
  expect(format).toBe('psp');
  expect(statements).toHaveLength(1);
  return statements[0]!;
};

function refused(bytes: Uint8Array): KontorError {
  try {
    parseStatementBytes(bytes);
  } catch (e) {
    if (e instanceof KontorError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('PSP settlement reports', () => {
  it.each(Object.entries(FILES))('a %s report is recognised and its batch adds up to the payout (balance 0 → 0)', (provider, file) => {
    expect(detectPspReport(sample(file))).toBe(provider);
    const st = only(sample(file));
    expect(st).toMatchObject({ kind: 'psp', dialect: provider, balanceCheck: { ok: true, closingCents: 0 } });
    const [payout] = byCode(st, 'PAYOUT');
    expect(payout!.amountCents).toBe(-st.lines.filter((l) => l !== payout).reduce((s, l) => s + l.amountCents, 0));
    expect(payout!.amountCents).toBeLessThan(0);
    // Every payment carries the shop's reference, which is what finds its open entry.
    for (const p of byCode(st, 'PAYMENT')) expect(p.remittance).toMatch(/RE-2026-\d{4}/);
  });

  it('Adyen: a payment at its gross with its costs as a fee beside it; a chargeback at its gross with the chargeback fee apart', () => {
    const st = only(sample(FILES.adyen));
    const payment = byCode(st, 'PAYMENT').find((l) => l.remittance === 'RE-2026-1001')!;
    expect(payment).toMatchObject({ amountCents: 11900, bankReference: '8816378291027341', bookingDate: '2026-11-23' });
    const fees = byCode(st, 'FEE');
    expect(fees.filter((f) => f.bankReference === '8816378291027341').map((f) => f.amountCents)).toEqual([-179]);
    expect(byCode(st, 'CHARGEBACK')[0]!.amountCents).toBe(-4500);
    expect(fees.filter((f) => f.bankReference === '8816378290950017').map((f) => f.amountCents)).toEqual([-750]);
    expect(byCode(st, 'PAYOUT')[0]).toMatchObject({ amountCents: -10022, remittance: 'TX8837262XT KontorShopDE, batch 7' });
    expect(st.account.other).toBe('Adyen KontorShopDE EUR');
  });

  it('Stripe: the payout is the negative of its rows, on the day it reaches the bank, named by its payout id', () => {
    const st = only(sample(FILES.stripe));
    expect(byCode(st, 'PAYOUT')[0]).toMatchObject({ amountCents: -29288, bookingDate: '2026-11-27', remittance: 'po_1QxKontorAb12' });
    const charge = byCode(st, 'PAYMENT').find((l) => l.bankReference === 'ch_3QxA1')!;
    expect(charge).toMatchObject({ amountCents: 25000, counterparty: { name: 'Bäckerei Schmidt GmbH' } });
    expect(charge.remittance).toContain('RE-2026-2001');
    expect(byCode(st, 'REFUND')[0]!.amountCents).toBe(-3000);
  });

  it('PayPal: minor units with CR/DR, the fee of a payment from its own row, the T04 withdrawal as the payout', () => {
    const st = only(sample(FILES.paypal));
    expect(byCode(st, 'PAYMENT').map((l) => [l.remittance, l.amountCents])).toEqual([
      ['RE-2026-3001', 15470],
      ['RE-2026-3002', 4990],
    ]);
    expect(byCode(st, 'FEE').map((l) => l.amountCents)).toEqual([-529, -209]);
    expect(byCode(st, 'REFUND')[0]!.amountCents).toBe(-1000);
    expect(byCode(st, 'PAYOUT')[0]).toMatchObject({ amountCents: -18722, bookingDate: '2026-11-29' });
  });

  it('Mollie: refunds and costs are money out whatever their sign, the payout names the T-reference the bank shows', () => {
    const st = only(sample(FILES.mollie));
    expect(byCode(st, 'REFUND')[0]!.amountCents).toBe(-1000);
    expect(byCode(st, 'FEE')[0]!.amountCents).toBe(-29);
    expect(byCode(st, 'PAYOUT')[0]).toMatchObject({ amountCents: -14641, remittance: 'T1234567 1234567.2611.01' });
    expect(byCode(st, 'PAYMENT')[1]!.counterparty?.name).toBe('Anna Łukasiewicz');
  });

  it('keeps each booking’s raw text from the file', () => {
    const bytes = sample(FILES.adyen);
    const st = only(bytes);
    const line = byCode(st, 'CHARGEBACK')[0]!;
    expect(Buffer.from(bytes.subarray(line.rawStart, line.rawEnd)).toString('utf8')).toMatch(
      /^KontorCompany,KontorShopDE,8816378290950017,RE-2026-0950,.*,7,+$/,
    );
  });

  it('warns when the rows do not add up to the payout', () => {
    const text = Buffer.from(sample(FILES.adyen)).toString('utf8').replace('EUR,100.22,', 'EUR,100.00,');
    expect(only(new Uint8Array(Buffer.from(text)))).toMatchObject({
      balanceCheck: { ok: false, differenceCents: -22 },
      warnings: ['statement.balanceMismatch'],
    });
  });

  it('refuses a damaged report with the line it is damaged in', () => {
    const text = Buffer.from(sample(FILES.adyen)).toString('utf8').replace('59.50', '59,5O');
    const e = refused(new Uint8Array(Buffer.from(text)));
    expect(e.code).toBe('statement.malformed');
    expect(e.params).toMatchObject({ line: 3 });
    const paypal = Buffer.from(sample(FILES.paypal))
      .toString('utf8')
      .replace(/^"CH".*\r\n/m, '');
    expect(refused(new Uint8Array(Buffer.from(paypal))).code).toBe('statement.notAStatement');
    const swapped = Buffer.from(sample(FILES.paypal)).toString('utf8').replace('"CR","15470"', '"XX","15470"');
    expect(refused(new Uint8Array(Buffer.from(swapped)))).toMatchObject({ code: 'statement.malformed', params: { line: 5 } });
  });

  it('does not take an ERP export or a bank CSV for a settlement report', () => {
    const erp = 'Rechnungsnummer;Datum;Betrag;Kunde\nRE-1;01.11.2026;119,00;Müller\n';
    expect(detectPspReport(new Uint8Array(Buffer.from(erp)))).toBeNull();
    const bank = 'Buchungstag;Valuta;Auftraggeber;Verwendungszweck;Betrag;Währung\n01.11.2026;01.11.2026;Adyen;TX1 batch 7;100,22;EUR\n';
    expect(detectPspReport(new Uint8Array(Buffer.from(bank)))).toBeNull();
    expect(refused(new Uint8Array(Buffer.from(erp))).code).toBe('statement.notAStatement');
  });
});
