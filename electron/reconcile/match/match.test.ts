import { describe, expect, it } from 'vitest';
import { matchLines } from './index';
import type { BankLine, IssuedPayment, OpenEntry, Proposal } from './types';

const ACME_IBAN = 'DE89370400440532013000';
const OTHER_IBAN = 'DE02120300000000202051';
const SUPPLIER_IBAN = 'FR1420041010050500013M02606';

let nextLine = 1;
function line(p: Partial<BankLine> & { amountCents: number }): BankLine {
  return {
    id: nextLine++,
    accountIban: 'DE44500105175407324931',
    bookingDate: '2026-11-10',
    currency: 'EUR',
    isReversal: false,
    isChargeback: false,
    alreadyAssignedCents: 0,
    ...p,
  };
}

function entry(p: Partial<OpenEntry> & { id: number; number: string; openAmountCents: number }): OpenEntry {
  return {
    accountId: 1,
    accountName: 'ACME Handels GmbH',
    accountIbans: [ACME_IBAN],
    type: p.openAmountCents > 0 ? 'Debit' : 'Credit',
    currency: 'EUR',
    statementDate: '2026-10-01',
    dueDate: '2026-10-31',
    ...p,
  };
}

function only(proposals: Proposal[]): Proposal {
  expect(proposals).toHaveLength(1);
  return proposals[0]!;
}

