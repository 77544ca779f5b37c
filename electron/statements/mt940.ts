/**
 * MT940 / MT942 into the statement model, streaming line by line over the
 * file bytes. Lenient about what banks put around the SWIFT fields: header
 * lines (`ABNANL2A` / `940`, `0000 01INGBNL2AXXXX00001`, `:940:`), SWIFT
 * blocks `{1:…}{2:…}{4:`, `-` / `-}` trailers, blank lines, CRLF, a Ctrl-Z at
 * the end and soft hyphens (U+00AD) inside dates and words.
 *
 * Encoding: each line is UTF-8 when its bytes are valid UTF-8, otherwise
 * Windows-1252 (German downloads are often Latin-1); a file mixing both gets
 * the warning `statement.mixedEncoding`.
 */
import { isUtf8 } from 'node:buffer';
import { amountFlags, currencyExponent, decimalToMinor } from './amount';
import { clampedDate, dateFlags, digits, instant, swiftYear } from './dates';
import { malformedAt, statementError, truncatedAt } from './errors';
import type { ParseLimits, ParsedBalance, ParsedLine, ParsedTransaction } from './model';
import { parse86 } from './mt940-86';
import type { StatementVisitor } from './parse';
import { StatementAccumulator } from './statement';
import { decodeWindows1252 } from './windows-1252';

interface Field {
  tag: string;
  lines: string[];
  lineNo: number;
  rawStart: number;
  rawEnd: number;
}

interface PendingLine {
  f61: Field;
  f86: Field | null;
  rawEnd: number;
}

// Anything but tab, line breaks and printable ASCII; and bytes beyond ASCII.
const UNUSUAL = /[^\t\n\r\x20-\x7e]/;
const HIGH = /[\u0080-\u00ff]/;
const BALANCE = /^([CD])(\d{6})([A-Z]{3})\s*([0-9][0-9.,]*)\s*$/;
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;
const BIC_SHAPE = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

export class Mt940Parser {
  private carry: Uint8Array | null = null;
  /** File offset of the next byte to be split into lines. */
  private offset: number;
  private lineNo = 0;
  private field: Field | null = null;
  private stmt: StatementAccumulator | null = null;
  private pending: PendingLine | null = null;
  private statementIndex = 0;
  private currency: string | undefined;
  private blockKind: 'mt940' | 'mt942' | undefined;
  private sawUtf8 = false;
  private sawLatin = false;
  private anyTag = false;

  constructor(
    private readonly visitor: StatementVisitor,
    private readonly limits: ParseLimits,
    startOffset: number,
  ) {
    this.offset = startOffset;
  }

