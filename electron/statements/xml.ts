/**
 * A small streaming XML tokenizer for bank statements: bytes in (any chunk
 * sizes), element/text events out, no DOM. Written for camt because the
 * statement files are large (hundreds of MB) and must never be trusted:
 *
 * - no DTD processing at all: `<!DOCTYPE` / `<!ENTITY` are refused;
 * - only the five predefined entities and numeric character references are
 *   decoded; an unknown `&name;` is kept as written (warning);
 * - limits on nesting depth, text and attribute length, and so on the bytes
 *   it keeps between chunks, so a hostile file cannot exhaust memory;
 * - text split across chunk boundaries is reassembled (an incomplete token
 *   stays in a small carry-over buffer until the next chunk arrives);
 * - names are matched by local name (`ns2:Ntry` → `Ntry`); element names are
 *   interned through a byte hash so a tag costs no string allocation.
 *
 * Markup is ASCII in every encoding it accepts (UTF-8 and single-byte
 * encodings from the XML declaration), so it scans bytes and decodes only the
 * text and attribute values, which also gives exact byte offsets for free.
 */
import type { StatementWarning } from '../../shared/statements';
import { HighByteStats, decodeText, encodingOfLabel, guessSingleByte, type TextEncoding } from './encoding';
import type { ParseLimits } from './model';
import { malformedAt, statementError, truncatedAt } from './errors';
import { warningOf } from './tolerance';