describe('matchLines: exact keys', () => {
  it('settles the entries of an issued payment by its end-to-end id (sure)', () => {
    const entries = [entry({ id: 1, number: 'RE-1', openAmountCents: 10_000 }), entry({ id: 2, number: 'RE-2', openAmountCents: 2_550 })];
    const payments: IssuedPayment[] = [
      {
        id: 7,
        endToEndId: 'KONTOR-7-1',
        mandateId: 'M-1',
        executionDate: '2026-11-09',
        amountCents: -12_550,
        status: 'Issued',
        entries: [
          { entryId: 1, expectedCents: -10_000 },
          { entryId: 2, expectedCents: -2_550 },
        ],
      },
    ];
    const l = line({ amountCents: 12_550, endToEndId: 'KONTOR-7-1', remittance: 'RE-1 RE-2' });
    const p = only(matchLines([l], entries, payments));
    expect(p).toMatchObject({
      lineId: l.id,
      kind: 'endToEnd',
      paymentId: 7,
      sure: true,
      restCents: 0,
      allocations: [
        { entryId: 1, amountCents: -10_000 },
        { entryId: 2, amountCents: -2_550 },
      ],
      reason: { code: 'match.endToEnd', params: { id: 'KONTOR-7-1' }, text: 'end-to-end id KONTOR-7-1' },
    });
    expect(p.confidence).toBe(0.99);
  });

  it('settles every item of a batch booking of issued payments by their end-to-end ids (sure), and leaves a batch with a stranger’s item alone', () => {
    const entries = [entry({ id: 1, number: 'ER-1', openAmountCents: -10_000 }), entry({ id: 2, number: 'ER-2', openAmountCents: -2_550 })];
    const transfer = (id: number, entryId: number, cents: number): IssuedPayment => ({
      id,
      endToEndId: `KONTOR-${id}`,
      executionDate: '2026-11-09',
      amountCents: cents,
      status: 'Collected',
      entries: [{ entryId, expectedCents: cents }],
    });
    const payments = [transfer(7, 1, 10_000), transfer(8, 2, 2_550)];
    const batch = line({ amountCents: -12_550, batchEndToEndIds: ['KONTOR-7', 'kontor-8'], remittance: 'SEPA-Sammelüberweisung, 2 Posten' });
    expect(only(matchLines([batch], entries, payments))).toMatchObject({
      lineId: batch.id,
      kind: 'consolidated',
      sure: true,
      restCents: 0,
      allocations: [
        { entryId: 1, amountCents: 10_000 },
        { entryId: 2, amountCents: 2_550 },
      ],
      reason: { code: 'match.batch', params: { count: 2 } },
    });
    const foreign = line({ amountCents: -12_550, batchEndToEndIds: ['KONTOR-7', 'SOMEONE-ELSE'] });
    expect(matchLines([foreign], entries, payments).filter((p) => p.reason.code === 'match.batch')).toEqual([]);
    const short = line({ amountCents: -12_500, batchEndToEndIds: ['KONTOR-7', 'KONTOR-8'] });
    expect(only(matchLines([short], entries, payments))).toMatchObject({ sure: false, reason: { code: 'match.batch' } });
  });

  it('an end-to-end id with a different amount is proposed, not sure', () => {
    const entries = [entry({ id: 1, number: 'RE-1', openAmountCents: 10_000 })];
    const payments: IssuedPayment[] = [
      {
        id: 7,
        endToEndId: 'KONTOR-7-1',
        executionDate: '2026-11-09',
        amountCents: -10_000,
        status: 'Collected',
        entries: [{ entryId: 1, expectedCents: -10_000 }],
      },
    ];
    const p = only(matchLines([line({ amountCents: 9_000, endToEndId: 'KONTOR-7-1' })], entries, payments));
    expect(p).toMatchObject({ kind: 'endToEnd', sure: false, allocations: [{ entryId: 1, amountCents: -9_000 }], restCents: 0 });
    expect(p.notes.map((n) => n.code)).toContain('note.amountDiffers');
  });

  it('mandate + collection date within one TARGET2 day (sure); two TARGET2 days off is no match', () => {
    const entries = [entry({ id: 1, number: 'RE-1', openAmountCents: 4_990 }), entry({ id: 2, number: 'RE-2', openAmountCents: 4_990 })];
    const payments: IssuedPayment[] = [
      {
        id: 1,
        endToEndId: 'E-1',
        mandateId: 'MANDATE-42',
        executionDate: '2026-11-06',
        amountCents: -4_990,
        status: 'Issued',
        entries: [{ entryId: 1, expectedCents: -4_990 }],
      },
      {
        id: 2,
        endToEndId: 'E-2',
        mandateId: 'MANDATE-43',
        executionDate: '2026-11-05',
        amountCents: -4_990,
        status: 'Issued',
        entries: [{ entryId: 2, expectedCents: -4_990 }],
      },
    ];
    // Friday 6 November 2026 collection, booked Monday 9 November: the next TARGET2 day.
    const onTime = line({ amountCents: 4_990, bookingDate: '2026-11-09', mandateId: 'mandate-42' });
    // Thursday 5 November collection, booked Monday 9 November: two TARGET2 days later.
    const late = line({ amountCents: 4_990, bookingDate: '2026-11-09', mandateId: 'MANDATE-43', counterpartyIban: OTHER_IBAN });
    const p = matchLines([onTime, late], entries, payments);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({
      lineId: onTime.id,
      kind: 'mandate',
      paymentId: 1,
      sure: true,
      allocations: [{ entryId: 1, amountCents: -4_990 }],
      reason: { code: 'match.mandate', params: { mandateId: 'mandate-42', date: '2026-11-06' } },
    });
  });

  it('finds an exact invoice number in the remittance text (sure)', () => {
    const entries = [entry({ id: 1, number: 'INV001', openAmountCents: 50_000 }), entry({ id: 2, number: 'INV002', openAmountCents: 50_000 })];
    const l = line({ amountCents: 50_000, remittance: 'INV002', counterpartyIban: ACME_IBAN });
    const p = only(matchLines([l], entries, []));
    expect(p).toMatchObject({
      kind: 'reference',
      sure: true,
      restCents: 0,
      allocations: [{ entryId: 2, amountCents: -50_000 }],
      reason: { code: 'match.reference', text: 'invoice number INV002 in the remittance text' },
    });
  });

  it('finds a reference in noisy text: "RE-Nr. 2019/00023 vielen Dank", "Rechnung 2019-00023", "rg 2019.23"', () => {
    const entries = [entry({ id: 23, number: '2019/00023', openAmountCents: 11_900 }), entry({ id: 24, number: '2019/00024', openAmountCents: 11_900 })];
    for (const remittance of ['RE-Nr. 2019/00023 vielen Dank', 'Rechnung 2019-00023', 'rg 2019.23', 'SVWZ+RE2019/00023 EREF+NOTPROVIDED']) {
      const p = only(matchLines([line({ amountCents: 11_900, remittance })], entries, []));
      expect(p, remittance).toMatchObject({ kind: 'reference', sure: true, allocations: [{ entryId: 23, amountCents: -11_900 }] });
    }
  });

  it('finds a payment reference as well as the number', () => {
    const entries = [entry({ id: 1, number: 'RE-1', paymentReference: 'K4711-2026-0815', openAmountCents: 7_000 })];
    const p = only(matchLines([line({ amountCents: 7_000, remittance: 'Ihre Ref K4711 2026 0815 danke' })], entries, []));
    expect(p).toMatchObject({ kind: 'reference', sure: true, reason: { text: 'payment reference K4711-2026-0815 in the remittance text' } });
  });

  it('"23" does not match "2019/00023", nor "2019/00023" match "23"', () => {
    const entries = [entry({ id: 1, number: '2019/00023', openAmountCents: 2_300, accountIbans: [] })];
    expect(matchLines([line({ amountCents: 2_300, remittance: 'Rechnung 23' })], entries, [])).toEqual([]);
    expect(matchLines([line({ amountCents: 2_300, remittance: 'Rechnung 2019' })], entries, [])).toEqual([]);
    expect(matchLines([line({ amountCents: 2_300, remittance: 'Rechnung 12019/00023' })], entries, [])).toEqual([]);
    const short = [entry({ id: 2, number: '23', openAmountCents: 2_300, accountIbans: [] })];
    expect(matchLines([line({ amountCents: 2_300, remittance: 'Rechnung 2019/00023' })], short, [])).toEqual([]);
    // A short number on its own is found, but never sure.
    const p = only(matchLines([line({ amountCents: 2_300, remittance: 'Rechnung 23' })], short, []));
    expect(p).toMatchObject({ kind: 'reference', sure: false, allocations: [{ entryId: 2, amountCents: -2_300 }] });
    expect(p.notes.map((n) => n.code)).toEqual(['note.weakReference']);
  });

  it('the same number paid from an IBAN the customer is not known by is not sure', () => {
    const entries = [entry({ id: 1, number: 'INV001', openAmountCents: 1_000 })];
    const p = only(matchLines([line({ amountCents: 1_000, remittance: 'INV001', counterpartyIban: OTHER_IBAN })], entries, []));
    expect(p).toMatchObject({ kind: 'reference', sure: false, allocations: [{ entryId: 1, amountCents: -1_000 }] });
    expect(p.notes.map((n) => n.code)).toEqual(['note.otherIban']);
  });
});

