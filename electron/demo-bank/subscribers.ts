/**
 * What the bank's staff do: provision a subscriber with its demo accounts
 * and print its user letter; activate it after comparing the
 * initialisation letter (and hand out the bank's key hashes as the
 * confirmation letter); suspend it; and, as the authorised signer in the
 * distributed signature (VEU), release or reject an order; and the back
 * office: book released orders whose date has come, print a statement.
 */
import type { Database } from 'better-sqlite3';
import { isBusinessDate, type BusinessDate, type Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { formatIban, isValidIban, normalizeIban } from '../../shared/ids';
import { certificateHash, formatHashForLetter, publicKeyHash } from '../ebics/crypto/hashes';
import { rsaKeyBits } from '../ebics/crypto/keys';
import { bookDueOrders as bookDue, type BookingOptions, type BookingRun } from './orders/booking';
import type { StatementKind } from './protocol/order-types';
import { camtVersionFor, renderStatements, type RenderedStatement } from './statement-source/source';
import type { CamtVersion } from './statements/camt';
import { accountsOfPartner, findAccountByIban, insertAccount } from './store/accounts';
import type { BankKeys } from './store/bank-keys';
import { nextValue } from './store/counters';
import { getOrder } from './store/orders';
import { setSignatureClass, type SignatureClass } from './store/veu-signatures';
import { addHolder, allHolders, type Holder } from './store/payee-register';
import { readBankRules, writeBankRules, type BankRules } from './store/bank-rules';
import { Refusal, reportText } from './protocol/codes';
import { decideOrder } from './veu/decide';
import { orderOfPartner, signOrder, type SignOutcome } from './veu/sign';

export type { SignOutcome, SignatureClass, Holder, BankRules };
import { findSubscriber, insertSubscriber, markReady, markSuspended, type SubscriberRow } from './store/subscribers';
import { DEMO_BIC, germanIban } from './ids';
import { bankLetterTexts, labelled, type LetterLocale } from './letter-texts';

export interface BankAdmin {
  db: Database;
  hostId: string;
  url: string;
  clock: Clock;
  keys: BankKeys;
}

export interface AddSubscriberInput {
  partnerId: string;
  userId: string;
  /** Demo accounts to open; default 2 for a new partner, 0 for a further user of an existing one. */
  accounts?: number;
  /** Customer name on the letter and as account owner. */
  name?: string;
  /** Signature class: T (transport, the default), E, A or B. */
  signatureClass?: SignatureClass;
}

const ID = /^[a-zA-Z0-9,=]{1,35}$/;

function at(admin: BankAdmin): string {
  return admin.clock.now().toISOString();
}

function subscriberOrThrow(admin: BankAdmin, partnerId: string, userId: string): SubscriberRow {
  const s = findSubscriber(admin.db, partnerId, userId);
  if (!s) throw new KontorError('demoBank.unknownSubscriber', `The demo bank has no subscriber ${partnerId}/${userId}.`, { partnerId, userId });
  return s;
}

/** The letter the bank posts to a new subscriber: where and who to connect as, in the customer's language. */
export function userLetter(admin: BankAdmin, partnerId: string, userId: string, locale: LetterLocale = 'en'): string {
  const s = subscriberOrThrow(admin, partnerId, userId);
  const accounts = accountsOfPartner(admin.db, s.partnerId);
  const w = bankLetterTexts(locale);
  const lines = [
    w.userTitle,
    '',
    ...labelled([
      [w.customer, s.name],
      [w.hostUrl, admin.url],
      [w.hostId, admin.hostId],
      [w.partnerId, s.partnerId],
      [w.userId, s.userId],
      [w.versions, '2.5 (H004), 3.0 (H005)'],
    ]),
    '',
    w.accounts,
    ...accounts.map((a) => `  IBAN ${formatIban(a.iban)}   BIC ${a.bic}   ${a.currency}   ${a.ownerName}`),
    '',
    w.nextSteps,
  ];
  return lines.join('\n');
}

/** Provisions a subscriber (state `new`) with its demo accounts; returns its user letter. */
export function addSubscriber(admin: BankAdmin, input: AddSubscriberInput): { subscriber: SubscriberRow; letter: string } {
  const { partnerId, userId } = input;
  if (!ID.test(partnerId) || !ID.test(userId)) {
    throw new KontorError('demoBank.invalidId', 'Partner ID and user ID must be 1 to 35 letters, digits, "," or "=".', { partnerId, userId });
  }
  const name = (input.name ?? `Demo customer ${partnerId}`).replace(/\s+/g, ' ').trim() || `Demo customer ${partnerId}`;
  const now = at(admin);
  const subscriber = admin.db
    .transaction(() => {
      if (findSubscriber(admin.db, partnerId, userId)) {
        throw new KontorError('demoBank.subscriberExists', `The demo bank already has a subscriber ${partnerId}/${userId}.`, { partnerId, userId });
      }
      const existing = accountsOfPartner(admin.db, partnerId).length;
      const count = input.accounts ?? (existing === 0 ? 2 : 0);
      if (!Number.isInteger(count) || count < 0 || count > 20)
        throw new KontorError('demoBank.invalidAccounts', 'Between 0 and 20 demo accounts can be opened.', { count });
      const id = insertSubscriber(admin.db, { partnerId, userId, name }, now);
      if (input.signatureClass !== undefined) {
        if (!['T', 'E', 'A', 'B'].includes(input.signatureClass))
          throw new KontorError('demoBank.invalidClass', 'The signature class must be T, E, A or B.', { signatureClass: String(input.signatureClass) });
        setSignatureClass(admin.db, id, input.signatureClass, now);
      }
      for (let i = 0; i < count; i++) {
        const iban = germanIban(1_000_000_000 + nextValue(admin.db, 'account'));
        if (!isValidIban(iban)) throw new Error(`generated an invalid IBAN ${iban}`);
        insertAccount(admin.db, { partnerId, subscriberId: id, iban, bic: DEMO_BIC, currency: 'EUR', ownerName: name }, now);
      }
      return findSubscriber(admin.db, partnerId, userId) as SubscriberRow;
    })
    .immediate();
  return { subscriber, letter: userLetter(admin, partnerId, userId) };
}

/** The bank's key hashes as its letters print them. */
export function bankKeyLetter(admin: BankAdmin, locale: LetterLocale = 'en'): string {
  const w = bankLetterTexts(locale);
  const describe = (label: string, key: BankKeys['authentication']) => [
    `${label} (${w.bits(rsaKeyBits(key.publicKey))})`,
    ...labelled([
      [w.publicKeyHash, formatHashForLetter(publicKeyHash(key.publicKey))],
      [w.certificateHash, formatHashForLetter(certificateHash(key.certificate))],
    ]).map((line) => `  ${line}`),
  ];
  return [w.bankKeysOf(admin.hostId), ...describe(w.authenticationKey, admin.keys.authentication), ...describe(w.encryptionKey, admin.keys.encryption)].join(
    '\n',
  );
}

/**
 * The clerk compared the initialisation letter: the subscriber becomes
 * ready. Only when both INI and HIA have arrived. Returns the confirmation
 * letter with the bank's key hashes, for the customer to check HPB against.
 */
export function activate(admin: BankAdmin, partnerId: string, userId: string, locale: LetterLocale = 'en'): string {
  const s = subscriberOrThrow(admin, partnerId, userId);
  if (s.state !== 'ready') {
    if (s.state !== 'initialised' || s.iniReceivedAt === null || s.hiaReceivedAt === null) {
      throw new KontorError(
        'demoBank.notInitialised',
        `The subscriber ${partnerId}/${userId} cannot be activated: INI and HIA must both have arrived (state ${s.state}).`,
        { partnerId, userId, state: s.state },
      );
    }
    markReady(admin.db, s.id, at(admin));
  }
  const w = bankLetterTexts(locale);
  return [
    w.confirmationTitle,
    '',
    ...labelled([
      [w.hostId, admin.hostId],
      [w.partnerId, s.partnerId],
      [w.userId, s.userId],
    ]),
    '',
    w.activated,
    '',
    bankKeyLetter(admin, locale),
  ].join('\n');
}

/** The bank suspends the subscriber (a new initialisation is needed afterwards). */
export function suspend(admin: BankAdmin, partnerId: string, userId: string): void {
  const s = subscriberOrThrow(admin, partnerId, userId);
  markSuspended(admin.db, s.id, 'bank', at(admin));
}

function decide(admin: BankAdmin, orderId: string, decision: 'released' | 'rejected'): void {
  admin.db
    .transaction(() => {
      const o = getOrder(admin.db, orderId);
      if (!o) throw new KontorError('demoBank.unknownOrder', `The demo bank has no order ${orderId}.`, { orderId });
      if (o.state !== 'awaiting_signature') {
        throw new KontorError('demoBank.orderDecided', `Order ${orderId} is not waiting for a signature (${o.state}).`, { orderId, state: o.state });
      }
      decideOrder(admin.db, admin.clock, o, decision, 'bank clerk');
    })
    .immediate();
}

/**
 * A signer of the order's partner signs (or cancels) it at the bank's
 * counter: the same rules as HVE/HVS over EBICS (class, one signature per
 * signer, release by E, A+B or A+A). Returns what became of the order.
 */
export function signAtBank(admin: BankAdmin, orderId: string, partnerId: string, userId: string, action: 'sign' | 'cancel' = 'sign'): SignOutcome {
  const signer = subscriberOrThrow(admin, partnerId, userId);
  // IMMEDIATE, as every write of the clerk: the running bank writes the same file from its own process.
  return admin.db
    .transaction(() => {
      try {
        return signOrder(admin.db, admin.clock, orderOfPartner(admin.db, orderId, partnerId), signer, action, 'bank');
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        throw new KontorError(
          'demoBank.signRefused',
          `The demo bank refused the signature of ${partnerId}/${userId} on order ${orderId}: ${reportText(e.code, e.detail)}`,
          {
            orderId,
            code: e.code,
          },
        );
      }
    })
    .immediate();
}

/**
 * Adds (or renames) an account holder in the register the payee check
 * compares names with: a customer of this bank or of "another bank" that
 * takes part in the check. The bank's own accounts are holders already.
 */
export function addPayeeHolder(admin: BankAdmin, iban: string, name: string): Holder {
  const normal = normalizeIban(iban);
  if (!isValidIban(normal)) throw new KontorError('demoBank.invalidIban', `Not a valid IBAN: "${iban}".`, { iban });
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '' || clean.length > 140) throw new KontorError('demoBank.invalidName', 'The holder name must have 1 to 140 characters.');
  addHolder(admin.db, { iban: normal, name: clean }, at(admin));
  return { iban: normal, name: clean };
}

