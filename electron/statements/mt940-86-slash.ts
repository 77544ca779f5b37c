/**
 * `:86:` as `/CODE/value` pairs, in two grammars:
 *
 * - ING (Netherlands, "MT940 structured"): `/EREF/E2E-1//CNTP/NL08INGB…/INGBNL2A/Name/City//REMI/USTD//text/`.
 *   Each code word has a fixed number of sub-fields, each closed by `/`;
 *   `//` separates code words (the closing slash of one value and the opening
 *   slash of the next code). Empty sub-fields stay (`/Name///REMI/` = empty
 *   city). The last sub-field of a code word takes the rest, so remittance
 *   text may contain slashes.
 * - ABN AMRO, Rabobank, Knab, ASN (SEPA): `/TRTP/SEPA OVERBOEKING/IBAN/NL…/BIC/…/NAME/…/REMI/…/EREF/…`
 *   with single slashes; a value runs to the next known code word, so
 *   `/REMI//INV/123 1.12.2016/` keeps its own slashes.
 *
 * Both are cut at 65 characters anywhere — inside values and code words
 * (`///REM` ⏎ `I/USTD`) — so lines are joined without separator first. A
 * code word met twice is ambiguous: its value is not used (`ambiguous`).
 */
import type { ParsedParty } from './model';
import { BIC_SHAPE, accountInto, isEmptyParty, nonEmpty, reasonIfReturn, reference, type Info86 } from './mt940-86-common';

/** ING code words and how many sub-fields each has (ING "Inside Business Payments"/"Mijn ING" MT940 structured). */
const ING_CODES: Record<string, number> = {
  RTRN: 1,
  CREF: 1,
  EREF: 1,
  PREF: 1,
  IREF: 1,
  MARF: 1,
  CSID: 1,
  CNTP: 4,
  REMI: 3,
  PURP: 1,
  ULTC: 2,
  ULTD: 2,
  ULTB: 2,
  EXCH: 1,
  CHGS: 1,
  BENM: 4,
  ORDP: 4,
  BUSP: 1,
  ID: 1,
  NAME: 1,
  BIC: 1,
  SUM: 4,
  TRCD: 1,
  ISDT: 1,
};

/** True when the text uses ING's `//`-separated code words. */
export function looksIng(text: string): boolean {
  return (
    /^\s*\/(?:EREF|PREF|RTRN|CREF|IREF|MARF|CSID|CNTP|REMI|PURP|ULTC|ULTD|NAME|SUM|TRCD)\/[^]*?\/\/(?:EREF|PREF|IREF|MARF|CSID|CNTP|REMI|PURP|ULTC|ULTD|BIC|SUM|RTRN)\//.test(
      text,
    ) || /^\s*\/(?:CNTP|REMI)\//.test(text)
  );
}

/** The code words of an ING field with their sub-fields; null when it does not start with one. */
function ingFields(text: string): { fields: Map<string, string[] | null>; ambiguous: boolean } | null {
  const hits: { code: string; at: number; end: number }[] = [];
  const re = /\/([A-Z]{2,4})\//g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const code = m[1] as string;
    // A code word opens the field or follows the `/` that closed the previous value.
    if (ING_CODES[code] !== undefined && (m.index === 0 || text.charCodeAt(m.index - 1) === 47)) {
      hits.push({ code, at: m.index, end: m.index + m[0].length });
      re.lastIndex = m.index + m[0].length;
    } else {
      re.lastIndex = m.index + 1;
    }
  }
  if (hits.length === 0 || (hits[0] as { at: number }).at !== 0) return null;
  const fields = new Map<string, string[] | null>();
  let ambiguous = false;
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k] as { code: string; end: number };
    const next = hits[k + 1];
    let value = text.slice(h.end, next === undefined ? text.length : next.at);
    // The value's closing slash (the first of `//` before the next code word, or the last one of the field).
    if (value.endsWith('/')) value = value.slice(0, -1);
    const parts = splitN(value, ING_CODES[h.code] as number);
    if (fields.has(h.code)) {
      fields.set(h.code, null);
      ambiguous = true;
    } else fields.set(h.code, parts);
  }
  return { fields, ambiguous };
}

/** Splits at `/` into at most n parts; the last takes the rest. */
function splitN(value: string, n: number): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < n - 1) {
    const slash = value.indexOf('/', from);
    if (slash === -1) break;
    out.push(value.slice(from, slash));
    from = slash + 1;
  }
  out.push(value.slice(from));
  return out;
}

