/**
 * Test helper: parameters and DOM accessors shared by the message tests.
 * Key material here is made-up bytes; the schemas only check its form.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { inflateSync } from 'node:zlib';
import { NS, VERSIONS, type EbicsVersion } from './versions';

export const NONCE = '0123456789ABCDEF0123456789ABCDEF';
export const TIMESTAMP = '2024-01-15T10:00:00Z';
export const TX_ID = 'ABF70F5E704E03CFE5B50692BEE55ABA';

export function header(version: EbicsVersion) {
  return {
    version,
    hostId: 'EXAMPLEH',
    partnerId: 'PARTNER1',
    userId: 'USER0001',
    product: { name: 'Kontor 0.1', language: 'de' },
    nonce: NONCE,
    timestamp: TIMESTAMP,
  };
}

export const bankKeyDigests = {
  authentication: { version: 'X002' as const, digest: Buffer.alloc(32, 0xa1) },
  encryption: { version: 'E002' as const, digest: Buffer.alloc(32, 0xe2) },
};

/** A 2048-bit-sized modulus with a leading sign byte, and exponent 65537. */
export const rsaKey = {
  modulus: Buffer.concat([Buffer.from([0x00]), Buffer.alloc(256, 0xc5)]),
  exponent: Buffer.from([0x01, 0x00, 0x01]),
};
export const certificate = Buffer.from('made-up DER bytes of a self-signed certificate');
/** What either version accepts: RSA value for H004, certificate for H005 (and H004 X509Data). */
export const fullKey = { ...rsaKey, certificate };

export const uploadCrypto = {
  transactionKey: Buffer.alloc(256, 0x7a),
  signatureData: Buffer.alloc(120, 0x5d),
  dataDigest: { signatureVersion: 'A006' as const, digest: Buffer.alloc(32, 0xdd) },
};

export function parse(xml: string): Element {
  const doc = new DOMParser({
    onError: (level, msg) => {
      throw new Error(`${level}: ${msg}`);
    },
  }).parseFromString(xml, 'text/xml');
  if (!doc.documentElement) throw new Error('no root');
  return doc.documentElement;
}

function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** Follows local names (any namespace) from `el`; throws when a step is missing. */
export function at(el: Element, ...names: string[]): Element {
  let cur = el;
  for (const name of names) {
    const next = elementChildren(cur).find((c) => c.localName === name);
    if (!next) throw new Error(`no ${name} under ${cur.localName}`);
    cur = next;
  }
  return cur;
}

export function has(el: Element, ...names: string[]): boolean {
  try {
    at(el, ...names);
    return true;
  } catch {
    return false;
  }
}

export function textAt(el: Element, ...names: string[]): string {
  return at(el, ...names).textContent ?? '';
}

export function childNames(el: Element): string[] {
  return elementChildren(el).map((c) => c.localName ?? '');
}

/** Local names of all elements carrying authenticate="true", in document order. */
export function authenticated(root: Element): string[] {
  const out: string[] = [];
  const walk = (el: Element) => {
    if (el.getAttribute('authenticate') === 'true') out.push(el.localName ?? '');
    elementChildren(el).forEach(walk);
  };
  walk(root);
  return out;
}

export function inflateBase64(text: string): string {
  return inflateSync(Buffer.from(text, 'base64')).toString('utf8');
}

export const ebicsNs = (v: EbicsVersion) => VERSIONS[v].namespace;
export { NS };
