/**
 * Inclusive Canonical XML 1.0 without comments
 * (http://www.w3.org/TR/2001/REC-xml-c14n-20010315) of one element and its
 * descendants, taken as a document subset, which is what EBICS X002 signs:
 *
 * - the apex element carries every namespace declaration in scope, including
 *   those declared only on ancestors (the default namespace, ds, xsi, ...);
 *   descendants repeat a declaration only when it differs from the parent's;
 * - the default namespace comes first, then the prefixes in lexicographic
 *   order, then the attributes sorted by namespace URI and local name
 *   (unqualified ones first);
 * - xml:* attributes of ancestors (xml:lang, xml:space) are inherited by the
 *   apex, as the specification requires for a document subset;
 * - empty elements become start/end tag pairs, comments are dropped, CDATA
 *   becomes escaped text, whitespace text is kept as it is.
 *
 * Written against the DOM produced by @xmldom/xmldom, which already
 * normalises line endings and attribute whitespace as an XML parser must.
 */
import type { Attr, Element, Node } from '@xmldom/xmldom';

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

const ELEMENT = 1;
const TEXT = 3;
const CDATA_SECTION = 4;
const ENTITY_REFERENCE = 5;
const PROCESSING_INSTRUCTION = 7;
const DOCUMENT = 9;

/** prefix ('' for the default namespace) -> namespace URI ('' for none). */
type Namespaces = Map<string, string>;

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#x9;';
      case '\n':
        return '&#xA;';
      default:
        return '&#xD;';
    }
  });
}

function attributesOf(el: Element): Attr[] {
  const result: Attr[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const attr = el.attributes.item(i);
    if (attr !== null) result.push(attr);
  }
  return result;
}

function isNamespaceDeclaration(attr: Attr): boolean {
  return attr.namespaceURI === XMLNS_NAMESPACE || attr.name === 'xmlns' || attr.name.startsWith('xmlns:');
}

/** The namespaces in scope on `el`, given those in scope on its parent. */
function namespacesOf(el: Element, inherited: Namespaces): Namespaces {
  const scope = new Map(inherited);
  const attrs = attributesOf(el);
  for (const attr of attrs) {
    if (isNamespaceDeclaration(attr)) scope.set(attr.name === 'xmlns' ? '' : attr.name.slice('xmlns:'.length), attr.value);
  }
  // The element's and its attributes' own bindings win; for a parsed document
  // they equal the declarations, for a DOM built in code they may be implicit.
  scope.set(el.prefix ?? '', el.namespaceURI ?? '');
  for (const attr of attrs) {
    if (attr.prefix && attr.namespaceURI && !isNamespaceDeclaration(attr)) scope.set(attr.prefix, attr.namespaceURI);
  }
  scope.delete('xml');
  return scope;
}

function ancestorsOf(el: Element): Element[] {
  const chain: Element[] = [];
  for (let node = el.parentNode; node !== null && node.nodeType !== DOCUMENT; node = node.parentNode) {
    if (node.nodeType === ELEMENT) chain.unshift(node as Element);
  }
  return chain;
}

function renderNamespaces(scope: Namespaces, parentScope: Namespaces): string {
  let out = '';
  const defaultNs = scope.get('') ?? '';
  if (defaultNs !== (parentScope.get('') ?? '')) out += ` xmlns="${escapeAttribute(defaultNs)}"`;
  const prefixes = [...scope.keys()].filter((p) => p !== '' && scope.get(p) !== parentScope.get(p)).sort(compareCodeUnits);
  for (const prefix of prefixes) out += ` xmlns:${prefix}="${escapeAttribute(scope.get(prefix) ?? '')}"`;
  return out;
}

function renderAttributes(attrs: Attr[]): string {
  const sorted = attrs
    .filter((a) => !isNamespaceDeclaration(a))
    .sort((a, b) => compareCodeUnits(a.namespaceURI ?? '', b.namespaceURI ?? '') || compareCodeUnits(a.localName ?? a.name, b.localName ?? b.name));
  return sorted.map((a) => ` ${a.name}="${escapeAttribute(a.value)}"`).join('');
}

/** xml:* attributes the apex inherits from its ancestors (nearest wins), unless it has its own. */
function inheritedXmlAttributes(apex: Element, ancestors: Element[]): Attr[] {
  const own = new Set(
    attributesOf(apex)
      .filter((a) => a.namespaceURI === XML_NAMESPACE)
      .map((a) => a.localName),
  );
  const found = new Map<string, Attr>();
  for (const ancestor of ancestors) {
    for (const attr of attributesOf(ancestor)) {
      if (attr.namespaceURI === XML_NAMESPACE && !own.has(attr.localName)) found.set(attr.localName ?? attr.name, attr);
    }
  }
  return [...found.values()];
}

function renderChildren(parent: Node, scope: Namespaces, out: string[]): void {
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    switch (child.nodeType) {
      case ELEMENT:
        renderElement(child as Element, scope, out);
        break;
      case TEXT:
      case CDATA_SECTION:
        out.push(escapeText(child.nodeValue ?? ''));
        break;
      case PROCESSING_INSTRUCTION: {
        const data = child.nodeValue ?? '';
        out.push(`<?${child.nodeName}${data === '' ? '' : ` ${data}`}?>`);
        break;
      }
      case ENTITY_REFERENCE:
        renderChildren(child, scope, out);
        break;
      default: // comments are not part of the canonical form without comments
        break;
    }
  }
}

function renderElement(el: Element, parentScope: Namespaces, out: string[]): void {
  const scope = namespacesOf(el, parentScope);
  out.push(`<${el.tagName}`, renderNamespaces(scope, parentScope), renderAttributes(attributesOf(el)), '>');
  renderChildren(el, scope, out);
  out.push(`</${el.tagName}>`);
}

/** Inclusive C14N 1.0 (no comments) of `element` as the apex of a document subset. */
export function canonicalize(element: Element): string {
  const ancestors = ancestorsOf(element);
  let inScope: Namespaces = new Map();
  for (const ancestor of ancestors) inScope = namespacesOf(ancestor, inScope);
  // The apex has no output parent: compare its namespaces against an empty
  // scope so that every declaration in scope is written on it, once.
  const apexScope = namespacesOf(element, inScope);
  const out: string[] = [];
  out.push(`<${element.tagName}`, renderNamespaces(apexScope, new Map()));
  out.push(renderAttributes([...attributesOf(element), ...inheritedXmlAttributes(element, ancestors)]), '>');
  renderChildren(element, apexScope, out);
  out.push(`</${element.tagName}>`);
  return out.join('');
}