export function ingTags(text: string): Info86 {
  const out: Info86 = {};
  const parsed = ingFields(text.trim());
  if (parsed === null) {
    out.remittance = text.trim();
    return out;
  }
  const { fields, ambiguous } = parsed;
  const one = (code: string): string | undefined => nonEmpty(fields.get(code)?.[0]);
  const eref = reference(one('EREF'));
  if (eref !== undefined) out.endToEndId = eref;
  const pref = reference(one('PREF'));
  if (pref !== undefined) out.paymentInfoId = pref;
  const iref = reference(one('IREF'));
  if (iref !== undefined) out.instructionId = iref;
  const marf = one('MARF');
  if (marf !== undefined) out.mandateId = marf;
  const csid = one('CSID');
  if (csid !== undefined) out.creditorId = csid;
  const purp = one('PURP');
  if (purp !== undefined) out.purposeCode = purp;
  const rtrn = one('RTRN');
  if (rtrn !== undefined) out.returnReason = rtrn.slice(0, 4);
  const party = ingParty(fields.get('CNTP') ?? fields.get('BENM') ?? fields.get('ORDP'));
  if (party !== undefined) out.counterparty = party;
  const ult = fields.get('ULTD') ?? fields.get('ULTC');
  const ultName = nonEmpty(ult?.[0]);
  if (ultName !== undefined) out.ultimateCounterparty = { name: ultName };
  const remi = fields.get('REMI');
  if (remi !== undefined && remi !== null) {
    const [kind, issuer, value] = remi;
    const v = nonEmpty(value) ?? nonEmpty(issuer);
    if (kind === 'STRD' && v !== undefined) out.creditorReference = v;
    if (v !== undefined) out.remittance = v;
    else if (nonEmpty(kind) !== undefined && kind !== 'USTD' && kind !== 'STRD') out.remittance = remi.join('/');
  }
  if (ambiguous) {
    out.ambiguous = true;
    out.remittance = text.trim();
  }
  reasonIfReturn(text, out);
  return out;
}

function ingParty(cntp: string[] | null | undefined): ParsedParty | undefined {
  if (cntp === undefined || cntp === null) return undefined;
  const [account, bic, name, city] = cntp;
  const party: ParsedParty = {};
  accountInto(party, account);
  const b = nonEmpty(bic);
  if (b !== undefined && BIC_SHAPE.test(b)) party.bic = b;
  const n = nonEmpty(name);
  if (n !== undefined) party.name = n;
  const c = nonEmpty(city);
  if (c !== undefined) party.address = c;
  return isEmptyParty(party) ? undefined : party;
}

/** Code words of the single-slash layouts (ABN AMRO, Rabobank, Knab, ASN), as boundaries. */
const SLASH_TAGS = new Set([
  'TRTP',
  'IBAN',
  'BBAN',
  'BIC',
  'NAME',
  'REMI',
  'EREF',
  'MARF',
  'CSID',
  'ORDP',
  'BENM',
  'ISDT',
  'CNTP',
  'PREF',
  'RTRN',
  'ADDR',
  'ULTD',
  'ULTC',
  'ULTB',
  'PURP',
  'SVCL',
  'OCMT',
  'ORIG',
  'BUSP',
  'ID',
  'RTYP',
  'FEES',
  'CDTRREF',
  'CDTRREFTP',
  'CHGS',
  'EXCH',
  'ACCW',
]);

export function slashTags(text: string): Info86 {
  const t = text.trim();
  const out: Info86 = { remittance: t };
  const hits: { tag: string; at: number; end: number }[] = [];
  const re = /\/([A-Z]{2,9})\//g;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    const tag = m[1] as string;
    if (!SLASH_TAGS.has(tag)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    // `/BENM//NAME/`: the second slash is both the end of one tag and the start of the next value.
    hits.push({ tag, at: m.index, end: m.index + m[0].length });
    re.lastIndex = m.index + m[0].length - 1;
  }
  if (hits.length === 0 || (hits[0] as { at: number }).at !== 0) return out;
  const values = new Map<string, string | null>();
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k] as { tag: string; end: number };
    const next = hits[k + 1];
    const v = t.slice(h.end, next === undefined ? t.length : next.at).trim();
    if (values.has(h.tag)) out.ambiguous = true;
    values.set(h.tag, values.has(h.tag) ? null : v);
  }
  const get = (tag: string): string | undefined => nonEmpty(values.get(tag) ?? undefined);
  const party: ParsedParty = {};
  const name = get('NAME');
  if (name !== undefined) party.name = name;
  accountInto(party, get('IBAN') ?? get('BBAN') ?? get('ACCW')?.split(',')[0]);
  const bic = get('BIC') ?? get('ACCW')?.split(',')[1]?.trim();
  if (bic !== undefined && BIC_SHAPE.test(bic)) party.bic = bic;
  if (!isEmptyParty(party)) out.counterparty = party;
  const eref = reference(get('EREF'));
  if (eref !== undefined) out.endToEndId = eref;
  const pref = reference(get('PREF'));
  if (pref !== undefined) out.paymentInfoId = pref;
  const marf = get('MARF');
  if (marf !== undefined) out.mandateId = marf;
  const csid = get('CSID');
  if (csid !== undefined) out.creditorId = csid;
  const trtp = get('TRTP');
  if (trtp !== undefined) out.bookingText = trtp;
  const purp = get('PURP');
  if (purp !== undefined) out.purposeCode = purp;
  let remi = get('REMI');
  if (remi !== undefined) {
    // `/REMI/USTD//text/`, `/REMI/STRD/CUR/reference/`
    const strd = /^STRD\/(?:CUR|ISO)\/([^/]+)\/?$/.exec(remi);
    if (strd !== null) out.creditorReference = strd[1];
    remi = remi
      .replace(/^USTD\/\//, '')
      .replace(/\/+$/, '')
      .trim();
    if (remi !== '') out.remittance = remi;
  }
  const rtrn = get('RTRN');
  if (rtrn !== undefined) {
    const code = /^([A-Z]{2}\d{2}|[A-Z]{4})/.exec(rtrn);
    if (code !== null) out.returnReason = code[1];
  }
  if (out.ambiguous === true) out.remittance = t;
  reasonIfReturn(t, out);
  return out;
}
