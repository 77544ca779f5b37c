import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../../shared/money';
import type { Assignment, EntryRef, Reason } from '../../../../shared/reconcile';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';
import { makeTranslator } from '../../i18n/translator';
import { availableOf, checkAllocations, unfitReason, withDefaults, type EntryChoice } from './allocation';
import { confidenceText, directionTotalsText, settles } from './labels';
import { reasonKey, reasonText } from './reasons';

const en_ = makeTranslator('en');
const de_ = makeTranslator('de');

/** Every reason and note code the matcher emits (electron/reconcile/match/types.ts), with the params it gives. */
const EMITTED: { code: string; params: Reason['params'] }[] = [
  { code: 'match.endToEnd', params: { id: 'KONTOR-42' } },
  { code: 'match.mandate', params: { mandateId: 'M-77', date: '2026-11-03' } },
  { code: 'match.reference', params: { number: 'RE-2026-001', entryId: 1, via: 'number', reference: 'RE-2026-001' } },
  { code: 'match.partial', params: { number: 'RE-1', entryId: 1, via: 'reference', reference: 'RF18', openCents: 10000 } },
  { code: 'match.overpayment', params: { number: 'RE-1', entryId: 1, via: 'number', reference: 'RE-1', openCents: 10000 } },
  { code: 'match.consolidated', params: { numbers: 'INV001, INV002', count: 2, openCents: 30000 } },
  { code: 'match.amountIban', params: { iban: 'DE02120300000000202051', amountCents: 5000, number: 'RE-7', entryId: 7 } },
  { code: 'match.amountName', params: { name: 'Müller', amountCents: 5000, number: 'RE-7', entryId: 7 } },
  { code: 'match.return', params: { id: 'KONTOR-42' } },
  { code: 'match.return', params: { id: 'KONTOR-42', returnReason: 'MD06' } },
  { code: 'match.returnMandate', params: { mandateId: 'M-77', date: '2026-11-03' } },
  { code: 'match.returnMandate', params: { mandateId: 'M-77', date: '2026-11-03', returnReason: 'AC04' } },
  { code: 'note.ambiguous', params: { count: 2 } },
  { code: 'note.ambiguous', params: { count: 2, number: '23' } },
  { code: 'note.amountDiffers', params: { expectedCents: -10000, amountCents: 9000 } },
  { code: 'note.otherIban', params: { iban: 'DE02120300000000202051', accountName: 'Müller' } },
  { code: 'note.weakReference', params: { number: '23' } },
  { code: 'note.rest', params: { restCents: 5000 } },
  { code: 'note.entryNotOpen', params: { entryId: 3 } },
  { code: 'note.notCollected', params: { status: 'Issued' } },
  { code: 'note.paymentStatus', params: { status: 'Rejected' } },
];

