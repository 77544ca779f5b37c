/**
 * What the statement parsers tolerate, in one table that both MT940 and camt
 * consult — so the same deviation is never refused in one place and accepted
 * in another. docs/statements.md explains the rule and lists these rows.
 *
 * The rule: a file is refused only when the amount, the direction or the
 * date of a booking or balance cannot be read, or when the file may be
 * incomplete (cut off) — then nothing of it is stored. Everything else is
 * read: a layout real banks write that leaves nothing in doubt is read
 * silently ('read'); where something had to be inferred, guessed or could be
 * kept only as raw text, the statement carries a warning code ('warn').
 */
import { KontorError, type ErrorParams } from '../../shared/errors';
import type { StatementWarning } from '../../shared/statements';
import type { StatementErrorCode } from './errors';

interface ReadRule {
  action: 'read';
  why: string;
}
interface WarnRule {
  action: 'warn';
  warning: StatementWarning;
  why: string;
}
interface RefuseRule {
  action: 'refuse';
  error: StatementErrorCode;
  why: string;
}
type Rule = ReadRule | WarnRule | RefuseRule;

export const TOLERANCE = {
  // ---- read: real layouts that leave nothing in doubt
  bankEnvelope: {
    action: 'read',
    why: 'Header and trailer lines around the SWIFT fields (ABNANL2A/940, :940:, 0000 01INGB…, {1:…}{4:, -}, {5:…}, SOH/ETX, Ctrl-Z, blank lines) carry no booking.',
  },
  entryDateBlank: {
    action: 'read',
    why: 'Citibank and ASN write four spaces for the optional :61: entry date; as when it is absent, the value date is the booking date.',
  },
  lineBreakIn61: { action: 'read', why: 'German savings banks break :61: before the amount; the two lines are one field.' },
  accountWithCurrency: {
    action: 'read',
    why: ':25: with the currency after the account (NL…INGB…EUR, BLZ/Konto EUR, …/HUF) gives the account and the currency when the rest is a valid IBAN or a plain account number.',
  },
  tagLikeText: {
    action: 'read',
    why: 'A continuation line of :86: (or :61:) that starts like a tag (:12:30, :08 Karten) but is not a field that may follow there is text.',
  },
  dashInText: {
    action: 'read',
    why: 'A line holding only "-" is a message end only when a new message, a blank line or the end of the file follows; elsewhere it is text (inside :86:) or a stray line between fields.',
  },
  referenceOverlong: {
    action: 'read',
    why: 'The :61: customer reference has 16 characters; what follows on the line (old Rabobank format) is supplementary detail, never split at spaces inside the 16.',
  },
  severalInfoFields: { action: 'read', why: 'Some banks write several :86: fields after one :61:; they are one text.' },
  decimalPoint: { action: 'read', why: 'Amounts with a decimal point instead of a comma (old Rabobank, Non-SWIFT MT940) are the same number.' },
  noTransactionType: { action: 'read', why: 'A :61: without type code or reference (Raiffeisen HU) still has its date, direction and amount.' },
  // ---- warn: something was inferred or kept only as written
  accountUnclear: {
    action: 'warn',
    warning: 'statement.accountUnclear',
    why: ':25: is neither a valid IBAN (with or without trailing currency) nor a recognised account form; kept as written.',
  },
  currencyUnknown: {
    action: 'warn',
    warning: 'statement.currencyUnknown',
    why: 'The statement names no currency anywhere; amounts are stored with XXX ("no currency") rather than a guessed one.',
  },
  balanceCurrencyMissing: {
    action: 'warn',
    warning: 'statement.balanceCurrencyMissing',
    why: 'A balance without currency (:62M:C020315105000,00) takes the currency of the account or of the other balances.',
  },
  balanceDateMissing: {
    action: 'warn',
    warning: 'statement.balanceDateMissing',
    why: 'A camt balance without date takes the statement period end (opening: start) or the creation date.',
  },
  bookingDateMissing: {
    action: 'warn',
    warning: 'statement.bookingDateMissing',
    why: 'A camt entry without booking date takes its value date or the statement date.',
  },
  openingBalanceMissing: {
    action: 'warn',
    warning: 'statement.openingBalanceMissing',
    why: 'A complete end-of-day statement (MT940, camt.053) without opening balance cannot be checked; it is read and marked.',
  },
  closingBalanceMissing: {
    action: 'warn',
    warning: 'statement.closingBalanceMissing',
    why: 'A complete end-of-day statement (its message end or the next statement follows) without closing balance cannot be checked; it is read and marked.',
  },
  dateAdjusted: { action: 'warn', warning: 'statement.dateAdjusted', why: 'An impossible day (30 February) is moved to the last day of the month.' },
  dateUnreadable: {
    action: 'warn',
    warning: 'statement.dateUnreadable',
    why: 'A secondary date that is not a date (MT940 entry date, camt value date) is left out; the booking keeps the date it has.',
  },
  amountPrecision: { action: 'warn', warning: 'statement.amountPrecision', why: 'More decimals than the currency has are rounded half away from zero.' },
  encodingUncertain: {
    action: 'warn',
    warning: 'statement.encodingUncertain',
    why: 'The text is in a single-byte code page that the bytes do not identify beyond doubt; names and texts may show wrong letters (amounts are unaffected).',
  },
  encodingMismatch: {
    action: 'warn',
    warning: 'statement.encodingMismatch',
    why: 'An XML file whose text is not in the encoding it declares (UTF-8) is read in the code page its bytes fit.',
  },
  mixedEncoding: {
    action: 'warn',
    warning: 'statement.mixedEncoding',
    why: 'Some lines are UTF-8 and others a single-byte code page; each is read as what it is.',
  },
  detailsAmbiguous: {
    action: 'warn',
    warning: 'statement.detailsAmbiguous',
    why: 'A structured :86: names a code word twice or cannot be split safely; the values concerned are not guessed, the text stays as written.',
  },
  idMissing: { action: 'warn', warning: 'statement.idMissing', why: 'A statement without id gets one from its account and position in the file.' },
  timestampUnreadable: { action: 'warn', warning: 'statement.timestampUnreadable', why: 'An unreadable creation time is left out.' },
  namespaceMissing: { action: 'warn', warning: 'statement.namespaceMissing', why: 'A camt message without namespace is recognised by its element name.' },
  namespaceMismatch: { action: 'warn', warning: 'statement.namespaceMismatch', why: 'The element name decides when it contradicts the namespace.' },
  unknownEntity: { action: 'warn', warning: 'statement.unknownEntity', why: 'An unknown &name; is kept as written.' },
  noDate: { action: 'warn', warning: 'statement.noDate', why: 'A statement without any date gets an empty period.' },
  balanceMismatch: { action: 'warn', warning: 'statement.balanceMismatch', why: 'Opening + bookings ≠ closing: stored and shown, never hidden.' },
  currencyMismatch: { action: 'warn', warning: 'statement.currencyMismatch', why: 'A booking in another currency than the closing balance.' },
  controlCharactersInText: {
    action: 'warn',
    warning: 'statement.controlCharactersRemoved',
    why: 'NUL and other control characters in names and texts carry nothing and are removed before storing; the stored file stays as the bank sent it.',
  },
  // ---- refuse: a booking or balance cannot be read, or the file may be incomplete
  bookingUnreadable: {
    action: 'refuse',
    error: 'statement.malformed',
    why: 'A booking whose value date, credit/debit mark or amount cannot be read would be stored wrong or lost.',
  },
  balanceUnreadable: {
    action: 'refuse',
    error: 'statement.malformed',
    why: 'A balance whose amount or mark cannot be read makes the statement uncheckable without saying so.',
  },
  truncated: {
    action: 'refuse',
    error: 'statement.truncated',
    why: 'A file that ends inside a statement (no closing balance and no message end; an XML element not closed) may have lost bookings.',
  },
  fragment: {
    action: 'refuse',
    error: 'statement.mt940Fragment',
    why: 'Bookings (:61:/:86:) without the statement header have no account and no balances to belong to.',
  },
  notAStatement: { action: 'refuse', error: 'statement.notAStatement', why: 'Neither camt nor MT940/MT942.' },
  otherMessage: {
    action: 'refuse',
    error: 'statement.unsupportedMessage',
    why: 'A payment order (pain.001/008), a payment status report (pain.002) or another ISO 20022 message is no statement.',
  },
  controlCharacterInIdentifier: {
    action: 'refuse',
    error: 'statement.malformed',
    why: 'A control character inside an IBAN, an end-to-end id or a reference means the file is damaged; matching on an altered identifier is worse than asking the bank again.',
  },
  unreadableEncoding: { action: 'refuse', error: 'statement.encoding', why: 'UTF-16 or an encoding Kontor cannot decode: even the markup cannot be read.' },
} as const satisfies Record<string, Rule>;

export type Deviation = keyof typeof TOLERANCE;
export type WarnDeviation = { [K in Deviation]: (typeof TOLERANCE)[K] extends { action: 'warn' } ? K : never }[Deviation];
export type RefuseDeviation = { [K in Deviation]: (typeof TOLERANCE)[K] extends { action: 'refuse' } ? K : never }[Deviation];

/** The warning a tolerated deviation leaves on its statement. */
export function warningOf(d: WarnDeviation): StatementWarning {
  return TOLERANCE[d].warning;
}

/** The typed error of a refused deviation. */
export function refusal(d: RefuseDeviation, message: string, params: ErrorParams = {}): KontorError {
  return new KontorError(TOLERANCE[d].error, message, params);
}