describe('matchLines: consolidated, partial, over-payment', () => {
  it('splits one payment over three invoices oldest first; the rest stays available', () => {
    const entries = [
      entry({ id: 3, number: 'INV003', openAmountCents: 30_000, dueDate: '2026-11-03' }),
      entry({ id: 1, number: 'INV001', openAmountCents: 10_000, dueDate: '2026-11-01' }),
      entry({ id: 2, number: 'INV002', openAmountCents: 20_000, dueDate: '2026-11-02' }),
    ];
    const exact = only(matchLines([line({ amountCents: 60_000, remittance: 'INV001, INV002, INV003' })], entries, []));
    expect(exact).toMatchObject({
      kind: 'consolidated',
      sure: false,
      restCents: 0,
      allocations: [
        { entryId: 1, amountCents: -10_000 },
        { entryId: 2, amountCents: -20_000 },
        { entryId: 3, amountCents: -30_000 },
      ],
      reason: { code: 'match.consolidated', text: 'invoice numbers INV001, INV002, INV003 in the remittance text' },
    });
    const more = only(matchLines([line({ amountCents: 65_000, remittance: 'INV003 INV001 INV002' })], entries, []));
    expect(more).toMatchObject({
      kind: 'consolidated',
      sure: false,
      restCents: 5_000,
      allocations: [
        { entryId: 1, amountCents: -10_000 },
        { entryId: 2, amountCents: -20_000 },
        { entryId: 3, amountCents: -30_000 },
      ],
    });
    // Short paid: the oldest are settled in full, the newest partly.
    const less = only(matchLines([line({ amountCents: 35_000, remittance: 'INV001/INV002/INV003' })], entries, []));
    expect(less).toMatchObject({
      kind: 'consolidated',
      sure: false,
      restCents: 0,
      allocations: [
        { entryId: 1, amountCents: -10_000 },
        { entryId: 2, amountCents: -20_000 },
        { entryId: 3, amountCents: -5_000 },
      ],
    });
  });

  it('a partial payment settles what it pays and leaves the entry open; not sure', () => {
    const entries = [entry({ id: 1, number: '2019/00023', openAmountCents: 11_900 })];
    const p = only(matchLines([line({ amountCents: 5_000, remittance: 'Anzahlung RE 2019/00023' })], entries, []));
    expect(p).toMatchObject({
      kind: 'partial',
      sure: false,
      restCents: 0,
      allocations: [{ entryId: 1, amountCents: -5_000 }],
      reason: { code: 'match.partial' },
    });
  });

  it('an over-payment settles the open amount and keeps the rest available; not sure', () => {
    const entries = [entry({ id: 1, number: '2019/00023', openAmountCents: 11_900 })];
    const p = only(matchLines([line({ amountCents: 12_000, remittance: '2019/00023' })], entries, []));
    expect(p).toMatchObject({ kind: 'overpayment', sure: false, restCents: 100, allocations: [{ entryId: 1, amountCents: -11_900 }] });
    expect(p.notes.map((n) => n.code)).toEqual(['note.rest']);
  });

  it('a line partly assigned before only offers what is left', () => {
    const entries = [entry({ id: 1, number: 'INV001', openAmountCents: 4_000 })];
    const p = only(matchLines([line({ amountCents: 10_000, alreadyAssignedCents: 6_000, remittance: 'INV001' })], entries, []));
    expect(p).toMatchObject({ kind: 'reference', sure: true, restCents: 0, allocations: [{ entryId: 1, amountCents: -4_000 }] });
  });
});

