import { describe, expect, it } from 'vitest';
import { buildHac } from '../../demo-bank/protocol/customer-protocol';
import { parseHac } from './hac';
import { bankRejectionOf, type StoredRejection } from './rejection';

const order = (over: Partial<StoredRejection>): StoredRejection => ({
  kind: 'direct_debit',
  executionDate: '2026-04-01',
  bankBusinessCode: null,
  bankMessage: null,
  ...over,
});

describe('the bank’s reason for a rejected order', () => {
  it('reads the rule from the ISO reason code and the date and limit from the bank’s words', () => {
    const text = (detail: string) => `CDD rejected: PmtInf PMT-1: ${detail}`;
    expect(
      bankRejectionOf(order({ bankBusinessCode: 'DT03', bankMessage: text('ReqdColltnDt 2026-04-04 is not a TARGET2 business day (next 2026-04-07)') })),
    ).toEqual({
      source: 'protocol',
      reasonCode: 'DT03',
      dateRule: 'nonBusinessDay',
      date: '2026-04-04',
      earliest: null,
      latest: null,
      next: '2026-04-07',
    });
    expect(
      bankRejectionOf(order({ bankBusinessCode: 'DT05', bankMessage: text('ReqdColltnDt 2026-03-30 is too early: … (earliest 2026-03-31)') })),
    ).toMatchObject({
      dateRule: 'tooEarly',
      date: '2026-03-30',
      earliest: '2026-03-31',
    });
    expect(
      bankRejectionOf(
        order({
          kind: 'credit_transfer',
          bankBusinessCode: 'CH03',
          bankMessage: text('ReqdExctnDt 2026-04-20 is too far ahead: at most 14 calendar days (latest 2026-04-13)'),
        }),
      ),
    ).toMatchObject({
      dateRule: 'tooFarAhead',
      date: '2026-04-20',
      latest: '2026-04-13',
    });
  });

  it('takes German dates, and the order’s own date when the bank names none', () => {
    expect(
      bankRejectionOf(order({ bankBusinessCode: 'DT03', bankMessage: 'Fälligkeitsdatum 04.04.2026 ist kein Bankarbeitstag, nächster 07.04.2026' })),
    ).toMatchObject({
      date: '2026-04-04',
      next: '2026-04-07',
    });
    expect(bankRejectionOf(order({ bankBusinessCode: 'dt01', bankMessage: 'Datum ungültig' }))).toMatchObject({
      reasonCode: 'DT01',
      dateRule: 'invalidDate',
      date: '2026-04-01',
    });
    expect(bankRejectionOf(order({ bankBusinessCode: 'CH04', bankMessage: null }))).toMatchObject({ dateRule: 'tooEarly', date: '2026-04-01', earliest: null });
  });

  it('keeps other reason codes without a date rule, and names the EBICS code of a refused upload', () => {
    expect(bankRejectionOf(order({ bankBusinessCode: 'DS04', bankMessage: 'Order rejected in the distributed signature 2026-04-04' }))).toEqual({
      source: 'protocol',
      reasonCode: 'DS04',
      dateRule: null,
      date: null,
      earliest: null,
      latest: null,
      next: null,
    });
    expect(bankRejectionOf(order({ bankBusinessCode: '090004', bankMessage: 'The bank could not read the format of the file.' }))).toEqual({
      source: 'ebics',
      ebicsCode: '090004',
      name: 'invalidOrderDataFormat',
    });
    expect(bankRejectionOf(order({ bankBusinessCode: '099999' }))).toEqual({ source: 'ebics', ebicsCode: '099999', name: null });
    expect(bankRejectionOf(order({ bankBusinessCode: null, bankMessage: 'whatever' }))).toBeNull();
  });

  it('reads back the whole text the bank spread over several AddtlInf', () => {
    const long = `BTU SDD COR pain.008 rejected: PmtInf KONTOR-20260330-000042: ReqdColltnDt 2026-03-30 is too early: a collection must reach the bank 1 TARGET2 day before it (earliest 2026-03-31)`;
    const entry = {
      id: 1,
      subscriberId: 1,
      orderId: 'A00Q',
      orderType: 'BTU',
      reasonCode: 'DT05',
      status: 'RJCT' as const,
      text: long,
      at: '2026-03-30T08:00:00Z',
      hacDeliveredAt: null,
      ptkDeliveredAt: null,
      partnerId: 'P',
      userId: 'U',
    };
    const xml = buildHac([entry], { hostId: 'KONTORDEMO', messageId: 'M', createdAt: '2026-03-30T08:00:01Z' });
    expect(xml.match(/<AddtlInf>/g)?.length).toBe(2);
    expect(parseHac(xml)).toEqual([{ orderId: 'A00Q', orderType: 'BTU', reasonCode: 'DT05', status: 'RJCT', text: long }]);
  });
});
