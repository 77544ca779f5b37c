/**
 * The direct serialiser's output: UTF-8 bytes written straight into buffers,
 * hashed (SHA-256) as they leave, with no string per element or transaction
 * in between (issue 21.2).
 *
 * Why not the `xml` tagged templates of xml-out.ts for the transactions:
 * they built a string of about 400 characters per transaction out of
 * concatenations, tested every value with a regular expression and then
 * encoded the chunk once more with Buffer.write; in the profile of 100,000
 * transactions that was a quarter of the time plus most of the garbage.
 * Here a value is escaped and encoded in the one loop that copies it.
 *
 * The guarantees are those of the `xml` tag: element names are literal
 * markup of the renderers (`markup`), every value goes through `text`,
 * which escapes `&`, `<`, `>` exactly as escapeXmlText does and refuses the
 * characters XML 1.0 cannot carry (build.test.ts and byte-out.test.ts
 * compare the bytes with the xmlbuilder2 serialiser and escapeXmlText).
 *
 * Two targets: `chunks` hands out buffers of about 64 KiB (never reused, so
 * the receiver may keep them); `one` writes into one buffer of the size
 * computed beforehand (render.ts fileBytes) and grows it only if that was
 * short.
 */
import { createHash, type Hash } from 'node:crypto';
import { textBytes, type Markup, type OutputStats, type Sink } from './xml-out';

// A chunk is handed out when the next write does not fit; no single write of a payment file needs 4 KiB (values are at most 140 characters, a block's head well under 1 KiB), so every chunk but the last is 64 to 68 KiB.
const CHUNK_BYTES = 68 * 1024;
/** From this length on a basic value is copied by the native Latin-1 write (see `basic`). */
const NATIVE_COPY_FROM = 40;
/** Most bytes one UTF-16 unit can become: `&` → `&amp;`. */
const MAX_BYTES_PER_UNIT = 5;

// What a value's character code below 128 needs: 0 copy, 1 escape, 2 refuse (control characters XML 1.0 cannot carry).
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ASCII_CLASS[c] = 2;
for (const c of [0x09, 0x0a, 0x0d]) ASCII_CLASS[c] = 0;
for (const c of [0x26, 0x3c, 0x3e]) ASCII_CLASS[c] = 1;
const ESCAPES: Record<number, string> = { 0x26: '&amp;', 0x3c: '&lt;', 0x3e: '&gt;' };

/** Literal markup as bytes: only `literal` makes it (ASCII checked), so no value ever passes as markup. */
export type Literal = Uint8Array & { readonly __literal: true };

export function literal(markup: string): Literal {
  if (!/^[\x20-\x7E]*$/.test(markup)) throw new RangeError('literal markup must be printable ASCII');
  return Buffer.from(markup, 'latin1') as unknown as Literal;
}

export function unrepresentable(): RangeError {
  return new RangeError('Text contains a character XML cannot carry');
}

export class ByteOut implements Sink {
  private buffer: Buffer;
  private pos = 0;
  private written = 0;
  private readonly hash: Hash | undefined;