export interface XmlSink {
  /** A start tag; `attrs` is `[qname, value, qname, value, …]` or null; `start` is the file offset of `<`; `qname` with its prefix. */
  open(local: string, attrs: string[] | null, start: number, qname: string): void;
  /** An end tag (also right after `open` for `<x/>`); `end` is the file offset just after `>`. */
  close(local: string, end: number): void;
  /** Character data (entity-decoded, CDATA included) that is not only whitespace; may come in several pieces. */
  text(text: string): void;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const AMP = 38;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;

interface NameEntry {
  q: string;
  local: string;
  next: NameEntry | null;
}

const MAX_INTERNED_NAMES = 4096;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const HIGH = 1;
const HAS_AMP = 2;

/** What a byte does to an element name: NAME_END[c] is END (whitespace, '/', '>'), BAD ('<', quotes, '='), or 0 (part of the name). */
const END = 1;
const BAD = 2;
const NAME_END = new Uint8Array(256);
for (const c of [32, 10, 13, 9, SLASH, GT]) NAME_END[c] = END;
for (const c of [LT, DQUOTE, SQUOTE, EQUALS]) NAME_END[c] = BAD;

/** Node's latin1 slice without Buffer#toString's argument and encoding dispatch (about a fifth of the cost of each short text). */
const latin1 = (buf: Buffer, start: number, end: number): string => (buf as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(start, end);

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class XmlTokenizer {
  /** Warning codes met while tokenizing (e.g. `statement.unknownEntity`). */
  readonly warnings = new Set<StatementWarning>();
  /** The encoding named by the XML declaration, lower-cased (`utf-8` when none). */
  encoding = 'utf-8';
  /** The encoding text is actually decoded in: the declared one, or the code page guessed for text that is not the UTF-8 it claims. */
  textEncoding: TextEncoding = 'utf-8';

  private buf: Buffer = Buffer.alloc(0);
  private len = 0;
  private pos = 0;
  /** File offset of buf[0]. */
  private base: number;
  private readonly stack: NameEntry[] = [];
  private depth = 0;
  private rootSeen = false;
  private rootClosed = false;
  private firstToken = true;
  private readonly names = new Map<number, NameEntry>();
  private internedCount = 0;
  private utf8 = true;
  private fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private singleByte: TextEncoding | null = null;
  private fallback: TextEncoding | null = null;
  /** Country hint for the code page guess of mis-declared text (set by the camt parser from the account). */
  country: string | undefined;
  /** A whitespace run longer than maxTextLength reached the end of a chunk and was dropped (see run). */
  private whitespaceOverflow = false;
  /** Longest token (bytes) kept waiting for more input. */
  private readonly maxPendingBytes: number;

  constructor(
    private readonly sink: XmlSink,
    private readonly limits: ParseLimits,
    /** File offset of the first byte fed (after a BOM). */
    startOffset = 0,
    /**
     * Read text that is not the UTF-8 the file claims in the code page it
     * fits (bank statements, with a warning), instead of refusing it (what a
     * bank does with a payment file).
     */
    private readonly readMisdeclaredText = false,
  ) {
    this.base = startOffset;
    // A UTF-16 code unit takes at most 3 UTF-8 bytes, so more bytes than this cannot be within the limit.
    this.maxPendingBytes = limits.maxTextLength * 3 + 4096;
  }

  feed(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const rest = this.len - this.pos;
    if (rest > 0) {
      // Copy the carry-over: the caller may reuse the previous chunk's memory.
      const merged = Buffer.allocUnsafe(rest + chunk.length);
      merged.set(this.buf.subarray(this.pos, this.len), 0);
      merged.set(chunk, rest);
      this.base += this.pos;
      this.buf = merged;
    } else {
      this.base += this.len;
      this.buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    this.len = this.buf.length;
    this.pos = 0;
    this.run(false);
  }

  /** End of input: everything must be complete. */
  finish(): void {
    this.run(true);
    // Only whitespace may remain.
    for (let i = this.pos; i < this.len; i++) {
      if (!isWs(this.buf[i] as number)) {
        if (!this.rootSeen || this.stack.length > 0) throw this.cut();
        throw malformedAt(this.base + i, 'content after the end of the document');
      }
    }
    if (!this.rootSeen || this.stack.length > 0) throw this.cut();
  }

  /** The file ends before the document does: names the elements left open. */
  private cut() {
    const open = this.stack.map((e) => `<${e.local}>`);
    const missing = open.length > 0 ? `the end of ${open.slice(-3).join(' in ')}` : 'the document element';
    return truncatedAt(this.base + this.len, missing);
  }

  /** Names of the elements open now, outermost first. */
  openElements(): string[] {
    return this.stack.map((e) => e.local);
  }

  /** File offset of the next unread byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  private run(atEnd: boolean): void {
    const buf = this.buf;
    const len = this.len;
    let pos = this.pos;
    while (pos < len) {
      const c = buf[pos] as number;
      if (c !== LT) {
        // Character data up to the next '<'.
        let i = pos;
        while (i < len && isWs(buf[i] as number)) i++;
        if (i === len) {
          // Whitespace so far; wait for what follows. A run longer than any
          // text may be is not kept (carrying it from chunk to chunk would
          // cost time quadratic in its length): only markup may follow it.
          if (i - pos > this.limits.maxTextLength) {
            this.whitespaceOverflow = true;
            pos = len;
          }
          break;
        }
        if (buf[i] === LT) {
          pos = i;
          continue;
        }
        // Text after an overlong whitespace run: a text longer than the limit, as in one piece.
        if (this.whitespaceOverflow && this.stack.length > 0) throw this.textTooLong(pos);
        // One pass finds the '<' and notes what decoding needs (texts are short: cheaper than indexOf and a second scan).
        let lt = i;
        let marks = 0;
        for (; lt < len; lt++) {
          const t = buf[lt] as number;
          if (t === LT) break;
          if (t >= 0x80) marks |= HIGH;
          else if (t === AMP) marks |= HAS_AMP;
        }
        if (lt === len) lt = -1;
        if (lt === -1) {
          if (len - pos > this.maxPendingBytes) throw this.textTooLong(pos);
          if (atEnd) {
            if (this.rootClosed && onlyEofJunk(buf, i, len)) {
              pos = len;
              break;
            }
            if (this.stack.length === 0)
              throw malformedAt(this.base + i, this.rootClosed ? 'text after the end of the document' : 'text before the first element');
            throw this.cut();
          }
          break;
        }
        if (this.stack.length === 0) {
          if (this.rootClosed && onlyEofJunk(buf, i, lt)) {
            pos = lt;
            continue;
          }
          throw malformedAt(this.base + i, this.rootClosed ? 'text after the end of the document' : 'text before the first element');
        }
        this.sink.text(this.decodeMarked(pos, lt, true, marks));
        pos = lt;
        continue;
      }
      this.whitespaceOverflow = false;
      if (pos + 1 >= len) break;
      const c1 = buf[pos + 1] as number;
      if (c1 === SLASH) {
        const after = this.plainEndTag(pos);
        if (after !== -1) {
          pos = after;
          this.firstToken = false;
          continue;
        }
        const gt = buf.indexOf(GT, pos + 2);
        if (gt === -1) {
          if (len - pos > 4096) throw malformedAt(this.base + pos, 'an end tag that does not end');
          break;
        }
        this.endTag(pos, gt);
        pos = gt + 1;
        this.firstToken = false;
      } else if (c1 === BANG) {
        const next = this.markupDeclaration(pos, atEnd);
        if (next < 0) break;
        pos = next;
        this.firstToken = false;
      } else if (c1 === QUESTION) {
        const end = buf.indexOf('?>', pos + 2, 'latin1');
        if (end === -1) {
          if (len - pos > this.maxPendingBytes) throw this.textTooLong(pos);
          break;
        }
        if (this.firstToken && /^<\?xml\s/.test(buf.toString('latin1', pos, Math.min(end, pos + 6)))) this.declaration(pos, end);
        pos = end + 2;
        this.firstToken = false;
      } else {
        const next = this.startTag(pos);
        if (next < 0) break;
        pos = next;
        this.firstToken = false;
      }
    }
    this.pos = pos;
  }

  private declaration(start: number, end: number): void {
    const decl = this.buf.toString('latin1', start, end);
    const m = /encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(decl);
    if (!m || m[1] === undefined) return;
    const label = m[1].toLowerCase();
    this.encoding = label;
    if (label === 'utf-8' || label === 'utf8') return;
    if (label.startsWith('utf-16') || label.startsWith('utf-32') || label === 'ucs-2') {
      throw statementError('statement.encoding', `The statement declares the encoding ${m[1]}, which does not match its bytes.`, { encoding: m[1] });
    }
    const known = encodingOfLabel(label);
    if (known === undefined) {
      throw statementError('statement.encoding', `The statement uses the character encoding ${m[1]}, which Kontor cannot read.`, { encoding: m[1] });
    }
    if (known === 'utf-8') return;
    this.utf8 = false;
    this.singleByte = known;
    this.textEncoding = known;
  }

  /** `<!--`, `<![CDATA[`, `<!DOCTYPE`: returns the position after it, or -1 when more input is needed. */
  private markupDeclaration(pos: number, atEnd: boolean): number {
    const buf = this.buf;
    const len = this.len;
    if (len - pos < 9 && !atEnd) {
      // Not enough bytes to tell which one; unless it is clearly a comment.
      if (!(len - pos >= 4 && buf[pos + 2] === 45 && buf[pos + 3] === 45)) return -1;
    }
    if (buf[pos + 2] === 45 && buf[pos + 3] === 45) {
      const end = buf.indexOf('-->', pos + 4, 'latin1');
      if (end === -1) {
        if (len - pos > this.maxPendingBytes) throw this.textTooLong(pos);
        return -1;
      }
      return end + 3;
    }
    const head = buf.toString('latin1', pos, Math.min(len, pos + 9));
    if (head === '<![CDATA[') {
      if (this.stack.length === 0) throw malformedAt(this.base + pos, 'CDATA outside the document element');
      const end = buf.indexOf(']]>', pos + 9, 'latin1');
      if (end === -1) {
        if (len - pos > this.maxPendingBytes) throw this.textTooLong(pos);
        return -1;
      }
      const text = this.decodeText(pos + 9, end, false);
      if (text.trim() !== '') this.sink.text(text);
      return end + 3;
    }
    const upper = head.toUpperCase();
    if (upper.startsWith('<!DOCTYPE') || upper.startsWith('<!ENTITY') || upper.startsWith('<!ELEMENT') || upper.startsWith('<!ATTLIST')) {
      throw statementError(
        'statement.entitiesRefused',
        'The statement file contains a document type declaration (<!DOCTYPE>). Bank statements never need one, and Kontor refuses such files because they can be used to attack the computer.',
        { byte: this.base + pos },
      );
    }
    if (len - pos < 9) {
      if (!atEnd) return -1;
      throw this.cut();
    }
    throw malformedAt(this.base + pos, 'an unknown <! declaration');
  }

  /** Returns the position after the tag, or -1 when the tag is not complete yet. */
  private startTag(pos: number): number {
    const buf = this.buf;
    const len = this.len;
    let i = pos + 1;
    // The name's hash is taken on the way (name() would read the bytes again).
    let h = FNV_OFFSET;
    while (i < len) {
      const c = buf[i] as number;
      const k = NAME_END[c] as number;
      if (k === END) break;
      if (k === BAD) throw malformedAt(this.base + i, 'an invalid character in an element name');
      h = Math.imul(h ^ c, FNV_PRIME);
      i++;
    }
    if (i === len) return this.incompleteTag(pos);
    if (i === pos + 1) throw malformedAt(this.base + pos, 'a "<" that does not start an element');
    if (this.rootClosed) throw malformedAt(this.base + pos, 'a second document element');
    const entry = this.name(pos + 1, i, h);
    let attrs: string[] | null = null;
    let selfClosing = false;
    for (;;) {
      while (i < len && isWs(buf[i] as number)) i++;
      if (i >= len) return this.incompleteTag(pos);
      const c = buf[i] as number;
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= len) return this.incompleteTag(pos);
        if (buf[i + 1] !== GT) throw malformedAt(this.base + i, 'a "/" inside a start tag');
        selfClosing = true;
        i += 2;
        break;
      }
      // attribute name
      const nameStart = i;
      while (i < len) {
        const a = buf[i] as number;
        if (a === EQUALS || isWs(a) || a === GT || a === SLASH || a === LT) break;
        i++;
      }
      if (i >= len) return this.incompleteTag(pos);
      if (i === nameStart) throw malformedAt(this.base + i, 'an invalid attribute');
      const attrName = latin1(buf, nameStart, i);
      while (i < len && isWs(buf[i] as number)) i++;
      if (i >= len) return this.incompleteTag(pos);
      if (buf[i] !== EQUALS) throw malformedAt(this.base + i, `attribute ${attrName} without a value`);
      i++;
      while (i < len && isWs(buf[i] as number)) i++;
      if (i >= len) return this.incompleteTag(pos);
      const quote = buf[i] as number;
      if (quote !== DQUOTE && quote !== SQUOTE) throw malformedAt(this.base + i, `attribute ${attrName} without quotes`);
      const close = buf.indexOf(quote, i + 1);
      if (close === -1) return this.incompleteTag(pos);
      const value = this.decodeText(i + 1, close, true);
      if (value.length > this.limits.maxTextLength) throw this.textTooLong(i);
      (attrs ??= []).push(attrName, value);
      i = close + 1;
      const after = i < len ? (buf[i] as number) : -1;
      if (after !== -1 && !isWs(after) && after !== GT && after !== SLASH) throw malformedAt(this.base + i, 'attributes without a space between them');
    }
    if (this.stack.length + 1 > this.limits.maxDepth) {
      throw statementError('statement.tooDeep', `The statement file nests elements deeper than ${this.limits.maxDepth} levels; no bank statement does that.`, {
        maxDepth: this.limits.maxDepth,
        byte: this.base + pos,
      });
    }
    this.rootSeen = true;
    this.stack.push(entry);
    this.sink.open(entry.local, attrs, this.base + pos, entry.q);
    if (selfClosing) {
      this.stack.pop();
      if (this.stack.length === 0) this.rootClosed = true;
      this.sink.close(entry.local, this.base + i);
    }
    return i;
  }

  private incompleteTag(pos: number): number {
    if (this.len - pos > this.maxPendingBytes) throw malformedAt(this.base + pos, 'a start tag that does not end');
    return -1;
  }

  /**
   * The common end tag, `</name>` exactly as the open element's name, without
   * searching for '>' first; returns the position after it, or -1 for anything
   * else (whitespace, a mismatch, the end of the chunk), which endTag handles.
   */
  private plainEndTag(pos: number): number {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return -1;
    const buf = this.buf;
    const q = top.q;
    const gt = pos + 2 + q.length;
    if (gt >= this.len || buf[gt] !== GT) return -1;
    for (let k = 0; k < q.length; k++) if (buf[pos + 2 + k] !== q.charCodeAt(k)) return -1;
    this.stack.pop();
    if (this.stack.length === 0) this.rootClosed = true;
    this.sink.close(top.local, this.base + gt + 1);
    return gt + 1;
  }

  private endTag(pos: number, gt: number): void {
    const buf = this.buf;
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) throw malformedAt(this.base + pos, 'an end tag without a start tag');
    let end = gt;
    while (end > pos + 2 && isWs(buf[end - 1] as number)) end--;
    const q = top.q;
    let same = end - (pos + 2) === q.length;
    for (let k = 0; same && k < q.length; k++) if (buf[pos + 2 + k] !== q.charCodeAt(k)) same = false;
    if (!same) {
      throw malformedAt(this.base + pos, `the end tag </${buf.toString('latin1', pos + 2, Math.min(end, pos + 80))}> does not match <${q}>`);
    }
    this.stack.pop();
    if (this.stack.length === 0) this.rootClosed = true;
    this.sink.close(top.local, this.base + gt + 1);
  }

