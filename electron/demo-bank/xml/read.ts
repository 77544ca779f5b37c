/**
 * How the bank reads the XML a client sends (requests, key order data,
 * UserSignatureData): @xmldom/xmldom, with every complaint fatal, a size
 * limit before parsing and a depth limit after, and no DTD at all: a
 * document with a DOCTYPE is refused before the parser sees it, so no
 * entity can be declared, expanded or fetched.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

const ELEMENT_NODE = 1;

/** EBICS messages nest about a dozen levels deep. */
export const MAX_DEPTH = 64;

export class XmlReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlReadError';
  }
}

/** The document, or an XmlReadError saying in a few words why not. */
export function readXml(text: string, maxChars: number): Document {
  if (text.length > maxChars) throw new XmlReadError(`the document is longer than ${maxChars} characters`);
  if (/<!DOCTYPE/i.test(text)) throw new XmlReadError('a document with a DOCTYPE is refused');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        // U+FFFD in text is a blemish of the sender's encoding, not of the structure.
        if (level === 'warning' && message.startsWith('Unicode replacement character')) return;
        throw new XmlReadError(message.split('\n')[0] ?? message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw e instanceof XmlReadError ? e : new XmlReadError('not well-formed XML');
  }
  const root = doc.documentElement;
  if (root === null) throw new XmlReadError('no root element');
  if (deeperThan(root, MAX_DEPTH)) throw new XmlReadError(`nested deeper than ${MAX_DEPTH} levels`);
  return doc;
}

function deeperThan(root: Element, limit: number): boolean {
  const pending: Array<[Element, number]> = [[root, 1]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [el, depth] = item;
    if (depth > limit) return true;
    for (const child of childElements(el)) pending.push([child, depth + 1]);
  }
  return false;
}

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

export function childElements(parent: Node): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n !== null; n = n.nextSibling) if (isElement(n)) out.push(n);
  return out;
}

/** `root` and every element below it, in document order. */
export function elementsInOrder(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    out.push(el);
    const children = childElements(el);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}