describe('matchLines: returns', () => {
  const entries = [entry({ id: 1, number: 'RE-1', openAmountCents: 0 })];
  const collected: IssuedPayment = {
    id: 9,
    endToEndId: 'KONTOR-9-1',
    mandateId: 'M-9',
    executionDate: '2026-11-02',
    amountCents: -8_000,
    status: 'Collected',
    entries: [{ entryId: 1, expectedCents: -8_000 }],
  };

  it('a return with a reason code reopens the entries of the collected payment (sure)', () => {
    const l = line({ amountCents: -8_000, endToEndId: 'KONTOR-9-1', returnReason: 'MD06', remittance: 'RUECKLASTSCHRIFT RE-1' });
    const p = only(matchLines([l], entries, [collected]));
    expect(p).toMatchObject({
      kind: 'return',
      paymentId: 9,
      sure: true,
      restCents: 0,
      allocations: [{ entryId: 1, amountCents: 8_000 }],
      reason: { code: 'match.return', params: { id: 'KONTOR-9-1', returnReason: 'MD06' }, text: 'return of end-to-end id KONTOR-9-1 (reason MD06)' },
    });
  });

  it('a collection and its return in one run: settled, then reopened', () => {
    const open = [entry({ id: 1, number: 'RE-1', openAmountCents: 8_000 })];
    const issued = { ...collected, status: 'Issued' as const };
    const credit = line({ amountCents: 8_000, endToEndId: 'KONTOR-9-1' });
    const back = line({ amountCents: -8_000, endToEndId: 'KONTOR-9-1', isReversal: true });
    const [a, b] = matchLines([back, credit], open, [issued]);
    expect(a).toMatchObject({ lineId: back.id, kind: 'return', sure: true, allocations: [{ entryId: 1, amountCents: 8_000 }] });
    expect(b).toMatchObject({ lineId: credit.id, kind: 'endToEnd', sure: true, allocations: [{ entryId: 1, amountCents: -8_000 }] });
  });

  it('a chargeback without end-to-end id is matched by mandate and amount, not sure', () => {
    const l = line({ amountCents: -8_000, mandateId: 'M-9', isChargeback: true });
    const p = only(matchLines([l], entries, [collected]));
    expect(p).toMatchObject({ kind: 'return', sure: false, allocations: [{ entryId: 1, amountCents: 8_000 }], reason: { code: 'match.returnMandate' } });
  });

  it('a return of a payment never collected reopens nothing', () => {
    const p = only(
      matchLines([line({ amountCents: -8_000, endToEndId: 'KONTOR-9-1', returnReason: 'AC04' })], entries, [{ ...collected, status: 'Rejected' }]),
    );
    expect(p).toMatchObject({ kind: 'return', sure: false, allocations: [], restCents: -8_000 });
    expect(p.notes.map((n) => n.code)).toContain('note.notCollected');
  });

  it('a return line never settles an open entry by amount or reference', () => {
    const open = [entry({ id: 2, number: 'LI-7', openAmountCents: -8_000, accountIbans: [ACME_IBAN] })];
    expect(matchLines([line({ amountCents: -8_000, returnReason: 'MD06', counterpartyIban: ACME_IBAN, remittance: 'LI-7' })], open, [])).toEqual([]);
  });
});