/** The rules the bank applies to every customer. */
export function bankRules(admin: BankAdmin): BankRules {
  return readBankRules(admin.db);
}

/** Changes the named rules, keeps the others; returns them all. */
export function setBankRules(admin: BankAdmin, change: Partial<BankRules>): BankRules {
  const next = { ...readBankRules(admin.db), ...change };
  writeBankRules(admin.db, next, at(admin));
  return next;
}

/** The register of account holders (with the bank's own accounts). */
export function payeeHolders(admin: BankAdmin): Holder[] {
  return allHolders(admin.db);
}

/** Sets who may sign what: T transport only (the default), E alone, A first, B second signature. */
export function setSignerClass(admin: BankAdmin, partnerId: string, userId: string, signatureClass: SignatureClass): void {
  if (!['T', 'E', 'A', 'B'].includes(signatureClass))
    throw new KontorError('demoBank.invalidClass', 'The signature class must be T, E, A or B.', { signatureClass: String(signatureClass) });
  setSignatureClass(admin.db, subscriberOrThrow(admin, partnerId, userId).id, signatureClass, at(admin));
}

/** The authorised signer releases the order in the VEU. */
export function release(admin: BankAdmin, orderId: string): void {
  decide(admin, orderId, 'released');
}

/** The authorised signer rejects the order in the VEU. */
export function reject(admin: BankAdmin, orderId: string): void {
  decide(admin, orderId, 'rejected');
}

