/**
 * MT940 / MT942 into the statement model, streaming line by line over the
 * file bytes. Lenient about what banks put around the SWIFT fields: header
 * lines (`ABNANL2A` / `940`, `0000 01INGBNL2AXXXX00001`, `:940:`), SWIFT
 * blocks `{1:…}{2:…}{4:`, `-` / `-}` trailers, blank lines, CRLF, a Ctrl-Z at
 * the end and soft hyphens (U+00AD) inside dates and words. What it
 * tolerates and what it refuses is decided in tolerance.ts.
 *
 * Fields: a line starts a field only with a tag that exists (`:20:`, `:61:`,
 * …) and, inside a text field, only when the value fits that tag — `:12:30`
 * or `:08 Karten` in the middle of `:86:` is text. A line holding only `-`
 * ends the message only when a new message, a blank line or the end of the
 * file follows; inside `:86:` it is text.
 *
 * Dialect and encoding are decided per file from its first bytes (the head):
 * mt940-dialect.ts names the bank layout, which decides how `:86:` is read;
 * each line is UTF-8 when its bytes are valid UTF-8, otherwise the
 * single-byte code page guessed from the bank's country and the bytes
 * (encoding.ts).
 */
import { isUtf8 } from 'node:buffer';
import { amountFlags, currencyExponent, decimalToMinor } from './amount';
import { clampedDate, dateFlags, digits, instant, swiftYear } from './dates';
import { hasControlCharacter, type ControlScan } from './clean';
import { HighByteStats, guessSingleByte, singleByteDecoder, type SingleByteEncoding } from './encoding';
import { malformedAt, statementError, truncatedAt } from './errors';
import type { ParseLimits, ParsedBalance, ParsedLine, StatementDialect } from './model';
import { readAccountField } from './mt940-account';
import { detectDialect } from './mt940-dialect';
import { buildLine, type LineContext } from './mt940-line';
import type { StatementVisitor } from './parse';
import { StatementAccumulator } from './statement';
import { refusal } from './tolerance';

export interface Field {
  tag: string;
  lines: string[];
  lineNo: number;
  rawStart: number;
  rawEnd: number;
}

export interface PendingLine {
  f61: Field;
  f86: Field | null;
  ns: Field | null;
  rawEnd: number;
}

// Anything but tab, line breaks and printable ASCII; and bytes beyond ASCII.
/**
 * Where the line that starts at `from` ends: at LF, at the LF of CRLF, or
 * at a CR alone (old Mac line ends, which some bank systems still write).
 * -1 when the rest may still be one line (a CR at the very end may be the
 * first half of CRLF in the next chunk). Remembers the last positions found,
 * so a file without CRs is not searched for one at every line.
 */
function lineBreaks(str: string): (from: number) => number {
  let lf = -2;
  let cr = -2;
  return (from) => {
    if (lf !== -1 && lf < from) lf = str.indexOf('\n', from);
    if (cr !== -1 && cr < from) cr = str.indexOf('\r', from);
    if (cr === -1 || (lf !== -1 && lf < cr)) return lf;
    if (cr + 1 >= str.length) return lf;
    return str.charCodeAt(cr + 1) === 10 ? cr + 1 : cr;
  };
}

const UNUSUAL = /[^\t\n\r\x20-\x7e]/;
/** The same, to find the next one in a chunk from `lastIndex` (one search per such character, not one per line). */
const UNUSUAL_NEXT = /[^\t\n\r\x20-\x7e]/g;
const HIGH = /[\u0080-\u00ff]/;
const BALANCE = /^([CD])(\d{6})([A-Z]{3})?\s*([0-9][0-9.,]*)\s*$/;