describe('reasons in words', () => {
  it('translate every code the matcher emits, in both languages, with every placeholder filled', () => {
    for (const r of EMITTED) {
      const reason = { ...r, text: 'ENGLISH FALLBACK' };
      expect(reasonKey(reason), r.code).toBeDefined();
      for (const tr of [en_, de_]) {
        const text = reasonText(tr, reason, 'EUR');
        expect(text, `${r.code} ${tr.locale}`).not.toBe('ENGLISH FALLBACK');
        expect(text).not.toMatch(/[{}]/);
      }
    }
  });

  it('show amounts, dates and IBANs as the reader writes them', () => {
    const consolidated = { code: 'match.consolidated', params: { numbers: 'RE-2026-002, RE-2026-003', count: 2, openCents: 246912 }, text: '' };
    expect(reasonText(en_, consolidated, 'EUR')).toBe('Invoice numbers RE-2026-002, RE-2026-003 in the remittance text: one payment for 2 entries');
    const partial = { code: 'match.partial', params: { number: 'RE-1', entryId: 1, via: 'number', reference: 'RE-1', openCents: 123456 }, text: '' };
    expect(reasonText(de_, partial, 'EUR')).toBe('Rechnungsnummer RE-1 im Verwendungszweck: Teilzahlung, offen sind 1.234,56 EUR');
    const mandate = { code: 'match.mandate', params: { mandateId: 'M-77', date: '2026-11-03' }, text: '' };
    expect(reasonText(de_, mandate, 'EUR')).toBe('Mandat M-77 und Einzugsdatum 03.11.2026');
    const iban = { code: 'note.otherIban', params: { iban: 'DE02120300000000202051', accountName: 'Müller' }, text: '' };
    expect(reasonText(en_, iban, 'EUR')).toBe('IBAN DE02 1203 0000 0000 2020 51 is not known for Müller.');
    expect(reasonText(en_, { code: 'note.rest', params: { restCents: -5000 }, text: '' }, 'EUR')).toBe('EUR 50.00 stays available on the line.');
  });

  it('name a payment’s state in the glossary’s word, never the ledger’s English code', () => {
    const note = { code: 'note.paymentStatus', params: { status: 'Issued' }, text: 'The payment is “Issued”.' };
    expect(reasonText(de_, note, 'EUR')).toBe('Die Zahlung hat den Status „An die Bank übergeben“.');
    expect(reasonText(en_, note, 'EUR')).toBe('The payment is “Sent to the bank”.');
  });

  it('fall back to the server’s sentence for an unknown code or missing params', () => {
    expect(reasonText(de_, { code: 'match.somethingNew', params: {}, text: 'something new' }, 'EUR')).toBe('something new');
    expect(reasonText(de_, { code: 'match.endToEnd', params: {}, text: 'end-to-end id X' }, 'EUR')).toBe('end-to-end id X');
  });
});

const entry = (over: Partial<EntryRef> & Pick<EntryRef, 'entryId' | 'number' | 'openAmountCents'>): EntryRef => ({
  accountName: 'Schmidt Bau GmbH',
  type: over.openAmountCents < 0 ? 'Credit' : 'Debit',
  currency: 'EUR',
  dueDate: null,
  paymentReference: null,
  status: 'Open',
  ...over,
});
const fmt = (c: number) => formatAmount(c, 'de');
const pick = (e: EntryRef, text = '', edited = false): EntryChoice => ({ entry: e, text, edited });

