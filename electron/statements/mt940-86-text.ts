/**
 * `:86:` as text: with labels (ABN AMRO's SEPA columns `IBAN: … NAAM: …`,
 * Knab `REK: …/NAAM: …`, PostFinance `AUFTRAGGEBER: … MITTEILUNGEN: …`,
 * mBank `code title; Z RACH.: …; OD: …; TYT.: …; TNR: …`), with the
 * counterparty first (ASN, SNS: `<account> <name>` then description lines;
 * ING's unstructured variant: `<IBAN> <BIC> <name and text>`), Raiffeisen's
 * code-plus-text and line layouts, the Non-SWIFT `:NS:` lines of Sberbank,
 * and plain free text. In these layouts a line break is a word boundary
 * unless the line is full (65 characters), where the bank cut a word.
 */
import type { ParsedParty } from './model';
import {
  BIC_SHAPE,
  IBAN_SHAPE,
  ISO_REASONS,
  LINE_WIDTH,
  accountInto,
  isEmptyParty,
  joinWrapped,
  nonEmpty,
  polishIban,
  reasonIfReturn,
  reference,
  type Info86,
} from './mt940-86-common';
import { sepaKeywords } from './mt940-86-structured';

interface Labelled {
  prefix: string;
  values: Map<string, string | null>;
  ambiguous: boolean;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits text at `LABEL:` markers (after a start, space, `/` or `;`); a value runs to the next label. */
function labelled(text: string, labels: readonly string[], separators = /[\s/]*$/): Labelled {
  const re = new RegExp(`(^|[\\s/;])(${labels.map(escape).join('|')}):`, 'gi');
  const hits: { label: string; at: number; end: number }[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index + (m[1] as string).length;
    hits.push({ label: (m[2] as string).toUpperCase(), at, end: m.index + m[0].length });
  }
  const values = new Map<string, string | null>();
  let ambiguous = false;
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k] as { label: string; end: number };
    const next = hits[k + 1];
    const v = text
      .slice(h.end, next === undefined ? text.length : next.at)
      .replace(separators, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (values.has(h.label)) {
      ambiguous = true;
      values.set(h.label, null);
    } else values.set(h.label, v);
  }
  const prefix = text
    .slice(0, hits.length > 0 ? (hits[0] as { at: number }).at : text.length)
    .replace(/\s+/g, ' ')
    .trim();
  return { prefix, values, ambiguous };
}

function value(l: Labelled, label: string): string | undefined {
  return nonEmpty(l.values.get(label) ?? undefined);
}

const ABN_LABELS = ['IBAN', 'BIC', 'NAAM', 'OMSCHRIJVING', 'KENMERK', 'BETALINGSKENM.', 'ID DEBITEUR', 'INCASSANT', 'MACHTIGING'];

/** ABN AMRO's SEPA column layout; old card and giro lines (BEA, GEA, GIRO) stay free text. */
export function abnColumns(lines: readonly string[]): Info86 | undefined {
  const text = joinWrapped(lines, LINE_WIDTH);
  if (!/(?:^|\s)(?:IBAN|NAAM|OMSCHRIJVING|INCASSANT):/.test(text)) return undefined;
  const l = labelled(text, ABN_LABELS);
  const out: Info86 = {};
  if (l.prefix !== '') out.bookingText = l.prefix;
  const party: ParsedParty = {};
  accountInto(party, value(l, 'IBAN'));
  const bic = value(l, 'BIC');
  if (bic !== undefined && BIC_SHAPE.test(bic)) party.bic = bic;
  const name = value(l, 'NAAM');
  if (name !== undefined) party.name = name;
  if (!isEmptyParty(party)) out.counterparty = party;
  const remittance = value(l, 'OMSCHRIJVING');
  out.remittance = remittance ?? text;
  const eref = reference(value(l, 'KENMERK'));
  if (eref !== undefined) out.endToEndId = eref;
  const cref = value(l, 'BETALINGSKENM.');
  if (cref !== undefined) out.creditorReference = cref;
  const mandate = value(l, 'MACHTIGING');
  if (mandate !== undefined) out.mandateId = mandate;
  const creditor = value(l, 'INCASSANT');
  if (creditor !== undefined) out.creditorId = creditor;
  if (l.ambiguous) {
    out.ambiguous = true;
    out.remittance = text;
  }
  reasonIfReturn(text, out);
  return out;
}