/** Tags of MT940/MT942 (and the Non-SWIFT `NS`); any other `:NN:` is text. */
const KNOWN_TAGS = new Set([
  '20',
  '21',
  '25',
  '28',
  '28C',
  '60',
  '60F',
  '60M',
  '61',
  '62',
  '62F',
  '62M',
  '64',
  '65',
  '86',
  '13',
  '13D',
  '34F',
  '90D',
  '90C',
  'NS',
]);
const BALANCE_START = /^[CD]\d{6}/;
/** What the value of a tag must look like for a line inside a text field to be that tag rather than text. */
const PLAUSIBLE: Record<string, RegExp> = {
  '61': /^\d{6}/,
  '60': BALANCE_START,
  '60F': BALANCE_START,
  '60M': BALANCE_START,
  '62': BALANCE_START,
  '62F': BALANCE_START,
  '62M': BALANCE_START,
  '64': BALANCE_START,
  '65': BALANCE_START,
  '28': /^\s*\d/,
  '28C': /^\s*\d/,
  '13': /^\d{10}/,
  '13D': /^\d{10}/,
  '34F': /^[A-Z]{3}/,
  '90D': /^\d+[A-Z]{3}/,
  '90C': /^\d+[A-Z]{3}/,
  NS: /^\d{2}/,
};
/** Tags that can follow a booking's text; any other tag at the start of a line inside :86: is text (`:25: Jahre …`). */
const AFTER_TEXT = new Set(['20', '61', '62', '62F', '62M', '64', '65', '86', 'NS', '90D', '90C']);
/** Fields of free text, inside which a line may look like a tag without being one. */
const TEXT_FIELDS = new Set(['86', '61', 'NS']);
/** Fields that may go on over several lines. */
const MULTILINE = new Set(['86', '61', 'NS', '25', '20']);
/** After a `-` line: what shows that it ended the message. */
const MESSAGE_START = /^(?:\{|:20:|:25:|:940:|:942:|ABNANL2A\b|0000 \d\d)/;

/** Bytes read as one string (see feed). */
const PIECE = 64 * 1024;

/** Bytes of the file head used to tell the dialect and to guess the encoding. */
export const MT940_HEAD_BYTES = 64 * 1024;

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
  private anyTag = false;
  /** A `-` line whose meaning the next line decides. */
  private dash: { lineNo: number } | null = null;
  /** A `:20:` line inside :86: — a new statement, or a wrapped time (`…10` ⏎ `:20:30 Uhr`)? The next line decides. */
  private held20: { text: string; rawStart: number; rawEnd: number } | null = null;
  private readonly dialect: StatementDialect;
  private readonly country: string | undefined;
  private readonly headStats = new HighByteStats();
  private single: SingleByteEncoding | undefined;
  private decodeSingle: ((latin1: string) => string) | undefined;
  private singleCertain = true;
  /** This statement had lines in UTF-8 / in the single-byte code page. */
  private usedUtf8 = false;
  private usedSingle = false;
  private readonly lineContext: LineContext;

  constructor(
    private readonly visitor: StatementVisitor,
    private readonly limits: ParseLimits,
    startOffset: number,
    head: Uint8Array,
    /** Kept false while no control character can have reached a line (parse.ts then spares the lines the look for them). */
    private readonly controls: ControlScan = { seen: true },
  ) {
    this.offset = startOffset;
    const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
    const profile = detectDialect(text);
    this.dialect = profile.dialect;
    this.country = profile.country;
    this.lineContext = { currency: 'XXX', dialect: this.dialect, country: this.country, valueDate: (s, f, acc) => this.yymmdd(s, f, acc) };
    // Statistics of the head's non-UTF-8 lines only: UTF-8 lines say nothing about the code page.
    let from = 0;
    while (from < head.length) {
      let nl = head.indexOf(10, from);
      if (nl === -1) nl = head.length;
      const lineBytes = head.subarray(from, nl);
      if (HIGH.test(text.slice(from, nl)) && !isUtf8(lineBytes)) this.headStats.add(lineBytes);
      from = nl + 1;
    }
  }

  feed(chunk: Uint8Array): void {
    // In pieces of 64 KiB: a longer Latin-1 string is a large V8 object of fresh pages, and reading a 1 MiB chunk
    // as one cost a sixth of the parse in page faults; a piece's string lives in the young generation, whose pages
    // are reused. Smaller strings also keep less of the file alive through the lines cut from them.
    for (let at = 0; at < chunk.length; at += PIECE) this.feedPiece(at === 0 && chunk.length <= PIECE ? chunk : chunk.subarray(at, at + PIECE));
  }

  private feedPiece(chunk: Uint8Array): void {
    if (this.carry === null) {
      this.readLines(chunk, this.offset);
      return;
    }
    // The carried line ends at the chunk's first LF: only it is read from a copy (of both parts), the rest from the
    // chunk itself. The breaks found are the same as in one joined buffer, since the copy ends with that LF; copying
    // each 1 MiB chunk behind the carried bytes cost 7 % of the parse.
    const carry = this.carry;
    this.carry = null;
    const lf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).indexOf(10);
    const head = lf === -1 ? chunk : chunk.subarray(0, lf + 1);
    const merged = new Uint8Array(carry.length + head.length);
    merged.set(carry, 0);
    merged.set(head, carry.length);
    this.readLines(merged, this.offset - carry.length);
    if (lf !== -1 && lf + 1 < chunk.length) this.readLines(chunk.subarray(lf + 1), this.offset);
  }

  /** Reads the lines of `buf`, which starts at file offset `base`; what follows the last line break is carried to the next chunk. */
  private readLines(buf: Uint8Array, base: number): void {
    const len = buf.length;
    // Latin-1 maps each byte to one character, so string positions are byte
    // offsets; lines with other bytes are decoded again on their own (line()).
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, len);
    const str = bytes.toString('latin1');
    this.noteTabs(str);
    // Where the next character beyond printable ASCII is: a line before it needs no decoding.
    let unusual = -1;
    let pos = 0;
    const nextBreak = lineBreaks(str);
    for (;;) {
      const nl = nextBreak(pos);
      if (nl === -1) break;
      if (unusual < pos) {
        UNUSUAL_NEXT.lastIndex = pos;
        unusual = UNUSUAL_NEXT.test(str) ? UNUSUAL_NEXT.lastIndex - 1 : len;
      }
      this.line(bytes, str, pos, nl, base, unusual >= nl);
      pos = nl + 1;
    }
    if (pos < len) {
      if (len - pos > this.limits.maxTextLength) throw this.lineTooLong(this.lineNo + 1);
      this.carry = new Uint8Array(buf.subarray(pos)); // a copy (a Buffer's slice is not one): the caller may reuse the chunk's memory
    }
    this.offset = base + len;
  }

  /** A tab is the one control character a line of plain ASCII can hold (line() looks at the other lines itself). */
  private noteTabs(str: string): void {
    if (!this.controls.seen && str.includes('\t')) this.controls.seen = true;
  }

  private lineTooLong(line: number) {
    return statementError(
      'statement.textTooLong',
      `A line of the statement file is longer than ${this.limits.maxTextLength} characters; this is not an MT940 file.`,
      {
        line,
        maxTextLength: this.limits.maxTextLength,
      },
    );
  }

  finish(): void {
    if (this.carry !== null) {
      const c = this.carry;
      this.carry = null;
      const bytes = Buffer.from(c.buffer, c.byteOffset, c.length);
      const str = bytes.toString('latin1');
      this.noteTabs(str);
      this.line(bytes, str, 0, c.length, this.offset - c.length, !UNUSUAL.test(str));
    }
    if (this.held20 !== null) {
      // The file ends: a statement cannot start here, so it was text.
      this.continueField(this.held20.text, this.held20.rawEnd);
      this.held20 = null;
    }
    if (this.dash !== null) {
      this.dash = null;
      this.endMessage();
    }
    this.flushField();
    this.refuseIfCut();
    this.endStatement();
    if (this.statementIndex === 0) {
      throw statementError(
        'statement.noStatement',
        this.anyTag ? 'The MT940 file contains no statement (no :20: field with balances or bookings).' : 'The file contains no MT940 statement.',
      );
    }
  }

  /** A file that ends inside an end-of-day statement — no closing balance and no message end — may have lost bookings. */
  private refuseIfCut(): void {
    const last = this.stmt;
    if (last === null || last.st.kind !== 'mt940' || last.st.closing !== undefined) return;
    if (last.st.opening === undefined && last.lineCount === 0 && this.pending === null) return;
    const account = last.st.account.iban ?? last.st.account.other;
    const ref = last.st.messageId;
    const which = `statement ${this.statementIndex + 1}${ref !== undefined ? ` (:20:${ref}${account !== undefined ? `, account ${account}` : ''})` : ''}`;
    throw truncatedAt(this.offset, `the closing balance :62F: of ${which}`, this.lineNo);
  }

  /** One line [start, end) of the chunk (end at the '\n' or the end of input); `str` is the chunk as Latin-1; `clean` when it holds only tabs and printable ASCII. */
  private line(bytes: Buffer, str: string, start: number, end: number, base: number, clean: boolean): void {
    this.lineNo++;
    // The same limit for a line that arrived whole as for one carried over between chunks: the result must not depend on chunk sizes.
    if (end - start > this.limits.maxTextLength) throw this.lineTooLong(this.lineNo);
    let e = end;
    if (e > start && str.charCodeAt(e - 1) === 13) e--;
    let text = str.slice(start, e);
    if (!clean && UNUSUAL.test(text)) {
      if (HIGH.test(text)) {
        text = this.decode(bytes.subarray(start, e), text);
        if (text.includes('\u00ad')) text = text.replaceAll('\u00ad', '');
      }
      // Ctrl-Z (DOS end of file) and other control characters carry nothing.
      text = stripControls(text);
      if (!this.controls.seen && hasControlCharacter(text)) this.controls.seen = true;
    }
    this.text(text, base + start, base + e);
  }

  /** The line's bytes `raw`, which are also `latin1`, as text: UTF-8 when they are valid UTF-8, else the file's code page. */
  private decode(raw: Buffer, latin1: string): string {
    if (isUtf8(raw)) {
      this.usedUtf8 = true;
      return raw.toString('utf8');
    }
    if (this.single === undefined) {
      // Decided once per file: from the head when it has such lines, else from this first one.
      let stats = this.headStats;
      if (stats.total === 0) {
        stats = new HighByteStats();
        stats.add(raw);
      }
      const guess = guessSingleByte(stats, this.country);
      this.single = guess.encoding as SingleByteEncoding;
      this.singleCertain = guess.certain;
      this.decodeSingle = singleByteDecoder(this.single);
    }
    this.usedSingle = true;
    return (this.decodeSingle as (latin1: string) => string)(latin1);
  }

  private text(text: string, rawStart: number, rawEnd: number): void {
    if (this.dash !== null && this.resolveDash(text)) return;
    if (this.held20 !== null) this.resolveHeld20(text);
    const first = text.charCodeAt(0);
    if (first === 58 /* : */) {
      const tagEnd = tagLength(text);
      const tag = tagEnd > 0 ? text.slice(1, tagEnd - 1) : '';
      if (tagEnd > 0 && this.startsField(tag, text, tagEnd)) {
        if (tag === '20' && this.field?.tag === '86') {
          this.held20 = { text, rawStart, rawEnd };
          return;
        }
        this.flushField();
        if (!this.anyTag && (tag === '61' || tag === '86')) throw this.fragment(tag);
        this.anyTag = true;
        this.field = { tag, lines: [text.slice(tagEnd)], lineNo: this.lineNo, rawStart, rawEnd };
        return;
      }
      if (text.startsWith(':940:') || text.startsWith(':942:')) return; // Rabobank header line
    }
    if (first === 123 /* { */) {
      this.block(text, rawEnd);
      return;
    }
    if (first === 45 /* - */) {
      if (/^-\}/.test(text)) {
        this.endMessage();
        // The next message may start on the same line: `-}{5:…}{1:F01…}{2:O940…}{4:`.
        const next = text.indexOf('{1:');
        if (next !== -1) this.block(text.slice(next), rawEnd);
        return;
      }
      if (/^-(?:XXX)?\s*$/.test(text)) {
        this.dash = { lineNo: this.lineNo };
        return;
      }
    }
    this.continueField(text, rawEnd);
  }

  /** Decides a pending `-` line by the line after it; true when that line is consumed. */
  private resolveDash(next: string): boolean {
    this.dash = null;
    if (next.trim() === '' || MESSAGE_START.test(next)) {
      this.endMessage();
      return next.trim() === '';
    }
    // Inside :86: the dash was text when the text goes on; between fields (`:60M:` ⏎ `-` ⏎ `:61:`) a stray line.
    const f = this.field;
    if (f !== null && (f.tag === '86' || f.tag === 'NS') && !this.startsFieldLine(next)) f.lines.push('-');
    return false;
  }

  /** A held `:20:` line starts a statement only when header fields follow it. */
  private resolveHeld20(next: string): void {
    const held = this.held20 as { text: string; rawStart: number; rawEnd: number };
    this.held20 = null;
    if (/^:(?:21|25|28C?):/.test(next)) {
      this.flushField();
      this.anyTag = true;
      this.field = { tag: '20', lines: [held.text.slice(4)], lineNo: this.lineNo - 1, rawStart: held.rawStart, rawEnd: held.rawEnd };
    } else {
      this.continueField(held.text, held.rawEnd);
    }
  }

  private startsFieldLine(text: string): boolean {
    if (text.charCodeAt(0) !== 58) return false;
    const tagEnd = tagLength(text);
    return tagEnd > 0 && this.startsField(text.slice(1, tagEnd - 1), text, tagEnd);
  }

  /** A known tag starts a field; inside a text field only when its value (text from `at`) fits the tag. */
  private startsField(tag: string, text: string, at: number): boolean {
    if (!KNOWN_TAGS.has(tag)) return this.field === null || !MULTILINE.has(this.field.tag);
    const f = this.field;
    if (f === null || !TEXT_FIELDS.has(f.tag)) return true;
    if (f.tag === '86' && !AFTER_TEXT.has(tag)) return false;
    // The common cases without a regular expression: a booking and a balance.
    if (tag === '61') return isDigits(text, at, at + 6);
    const c = text.charCodeAt(at);
    if (tag.charCodeAt(0) === 54 /* 6 */) return (c === 67 || c === 68) && isDigits(text, at + 1, at + 7);
    const shape = PLAUSIBLE[tag];
    return shape === undefined || shape.test(text.slice(at));
  }

  private fragment(tag: string) {
    return refusal(
      'fragment',
      `The file is a fragment of an MT940 statement: it starts with :${tag}: (${tag === '61' ? 'a booking' : 'booking details'}) without the statement header (:20:, :25:, :60F:) the bookings belong to.`,
      { line: this.lineNo, tag },
    );
  }

  private continueField(text: string, rawEnd: number): void {
    const f = this.field;
    if (f !== null && MULTILINE.has(f.tag)) {
      if (text.trim() === '') return;
      f.lines.push(text);
      f.rawEnd = rawEnd;
    }
    // Header and trailer lines outside a field (ABNANL2A, 940, 0000 01INGB…) carry nothing for us.
  }

  /** SWIFT blocks: {1:…}{2:O940…}{3:…}{4: — the text after `{4:` (if any) is a line of its own. */
  private block(text: string, rawEnd: number): void {
    const b2 = /\{2:[IO](94[02])/.exec(text);
    if (b2 !== null) this.blockKind = b2[1] === '942' ? 'mt942' : 'mt940';
    this.flushField();
    this.endStatement();
    const four = text.indexOf('{4:');
    if (four !== -1 && four + 3 < text.length) {
      const rest = text.slice(four + 3);
      this.text(rest, rawEnd - Buffer.byteLength(rest, 'utf8'), rawEnd);
    }
  }

  private endMessage(): void {
    this.flushField();
    this.endStatement();
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
        this.pending = { f61: f, f86: null, ns: null, rawEnd: f.rawEnd };
        return;
      case '86':
        this.info(f, acc);
        return;
      case 'NS':
        if (this.pending !== null) {
          this.pending.ns = f;
          this.pending.rawEnd = f.rawEnd;
        }
        return;
      default:
        break;
    }
    this.emitPending();
    this.headerField(f, acc);
  }

  /** `:86:` of the booking before it (several are one text), or of the statement after its balances. */
  private info(f: Field, acc: StatementAccumulator): void {
    const p = this.pending;
    if (p !== null) {
      if (p.f86 === null) p.f86 = f;
      else p.f86 = { ...p.f86, lines: [...p.f86.lines, ...f.lines], rawEnd: f.rawEnd };
      p.rawEnd = f.rawEnd;
      return;
    }
    const info = f.lines
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join(' ');
    if (info !== '') acc.st.additionalInfo = acc.st.additionalInfo === undefined ? info : `${acc.st.additionalInfo} ${info}`;
  }

  private headerField(f: Field, acc: StatementAccumulator): void {
    const tag = f.tag;
    const value = (f.lines[0] as string).trim();
    switch (tag) {
      case '25': {
        const { account, unclear } = readAccountField(f.lines.map((l) => l.trim()).join(''));
        Object.assign(acc.st.account, account);
        if (unclear) acc.warn('accountUnclear');
        return;
      }
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
      case '13D':
        this.creationTime(value, acc);
        return;
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

  private creationTime(value: string, acc: StatementAccumulator): void {
    this.markIntraday(acc);
    const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-]\d{4})?/.exec(value);
    if (m === null) return;
    const zone = m[6] !== undefined ? `${m[6].slice(0, 3)}:${m[6].slice(3)}` : 'Z';
    const at = instant(`${swiftYear(Number(m[1]))}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${zone}`);
    if (at !== undefined) acc.st.createdAt = at;
  }

  private markIntraday(acc: StatementAccumulator): void {
    if (acc.st.kind !== 'mt942') {
      acc.st.kind = 'mt942';
      acc.st.messageName = 'MT942';
    }
  }

  private begin(): StatementAccumulator {
    const kind = this.blockKind ?? 'mt940';
    const acc = new StatementAccumulator('mt940', kind, kind === 'mt942' ? 'MT942' : 'MT940', this.dialect, 'utf-8');
    this.stmt = acc;
    this.currency = undefined;
    this.usedUtf8 = false;
    this.usedSingle = false;
    return acc;
  }

  private balance(value: string, type: string, f: Field, acc: StatementAccumulator): ParsedBalance {
    const m = BALANCE.exec(value);
    if (m === null)
      throw malformedAt(
        f.rawStart,
        `the balance ":${f.tag}:${value.slice(0, 40)}" cannot be read (expected C or D, date YYMMDD, currency and amount)`,
        f.lineNo,
      );
    const date = this.yymmdd(m[2] as string, f, acc);
    let currency = m[3];
    if (currency === undefined) {
      acc.warn('balanceCurrencyMissing');
      currency = this.currency ?? acc.st.account.currency ?? acc.st.balances.find((b) => b.currency !== 'XXX')?.currency;
      if (currency === undefined) {
        acc.warn('currencyUnknown');
        currency = 'XXX';
      }
    }
    const v = decimalToMinor(m[4] as string, currencyExponent(currency));
    if (Number.isNaN(v)) throw malformedAt(f.rawStart, `the balance amount "${m[4]}" of :${f.tag}: is not a number`, f.lineNo);
    if (amountFlags.lostPrecision) acc.warn('amountPrecision');
    if (currency !== 'XXX') this.currency ??= currency;
    const amountCents = m[1] === 'D' && v !== 0 ? -v : v;
    return { type, amountCents, currency, date };
  }

  private yymmdd(s: string, f: Field, acc: StatementAccumulator): string {
    const d = clampedDate(swiftYear(digits(s, 0, 2)), digits(s, 2, 4), digits(s, 4, 6));
    if (d === undefined) throw malformedAt(f.rawStart, `"${s}" in :${f.tag}: is not a date (YYMMDD)`, f.lineNo);
    if (dateFlags.adjusted) acc.warn('dateAdjusted');
    return d;
  }

  private emitPending(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const acc = this.stmt as StatementAccumulator;
    let currency = this.currency ?? acc.st.account.currency;
    if (currency === undefined) {
      acc.warn('currencyUnknown');
      currency = 'XXX';
    }
    this.lineContext.currency = currency;
    const line: ParsedLine = buildLine(p, acc, this.lineContext);
    if (!acc.started) this.start(acc);
    acc.addLine(line);
    this.visitor.line(this.statementIndex, line);
  }

  private start(acc: StatementAccumulator): void {
    acc.started = true;
    if (acc.st.statementId === '') {
      acc.st.statementId = `${acc.st.account.iban ?? acc.st.account.other ?? 'MT940'}#${this.statementIndex + 1}`;
      acc.warn('idMissing');
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
    if (this.usedSingle) {
      acc.st.encoding = this.single as SingleByteEncoding;
      if (!this.singleCertain) acc.warn('encodingUncertain');
      if (this.usedUtf8) acc.warn('mixedEncoding');
    }
    if (acc.st.account.currency === undefined && this.currency !== undefined) acc.st.account.currency = this.currency;
    this.visitor.statementEnd(this.statementIndex, acc.finish(acc.st.createdAt?.slice(0, 10)));
    this.statementIndex++;
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

function isDigits(s: string, from: number, to: number): boolean {
  if (s.length < to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function stripControls(s: string): string {
  let first = 0;
  while (first < s.length && (s.charCodeAt(first) >= 32 || s.charCodeAt(first) === 9)) first++;
  if (first === s.length) return s;
  let out = s.slice(0, first);
  for (let i = first; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 || c === 9) out += s[i];
  }
  return out;
}
