import { describe, expect, it } from 'vitest';
import {
  AccountInput,
  BankAccessInput,
  BankAccountInput,
  BankKeyHashesInput,
  BusinessEntityInput,
  EntryInput,
  PaymentInstrumentInput,
} from '../../../shared/domain';
import { de } from './de';
import { en } from './en';
import type { MessageKey } from './en';
import { isMessageKey, makeTranslator } from './translator';

/** Inputs wrong in every way the schemas know, so every message code they use turns up. */
const refusals = [
  BusinessEntityInput.safeParse({ name: '', creditorId: 'DE00', country: 'x', street: 'x'.repeat(71) }),
  BankAccountInput.safeParse({ entityId: 1, name: 'x', iban: 'DE00', bic: 'X', currency: 'eur' }),
  AccountInput.safeParse({ kind: 'customer', number: 'a', name: 'b', email: 'nope' }),
  PaymentInstrumentInput.safeParse({ accountId: 1, entityId: 1, kind: 'sepa_mandate', holderName: 'x', iban: 'DE89370400440532013000', direction: 'out' }),
  PaymentInstrumentInput.safeParse({
    accountId: 1,
    entityId: 1,
    kind: 'sepa_mandate',
    holderName: 'x',
    iban: 'DE89370400440532013000',
    mandateId: '/x',
    mandateSignedOn: '2025-02-30',
    scheme: 'CORE',
    direction: 'in',
  }),
  EntryInput.safeParse({ entityId: 1, accountId: 1, type: 'Debit', number: 'x', statementDate: '2025-01-01', amountCents: 0 }),
  BankAccessInput.safeParse({ name: ' ', hostUrl: 'http://bank.example/ebics', hostId: 'HOST 1', partnerId: 'P 1', userId: '', ebicsVersion: 'H004' }),
  BankKeyHashesInput.safeParse({ id: 1, authenticationHash: ' ', encryptionHash: '' }),
];

/** Codes the bank access services throw (issue 5 and the EBICS client): each needs words in both languages. */
const bankAccessCodes = [
  'bankAccess.notEditable',
  'bankAccess.wrongState',
  'bankAccess.hashMismatch',
  'bankAccess.hashMismatch.authentication',
  'bankAccess.hashMismatch.encryption',
  'bankAccess.notDemo',
  'bankAccess.expired',
  'keys.missing',
  'vault.unavailable',
  'vault.wrongPassword',
  'vault.badKeyFile',
  'vault.weakPassword',
  'password.tooShort',
  'ebics.unreachable',
  'ebics.timeout',
  'ebics.tlsUntrusted',
  'ebics.authenticationFailed',
  'ebics.invalidUserOrUserState',
  'ebics.unknownUser',
  'ebics.bankKeysNotTrusted',
  // The confirmation by the person at the keyboard (issue 15).
  'confirmation.unavailable',
  'confirmation.noTerminal',
  'confirmation.cancelled',
  'confirmation.codeSent',
  'confirmation.codeWrong',
  'confirmation.codeExpired',
  'confirmation.codeSpent',
  'confirmation.codeMissing',
];