/** Knab: free text, then `REK: <account>/NAAM: <name>` (and `PAS: <card>`). */
export function knabLabels(lines: readonly string[]): Info86 | undefined {
  const text = joinWrapped(lines, LINE_WIDTH);
  if (!/(?:^|[\s/])REK:/.test(text)) return undefined;
  const l = labelled(text, ['REK', 'NAAM', 'PAS']);
  const out: Info86 = {};
  const party: ParsedParty = {};
  accountInto(party, value(l, 'REK'));
  const name = value(l, 'NAAM');
  if (name !== undefined) party.name = name;
  if (!isEmptyParty(party)) out.counterparty = party;
  out.remittance = l.prefix !== '' ? l.prefix : text;
  if (l.ambiguous) out.ambiguous = true;
  return out;
}

/** PostFinance: booking text, then `AUFTRAGGEBER:` (credits) or `BEGÜNSTIGTER:` (debits) and `MITTEILUNGEN:`. */
export function postfinanceLabels(lines: readonly string[]): Info86 {
  const text = joinWrapped(lines, LINE_WIDTH);
  const l = labelled(text, ['AUFTRAGGEBER', 'BEGÜNSTIGTER', 'BEGUENSTIGTER', 'MITTEILUNGEN', 'REFERENZ']);
  const out: Info86 = {};
  if (l.prefix !== '') out.bookingText = l.prefix;
  const party = value(l, 'AUFTRAGGEBER') ?? value(l, 'BEGÜNSTIGTER') ?? value(l, 'BEGUENSTIGTER');
  // Name and address run together; the whole is the party as the bank names it.
  if (party !== undefined) out.counterparty = { name: party };
  out.remittance = value(l, 'MITTEILUNGEN') ?? text;
  const ref = value(l, 'REFERENZ');
  if (ref !== undefined) out.creditorReference = ref;
  if (l.ambiguous) out.ambiguous = true;
  return out;
}

/** mBank: `<code> <title>; KEY: value; …` with Polish keys. */
export function mbankFields(lines: readonly string[], credit: boolean): Info86 {
  const text = joinWrapped(lines, LINE_WIDTH);
  const out: Info86 = {};
  const segments = text.split(';').map((s) => s.trim());
  const head = /^(\d{2,3})\s+(.*)$/.exec(segments[0] ?? '');
  if (head !== null) {
    out.gvc = head[1] as string;
    if ((head[2] as string).trim() !== '') out.bookingText = (head[2] as string).trim();
  }
  const values = new Map<string, string>();
  for (const seg of segments.slice(1)) {
    const m = /^([A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż. ]+?):\s*(.*)$/.exec(seg);
    if (m !== null) values.set((m[1] as string).toUpperCase().replace(/\s+/g, ' '), (m[2] as string).replace(/\s+/g, ' ').trim());
  }
  const party: ParsedParty = {};
  const account = values.get(credit ? 'Z RACH.' : 'NA RACH.') ?? values.get('Z RACH.') ?? values.get('NA RACH.');
  if (account !== undefined) {
    const pl = polishIban(account);
    if (pl !== undefined) party.iban = pl;
    else accountInto(party, account);
  }
  const name = nonEmpty(values.get(credit ? 'OD' : 'DLA') ?? values.get('OD') ?? values.get('DLA'));
  if (name !== undefined) party.name = name;
  if (!isEmptyParty(party)) out.counterparty = party;
  out.remittance = nonEmpty(values.get('TYT.')) ?? text;
  const tnr = nonEmpty(values.get('TNR')?.replace(/\s+/g, ''));
  if (tnr !== undefined) out.bankTransactionId = tnr;
  const ref = reference(values.get('REF. KLIENTA'));
  if (ref !== undefined) out.endToEndId = ref;
  return out;
}

const ACCOUNT_FIRST = /^\s*([A-Z]{2}\d{2}[A-Z0-9]{10,30}|\d{7,10})(?:\s+(.*))?$/;

