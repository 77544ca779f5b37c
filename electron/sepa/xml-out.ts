/**
 * Streaming XML output for payment files: nothing is kept as a tree, the
 * bytes leave in chunks of about 64 KiB (or go into one buffer of the file's
 * exact size) and are hashed (SHA-256).
 *
 * Two serialisers give byte-identical output (the tests compare them on every
 * variant, hostile text included):
 * - `xmlbuilder2`: xmlbuilder2's callback API (`createCB`), the project's
 *   XML library (docs/architecture.md, Conventions), driven through `XmlOut` (open / leaf /
 *   close). Correct but slow at scale: xmlbuilder2 4 builds a small DOM
 *   fragment for every element and every text, about 20 µs per element, so
 *   100,000 transactions take 35–45 s.
 * - `direct`: the same markup from tagged templates (`xml\`…\``), about a
 *   hundred times faster. Element names are literal text of the templates in
 *   the source; every interpolated value is escaped by the tag (`&`, `<`,
 *   `>`; characters XML cannot carry are refused) unless it is Markup the
 *   tag itself made. User data can never become markup.
 *
 * Text for xmlbuilder2 is pre-escaped the way electron/ebics/messages/xml-write.ts
 * `xmlSafe` does it: xmlbuilder2 4 leaves an `&` alone when it looks like an
 * entity reference (`&amp;`, `&T;`), so every `&` is turned into `&amp;`
 * first and the serialiser then writes exactly that.
 */
import { createHash, type Hash } from 'node:crypto';
import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces';

export type XmlSerializer = 'xmlbuilder2' | 'direct';

/** Every element name a payment file uses (for XmlOut; the templates spell them out). */
export type Tag =
  | 'CstmrCdtTrfInitn'
  | 'CstmrDrctDbtInitn'
  | 'GrpHdr'
  | 'MsgId'
  | 'CreDtTm'
  | 'NbOfTxs'
  | 'CtrlSum'
  | 'InitgPty'
  | 'Nm'
  | 'PmtInf'
  | 'PmtInfId'
  | 'PmtMtd'
  | 'BtchBookg'
  | 'PmtTpInf'
  | 'SvcLvl'
  | 'Cd'
  | 'LclInstrm'
  | 'SeqTp'
  | 'ReqdExctnDt'
  | 'ReqdColltnDt'
  | 'Dt'
  | 'Dbtr'
  | 'DbtrAcct'
  | 'DbtrAgt'
  | 'Cdtr'
  | 'CdtrAcct'
  | 'CdtrAgt'
  | 'Id'
  | 'IBAN'
  | 'FinInstnId'
  | 'BIC'
  | 'BICFI'
  | 'Othr'
  | 'ChrgBr'
  | 'CdtrSchmeId'
  | 'PrvtId'
  | 'SchmeNm'
  | 'Prtry'
  | 'CdtTrfTxInf'
  | 'DrctDbtTxInf'
  | 'PmtId'
  | 'EndToEndId'
  | 'Amt'
  | 'InstdAmt'
  | 'DrctDbtTx'
  | 'MndtRltdInf'
  | 'MndtId'
  | 'DtOfSgntr'
  | 'Purp'
  | 'RmtInf'
  | 'Ustrd';

/** The document described element by element (the xmlbuilder2 serialiser, and counting). */
export interface XmlOut {
  open(tag: Tag): void;
  /** `<tag>text</tag>`, or `<tag name="value">text</tag>` with one attribute. */
  leaf(tag: Tag, text: string, attribute?: readonly [name: 'Ccy', value: string]): void;
  close(): void;
  /** Closes what is open and flushes the last chunk. */
  end(): void;
}

export interface OutputStats {
  bytes: number;
  sha256: string;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

// ------------------------------------------------------------------ escaping

// Printable ASCII that needs no escaping, in text and in attribute values.
const ASCII_PLAIN = /^[\x20-\x21\x23-\x25\x27-\x3B\x3D\x3F-\x7E]*$/;
const NOT_ASCII = /[\u0080-\uFFFF]/;
const LEGAL = /^[\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** Escapes `&`, `<`, `>` (and `"` when `attribute`); throws on characters XML 1.0 cannot carry. */
export function escapeXmlText(text: string, attribute = false): string {
  if (ASCII_PLAIN.test(text)) return text;
  if (!LEGAL.test(text)) throw new RangeError('Text contains a character XML cannot carry');
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;') : escaped;
}

/** Same convention as electron/ebics/messages/xml-write.ts `xmlSafe`: every `&` becomes `&amp;` before xmlbuilder2 sees it. */
export function xmlSafe(value: string): string {
  return value.replace(/&/g, '&amp;');
}

/** The bytes `text` takes in the output, escaped and UTF-8 encoded. */
export function textBytes(text: string, attribute = false): number {
  return ASCII_PLAIN.test(text) ? text.length : Buffer.byteLength(escapeXmlText(text, attribute), 'utf8');
}

// ------------------------------------------------------------------ markup from templates

// Only this module makes Markup: the constructor wants a token no one else has.
const MADE_HERE: unique symbol = Symbol('Markup');

/** Markup made by the `xml` tag: safe to insert as it is. `ascii` says every character is one byte. */
export class Markup {
  constructor(
    token: typeof MADE_HERE,
    readonly text: string,
    readonly ascii: boolean,
  ) {
    if (token !== MADE_HERE) throw new TypeError('Markup is made by the xml`…` tag only');
  }
}

export const NO_MARKUP = new Markup(MADE_HERE, '', true);

/**
 * Tagged template for markup: the literal parts are taken as they are, every
 * interpolated value is escaped as element text, unless it is Markup made by
 * this tag. Values must be strings (numbers are formatted by the caller) and
 * stand where element text stands, never inside an attribute.
 */
export function xml(literals: TemplateStringsArray, ...values: Array<string | Markup>): Markup {
  let text = literals[0] ?? '';
  let ascii = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let part: string;
    if (v instanceof Markup) {
      part = v.text;
      ascii &&= v.ascii;
    } else if (typeof v === 'string') {
      if (ASCII_PLAIN.test(v)) {
        part = v;
      } else {
        part = escapeXmlText(v);
        ascii &&= !NOT_ASCII.test(v);
      }
    } else {
      throw new TypeError('xml`…`: interpolated values must be strings or Markup');
    }
    text += part + (literals[i + 1] ?? '');
  }
  return new Markup(MADE_HERE, text, ascii);
}

// ------------------------------------------------------------------ sinks

const CHUNK_CHARS = 64 * 1024;

/** Where the text of the document goes. */
export interface Sink {
  /** Text that is already markup. */
  push(text: string): void;
  pushMarkup(m: Markup): void;
  /**
   * Called before the first text that is not plain ASCII is pushed. Until
   * then every character is one byte, and chunks are copied as Latin-1 (a
   * plain copy) instead of being encoded as UTF-8.
   */
  notAscii(): void;
  flush(): void;
}

abstract class TextSink implements Sink {
  protected pending = '';
  protected encoding: 'latin1' | 'utf8' = 'latin1';

