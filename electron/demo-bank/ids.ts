/** Identifiers the demo bank hands out: IBANs, order IDs, transaction IDs. */
import { randomBytes } from 'node:crypto';

/** The demo bank's German bank code: 99999999 is no real bank. */
export const DEMO_BANK_CODE = '99999999';
export const DEMO_BIC = 'KONTDEMMXXX';
export const DEMO_HOST_ID = 'KONTORDEMO';

/** ISO 7064 mod 97-10 over an alphanumeric string (A=10 … Z=35), digit by digit. */
function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    for (const digit of String(parseInt(ch, 36))) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/**
 * A German IBAN for `accountNumber` (up to 10 digits) at `bankCode`
 * (8 digits): DE + check digits + bank code + account number, with the
 * check digits computed as ISO 13616 asks (98 − mod97(BBAN + "DE00")).
 */
export function germanIban(accountNumber: number | string, bankCode: string = DEMO_BANK_CODE): string {
  const account = String(accountNumber);
  if (!/^\d{1,10}$/.test(account)) throw new RangeError(`A German account number has 1 to 10 digits, not "${account}"`);
  if (!/^\d{8}$/.test(bankCode)) throw new RangeError(`A German bank code has 8 digits, not "${bankCode}"`);
  const bban = `${bankCode}${account.padStart(10, '0')}`;
  const check = 98 - mod97(`${bban}DE00`);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

/**
 * Order IDs as EBICS wants them (`[A-Z][A-Z0-9]{3}`): A001, A002, …, A00Z,
 * A010, … then B000 after AZZZ. `n` counts from 1.
 */
export function orderIdFor(n: number): string {
  const perLetter = 36 ** 3;
  if (!Number.isSafeInteger(n) || n < 1 || n >= 26 * perLetter) throw new RangeError(`No order id for ${n}`);
  const letter = String.fromCharCode(65 + Math.floor(n / perLetter));
  return `${letter}${(n % perLetter).toString(36).toUpperCase().padStart(3, '0')}`;
}

/** 16 random bytes as upper-case hex: a transaction ID. */
export function newTransactionId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}