describe('matchLines: amount and counterparty', () => {
  it('amount + IBAN within the date window (not sure)', () => {
    const entries = [entry({ id: 1, number: 'X-1', openAmountCents: 12_345 })];
    const p = only(matchLines([line({ amountCents: 12_345, counterpartyIban: 'de89 3704 0044 0532 0130 00', remittance: 'Danke' })], entries, []));
    expect(p).toMatchObject({
      kind: 'amountIban',
      sure: false,
      confidence: 0.8,
      allocations: [{ entryId: 1, amountCents: -12_345 }],
      reason: { text: 'amount and IBAN' },
    });
    // Outside the window (due + 60 days): nothing.
    expect(matchLines([line({ amountCents: 12_345, counterpartyIban: ACME_IBAN, bookingDate: '2027-01-15' })], entries, [])).toEqual([]);
  });

  it('amount + name with umlauts and legal forms normalised (not sure)', () => {
    const entries = [entry({ id: 1, number: 'X-1', openAmountCents: 999, accountName: 'Müller & Söhne GmbH & Co. KG', accountIbans: [] })];
    const p = only(matchLines([line({ amountCents: 999, counterpartyName: 'MUELLER UND SOEHNE GMBH U. CO KG' })], entries, []));
    expect(p).toMatchObject({ kind: 'amountName', sure: false, allocations: [{ entryId: 1, amountCents: -999 }], reason: { text: 'amount and name' } });
  });

  it('two open entries of the same amount and counterparty: the oldest is proposed, never sure', () => {
    const entries = [
      entry({ id: 2, number: 'X-2', openAmountCents: 5_000, dueDate: '2026-11-05' }),
      entry({ id: 1, number: 'X-1', openAmountCents: 5_000, dueDate: '2026-10-20' }),
    ];
    const p = only(matchLines([line({ amountCents: 5_000, counterpartyIban: ACME_IBAN })], entries, []));
    expect(p).toMatchObject({ kind: 'amountIban', sure: false, allocations: [{ entryId: 1, amountCents: -5_000 }], alternatives: [2] });
    expect(p.confidence).toBeLessThan(0.8);
    expect(p.notes.map((n) => n.code)).toEqual(['note.ambiguous']);
    // The same with both numbers duplicated across accounts: a reference that names two entries is not sure either.
    const twins = [
      entry({ id: 5, number: 'INV9', openAmountCents: 5_000, accountId: 1, accountIbans: [] }),
      entry({ id: 6, number: 'INV9', openAmountCents: 5_000, accountId: 2, accountIbans: [], dueDate: '2026-12-01' }),
    ];
    const q = only(matchLines([line({ amountCents: 5_000, remittance: 'INV9' })], twins, []));
    expect(q).toMatchObject({ kind: 'reference', sure: false, allocations: [{ entryId: 5, amountCents: -5_000 }], alternatives: [6] });
  });

  it('no candidate: no proposal', () => {
    const entries = [entry({ id: 1, number: 'INV001', openAmountCents: 5_000 })];
    expect(
      matchLines([line({ amountCents: 4_321, counterpartyIban: OTHER_IBAN, counterpartyName: 'Someone Else', remittance: 'Miete November' })], entries, []),
    ).toEqual([]);
    expect(matchLines([], entries, [])).toEqual([]);
  });
});