  push(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  pushMarkup(m: Markup): void {
    if (!m.ascii) this.encoding = 'utf8';
    this.push(m.text);
  }

  notAscii(): void {
    this.encoding = 'utf8';
  }

  /** The pending text, and none left pending. */
  protected take(): string {
    const text = this.pending;
    this.pending = '';
    return text;
  }

  abstract flush(): void;
}

/** Hands the bytes on in chunks of about 64 KiB. */
export class StreamSink extends TextSink {
  private bytes = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(private readonly write: (chunk: Buffer) => void) {
    super();
  }

  flush(): void {
    const text = this.take();
    if (text === '') return;
    const chunk = Buffer.from(text, this.encoding);
    this.bytes += chunk.length;
    this.hash.update(chunk);
    this.write(chunk);
  }

  stats(): OutputStats {
    this.flush();
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/**
 * Writes the bytes into one buffer of the expected size, so that the file is
 * never held twice (chunks plus their concatenation). Grows if the
 * expectation was short.
 */
export class BufferSink extends TextSink {
  private buffer: Buffer;
  private offset = 0;

  constructor(expectedBytes: number) {
    super();
    this.buffer = Buffer.allocUnsafeSlow(Math.max(expectedBytes, 1024));
  }

  flush(): void {
    const text = this.take();
    if (text === '') return;
    // A UTF-16 unit is at most 3 UTF-8 bytes: only near the end is the exact length needed.
    if (this.buffer.length - this.offset < text.length * (this.encoding === 'utf8' ? 3 : 1)) {
      const needed = this.offset + Buffer.byteLength(text, this.encoding);
      if (needed > this.buffer.length) {
        const grown = Buffer.allocUnsafeSlow(Math.max(needed, Math.ceil(this.buffer.length * 1.25)));
        this.buffer.copy(grown, 0, 0, this.offset);
        this.buffer = grown;
      }
    }
    this.offset += this.buffer.write(text, this.offset, this.encoding);
  }

  result(): { bytes: Buffer; stats: OutputStats } {
    this.flush();
    const bytes = this.buffer.subarray(0, this.offset);
    return { bytes, stats: { bytes: this.offset, sha256: createHash('sha256').update(bytes).digest('hex') } };
  }
}

// ------------------------------------------------------------------ XmlOut implementations

/** xmlbuilder2's callback API writing into a sink. */
export class Xmlbuilder2Out implements XmlOut {
  private readonly cb: XMLBuilderCB;

  constructor(
    private readonly sink: Sink,
    namespace: string,
  ) {
    if (NOT_ASCII.test(namespace)) sink.notAscii();
    this.cb = createCB({
      data: (chunk: string) => sink.push(chunk),
      // Errors arrive as events; turn them back into exceptions at the call that caused them.
      error: (e: Error) => {
        throw e;
      },
      prettyPrint: false,
      wellFormed: true,
    });
    this.cb.dec({ version: '1.0', encoding: 'UTF-8' });
    this.cb.ele(namespace, 'Document');
  }

  open(tag: Tag): void {
    this.cb.ele(tag);
  }

  leaf(tag: Tag, text: string, attribute?: readonly [name: 'Ccy', value: string]): void {
    if (NOT_ASCII.test(text) || (attribute !== undefined && NOT_ASCII.test(attribute[1]))) this.sink.notAscii();
    const el = attribute === undefined ? this.cb.ele(tag) : this.cb.ele(tag, { [attribute[0]]: xmlSafe(attribute[1]) });
    el.txt(xmlSafe(text)).up();
  }

  close(): void {
    this.cb.up();
  }

  end(): void {
    this.cb.end();
    this.sink.flush();
  }
}

/** Counts the bytes the document takes, without writing it. */
export class CountingOut implements XmlOut {
  bytes: number;

  constructor(namespace: string) {
    this.bytes = Buffer.byteLength(`${XML_DECLARATION}<Document xmlns="${escapeXmlText(namespace, true)}"></Document>`, 'utf8');
  }

  open(tag: Tag): void {
    this.bytes += 2 * tag.length + 5;
  }

  leaf(tag: Tag, text: string, attribute?: readonly [name: 'Ccy', value: string]): void {
    this.bytes += 2 * tag.length + 5 + textBytes(text);
    if (attribute !== undefined) this.bytes += attribute[0].length + 4 + textBytes(attribute[1], true);
  }

  close(): void {}

  end(): void {}
}