  /** `write` given: chunks of about 64 KiB go there; else one buffer of `expectedBytes` (see the module comment). */
  constructor(
    private readonly write: ((chunk: Buffer) => void) | undefined,
    expectedBytes = CHUNK_BYTES,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(write === undefined ? expectedBytes : CHUNK_BYTES, 1024));
    this.hash = write === undefined ? undefined : createHash('sha256');
  }

  /** Makes room for `bytes` more: hands the chunk out, or grows the one buffer. */
  private room(bytes: number): void {
    if (this.pos + bytes <= this.buffer.length) return;
    if (this.write !== undefined) {
      this.flush();
      if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(bytes);
      return;
    }
    const grown = Buffer.allocUnsafeSlow(Math.max(this.pos + bytes, Math.ceil(this.buffer.length * 1.25)));
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }

  /** Markup the renderers spell out (element names, fixed codes), made once by `literal`. */
  markup(bytes: Literal): void {
    if (this.pos + bytes.length > this.buffer.length) this.room(bytes.length);
    // TypedArray set is a memory copy: a 47-byte literal in 14 ns, where a loop over the string's characters took 95 ns.
    this.buffer.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A value as element text: `&`, `<`, `>` escaped, UTF-8 encoded; throws RangeError on characters XML cannot carry. */
  text(value: string): void {
    const n = value.length;
    // The bound is cheap; only near the end of a buffer of the file's exact size is the exact length needed.
    if (this.pos + n * MAX_BYTES_PER_UNIT > this.buffer.length) this.room(this.write === undefined ? textBytes(value) : n * MAX_BYTES_PER_UNIT);
    const b = this.buffer;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < 128 && ASCII_CLASS[c] === 0) {
        b[p++] = c;
        continue;
      }
      this.pos = p;
      i = this.special(value, i, c);
      p = this.pos;
    }
    this.pos = p;
  }

  /**
   * A value the first pass has checked to be from the SEPA basic character
   * set (identifiers, IBANs, BICs, dates, and texts transliterated without
   * the German extension): printable ASCII with nothing to escape, so it is
   * copied as it is by the native Latin-1 write. For values of 20 to 140
   * characters that took a quarter of the time of the loop in `text`.
   */
  basic(value: string): void {
    const n = value.length;
    if (this.pos + n > this.buffer.length) this.room(n);
    // The native call costs about 80 ns whatever the length: short values (IBAN, BIC, identifiers) are cheaper by the loop.
    if (n > NATIVE_COPY_FROM) {
      this.pos += this.buffer.write(value, this.pos, 'latin1');
      return;
    }
    const b = this.buffer;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = value.charCodeAt(i);
    this.pos = p;
  }

  /** One character of a value that is not plain ASCII; returns the index of its last UTF-16 unit. */
  private special(value: string, i: number, c: number): number {
    const b = this.buffer;
    if (c < 128) {
      const escape = ESCAPES[c];
      if (escape === undefined) throw unrepresentable();
      for (let k = 0; k < escape.length; k++) b[this.pos++] = escape.charCodeAt(k);
      return i;
    }
    if (c < 0x800) {
      b[this.pos++] = 0xc0 | (c >> 6);
      b[this.pos++] = 0x80 | (c & 0x3f);
      return i;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = value.charCodeAt(i + 1);
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) throw unrepresentable();
      const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      b[this.pos++] = 0xf0 | (cp >> 18);
      b[this.pos++] = 0x80 | ((cp >> 12) & 0x3f);
      b[this.pos++] = 0x80 | ((cp >> 6) & 0x3f);
      b[this.pos++] = 0x80 | (cp & 0x3f);
      return i + 1;
    }
    if (c === 0xfffe || c === 0xffff) throw unrepresentable();
    b[this.pos++] = 0xe0 | (c >> 12);
    b[this.pos++] = 0x80 | ((c >> 6) & 0x3f);
    b[this.pos++] = 0x80 | (c & 0x3f);
    return i;
  }

  /**
   * A transaction's amount, 1 to 99,999,999,999 cents (checked by
   * prepare.ts), as formatAmountXml writes it (`1234.50`, `0.07`): digits
   * straight into the buffer, no string.
   */
  amount(cents: number): void {
    if (this.pos + 16 > this.buffer.length) this.room(16);
    const b = this.buffer;
    const whole = Math.floor(cents / 100);
    const fraction = cents - whole * 100;
    let digits = 1;
    for (let w = whole; w >= 10; w = Math.floor(w / 10)) digits++;
    let p = this.pos + digits;
    let w = whole;
    for (let k = 0; k < digits; k++) {
      const next = Math.floor(w / 10);
      b[--p] = 48 + (w - next * 10);
      w = next;
    }
    p = this.pos + digits;
    b[p++] = 46; // '.'
    b[p++] = 48 + Math.floor(fraction / 10);
    b[p++] = 48 + (fraction % 10);
    this.pos = p;
  }

  /** Sink: markup made elsewhere (the `xml` tag, the declaration), possibly not ASCII. */
  push(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    this.room(bytes);
    this.pos += this.buffer.write(text, this.pos, 'utf8');
  }

  pushMarkup(m: Markup): void {
    this.push(m.text);
  }

  /** Sink: nothing to do, every text is written as UTF-8. */
  notAscii(): void {}

  /** Chunks: hands out what is written so far. One buffer: nothing until `result`. */
  flush(): void {
    if (this.write === undefined || this.pos === 0) return;
    const chunk = this.buffer.subarray(0, this.pos);
    this.hash!.update(chunk);
    this.written += this.pos;
    this.buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.pos = 0;
    this.write(chunk);
  }

  /** Chunks: the count and hash of what was handed out (after the last flush). */
  stats(): OutputStats {
    this.flush();
    return { bytes: this.written, sha256: this.hash?.digest('hex') ?? '' };
  }

  /** One buffer: the file's bytes and their hash, computed once over the whole. */
  result(): { bytes: Buffer; stats: OutputStats } {
    const bytes = this.buffer.subarray(0, this.pos);
    return { bytes, stats: { bytes: this.pos, sha256: createHash('sha256').update(bytes).digest('hex') } };
  }
}