describe('matchLines: sanity', () => {
  it('money in never settles a payable, money out never a receivable', () => {
    const entries = [
      entry({ id: 1, number: 'LI-100', openAmountCents: -7_500, accountId: 2, accountIbans: [SUPPLIER_IBAN], accountName: 'Fournisseur SARL' }),
      entry({ id: 2, number: 'RE-100', openAmountCents: 7_500 }),
    ];
    const inflow = line({ amountCents: 7_500, remittance: 'LI-100', counterpartyIban: SUPPLIER_IBAN, counterpartyName: 'Fournisseur' });
    expect(matchLines([inflow], entries, [])).toEqual([]);
    const outflow = line({ amountCents: -7_500, remittance: 'RE-100 LI-100', counterpartyIban: SUPPLIER_IBAN });
    expect(only(matchLines([outflow], entries, []))).toMatchObject({ kind: 'reference', sure: true, allocations: [{ entryId: 1, amountCents: 7_500 }] });
  });

  it('finds references of any length beside shorter ones with the same first part (31 parts and more included)', () => {
    // "X" starts keys of 2, 3, 31 and 33 parts; a text names each, the longest first at its position.
    const long = (n: number) => ['X', ...Array.from({ length: n - 1 }, (_, k) => (k % 2 ? 'Q' : String(k + 1)))].join('');
    expect(long(33)).toMatch(/^X1Q3Q/);
    const entries = [
      entry({ id: 1, number: 'X-7', openAmountCents: 1_000 }),
      entry({ id: 2, number: 'X-7-9', openAmountCents: 2_000 }),
      entry({ id: 3, number: long(31), openAmountCents: 3_000 }),
      entry({ id: 4, number: long(33), openAmountCents: 4_000 }),
    ];
    const lines = [
      line({ amountCents: 1_000, remittance: 'Rechnung X-7 danke', counterpartyIban: ACME_IBAN }),
      line({ amountCents: 2_000, remittance: 'Rechnung x 7/9', counterpartyIban: ACME_IBAN }),
      line({ amountCents: 3_000, remittance: `Rechnung ${long(31)}`, counterpartyIban: ACME_IBAN }),
      line({ amountCents: 4_000, remittance: `Rechnung ${long(33).toLowerCase()} ok`, counterpartyIban: ACME_IBAN }),
    ];
    const proposals = matchLines(lines, entries, []);
    expect(proposals.map((p) => [p.kind, p.allocations.map((a) => a.entryId)])).toEqual([
      ['reference', [1]],
      ['reference', [2]],
      ['reference', [3]],
      ['reference', [4]],
    ]);
  });

  it('the currency must match', () => {
    const entries = [entry({ id: 1, number: 'INV001', openAmountCents: 5_000, currency: 'CHF' })];
    expect(matchLines([line({ amountCents: 5_000, remittance: 'INV001', counterpartyIban: ACME_IBAN })], entries, [])).toEqual([]);
    const payments: IssuedPayment[] = [
      { id: 1, endToEndId: 'E', executionDate: '2026-11-10', amountCents: -5_000, status: 'Issued', entries: [{ entryId: 1, expectedCents: -5_000 }] },
    ];
    const p = only(matchLines([line({ amountCents: 5_000, endToEndId: 'E' })], entries, payments));
    expect(p).toMatchObject({ kind: 'endToEnd', sure: false, allocations: [], restCents: 5_000 });
  });

  it('one entry is never over-allocated by two lines; the sure one goes first', () => {
    const entries = [entry({ id: 1, number: 'INV001', openAmountCents: 10_000 })];
    const noisy = line({ amountCents: 10_000, remittance: 'INV001 INV001 Teil 1', counterpartyIban: OTHER_IBAN });
    const exact = line({ amountCents: 10_000, remittance: 'INV001', counterpartyIban: ACME_IBAN });
    const byIban = line({ amountCents: 10_000, counterpartyIban: ACME_IBAN });
    const p = matchLines([noisy, exact, byIban], entries, []);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ lineId: exact.id, sure: true, allocations: [{ entryId: 1, amountCents: -10_000 }] });

    const partials = matchLines([line({ amountCents: 6_000, remittance: 'INV001' }), line({ amountCents: 6_000, remittance: 'INV001' })], entries, []);
    expect(partials.map((x) => x.allocations)).toEqual([[{ entryId: 1, amountCents: -6_000 }], [{ entryId: 1, amountCents: -4_000 }]]);
    expect(partials.map((x) => x.kind)).toEqual(['partial', 'overpayment']);
    expect(partials[1]!.restCents).toBe(2_000);
  });

  it('is deterministic: the same input gives the same output', () => {
    const entries = Array.from({ length: 50 }, (_, k) =>
      entry({
        id: k + 1,
        number: `INV${String(k % 20).padStart(3, '0')}`,
        openAmountCents: 1_000 * ((k % 5) + 1),
        accountId: k % 3,
        accountIbans: [k % 2 ? ACME_IBAN : OTHER_IBAN],
      }),
    );
    const lines = Array.from({ length: 60 }, (_, k) =>
      line({
        amountCents: 1_000 * ((k % 7) + 1),
        remittance: k % 3 ? `INV${String(k % 25).padStart(3, '0')} INV${String((k * 7) % 25).padStart(3, '0')}` : null,
        counterpartyIban: k % 2 ? ACME_IBAN : OTHER_IBAN,
      }),
    );
    const a = matchLines(lines, entries, []);
    const b = matchLines(lines, entries, []);
    expect(a.length).toBeGreaterThan(10);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    // Every entry stays within its open amount.
    const used = new Map<number, number>();
    for (const p of a) for (const x of p.allocations) used.set(x.entryId, (used.get(x.entryId) ?? 0) + x.amountCents);
    for (const e of entries) expect(e.openAmountCents + (used.get(e.id) ?? 0)).toBeGreaterThanOrEqual(0);
    // Every line stays within its amount.
    for (const p of a) {
      const l = lines.find((x) => x.id === p.lineId)!;
      expect(-p.allocations.reduce((s, x) => s + x.amountCents, 0) + p.restCents).toBe(l.amountCents);
    }
  });
});