describe('choosing the entries a line settles', () => {
  const old = entry({ entryId: 1, number: 'RE-1', openAmountCents: 30000, dueDate: '2026-10-01' });
  const young = entry({ entryId: 2, number: 'RE-2', openAmountCents: 50000, dueDate: '2026-11-01' });

  it('proposes each open amount up to what the line has, oldest first', () => {
    const picks = withDefaults([pick(young), pick(old)], 60000, 'de', fmt);
    expect(picks.map((p) => p.text)).toEqual(['300,00', '300,00']);
    expect(withDefaults([pick(young), pick(old)], 100000, 'de', fmt).map((p) => p.text)).toEqual(['500,00', '300,00']);
  });

  it('keeps what the user typed and fills the rest around it', () => {
    const picks = withDefaults([pick(old, '100,00', true), pick(young)], 60000, 'de', fmt);
    expect(picks.map((p) => p.text)).toEqual(['100,00', '500,00']);
  });

  it('sends allocations with the sign of shared/reconcile.ts: money in settles with negative amounts', () => {
    const check = checkAllocations([pick(old, '300,00'), pick(young, '200,00')], 60000, 'de', fmt);
    expect(check.allocations).toEqual([
      { entryId: 1, amountCents: -30000 },
      { entryId: 2, amountCents: -20000 },
    ]);
    expect(check.sumCents).toBe(50000);
    const payable = entry({ entryId: 3, number: 'ER-1', openAmountCents: -8990 });
    expect(checkAllocations([pick(payable, '89.90')], -8990, 'en', fmt).allocations).toEqual([{ entryId: 3, amountCents: 8990 }]);
  });

  it('refuses more than the line has, more than an entry has open, zero and unreadable amounts', () => {
    const over = checkAllocations([pick(old, '300,00'), pick(young, '400,00')], 60000, 'de', fmt);
    expect(over.allocations).toBeNull();
    expect(de_.problem(over.total!)).toBe('Zusammen 700,00, der Umsatz hat aber nur 600,00 verfügbar.');
    const rows = checkAllocations(
      [pick(old, '300,01'), pick(young, '0'), pick(entry({ entryId: 9, number: 'X', openAmountCents: 100 }), 'abc')],
      60000,
      'de',
      fmt,
    ).rows;
    expect(rows.get(1)?.code).toBe('reconcile.moreThanOpen');
    expect(rows.get(2)?.code).toBe('reconcile.amountZero');
    expect(rows.get(9)?.code).toBe('amount.invalid');
    expect(checkAllocations([], 60000, 'de', fmt).allocations).toBeNull();
  });

  it('says why an entry cannot take money from the line', () => {
    const payable = entry({ entryId: 3, number: 'ER-1', openAmountCents: -8990 });
    expect(unfitReason(payable, 5000, 'EUR')?.code).toBe('reconcile.payableForMoneyIn');
    expect(unfitReason(old, -5000, 'EUR')?.code).toBe('reconcile.receivableForMoneyOut');
    expect(unfitReason(entry({ entryId: 4, number: 'CH', openAmountCents: 100, currency: 'CHF' }), 5000, 'EUR')?.code).toBe('reconcile.currencyMismatch');
    expect(unfitReason(old, 5000, 'EUR')).toBeUndefined();
  });

  it('knows what of a line is still free from its active assignments', () => {
    const a = (id: number, amounts: number[], undone = false): Assignment => ({
      id,
      lineId: 1,
      proposalId: null,
      items: amounts.map((amountCents, k) => ({ entryId: k + 1, number: `RE-${k}`, amountCents })),
      createdAt: '2026-11-20T10:00:00Z',
      createdBy: 'test',
      undoneAt: undone ? '2026-11-21T10:00:00Z' : null,
    });
    expect(availableOf(100000, [a(1, [-30000, -20000]), a(2, [-40000], true)])).toBe(50000);
    expect(availableOf(-8990, [a(1, [8990])])).toBe(0);
  });
});

describe('labels', () => {
  it('tell settling from reopening, and show confidence and totals', () => {
    expect(settles({ type: 'Debit' }, -100)).toBe(true);
    expect(settles({ type: 'Debit' }, 100)).toBe(false);
    expect(settles({ type: 'Credit' }, 100)).toBe(true);
    expect(confidenceText(0.954)).toBe('95 %');
  });

  it('total money in and money out apart, per currency, never adding one to the other', () => {
    const totals = [
      { direction: 'in' as const, currency: 'EUR', count: 2, cents: 223456 },
      { direction: 'in' as const, currency: 'CHF', count: 1, cents: 200 },
      { direction: 'out' as const, currency: 'EUR', count: 1, cents: 100000 },
    ];
    expect(directionTotalsText(en_, totals)).toBe('money in EUR 2,234.56 + CHF 2.00 (3) · money out EUR 1,000.00 (1)');
    expect(directionTotalsText(de_, totals)).toBe('Eingänge 2.234,56 EUR + 2,00 CHF (3) · Ausgänge 1.000,00 EUR (1)');
    expect(directionTotalsText(en_, [totals[2]!])).toBe('money out EUR 1,000.00 (1)');
  });

  it('give every reconciliation and bank CSV text in German, with umlauts where the words have them', () => {
    const mine = Object.keys(en).filter((k) => /^(reconcile|bankCsv|match|note)\.|^code\.(reconcile|bankCsv)\./.test(k)) as (keyof typeof en)[];
    expect(mine.length).toBeGreaterThan(150);
    for (const k of mine) {
      // Same placeholders in both languages.
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(de[k]), k).toEqual(names(en[k]));
    }
    expect(de['reconcile.acceptSure']).toBe('Alle sicheren Zuordnungen übernehmen ({count})');
  });
});