describe('translations', () => {
  it('have a German text for every English key and no extra ones', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('cover every message code the shared input schemas produce, in both languages', () => {
    const codes = new Set(refusals.flatMap((r) => (r.success ? [] : r.error.issues.map((i) => i.message))));
    expect(codes.size).toBeGreaterThan(10);
    for (const code of codes) expect(isMessageKey(`code.${code}`), code).toBe(true);
  });

  it('cover the errors of the bank access setup, in both languages', () => {
    for (const code of bankAccessCodes) {
      expect(isMessageKey(`code.${code}`), code).toBe(true);
      expect(de[`code.${code}` as keyof typeof de], code).not.toBe(en[`code.${code}` as keyof typeof en]);
    }
  });

  it('translate an error code with its reason and parameters', () => {
    const de = makeTranslator('de');
    expect(de.problem({ code: 'iban.invalid', params: { reason: 'checksum' } })).toContain('Prüfziffern');
    expect(de.problem({ code: 'iban.invalid', params: { reason: 'qrIban' } })).toBe('Diese IBAN ist ungültig.');
    expect(de.problem({ code: 'amount.tooManyDecimals', params: { maxDecimals: 2 } })).toBe('Bitte höchstens 2 Nachkommastellen.');
  });

  it('fall back to the server’s English words for a code without translation, never to the bare code', () => {
    const de = makeTranslator('de');
    expect(de.problem({ code: 'bank.refused', fallback: 'The bank refused the order (EBICS 091005).' })).toBe('The bank refused the order (EBICS 091005).');
    expect(de.problem({ code: 'some.code', fallback: 'some.code' })).toBe(de.t('code.unknown'));
  });

  it('format amounts and business dates the way the locale writes them', () => {
    expect(makeTranslator('de').amount(-123456)).toBe('-1.234,56');
    expect(makeTranslator('en').amount(123456, 'EUR')).toBe('EUR 1,234.56');
    expect(makeTranslator('de').date('2026-11-21')).toBe('21.11.2026');
    expect(makeTranslator('en').date(null)).toBe('');
  });

  it('count, write instants and sort text the way the locale does', () => {
    const de = makeTranslator('de');
    expect(de.count(12345)).toBe('12.345');
    expect(de.instant('not a time')).toBe('not a time');
    expect(de.sortByText(['Zander', 'Öko', 'Adler', 'Ärzte'], (x) => x)).toEqual(['Adler', 'Ärzte', 'Öko', 'Zander']);
    expect(de.compareText('Müller', 'muller')).toBe(0);
  });
});

/**
 * The glossary (docs/glossary.md): each state has one word per language,
 * wherever it is shown; different states never share a word.
 */
const STATES: Record<string, MessageKey[]> = {
  approvedInKontor: ['entry.approval.approved', 'orders.status.approved'],
  signedAtBank: ['demoSigner.state.released', 'orders.status.released'],
  refusedAtBank: ['demoSigner.state.rejected', 'orders.status.rejected'],
  awaitingBankSignature: ['demoSigner.state.awaiting_signature'],
  entryOpen: ['entry.statusOpen', 'words.payment.Open'],
  entryBalanced: ['entry.statusBalanced'],
  canceled: ['orders.status.canceled', 'words.payment.Canceled'],
  paymentIssued: ['words.payment.Issued'],
  paymentReturned: ['words.payment.Rejected'],
  paymentBooked: ['words.payment.Collected'],
  paymentReversed: ['words.payment.Reversed'],
  paymentRefunded: ['words.payment.Refunded'],
  paymentFinal: ['words.payment.Final'],
  accessReady: ['access.state.ready'],
  accessSuspended: ['access.state.suspended'],
  accessExpired: ['access.state.expired'],
};

describe('the glossary of states', () => {
  for (const [name, dict] of [
    ['English', en],
    ['German', de],
  ] as const) {
    it(`gives each state one ${name} word, shared by nowhere else`, () => {
      const word = (k: MessageKey) => dict[k].toLowerCase();
      const owner = new Map<string, string>();
      for (const [state, keys] of Object.entries(STATES)) {
        const words = new Set(keys.map(word));
        expect([...words], `${state}: ${keys.join(', ')}`).toHaveLength(1);
        const w = [...words][0]!;
        expect(owner.get(w), `“${w}” names both ${owner.get(w)} and ${state}`).toBeUndefined();
        owner.set(w, state);
      }
    });
  }

  it('never says “freigegeben” for the bank’s signature, which is “unterschrieben”', () => {
    expect(de['demoSigner.state.released']).toBe('Unterschrieben');
    expect(de['demoSigner.release']).toBe('Unterschreiben');
    expect(de['orders.signaturesHint']).not.toMatch(/freigeb/);
  });

  it('puts a state named in an error or a matcher note into the glossary’s word', () => {
    const tr = makeTranslator('de');
    expect(tr.problem({ code: 'order.wrongStatus', params: { status: 'released' } })).toContain('„unterschrieben“');
    expect(tr.problem({ code: 'demoBank.orderDecided', params: { orderId: 'A1', state: 'released' }, fallback: 'x' })).not.toContain('released');
  });
});
