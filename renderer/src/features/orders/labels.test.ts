import { describe, expect, it } from 'vitest';
import type { BankRejection, OrderWarning, Progress } from '../../../../shared/domain';
import { makeTranslator } from '../../i18n/translator';
import { changeFieldText, isUploadProgressOf, reasonText, rejectionText, signaturesText, warningText } from './labels';

const en = makeTranslator('en');
const de = makeTranslator('de');

describe('order labels', () => {
  it('words the due-date horizon with the number the rule ran with', () => {
    expect(reasonText(en.t, 'dueTooLate', undefined, { days: 21 })).toBe('The due date is more than 21 days away.');
    expect(reasonText(de.t, 'dueTooLate', undefined, { days: 14 })).toBe('Das Fälligkeitsdatum liegt mehr als 14 Tage in der Zukunft.');
    expect(en.t('orders.prepareIntro', { days: 21 })).toContain('within the next 21 days');
  });

  it('translates build warnings from their codes, and shows old orders’ sentences as they are', () => {
    const transliterated: OrderWarning = { code: 'sepa.transliterated', params: { count: 3, cut: 1 }, changes: [], message: 'x' };
    expect(warningText(en, transliterated)).toBe('3 texts were changed to fit the SEPA character set. Cut to the maximum length: 1.');
    expect(warningText(de, { ...transliterated, params: { count: 1, cut: 0 } })).toBe('1 Text wurde an den SEPA-Zeichensatz angepasst.');
    const date: OrderWarning = { code: 'sepa.executionNotTarget2Day', params: { paymentInfoId: 'P-1', date: '2026-11-28', next: '2026-11-30' }, message: 'x' };
    expect(warningText(de, date)).toBe('Zahlungsblock P-1: Das Ausführungsdatum 28.11.2026 ist kein TARGET2-Geschäftstag; die Bank führt am 30.11.2026 aus.');
    expect(warningText(en, { code: 'text', params: {}, message: '2 texts were changed to fit the SEPA character set.' })).toBe(
      '2 texts were changed to fit the SEPA character set.',
    );
  });

  it('says where a changed text is', () => {
    expect(changeFieldText(en.t, 'blocks[0].transactions[3].creditor.name')).toBe('Payment 4: name');
    expect(changeFieldText(de.t, 'blocks[1].transactions[0].remittance')).toBe('Zahlung 1: Verwendungszweck');
    expect(changeFieldText(en.t, 'blocks[0].debtor.name')).toBe('Own account holder');
    expect(changeFieldText(en.t, 'initiatingParty')).toBe('Ordering party');
  });

  it('counts signatures: "0 of 1 signature", "1 of 2 signatures"', () => {
    expect(signaturesText(en.t, { done: 0, required: 1, checkedAt: '' })).toBe('0 of 1 signature');
    expect(signaturesText(en.t, { done: 1, required: 2, checkedAt: '' })).toBe('1 of 2 signatures');
    expect(signaturesText(de.t, { done: 1, required: 2, checkedAt: '' })).toBe('1 von 2 Unterschriften');
  });

  it('shows an upload’s progress only on the order being uploaded', () => {
    const p = (over: Partial<Progress>): Progress => ({ taskId: 'order-upload-7-1700000000000', label: 'orders.upload', done: 1, total: 2, ...over });
    expect(isUploadProgressOf(p({}), 7)).toBe(true);
    expect(isUploadProgressOf(p({}), 70)).toBe(false);
    expect(isUploadProgressOf(p({ taskId: 'x', subject: { type: 'payment_order', id: 70 } }), 70)).toBe(true);
    expect(isUploadProgressOf(p({ subject: { type: 'payment_order', id: 8 } }), 7)).toBe(false);
    expect(isUploadProgressOf(p({ label: 'ledger.backup', taskId: 'backup-1' }), 7)).toBe(false);
  });

  it('words the bank’s date rejection with the rule, the date and the limit it named', () => {
    const date = (over: Partial<Extract<BankRejection, { source: 'protocol' }>>): BankRejection => ({
      source: 'protocol',
      reasonCode: 'DT03',
      dateRule: 'nonBusinessDay',
      date: '2026-04-04',
      earliest: null,
      latest: null,
      next: '2026-04-07',
      ...over,
    });
    const dd = (bankRejection: BankRejection) => ({ kind: 'direct_debit' as const, bankRejection });
    expect(rejectionText(en, dd(date({})))).toBe(
      'The bank rejected the order (reason code DT03). The collection date 2026-04-04 is not a TARGET2 business day: no payments are settled on Saturdays, Sundays, 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December. The next business day is 2026-04-07. Nothing was booked. Prepare the payments again: Kontor picks a valid date for the new order.',
    );
    expect(rejectionText(de, dd(date({})))).toBe(
      'Die Bank hat den Auftrag abgelehnt (Grundcode DT03). Das Fälligkeitsdatum 04.04.2026 ist kein TARGET2-Geschäftstag: An Samstagen, Sonntagen, am 1. Januar, Karfreitag, Ostermontag, 1. Mai sowie am 25. und 26. Dezember werden keine Zahlungen verrechnet. Der nächste Geschäftstag ist der 07.04.2026. Es wurde nichts gebucht. Bereiten Sie die Zahlungen erneut vor: Kontor wählt für den neuen Auftrag ein gültiges Datum.',
    );
    const far = {
      kind: 'credit_transfer' as const,
      bankRejection: date({ reasonCode: 'CH03', dateRule: 'tooFarAhead', date: '2026-04-20', next: null, latest: '2026-04-13' }),
    };
    expect(rejectionText(en, far)).toContain(
      'The execution date 2026-04-20 is further ahead than the bank accepts payment files. The latest date the bank accepts is 2026-04-13.',
    );
    expect(rejectionText(de, far)).toContain(
      'Das Ausführungsdatum 20.04.2026 liegt weiter in der Zukunft, als die Bank Zahlungsdateien annimmt. Das späteste Datum, das die Bank annimmt, ist der 13.04.2026.',
    );
    expect(rejectionText(de, dd(date({ reasonCode: 'DT01', dateRule: 'invalidDate', next: null })))).toContain(
      'Die Bank hält das Fälligkeitsdatum 04.04.2026 für ungültig.',
    );
  });

  it('words other reason codes and refused uploads by their codes', () => {
    const protocol = (reasonCode: string): BankRejection => ({
      source: 'protocol',
      reasonCode,
      dateRule: null,
      date: null,
      earliest: null,
      latest: null,
      next: null,
    });
    const dd = (bankRejection: BankRejection | null) => ({ kind: 'direct_debit' as const, bankRejection });
    expect(rejectionText(de, dd(protocol('DS04')))).toBe(
      'Die Bank hat den Auftrag abgelehnt (Grundcode DS04). Der Auftrag wurde in der verteilten elektronischen Unterschrift (VEU) abgelehnt.',
    );
    expect(rejectionText(en, dd(protocol('XY99')))).toBe('The bank rejected the order (reason code XY99).');
    expect(rejectionText(de, dd({ source: 'ebics', ebicsCode: '090004', name: 'invalidOrderDataFormat' }))).toBe(
      'Die Bank konnte das Format der Datei nicht lesen. Prüfen Sie die Datei und die Auftragsart; das Kundenprotokoll der Bank (HAC/PTK) nennt das Problem. Die Bank hat die Übertragung abgelehnt (EBICS-Rückmeldung 090004).',
    );
    expect(rejectionText(en, dd({ source: 'ebics', ebicsCode: '099999', name: null }))).toBe('The bank refused the upload (EBICS return code 099999).');
    expect(rejectionText(en, dd(null))).toBeNull();
  });
});
