/**
 * The MT940 `:25:` account field in the forms banks write it:
 *
 *   NL69INGB0123456789EUR         IBAN and currency, no separator (ING)
 *   NL69INGB0123456789 EUR        … with a space
 *   37040044/0532013000[EUR]      BLZ/Konto (German banks), currency optional
 *   CCRALULL/LU28001912…          BIC/IBAN (Raiffeisen LU)
 *   UBRTHUHB/12345678…/HUF        BIC/account/currency (Raiffeisen HU)
 *   //AT39364/12345678912/EUR     //BLZ/account/currency (Raiffeisen AT)
 *   TRIODOSBANK/0390123456        bank name/account (Triodos)
 *   0800003200000001610722 EUR    account and currency (old Rabobank)
 *   NL69INGB0123456789, 500950253 plain IBAN or account number
 *
 * A trailing currency is split off only when what stays is a valid IBAN
 * (checksum) or a plain account form; an IBAN that is valid as written is
 * never cut. An IBAN-shaped id with a wrong checksum is used but marked, and
 * anything else is kept as written — both with `accountUnclear`.
 */
import { isValidIBAN } from 'ibantools';
import type { ParsedAccount } from './model';

/** ISO 4217 codes in use (2024), for telling a currency suffix from the end of an account id. */
const CURRENCIES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP ' +
    'CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY ' +
    'KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK ' +
    'NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT ' +
    'TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL DEM NLG ATS BEF FRF ITL ESP'
  ).split(' '),
);

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;
const BIC_SHAPE = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
const PLAIN_ACCOUNT = /^[0-9][0-9 .-]*$/;

export interface AccountField {
  account: ParsedAccount;
  /** True when the field could not be read beyond doubt; the raw text is in account.raw. */
  unclear: boolean;
}

export function isCurrencyCode(s: string): boolean {
  return CURRENCIES.has(s);
}

function validIban(s: string): boolean {
  return IBAN_SHAPE.test(s) && isValidIBAN(s);
}

/** Reads one `:25:` value (continuation lines already joined). */
export function readAccountField(raw: string): AccountField {
  const text = raw.replace(/\s+/g, ' ').trim();
  const account: ParsedAccount = {};
  if (text === '') return { account, unclear: false };
  let body = text;
  // A currency at the end: `…EUR`, `… EUR`, `…/EUR`.
  const tail = /^(.*?)[ /]?([A-Z]{3})$/.exec(text);
  if (tail !== null && isCurrencyCode(tail[2] as string) && !validIban(text.replace(/ /g, ''))) {
    const rest = (tail[1] as string).trim();
    if (rest !== '') {
      account.currency = tail[2] as string;
      body = rest;
    }
  }
  const compact = body.replace(/ /g, '');
  if (IBAN_SHAPE.test(compact)) {
    account.iban = compact;
    // IBAN-shaped but with a wrong checksum (or a cut-off currency that was part of it): used, and marked.
    if (!isValidIBAN(compact)) return { account: { ...account, raw }, unclear: true };
    return { account, unclear: false };
  }
  const parts = compact.replace(/^\/\//, '').split('/');
  if (parts.length === 2 || parts.length === 3) {
    const [a, b, c] = parts as [string, string, string | undefined];
    if (c !== undefined && isCurrencyCode(c) && account.currency === undefined) account.currency = c;
    else if (c !== undefined) parts.length = 0;
    if (parts.length > 0) {
      if (BIC_SHAPE.test(a) && validIban(b)) return { account: { ...account, bic: a, iban: b }, unclear: false };
      // BIC/account (Raiffeisen HU), BLZ/Konto (DE, AT) or bank name/account (Triodos): the whole is the account id.
      if (BIC_SHAPE.test(a) && /^[0-9A-Z-]+$/.test(b)) return { account: { ...account, other: `${a}/${b}` }, unclear: false };
      if (b !== '' && (/^\d{3,8}$/.test(a) || /^AT\d{3,5}$/.test(a) || /^[A-Z]{3,}$/.test(a)) && /^[0-9A-Z-]+$/.test(b)) {
        return { account: { ...account, other: `${a}/${b}` }, unclear: false };
      }
    }
  }
  if (PLAIN_ACCOUNT.test(body)) return { account: { ...account, other: body }, unclear: false };
  // An IBAN-shaped id with a wrong checksum, or a form we do not know: kept as written, not guessed.
  return { account: { other: text, raw }, unclear: true };
}
