import { describe, expect, it } from 'vitest';
import { compareDates, isTarget2Day } from '../../../shared/dates';
import { isValidCreditorId, isValidIban } from '../../../shared/ids';
import { DEFAULT_CUSTOMERS, seedHistory } from './history';
import type { DemoBooking } from './model';
import { ACCOUNT, HISTORY, PERIOD } from './test-fixtures';

const INVOICE = /RE-\d{4}-\d{4}/g;

function kinds(bookings: readonly DemoBooking[]) {
  const credits = bookings.filter((b) => b.bankTxCode.gvc === '166');
  return {
    singleInvoice: credits.filter((b) => (b.remittance?.match(INVOICE) ?? []).length === 1 && !/Teilzahlung|Restzahlung/.test(b.remittance ?? '')),
    consolidated: credits.filter((b) => /^RE-\d{4}-\d{4}(, RE-\d{4}-\d{4}){2,}$/.test(b.remittance ?? '')),
    partial: credits.filter((b) => /Teilzahlung/.test(b.remittance ?? '')),
    supplierPayments: bookings.filter((b) => b.bankTxCode.gvc === '116' && b.amountCents < 0),
    charges: bookings.filter((b) => b.bankTxCode.gvc === '808' && b.amountCents < 0 && b.reversal !== true),
    returns: bookings.filter((b) => b.bankTxCode.gvc === '109' && b.amountCents < 0 && b.returnReason !== undefined),
    batches: bookings.filter((b) => b.batch !== undefined && b.batch.items.length >= 2),
    reversals: bookings.filter((b) => b.reversal === true),
    debitedByCreditor: bookings.filter((b) => b.bankTxCode.gvc === '105' && b.mandateId !== undefined),
  };
}

describe('seeded demo history', () => {
  it('is identical for the same seed and differs for another seed', () => {
    const again = seedHistory(ACCOUNT, { seed: 20260302, ...PERIOD });
    expect(JSON.stringify(again)).toBe(JSON.stringify(HISTORY));
    const other = seedHistory(ACCOUNT, { seed: 7, ...PERIOD });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(HISTORY));
  });

  it('books only on TARGET2 days inside the period, in date order, with unique ids and references', () => {
    expect(HISTORY.length).toBeGreaterThan(40);
    for (const b of HISTORY) {
      expect(isTarget2Day(b.bookingDate), b.bookingDate).toBe(true);
      expect(compareDates(b.bookingDate, PERIOD.from)).toBeGreaterThanOrEqual(0);
      expect(compareDates(b.bookingDate, PERIOD.to)).toBeLessThanOrEqual(0);
      expect(compareDates(b.valueDate, b.bookingDate)).toBeLessThanOrEqual(0);
    }
    const dates = HISTORY.map((b) => b.bookingDate);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(HISTORY.map((b) => b.id)).size).toBe(HISTORY.length);
    expect(new Set(HISTORY.map((b) => b.bankReference)).size).toBe(HISTORY.length);
    expect(HISTORY.every((b) => b.bankReference.length <= 16)).toBe(true);
  });

  it('contains every kind of booking the demo is meant to show', () => {
    const k = kinds(HISTORY);
    expect(k.singleInvoice.length).toBeGreaterThan(0);
    expect(k.consolidated.length).toBeGreaterThan(0);
    expect(k.partial.length).toBeGreaterThan(0);
    expect(k.supplierPayments.length).toBeGreaterThan(0);
    expect(k.charges.length).toBeGreaterThan(0);
    expect(k.batches.length).toBeGreaterThan(0);
    expect(k.reversals.length).toBeGreaterThan(0);
    expect(k.debitedByCreditor.length).toBeGreaterThan(0);
    expect(k.returns.map((b) => b.returnReason).sort()).toEqual(['AC04', 'MS03']);
  });

  it('returns debits of an earlier collection, value-dated on the collection day', () => {
    const batch = kinds(HISTORY).batches[0];
    const items = batch?.batch?.items ?? [];
    for (const ret of kinds(HISTORY).returns) {
      const original = items.find((i) => i.endToEndId === ret.endToEndId);
      expect(original, ret.endToEndId).toBeDefined();
      expect(ret.amountCents).toBe(-(original?.amountCents ?? 0));
      expect(ret.mandateId).toBe(original?.mandateId);
      expect(ret.valueDate).toBe(batch?.bookingDate);
      expect(compareDates(ret.bookingDate, ret.valueDate)).toBeGreaterThan(0);
    }
  });

  it('keeps money in whole cents and lets batch items add up to their booking', () => {
    for (const b of HISTORY) {
      expect(Number.isSafeInteger(b.amountCents)).toBe(true);
      expect(b.amountCents).not.toBe(0);
      if (b.batch !== undefined) {
        expect(b.batch.count).toBe(b.batch.items.length);
        expect(b.batch.items.reduce((s, i) => s + i.amountCents, 0)).toBe(b.amountCents);
        expect(b.remittance?.length ?? 0).toBeGreaterThan(140);
      }
    }
  });

  it('uses valid IBANs and creditor identifiers throughout', () => {
    const ibans = HISTORY.flatMap((b) => [b.counterpartyIban, ...(b.batch?.items.map((i) => i.counterpartyIban) ?? [])]);
    for (const iban of ibans) if (iban !== undefined) expect(isValidIban(iban), iban).toBe(true);
    for (const b of HISTORY) if (b.creditorId !== undefined) expect(isValidCreditorId(b.creditorId), b.creditorId).toBe(true);
    for (const c of DEFAULT_CUSTOMERS) expect(isValidIban(c.iban), c.iban).toBe(true);
  });

  it('squeezes every kind into a period of a single business day', () => {
    const day = seedHistory(ACCOUNT, { seed: 1, from: '2026-03-04', to: '2026-03-04' });
    expect(new Set(day.map((b) => b.bookingDate))).toEqual(new Set(['2026-03-04']));
    const k = kinds(day);
    for (const [name, list] of Object.entries(k)) expect(list.length, name).toBeGreaterThan(0);
  });

  it('is empty for a period without TARGET2 days (Easter 2026)', () => {
    expect(seedHistory(ACCOUNT, { seed: 1, from: '2026-04-03', to: '2026-04-06' })).toEqual([]);
  });

  it('uses the given invoice prefix and customers', () => {
    const customers = [{ name: 'Einzelkunde KG', iban: 'DE02760501010010203040' }];
    const h = seedHistory(ACCOUNT, { seed: 3, ...PERIOD, invoicePrefix: 'AR', customers });
    const credits = h.filter((b) => b.bankTxCode.gvc === '166');
    expect(credits.length).toBeGreaterThan(0);
    for (const b of credits) {
      expect(b.counterpartyName).toBe('Einzelkunde KG');
      expect(b.remittance).toMatch(/AR-2026-\d{4}/);
      expect(b.remittance).not.toMatch(/RE-2026/);
    }
  });
});
