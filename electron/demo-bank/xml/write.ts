/**
 * How the bank writes its documents: xmlbuilder2 trees, text and attribute
 * values always passed through `escapeAmp` (xmlbuilder2 leaves an `&` that
 * looks like a reference alone, so "AT&T;" would reach the client as an
 * undefined entity), serialised as UTF-8 with declaration, no indentation,
 * and empty elements as start/end pairs.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
export type { XMLBuilder };

export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export function escapeAmp(value: string): string {
  return value.replace(/&/g, '&amp;');
}

function escapedAttributes(attributes: Record<string, string> | undefined): Record<string, string> | undefined {
  if (attributes === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) out[name] = escapeAmp(value);
  return out;
}

/** A new document whose root element is in `ns` as the default namespace; `withDs` declares the ds prefix on the root. */
export function startDocument(ns: string, rootName: string, attributes: Record<string, string> = {}, withDs = false): XMLBuilder {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(ns, rootName, escapedAttributes(attributes));
  if (withDs) root.att(XMLNS_NS, 'xmlns:ds', XMLDSIG_NS);
  return root;
}

export function serialize(node: XMLBuilder): string {
  return node.doc().end({ prettyPrint: false, allowEmptyTags: true, wellFormed: true });
}

/** A child element in the parent's namespace. */
export function child(parent: XMLBuilder, name: string, attributes?: Record<string, string>): XMLBuilder {
  return parent.ele(name, escapedAttributes(attributes));
}

/** A child element holding `value` as text. */
export function textChild(parent: XMLBuilder, name: string, value: string, attributes?: Record<string, string>): XMLBuilder {
  return child(parent, name, attributes).txt(escapeAmp(value));
}

/** A child element of the XML-DSig namespace (`ds:` prefix), with text when given. */
export function dsChild(parent: XMLBuilder, localName: string, value?: string, attributes?: Record<string, string>): XMLBuilder {
  const el = parent.ele(XMLDSIG_NS, `ds:${localName}`, escapedAttributes(attributes));
  return value === undefined ? el : el.txt(escapeAmp(value));
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** `ds:CryptoBinary`: the unsigned big-endian integer without leading zero octets. */
export function cryptoBinary(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return base64(bytes.subarray(start));
}