/**
 * The bank's booking run: books every released payment block whose
 * execution or collection date has come (`today`, default the bank clock's),
 * with the direct-debit returns. The server also runs it before every request.
 */
export function bookDueOrders(admin: BankAdmin, options: BookingOptions = {}): BookingRun {
  return bookDue(admin.db, admin.clock, options);
}

/**
 * The statements the bank would serve for one account, kind and period
 * (inclusive), as text: camt XML (version .02 unless told) or MT940/MT942.
 * The same period rules as for EBICS downloads apply (end-of-day data up to
 * yesterday, intraday only today). Does not book: call bookDueOrders first.
 */
export function statement(
  admin: BankAdmin,
  accountIban: string,
  format: StatementKind,
  from: BusinessDate,
  to: BusinessDate,
  options: { camtVersion?: CamtVersion } = {},
): RenderedStatement[] {
  for (const d of [from, to]) {
    if (!isBusinessDate(d)) throw new KontorError('demoBank.invalidDate', `Not a date (YYYY-MM-DD): "${d}".`, { date: d });
  }
  const account = findAccountByIban(admin.db, normalizeIban(accountIban));
  if (!account) throw new KontorError('demoBank.unknownAccount', `The demo bank has no account ${accountIban}.`, { accountIban });
  const version = camtVersionFor('053', 'H004', options.camtVersion);
  return renderStatements(admin.db, admin.clock, [account], format, { start: from, end: to }, version);
}