  /** Interned element name for buf[start, end). */
  private name(start: number, end: number, h: number): NameEntry {
    const buf = this.buf;
    const e = this.names.get(h);
    for (let cand: NameEntry | null | undefined = e; cand !== undefined && cand !== null; cand = cand.next) {
      const q = cand.q;
      if (q.length !== end - start) continue;
      let same = true;
      for (let k = 0; k < q.length; k++) {
        if (buf[start + k] !== q.charCodeAt(k)) {
          same = false;
          break;
        }
      }
      if (same) return cand;
    }
    let q: string;
    let ascii = true;
    for (let i = start; i < end; i++) if ((buf[i] as number) >= 0x80) ascii = false;
    if (ascii) q = latin1(buf, start, end);
    else {
      // Non-ASCII names are legal XML but never camt; decode them for messages, do not intern.
      const decoded = this.decodeText(start, end, false);
      return { q: decoded, local: localName(decoded), next: null };
    }
    const entry: NameEntry = { q, local: localName(q), next: e ?? null };
    if (this.internedCount < MAX_INTERNED_NAMES) {
      this.names.set(h, entry);
      this.internedCount++;
    }
    return entry;
  }

  /** Decodes buf[start, end) to a string; entities resolved when asked. */
  private decodeText(start: number, end: number, entities: boolean): string {
    const buf = this.buf;
    let marks = 0;
    for (let i = start; i < end; i++) {
      const c = buf[i] as number;
      if (c >= 0x80) marks |= HIGH;
      else if (c === AMP) marks |= HAS_AMP;
    }
    return this.decodeMarked(start, end, entities, marks);
  }

