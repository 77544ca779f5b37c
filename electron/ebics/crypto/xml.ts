/**
 * Parsing of EBICS messages for signing and verification: no DTD (a
 * DOCTYPE is refused before parsing, so neither entity expansion nor external
 * entities can happen), a size limit, and every parser complaint is fatal, so
 * we never canonicalise a document the bank would read differently.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';

/** Largest EBICS message we parse: a 1 MB segment plus generous room for the envelope. */
export const MAX_XML_CHARS = 16 * 1024 * 1024;

/** EBICS nests a dozen levels; anything deeper than this is refused rather than walked. */
export const MAX_XML_DEPTH = 100;

export const ELEMENT_NODE = 1;

export function parseXml(xml: string, maxChars: number = MAX_XML_CHARS): Document {
  if (xml.length > maxChars) {
    throw new KontorError('ebics.badXml', 'The EBICS message is larger than allowed.', { size: xml.length, limit: maxChars });
  }
  if (/<!DOCTYPE/i.test(xml)) throw new KontorError('ebics.badXml', 'EBICS messages with a DOCTYPE are refused.');
  const parser = new DOMParser({
    onError: (level, message) => {
      // A stray U+FFFD is an encoding blemish in text, not a structural problem.
      if (level === 'warning' && message.startsWith('Unicode replacement character')) return;
      throw new Error(message);
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(xml, 'text/xml');
  } catch (e) {
    const detail = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    throw new KontorError('ebics.badXml', `The EBICS message is not well-formed XML: ${detail}`);
  }
  if (doc.documentElement === null) throw new KontorError('ebics.badXml', 'The EBICS message has no root element.');
  if (depthExceeds(doc.documentElement, MAX_XML_DEPTH)) {
    throw new KontorError('ebics.badXml', 'The EBICS message is nested deeper than allowed.', { limit: MAX_XML_DEPTH });
  }
  return doc;
}

function depthExceeds(root: Element, limit: number): boolean {
  const stack: Array<{ node: Node; depth: number }> = [{ node: root, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.depth > limit) return true;
    for (let child = item.node.firstChild; child !== null; child = child.nextSibling) {
      if (isElement(child)) stack.push({ node: child, depth: item.depth + 1 });
    }
  }
  return false;
}

export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

export function childElements(parent: Node): Element[] {
  const result: Element[] = [];
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (isElement(child)) result.push(child);
  }
  return result;
}

/** Elements below (and including) `root` in document order. */
export function descendantElements(root: Element): Element[] {
  const result: Element[] = [];
  const walk = (el: Element): void => {
    result.push(el);
    for (const child of childElements(el)) walk(child);
  };
  walk(root);
  return result;
}
