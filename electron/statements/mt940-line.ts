/**
 * One MT940 booking — a `:61:` with its `:86:` (and, in Non-SWIFT files, its
 * `:NS:` lines) — into a ParsedLine: the `:61:` sub-fields (mt940-61.ts),
 * the details read in the file's dialect (mt940-86.ts), and what some banks
 * put on the `:61:` second line (ING `/TRCD/`, DK `/OCMT/` and `/CHGS/`, the
 * counterparty's IBAN at Rabobank, its name at ASN/SNS).
 */
import { amountFlags, currencyExponent, decimalToMinor } from './amount';
import { clampedDate, dateFlags, digits } from './dates';
import { malformedAt } from './errors';
import type { ParsedLine, ParsedParty, ParsedTransaction, StatementDialect } from './model';
import { split61 } from './mt940-61';
import { nonSwift, parse86, type Info86 } from './mt940-86';
import { IBAN_SHAPE } from './mt940-86-common';
import type { Field, PendingLine } from './mt940';
import type { StatementAccumulator } from './statement';

/** Set once per file and reused for every line (the parser's hot path allocates nothing for it). */
export interface LineContext {
  currency: string;
  dialect: StatementDialect;
  country: string | undefined;
  /** YYMMDD → business date, with the parser's warnings and errors. */
  valueDate(yymmdd: string, f: Field, acc: StatementAccumulator): string;
}

function bad61(f: Field, what: string): Error {
  const s = (f.lines[0] ?? '').trim();
  return malformedAt(f.rawStart, `the booking line ":61:${s.slice(0, 40)}" ${what}`, f.lineNo);
}

/** MMDD of the entry date in the year that puts it nearest the value date (statements cross year ends). */
function entryDate(valueDate: string, mmdd: string, acc: StatementAccumulator): string | undefined {
  const month = digits(mmdd, 0, 2);
  const day = digits(mmdd, 2, 4);
  let year = digits(valueDate, 0, 4);
  const valueMonth = digits(valueDate, 5, 7);
  if (month - valueMonth > 6) year--;
  else if (valueMonth - month > 6) year++;
  const d = clampedDate(year, month, day);
  if (d === undefined) acc.warn('dateUnreadable');
  else if (dateFlags.adjusted) acc.warn('dateAdjusted');
  return d;
}

/** `/CODE/value/` pairs in the `:61:` supplementary details: ING `/TRCD/00100/`, DK `/OCMT/EUR4,5//CHGS/EUR0,5/`. */
function supplementaryCodes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\/(TRCD|OCMT|CHGS|IACC)\/([^/]*)\//g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.set(m[1] as string, m[2] as string);
  return out;
}

function moneyOf(text: string | undefined): { currency: string; cents: number } | undefined {
  const m = text === undefined ? null : /^([A-Z]{3})(\d[\d,.]*)$/.exec(text.trim());
  if (m === null) return undefined;
  const cents = decimalToMinor(m[2] as string, currencyExponent(m[1]));
  return Number.isNaN(cents) ? undefined : { currency: m[1] as string, cents };
}

function applyInfo(info: Info86, line: ParsedLine, tx: ParsedTransaction, acc: StatementAccumulator): void {
  if (info.bookingText !== undefined) line.bookingText = info.bookingText;
  if (info.remittance !== undefined) line.remittance = tx.remittance = info.remittance;
  if (info.endToEndId !== undefined) line.endToEndId = tx.endToEndId = info.endToEndId;
  if (info.mandateId !== undefined) line.mandateId = tx.mandateId = info.mandateId;
  if (info.creditorId !== undefined) line.creditorId = tx.creditorId = info.creditorId;
  if (info.returnReason !== undefined) line.returnReason = tx.returnReason = info.returnReason;
  if (info.creditorReference !== undefined) line.creditorReference = tx.creditorReference = info.creditorReference;
  if (info.bankTransactionId !== undefined) line.bankTransactionId = tx.bankTransactionId = info.bankTransactionId;
  if (info.paymentInfoId !== undefined) {
    tx.paymentInfoId = info.paymentInfoId;
    // A booking with a batch reference and no end-to-end id is a batch: its block finds the payments (ING /PREF/, DK KREF+).
    if (info.endToEndId === undefined) line.batchPaymentInfoId = info.paymentInfoId;
  }
  if (info.instructionId !== undefined) tx.instructionId = info.instructionId;
  if (info.purposeCode !== undefined) tx.purposeCode = info.purposeCode;
  if (info.counterparty !== undefined) line.counterparty = tx.counterparty = info.counterparty;
  if (info.ultimateCounterparty !== undefined) tx.ultimateCounterparty = info.ultimateCounterparty;
  if (info.ambiguous === true) acc.warn('detailsAmbiguous');
}