/** ASN, SNS (de Volksbank): first line `<account> <name>`, then description lines. */
export function accountFirst(lines: readonly string[]): Info86 | undefined {
  const first = lines[0] ?? '';
  const m = ACCOUNT_FIRST.exec(first);
  const out: Info86 = {};
  let rest: readonly string[] = lines.slice(1);
  if (m !== null) {
    const party: ParsedParty = {};
    accountInto(party, m[1]);
    const name = nonEmpty(m[2]);
    if (name !== undefined) party.name = name;
    if (!isEmptyParty(party)) out.counterparty = party;
  } else if (first.trim() !== '') rest = lines;
  const text = joinWrapped(rest, LINE_WIDTH);
  if (text !== '') out.remittance = text;
  reasonIfReturn(text, out);
  return out;
}

/** ING's unstructured variant: `[reason] <IBAN> <BIC> <name and text>`. */
export function ingUnstructured(lines: readonly string[]): Info86 {
  const text = joinWrapped(lines, LINE_WIDTH);
  const out: Info86 = { remittance: text };
  const m = /^(?:([A-Z]{2}\d{2}|[A-Z]{4})\s+)?([A-Z]{2}\d{2}[A-Z0-9]{10,30})\s+([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b/.exec(text);
  if (m !== null && IBAN_SHAPE.test(m[2] as string)) {
    out.counterparty = { iban: m[2] as string, bic: m[3] as string };
    if (m[1] !== undefined && ISO_REASONS.has(m[1])) out.returnReason = m[1];
  }
  return out;
}

/** Raiffeisen: `<code><text>` (AT: `999foo`), or (HU) lines of bank reference, counter account, name, text. */
export function raiffeisenText(lines: readonly string[], country: string | undefined): Info86 {
  if (country === 'HU' && lines.length >= 3 && /^[0-9A-Z-]{8,34}$/.test((lines[1] ?? '').trim())) {
    const out: Info86 = {};
    const ref = nonEmpty(lines[0]);
    if (ref !== undefined) out.bankTransactionId = ref;
    const party: ParsedParty = {};
    accountInto(party, lines[1]);
    const name = nonEmpty(lines[2]);
    if (name !== undefined) party.name = name;
    if (!isEmptyParty(party)) out.counterparty = party;
    const text = joinWrapped(lines.slice(3), LINE_WIDTH);
    if (text !== '') out.remittance = text;
    return out;
  }
  return freeText(lines, 'raiffeisen', true);
}

/** Non-SWIFT `:NS:` lines of a booking (Sberbank HU): `09` text, `15`/`16` name, `33` bank code, `34` account. */
export function nonSwift(lines: readonly string[]): Info86 {
  const codes = new Map<string, string>();
  for (const l of lines) {
    const m = /^(\d{2})(.*)$/.exec(l);
    if (m !== null) codes.set(m[1] as string, (codes.get(m[1] as string) ?? '') + (m[2] as string));
  }
  const out: Info86 = {};
  const text = nonEmpty(codes.get('09'));
  if (text !== undefined) out.remittance = text;
  const party: ParsedParty = {};
  const name = nonEmpty((codes.get('15') ?? '') + (codes.get('16') ?? ''));
  if (name !== undefined) party.name = name;
  accountInto(party, codes.get('34'));
  const bank = nonEmpty(codes.get('33'));
  if (bank !== undefined) party.bankCode = bank;
  if (!isEmptyParty(party)) out.counterparty = party;
  return out;
}

/** Free text; a leading 3-digit code (DK GVC `999`, Raiffeisen AT) is the code, SEPA keywords in the text are read. */
export function freeText(lines: readonly string[], dialect: string, credit: boolean): Info86 {
  const text = joinWrapped(lines, LINE_WIDTH);
  const out: Info86 = {};
  const coded = /^(\d{3})(?=\D|$)\s*(.*)$/s.exec(text);
  let body = text;
  if (coded !== null && (coded[1] === '999' || dialect === 'de-dk' || dialect === 'raiffeisen')) {
    out.gvc = coded[1] as string;
    body = (coded[2] as string).trim();
  }
  if (body !== '') out.remittance = body;
  if (dialect === 'de-dk' || dialect === 'raiffeisen') sepaKeywords(body, out, credit);
  reasonIfReturn(body, out);
  return out;
}