  feed(chunk: Uint8Array): void {
    let buf: Uint8Array = chunk;
    let base = this.offset;
    if (this.carry !== null) {
      const merged = new Uint8Array(this.carry.length + chunk.length);
      merged.set(this.carry, 0);
      merged.set(chunk, this.carry.length);
      buf = merged;
      base -= this.carry.length;
      this.carry = null;
    }
    const len = buf.length;
    // Latin-1 maps each byte to one character, so string positions are byte
    // offsets; lines with other bytes are decoded again on their own (line()).
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, len);
    const str = bytes.toString('latin1');
    const clean = !UNUSUAL.test(str);
    let pos = 0;
    for (;;) {
      const nl = str.indexOf('\n', pos);
      if (nl === -1) break;
      this.line(bytes, str, pos, nl, base, clean);
      pos = nl + 1;
    }
    if (pos < len) {
      if (len - pos > this.limits.maxTextLength) throw this.lineTooLong(this.lineNo + 1);
      this.carry = buf.slice(pos); // a copy: the caller may reuse the chunk's memory
    }
    this.offset = base + len;
  }

  private lineTooLong(line: number) {
    return statementError('statement.textTooLong', `A line of the statement file is longer than ${this.limits.maxTextLength} characters; this is not an MT940 file.`, {
      line,
      maxTextLength: this.limits.maxTextLength,
    });
  }

  finish(): void {
    if (this.carry !== null) {
      const c = this.carry;
      this.carry = null;
      const bytes = Buffer.from(c.buffer, c.byteOffset, c.length);
      const str = bytes.toString('latin1');
      this.line(bytes, str, 0, c.length, this.offset - c.length, !UNUSUAL.test(str));
    }
    this.flushField();
    const last = this.stmt;
    if (last !== null && last.st.kind === 'mt940' && last.st.opening !== undefined && last.st.closing === undefined) {
      // :62F: is mandatory in MT940: a file ending before it was cut off.
      throw truncatedAt(this.offset);
    }
    this.endStatement();
    if (this.statementIndex === 0) {
      throw statementError(
        'statement.noStatement',
        this.anyTag ? 'The MT940 file contains no statement (no :20: field with balances or bookings).' : 'The file contains no MT940 statement.',
      );
    }
  }

  /** One line [start, end) of the chunk (end at the '\n' or the end of input); `str` is the chunk as Latin-1. */
  private line(bytes: Buffer, str: string, start: number, end: number, base: number, clean: boolean): void {
    this.lineNo++;
    // The same limit for a line that arrived whole as for one carried over between chunks: the result must not depend on chunk sizes.
    if (end - start > this.limits.maxTextLength) throw this.lineTooLong(this.lineNo);
    let e = end;
    if (e > start && str.charCodeAt(e - 1) === 13) e--;
    let text = str.slice(start, e);
    if (!clean && UNUSUAL.test(text)) {
      if (HIGH.test(text)) {
        const raw = bytes.subarray(start, e);
        if (isUtf8(raw)) {
          text = raw.toString('utf8');
          this.sawUtf8 = true;
        } else {
          text = decodeWindows1252(raw);
          this.sawLatin = true;
        }
        if (text.includes('\u00ad')) text = text.replaceAll('\u00ad', '');
      }
      // Ctrl-Z (DOS end of file) and other control characters carry nothing.
      text = stripControls(text);
    }
    this.text(text, base + start, base + e);
  }

  private text(text: string, rawStart: number, rawEnd: number): void {
    const first = text.charCodeAt(0);
    if (first === 58 /* : */) {
      const tagEnd = tagLength(text);
      if (tagEnd > 0) {
        this.flushField();
        this.anyTag = true;
        this.field = { tag: text.slice(1, tagEnd - 1), lines: [text.slice(tagEnd)], lineNo: this.lineNo, rawStart, rawEnd };
        return;
      }
      if (text.startsWith(':940:') || text.startsWith(':942:')) return; // Rabobank header line
    }
    if (first === 123 /* { */) {
      // SWIFT blocks: {1:…}{2:O940…}{3:…}{4: — the text after `{4:` (if any) is a line of its own.
      const b2 = /\{2:[IO](94[02])/.exec(text);
      if (b2 !== null) this.blockKind = b2[1] === '942' ? 'mt942' : 'mt940';
      this.flushField();
      this.endStatement();
      const four = text.indexOf('{4:');
      if (four !== -1 && four + 3 < text.length) {
        const rest = text.slice(four + 3);
        this.text(rest, rawEnd - utf8Length(rest), rawEnd);
      }
      return;
    }
    if (first === 45 /* - */ && /^-\}?\s*(\{5:.*)?$/.test(text)) {
      this.flushField();
      this.endStatement();
      return;
    }
    const f = this.field;
    if (f !== null && (f.tag === '86' || f.tag === '61' || f.tag === 'NS' || f.tag === '25' || f.tag === '20')) {
      if (text.trim() === '') return;
      f.lines.push(text);
      f.rawEnd = rawEnd;
      return;
    }
    // Header and trailer lines outside a field (ABNANL2A, 940, 0000 01INGB…) carry nothing for us.
  }

  private flushField(): void {
    const f = this.field;
    if (f === null) return;
    this.field = null;
    const tag = f.tag;
    if (tag === '20') {
      this.endStatement();
      const acc = this.begin();
      const ref = (f.lines[0] as string).trim();
      acc.st.messageId = ref;
      acc.st.statementId = ref;
      return;
    }
    const acc = this.stmt ?? this.begin();
    switch (tag) {
      case '61':
        this.emitPending();
        this.pending = { f61: f, f86: null, rawEnd: f.rawEnd };
        return;
      case '86':
        if (this.pending !== null && this.pending.f86 === null) {
          this.pending.f86 = f;
          this.pending.rawEnd = f.rawEnd;
        } else {
          const info = f.lines.map((l) => l.trim()).filter((l) => l !== '').join(' ');
          if (info !== '') acc.st.additionalInfo = acc.st.additionalInfo === undefined ? info : `${acc.st.additionalInfo} ${info}`;
        }
        return;
      case 'NS':
        if (this.pending !== null) this.pending.rawEnd = f.rawEnd;
        return;
      default:
        break;
    }
    this.emitPending();
    const value = (f.lines[0] as string).trim();
    switch (tag) {
      case '25':
        this.account(acc, f.lines.map((l) => l.trim()).join(''));
        return;
      case '28':
      case '28C':
        if (value !== '') acc.st.sequenceNumber = value;
        return;
      case '60F':
      case '60M':
      case '60':
        acc.addBalance(this.balance(value, 'OPBD', f, acc), 'opening');
        return;
      case '62F':
      case '62M':
      case '62':
        acc.addBalance(this.balance(value, 'CLBD', f, acc), 'closing');
        return;
      case '64':
        acc.addBalance(this.balance(value, 'CLAV', f, acc), 'other');
        return;
      case '65':
        acc.addBalance(this.balance(value, 'FWAV', f, acc), 'other');
        return;
      case '13':
      case '13D': {
        this.markIntraday(acc);
        const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-]\d{4})?/.exec(value);
        if (m !== null) {
          const zone = m[6] !== undefined ? `${m[6].slice(0, 3)}:${m[6].slice(3)}` : 'Z';
          const at = instant(`${swiftYear(Number(m[1]))}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${zone}`);
          if (at !== undefined) acc.st.createdAt = at;
        }
        return;
      }
      case '34F': {
        this.markIntraday(acc);
        const m = /^([A-Z]{3})/.exec(value);
        if (m !== null && this.currency === undefined) this.currency = m[1];
        return;
      }
      case '90D':
      case '90C':
        this.markIntraday(acc);
        return;
      default:
        return; // :21:, unknown tags: kept in the file, nothing to read
    }
  }

  private markIntraday(acc: StatementAccumulator): void {
    if (acc.st.kind !== 'mt942') {
      acc.st.kind = 'mt942';
      acc.st.messageName = 'MT942';
    }
  }

  private begin(): StatementAccumulator {
    const kind = this.blockKind ?? 'mt940';
    const acc = new StatementAccumulator('mt940', kind, kind === 'mt942' ? 'MT942' : 'MT940');
    this.stmt = acc;
    this.currency = undefined;
    return acc;
  }

  private account(acc: StatementAccumulator, raw: string): void {
    const a = acc.st.account;
    let v = raw.replace(/\s+/g, ' ').trim();
    const ccy = /^(.*?)\s*([A-Z]{3})$/.exec(v);
    if (ccy !== null && ccy[1] !== '' && !IBAN_SHAPE.test(v.replace(/\s/g, '')) && /[\d ]$/.test(v.slice(0, v.length - 3))) {
      a.currency = ccy[2];
      v = (ccy[1] as string).trim();
    }
    const compact = v.replace(/\s/g, '');
    const slash = compact.indexOf('/');
    if (IBAN_SHAPE.test(compact)) a.iban = compact;
    else if (slash !== -1 && BIC_SHAPE.test(compact.slice(0, slash)) && IBAN_SHAPE.test(compact.slice(slash + 1))) {
      a.bic = compact.slice(0, slash);
      a.iban = compact.slice(slash + 1);
    } else if (v !== '') a.other = v;
  }

  private balance(value: string, type: string, f: Field, acc: StatementAccumulator): ParsedBalance {
    const m = BALANCE.exec(value);
    if (m === null) throw malformedAt(f.rawStart, `the balance ":${f.tag}:${value.slice(0, 40)}" cannot be read`, f.lineNo);
    const date = this.yymmdd(m[2] as string, f, acc);
    const currency = m[3] as string;
    const v = decimalToMinor(m[4] as string, currencyExponent(currency));
    if (Number.isNaN(v)) throw malformedAt(f.rawStart, `the balance amount "${m[4]}" is not a number`, f.lineNo);
    if (amountFlags.lostPrecision) acc.warn('statement.amountPrecision');
    this.currency ??= currency;
    const amountCents = m[1] === 'D' && v !== 0 ? -v : v;
    return { type, amountCents, currency, date };
  }

  private yymmdd(s: string, f: Field, acc: StatementAccumulator): string {
    const d = clampedDate(swiftYear(digits(s, 0, 2)), digits(s, 2, 4), digits(s, 4, 6));
    if (d === undefined) throw malformedAt(f.rawStart, `"${s}" is not a date`, f.lineNo);
    if (dateFlags.adjusted) acc.warn('statement.dateAdjusted');
    return d;
  }

  private emitPending(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const acc = this.stmt as StatementAccumulator;
    const line = this.parse61(p, acc);
    if (!acc.started) this.start(acc);
    acc.addLine(line);
    this.visitor.line(this.statementIndex, line);
  }

  private start(acc: StatementAccumulator): void {
    acc.started = true;
    if (acc.st.statementId === '') {
      acc.st.statementId = `${acc.st.account.iban ?? acc.st.account.other ?? 'MT940'}#${this.statementIndex + 1}`;
      acc.warn('statement.idMissing');
    } else if (acc.st.sequenceNumber !== undefined) {
      acc.st.statementId = `${acc.st.statementId}/${acc.st.sequenceNumber}`;
    }
    this.visitor.statementStart(this.statementIndex, acc.header());
  }

  private endStatement(): void {
    this.emitPending();
    const acc = this.stmt;
    if (acc === null) return;
    this.stmt = null;
    if (!acc.started) {
      // A lone header fragment (no balances, no lines) is no statement.
      if (acc.st.balances.length === 0 && acc.lineCount === 0 && acc.st.account.iban === undefined && acc.st.account.other === undefined) return;
      this.start(acc);
    }
    if (this.sawLatin && this.sawUtf8) acc.warn('statement.mixedEncoding');
    if (acc.st.account.currency === undefined && this.currency !== undefined) acc.st.account.currency = this.currency;
    this.visitor.statementEnd(this.statementIndex, acc.finish(acc.st.createdAt?.slice(0, 10)));
    this.statementIndex++;
  }

  private parse61(p: PendingLine, acc: StatementAccumulator): ParsedLine {
    const f = p.f61;
    const s = (f.lines[0] as string).trim();
    if (s.length < 8) throw bad61(f, s, 'is too short');
    const valueDate = this.yymmdd(s.slice(0, 6), f, acc);
    let i = 6;
    let entryDate: string | undefined;
    if (digits(s, 6, 10) >= 0 && s.length > 10) {
      entryDate = this.entryDate(valueDate, digits(s, 6, 8), digits(s, 8, 10), acc);
      i = 10;
    }
    let credit: boolean;
    let isReversal = false;
    const c0 = s.charAt(i);
    const c1 = s.charAt(i + 1);
    if (c0 === 'R' && (c1 === 'C' || c1 === 'D')) {
      // RC: reversal of a credit, booked as a debit; RD: reversal of a debit, booked as a credit.
      isReversal = true;
      credit = c1 === 'D';
      i += 2;
    } else if (c0 === 'E' && (c1 === 'C' || c1 === 'D')) {
      credit = c1 === 'C';
      i += 2;
    } else if (c0 === 'C' || c0 === 'D') {
      credit = c0 === 'C';
      i += 1;
    } else {
      throw bad61(f, s, 'has no credit/debit mark');
    }
    // Optional funds code (third letter of the currency code).
    const fc = s.charCodeAt(i);
    if (fc >= 65 && fc <= 90) i++;
    const amountStart = i;
    while (i < s.length) {
      const ch = s.charCodeAt(i);
      if ((ch >= 48 && ch <= 57) || ch === 44 || ch === 46) i++;
      else break;
    }
    const currency = this.currency ?? acc.st.account.currency ?? 'XXX';
    if (this.currency === undefined && acc.st.account.currency === undefined) acc.warn('statement.currencyUnknown');
    const amountText = s.slice(amountStart, i);
    const magnitude = decimalToMinor(amountText, currencyExponent(currency));
    if (amountText === '' || Number.isNaN(magnitude)) throw bad61(f, s, 'has no readable amount');
    if (amountFlags.lostPrecision) acc.warn('statement.amountPrecision');
    let rest = s.slice(i);
    let type: string | undefined;
    if (isTypeCode(rest)) {
      type = rest.slice(0, 4).trim();
      rest = rest.slice(4);
    }
    const slashes = rest.indexOf('//');
    let customer = (slashes === -1 ? rest : rest.slice(0, slashes)).trim();
    let bankRef = slashes === -1 ? '' : rest.slice(slashes + 2).trim();
    const supplementary: string[] = [];
    // Text after a reference, set off by two or more spaces (old Rabobank format), is supplementary.
    const gap = customer.indexOf('  ');
    if (gap !== -1) {
      supplementary.push(customer.slice(gap).trim());
      customer = customer.slice(0, gap);
    }
    const bankGap = bankRef.indexOf('  ');
    if (bankGap !== -1) {
      supplementary.push(bankRef.slice(bankGap).trim());
      bankRef = bankRef.slice(0, bankGap);
    }
    for (let k = 1; k < f.lines.length; k++) {
      const l = (f.lines[k] as string).trim();
      if (l !== '') supplementary.push(l);
    }
    const amountCents = credit ? magnitude : magnitude === 0 ? 0 : -magnitude;
    const line: ParsedLine = {
      bookingDate: entryDate ?? valueDate,
      valueDate,
      amountCents,
      currency,
      isReversal,
      status: 'BOOK',
      transactions: [],
      rawStart: f.rawStart,
      rawEnd: p.rawEnd,
    };
    if (customer !== '' && customer.toUpperCase() !== 'NONREF') line.entryReference = customer;
    if (bankRef !== '' && bankRef.toUpperCase() !== 'NONREF') line.bankReference = bankRef;
    if (supplementary.length > 0) line.supplementaryDetails = supplementary.join(' ');

    const tx: ParsedTransaction = { amountCents, currency };
    let gvc: string | undefined;
    if (p.f86 !== null) {
      const info = parse86(p.f86.lines, credit !== isReversal);
      gvc = info.gvc;
      if (info.bookingText !== undefined) line.bookingText = info.bookingText;
      if (info.remittance !== undefined) line.remittance = tx.remittance = info.remittance;
      if (info.endToEndId !== undefined) line.endToEndId = tx.endToEndId = info.endToEndId;
      if (info.mandateId !== undefined) line.mandateId = tx.mandateId = info.mandateId;
      if (info.creditorId !== undefined) line.creditorId = tx.creditorId = info.creditorId;
      if (info.returnReason !== undefined) line.returnReason = tx.returnReason = info.returnReason;
      if (info.creditorReference !== undefined) line.creditorReference = tx.creditorReference = info.creditorReference;
      if (info.paymentInfoId !== undefined) tx.paymentInfoId = info.paymentInfoId;
      if (info.counterparty !== undefined) line.counterparty = tx.counterparty = info.counterparty;
      if (info.ultimateCounterparty !== undefined) tx.ultimateCounterparty = info.ultimateCounterparty;
    }
    // Rabobank and others put the counterparty account on the :61: second line.
    if (line.counterparty?.iban === undefined && supplementary.length > 0) {
      const acct = (supplementary[supplementary.length - 1] as string).replace(/\s/g, '');
      if (IBAN_SHAPE.test(acct)) line.counterparty = tx.counterparty = { ...line.counterparty, iban: acct };
    }
    if (bankRef !== '' && bankRef.toUpperCase() !== 'NONREF') tx.accountServicerRef = bankRef;
    const code = type !== undefined && type !== '' ? (gvc !== undefined ? `${type}/${gvc}` : type) : gvc;
    if (code !== undefined) line.bankTxCode = code;
    line.transactions.push(tx);
    return line;
  }

  /** MMDD of the entry date in the year that puts it nearest the value date (statements cross year ends). */
  private entryDate(valueDate: string, month: number, day: number, acc: StatementAccumulator): string | undefined {
    let year = digits(valueDate, 0, 4);
    const valueMonth = digits(valueDate, 5, 7);
    if (month - valueMonth > 6) year--;
    else if (valueMonth - month > 6) year++;
    const d = clampedDate(year, month, day);
    if (d === undefined) acc.warn('statement.dateUnreadable');
    else if (dateFlags.adjusted) acc.warn('statement.dateAdjusted');
    return d;
  }
}

