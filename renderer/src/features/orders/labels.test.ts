import { describe, expect, it } from 'vitest';
import type { OrderWarning, Progress } from '../../../../shared/domain';
import { makeTranslator } from '../../i18n/translator';
import { changeFieldText, isUploadProgressOf, reasonText, signaturesText, warningText } from './labels';

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
    expect(warningText(en, { code: 'text', params: {}, message: '2 texts were changed to fit the SEPA character set.' })).toBe('2 texts were changed to fit the SEPA character set.');
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
});
