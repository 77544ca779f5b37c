import { isValidBIC, isValidIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { KontorError } from './errors';

// Pasted account data often carries no-break or zero-width spaces.
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/g;

function compact(s: string): string {
  return s.replace(INVISIBLE, '').toUpperCase();
}

/** Removes all spaces (also no-break and zero-width ones) and uppercases. */
export function normalizeIban(s: string): string {
  return compact(s);
}

export function isValidIban(s: string): boolean {
  return isValidIBAN(normalizeIban(s));
}

/** `DE89 3704 0044 0532 0130 00`; does not validate. */
export function formatIban(s: string): string {
  return normalizeIban(s).replace(/(.{4})(?=.)/g, '$1 ');
}

const IBAN_REASONS: Record<ValidationErrorsIBAN, [key: string, words: string]> = {
  [ValidationErrorsIBAN.NoIBANProvided]: ['empty', 'no IBAN given'],
  [ValidationErrorsIBAN.NoIBANCountry]: ['country', 'unknown country code'],
  [ValidationErrorsIBAN.WrongBBANLength]: ['length', 'wrong length for its country'],
  [ValidationErrorsIBAN.WrongBBANFormat]: ['format', 'wrong account number format for its country'],
  [ValidationErrorsIBAN.ChecksumNotNumber]: ['checkDigits', 'check digits are not numeric'],
  [ValidationErrorsIBAN.WrongIBANChecksum]: ['checksum', 'check digits do not match (typing error?)'],
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: ['nationalChecksum', 'national account check digit does not match'],
  [ValidationErrorsIBAN.QRIBANNotAllowed]: ['qrIban', 'QR-IBANs are not allowed here'],
};

/**
 * Returns the normalised IBAN or throws `iban.invalid` with params
 * `{ iban, reason }`, reason being a stable key (`checksum`, `length`, …).
 */
export function assertIban(s: string): string {
  const iban = normalizeIban(s);
  const { valid, errorCodes } = validateIBAN(iban);
  if (valid) return iban;
  const first = errorCodes[0];
  const [reason, words] = first === undefined ? ['unknown', 'not a valid IBAN'] : IBAN_REASONS[first];
  throw new KontorError('iban.invalid', `Invalid IBAN "${iban}": ${words}`, { iban, reason });
}

export function normalizeBic(s: string): string {
  return compact(s);
}

/** 8 or 11 characters with a known country code. */
export function isValidBic(s: string): boolean {
  return isValidBIC(normalizeBic(s));
}

export function assertBic(s: string): string {
  const bic = normalizeBic(s);
  if (!isValidBIC(bic)) {
    throw new KontorError('bic.invalid', `Invalid BIC "${bic}"`, { bic });
  }
  return bic;
}

// ibantools has no creditor-identifier support, so the check digits are ours.

/** Letters count as A=10 … Z=35; reduces digit by digit to stay in integers. */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const ch of alphanumeric) {
    const digits = String(parseInt(ch, 36));
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

export function normalizeCreditorId(s: string): string {
  return compact(s);
}

/**
 * Check digits of a SEPA creditor identifier: mod 97 over the national
 * identifier, the country code and `00`. The 3-character business code
 * (positions 5–7) is deliberately not part of it: creditors may change it
 * freely.
 */
export function creditorIdCheckDigits(country: string, nationalId: string): string {
  const cc = country.toUpperCase();
  const national = compact(nationalId);
  if (!/^[A-Z]{2}$/.test(cc) || !/^[A-Z0-9]{1,28}$/.test(national)) {
    throw new KontorError('creditorId.invalid', `Cannot compute creditor identifier check digits for ${country} / ${nationalId}`, { country, nationalId });
  }
  return String(98 - mod97(`${national}${cc}00`)).padStart(2, '0');
}

/** German identifiers have exactly 18 characters, others 8 to 35. */
export function isValidCreditorId(s: string): boolean {
  const id = normalizeCreditorId(s);
  const m = /^([A-Z]{2})([0-9]{2})[A-Z0-9]{3}([A-Z0-9]+)$/.exec(id);
  if (m === null) return false;
  const [, country = '', check, national = ''] = m;
  const lengthOk = country === 'DE' ? id.length === 18 : id.length >= 8 && id.length <= 35;
  return lengthOk && creditorIdCheckDigits(country, national) === check;
}

/** Returns the normalised identifier or throws `creditorId.invalid`. */
export function assertCreditorId(s: string): string {
  const id = normalizeCreditorId(s);
  if (!isValidCreditorId(id)) {
    throw new KontorError('creditorId.invalid', `Invalid creditor identifier "${id}"`, { id });
  }
  return id;
}

/** Human-readable, e.g. for error messages and help texts. */
export const SEPA_BASIC_CHARSET = "a-z A-Z 0-9 / - ? : ( ) . , ' + and space";
export const SEPA_GERMAN_EXTRA_CHARS = 'Ä Ö Ü ä ö ü ß & * $ %';

const BASIC = "a-zA-Z0-9/\\-?:().,'+ ";
const BASIC_TEXT = new RegExp(`^[${BASIC}]*$`);
const GERMAN_TEXT = new RegExp(`^[${BASIC}ÄÖÜäöüß&*$%]*$`);

/**
 * MsgId, PmtInfId, EndToEndId, MandateId: 1–35 basic characters. The EPC
 * implementation guidelines also forbid a `/` at the start or the end and
 * `//` anywhere (EPC clarification paper on slashes).
 */
const SEPA_ID = /^(?!\/)(?!.*\/\/)(?!.*\/$)[a-zA-Z0-9/\-?:().,'+ ]{1,35}$/;

export function isValidSepaId(s: string): boolean {
  return SEPA_ID.test(s);
}

/**
 * Whether free text (names, remittance info) needs no transliteration. Text
 * is checked as given: a decomposed `Ü` (U + combining diaeresis) is not `Ü`
 * for a bank, so normalise to NFC before building a file.
 */
export function isSepaText(s: string, options: { german?: boolean } = {}): boolean {
  return (options.german === true ? GERMAN_TEXT : BASIC_TEXT).test(s);
}