/** Length of a leading `:NN:`, `:NNA:` or `:NS:` tag (with both colons), 0 when the line does not start with one. */
function tagLength(t: string): number {
  const a = t.charCodeAt(1);
  const b = t.charCodeAt(2);
  if (a === 78 /* N */ && b === 83 /* S */) return t.charCodeAt(3) === 58 ? 4 : 0;
  if (!(a >= 48 && a <= 57 && b >= 48 && b <= 57)) return 0;
  const c = t.charCodeAt(3);
  if (c === 58) return 4;
  if (c >= 65 && c <= 90 && t.charCodeAt(4) === 58) return 5;
  return 0;
}

/** A `:61:` transaction type: N, S or F and three letters, digits or spaces (`NTRF`, `N051`, `NOV `) — not the reference `NONREF`. */
function isTypeCode(rest: string): boolean {
  const c = rest.charCodeAt(0);
  if (c !== 78 && c !== 83 && c !== 70) return false;
  if (rest.length < 4) return false;
  for (let i = 1; i < 4; i++) {
    const x = rest.charCodeAt(i);
    if (!((x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 32)) return false;
  }
  return !rest.startsWith('NONREF');
}

function bad61(f: Field, s: string, what: string): Error {
  return malformedAt(f.rawStart, `the booking line ":61:${s.slice(0, 40)}" ${what}`, f.lineNo);
}

function stripControls(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 || c === 9) out += s[i];
  }
  return out;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