  /** decodeText when the caller has scanned the bytes already (`marks`: HIGH, HAS_AMP). */
  private decodeMarked(start: number, end: number, entities: boolean, marks: number): string {
    const buf = this.buf;
    const high = (marks & HIGH) !== 0;
    const amp = (marks & HAS_AMP) !== 0;
    let s: string;
    if (!high) s = latin1(buf, start, end);
    else if (this.utf8) {
      try {
        s = this.fatalUtf8.decode(buf.subarray(start, end));
      } catch {
        this.fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
        if (!this.readMisdeclaredText) {
          throw statementError(
            'statement.encoding',
            `The statement file is not valid ${this.encoding === 'utf-8' ? 'UTF-8' : this.encoding} text near byte ${this.base + start}; it may have been saved with the wrong character encoding.`,
            { byte: this.base + start, encoding: this.encoding },
          );
        }
        s = this.misdeclared(buf.subarray(start, end));
      }
    } else s = decodeText(buf.subarray(start, end), this.singleByte as TextEncoding);
    if (s.length > this.limits.maxTextLength) throw this.textTooLong(start);
    if (entities && amp) s = this.entities(s, start);
    return s;
  }

  /**
   * Text that is not the UTF-8 the file claims (ABN AMRO, ING Austria wrote
   * ISO-8859-15 so): read in the code page its bytes fit, with a warning —
   * markup, amounts and dates are ASCII and unaffected. The guess is made
   * once, from the first such text.
   */
  private misdeclared(bytes: Uint8Array): string {
    if (this.fallback === null) {
      const stats = new HighByteStats();
      stats.add(bytes);
      const guess = guessSingleByte(stats, this.country);
      this.fallback = guess.encoding;
      this.textEncoding = guess.encoding;
      this.warnings.add(warningOf('encodingMismatch'));
      if (!guess.certain) this.warnings.add(warningOf('encodingUncertain'));
    }
    return decodeText(bytes, this.fallback);
  }