/** Rabobank writes the counterparty's IBAN on the `:61:` second line; ASN and SNS its name, with its account as the reference. */
function partyFrom61(line: ParsedLine, tx: ParsedTransaction, supplementary: string[], reference: string, dialect: StatementDialect): void {
  if (supplementary.length === 0 && dialect !== 'asn' && dialect !== 'sns') return;
  const party: ParsedParty = { ...line.counterparty };
  const last = supplementary[supplementary.length - 1]?.replace(/\s/g, '');
  if (party.iban === undefined && last !== undefined && IBAN_SHAPE.test(last)) party.iban = last;
  if ((dialect === 'asn' || dialect === 'sns') && supplementary.length > 0) {
    if (party.name === undefined && !IBAN_SHAPE.test(last ?? '')) party.name = (supplementary[0] as string).trim();
    const ref = reference.replace(/\s/g, '');
    if (party.iban === undefined && party.accountOther === undefined && ref !== '') {
      if (IBAN_SHAPE.test(ref)) party.iban = ref;
      else if (/^\d{7,10}$/.test(ref)) party.accountOther = ref;
    }
  }
  if (Object.keys(party).length > 0) line.counterparty = tx.counterparty = party;
}

export function buildLine(p: PendingLine, acc: StatementAccumulator, ctx: LineContext): ParsedLine {
  const f = p.f61;
  const s = split61(f.lines);
  if ('problem' in s) throw bad61(f, s.problem);
  const valueDate = ctx.valueDate(s.valueDate, f, acc);
  const booked = s.entryDate !== undefined ? entryDate(valueDate, s.entryDate, acc) : undefined;
  const credit = s.mark === 'C' || s.mark === 'RD' || s.mark === 'EC';
  const isReversal = s.mark === 'RC' || s.mark === 'RD';
  const magnitude = decimalToMinor(s.amount, currencyExponent(ctx.currency));
  if (Number.isNaN(magnitude)) throw bad61(f, `has an amount "${s.amount}" that is not a number`);
  if (amountFlags.lostPrecision) acc.warn('amountPrecision');
  const amountCents = credit ? magnitude : magnitude === 0 ? 0 : -magnitude;
  const line: ParsedLine = {
    bookingDate: booked ?? valueDate,
    valueDate,
    amountCents,
    currency: ctx.currency,
    isReversal,
    status: 'BOOK',
    transactions: [],
    rawStart: f.rawStart,
    rawEnd: p.rawEnd,
  };
  const customer = s.customerReference;
  if (customer !== '' && customer.toUpperCase() !== 'NONREF') line.entryReference = customer;
  if (s.bankReference !== '' && s.bankReference.toUpperCase() !== 'NONREF') line.bankReference = s.bankReference;
  if (s.supplementary.length > 0) line.supplementaryDetails = s.supplementary.join(' ');

  const tx: ParsedTransaction = { amountCents, currency: ctx.currency };
  let gvc: string | undefined;
  if (p.f86 !== null) {
    // The booking's direction before a reversal decides which side is the counterparty.
    const info = parse86(p.f86.lines, credit !== isReversal, { dialect: ctx.dialect, country: ctx.country });
    gvc = info.gvc;
    applyInfo(info, line, tx, acc);
  }
  if (p.ns !== null) applyInfo(nonSwift(p.ns.lines), line, tx, acc);
  partyFrom61(line, tx, s.supplementary, customer, ctx.dialect);
  supplementaryInto(line, tx, s.supplementary.join(''));
  if (line.bankReference !== undefined) tx.accountServicerRef = line.bankReference;
  const type = s.type;
  const code = type !== undefined && type !== '' ? (gvc !== undefined ? `${type}/${gvc}` : type) : gvc;
  if (code !== undefined) line.bankTxCode = code;
  line.transactions.push(tx);
  return line;
}

function supplementaryInto(line: ParsedLine, tx: ParsedTransaction, text: string): void {
  if (!text.includes('/')) return;
  const codes = supplementaryCodes(text);
  const trcd = codes.get('TRCD');
  if (trcd !== undefined && trcd !== '') line.bankTxCodeProprietary = `TRCD:${trcd}`;
  const original = moneyOf(codes.get('OCMT'));
  if (original !== undefined) {
    tx.originalAmountCents = original.cents;
    tx.originalCurrency = original.currency;
  }
  const charges = moneyOf(codes.get('CHGS'));
  if (charges !== undefined) {
    tx.charges = [{ amountCents: charges.cents, currency: charges.currency }];
    tx.chargesCents = charges.cents;
    line.chargesCents = charges.cents;
  }
}
