/**
 * Reading what the bank sends: a size cap, no DOCTYPE (so no entity
 * expansion, internal or external), strict well-formedness, then small
 * namespace-aware helpers to walk the tree.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';

/** Large enough for a 1 MB order-data segment in base64 plus envelope; responses beyond it are refused. */
export const DEFAULT_MAX_XML_BYTES = 8 * 1024 * 1024;

export interface ReadOptions {
  maxBytes?: number;
}

/**
 * Parses `xml` (text or UTF-8 bytes) into a DOM, refusing oversized input,
 * any DOCTYPE or entity declaration, and anything not well-formed.
 * `what` names the document in error messages ("bank response").
 */
export function parseXmlSafely(xml: string | Uint8Array, what: string, options: ReadOptions = {}): Document {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const size = typeof xml === 'string' ? Buffer.byteLength(xml, 'utf8') : xml.byteLength;
  if (size > maxBytes) {
    throw new KontorError('ebics.responseTooLarge', `The ${what} is larger than Kontor accepts (${size} bytes, limit ${maxBytes}).`, { what, size, maxBytes });
  }
  const text = typeof xml === 'string' ? xml : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('utf8');
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new KontorError('ebics.responseUnsafe', `The ${what} contains a document type declaration, which Kontor refuses to read.`, { what });
  }
  let doc: Document;
  try {
    doc = new DOMParser({
      locator: false,
      onError: (level, message) => {
        // Warnings included: xmldom reports e.g. unbound prefixes and stray text as warnings.
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw new KontorError('ebics.responseMalformed', `The ${what} is not well-formed XML.`, { what, detail: String((e as Error).message).slice(0, 200) });
  }
  if (!doc.documentElement) throw new KontorError('ebics.responseMalformed', `The ${what} is empty.`, { what, detail: 'no root element' });
  return doc;
}

const ELEMENT_NODE = 1;

export function childElements(parent: Element): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

/** The first direct child with `localName` in `namespace`. */
export function child(parent: Element | undefined, namespace: string, localName: string): Element | undefined {
  if (!parent) return undefined;
  return childElements(parent).find((e) => e.localName === localName && e.namespaceURI === namespace);
}

export function childrenNamed(parent: Element | undefined, namespace: string, localName: string): Element[] {
  if (!parent) return [];
  return childElements(parent).filter((e) => e.localName === localName && e.namespaceURI === namespace);
}

/** Follows a path of direct children, all in `namespace`. */
export function path(parent: Element | undefined, namespace: string, ...names: string[]): Element | undefined {
  let cur = parent;
  for (const name of names) cur = child(cur, namespace, name);
  return cur;
}

/** Text content, trimmed; undefined for a missing element. */
export function text(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  return (el.textContent ?? '').trim();
}

/** Base64 content with all whitespace removed (banks line-wrap base64). */
export function base64Text(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  return (el.textContent ?? '').replace(/\s+/g, '');
}

export function base64Bytes(el: Element | undefined): Buffer | undefined {
  const t = base64Text(el);
  return t === undefined ? undefined : Buffer.from(t, 'base64');
}