  private entities(s: string, at: number): string {
    let out = '';
    let last = 0;
    let i = s.indexOf('&');
    while (i !== -1) {
      const semi = s.indexOf(';', i + 1);
      let rep: string | undefined;
      if (semi !== -1 && semi - i <= 12) {
        const name = s.slice(i + 1, semi);
        switch (name) {
          case 'amp':
            rep = '&';
            break;
          case 'lt':
            rep = '<';
            break;
          case 'gt':
            rep = '>';
            break;
          case 'quot':
            rep = '"';
            break;
          case 'apos':
            rep = "'";
            break;
          default:
            if (name.charCodeAt(0) === 35 /* # */) {
              const hex = name.charCodeAt(1) === 120 || name.charCodeAt(1) === 88;
              const digitsText = hex ? name.slice(2) : name.slice(1);
              const ok = hex ? /^[0-9A-Fa-f]{1,6}$/.test(digitsText) : /^[0-9]{1,7}$/.test(digitsText);
              const cp = ok ? parseInt(digitsText, hex ? 16 : 10) : -1;
              const allowed =
                cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
              if (!allowed) throw malformedAt(this.base + at, `an invalid character reference &${name};`);
              rep = String.fromCodePoint(cp);
            }
        }
      }
      if (rep === undefined) {
        // `&nbsp;` or a bare `&`: not XML, but kept as written rather than losing the booking.
        this.warnings.add(warningOf('unknownEntity'));
        i = s.indexOf('&', i + 1);
        continue;
      }
      out += s.slice(last, i) + rep;
      last = semi + 1;
      i = s.indexOf('&', last);
    }
    return last === 0 ? s : out + s.slice(last);
  }

  private textTooLong(pos: number) {
    return statementError(
      'statement.textTooLong',
      `A text in the statement file is longer than ${this.limits.maxTextLength} characters; no bank statement has such texts.`,
      {
        maxTextLength: this.limits.maxTextLength,
        byte: this.base + pos,
      },
    );
  }
}

/** Ctrl-Z (DOS end of file), NUL and whitespace after the document: tolerated. */
function onlyEofJunk(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf[i] as number;
    if (c !== 0x1a && c !== 0 && !isWs(c)) return false;
  }
  return true;
}

export function localName(q: string): string {
  const colon = q.indexOf(':');
  return colon === -1 ? q : q.slice(colon + 1);
}
