import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { samplePain } from '../../../test/support/pain-files';
import { attribute, PainXmlError, readPainTree, type PainNode } from './pain-tree';

const MB = 1024 * 1024;
const read = (xml: string | Uint8Array, maxBytes = MB) => readPainTree(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml, maxBytes);
const problemOf = (xml: string | Uint8Array, maxBytes = MB): { problem: string; message: string } => {
  try {
    read(xml, maxBytes);
  } catch (e) {
    if (e instanceof PainXmlError) return { problem: e.problem, message: e.message };
    throw e;
  }
  throw new Error('read without complaint');
};

interface Shape {
  local: string;
  ns: string;
  attrs: string[];
  text: string;
  children: Shape[];
}

function shapeOf(node: PainNode): Shape {
  const attrs = (node.attrs ?? []).filter((_v, i, a) => i % 2 === 0 && !a[i]!.startsWith('xmlns'));
  return {
    local: node.local,
    ns: node.ns,
    attrs: attrs.map((n) => `${n}=${attribute(node, n)}`),
    text: node.text.trim(),
    children: node.children.map(shapeOf),
  };
}

/** The same shape from xmldom's DOM: the reference the bank's reader is held against. */
function domShapeOf(el: Element): Shape {
  const attrs: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (!a.name.startsWith('xmlns')) attrs.push(`${a.name}=${a.value}`);
  }
  let text = '';
  const children: Shape[] = [];
  for (let n = el.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === 1) children.push(domShapeOf(n as Element));
    else if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? '';
  }
  return { local: el.localName ?? '', ns: el.namespaceURI ?? '', attrs, text: text.trim(), children };
}

describe('the bank’s payment-file reader', () => {
  it.each([
    ['credit transfer, pain.001.001.09', samplePain('credit_transfer', { ownIban: 'DE89370400440532013000', date: '2026-03-10', count: 3 })],
    ['direct debit, pain.008.001.02', samplePain('direct_debit_core', { ownIban: 'DE89370400440532013000', date: '2026-03-10', count: 3, version: 'old' })],
  ])('reads a %s as xmldom does', (_what, file) => {
    const dom = new DOMParser().parseFromString(file.toString('utf8'), 'text/xml');
    expect(shapeOf(read(file))).toEqual(domShapeOf(dom.documentElement!));
  });

  it('resolves default and prefixed namespaces, references, CDATA, and skips comments and processing instructions', () => {
    const root = read(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?><!-- a comment --><p:Document xmlns:p="urn:p" xmlns="urn:d" a=\'1 &amp; 2\'>' +
        '<Nm>R&amp;D &lt;GmbH&gt; &#228;&#xFC; &quot;x&apos;</Nm><?pi data?><p:Ustrd><![CDATA[<raw & text>]]></p:Ustrd><Empty/></p:Document>',
    );
    expect({ local: root.local, ns: root.ns, a: attribute(root, 'a') }).toEqual({ local: 'Document', ns: 'urn:p', a: '1 & 2' });
    expect(root.children.map((c) => [c.local, c.ns, c.text])).toEqual([
      ['Nm', 'urn:d', 'R&D <GmbH> äü "x\''],
      ['Ustrd', 'urn:p', '<raw & text>'],
      ['Empty', 'urn:d', ''],
    ]);
  });

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document/>', 'doctype'],
    ['a DOCTYPE after a comment', '<!-- x -->\n<!doctype Document SYSTEM "file:///etc/passwd"><Document/>', 'doctype'],
    ['an undefined entity', '<Document>&lol;</Document>', 'malformed'],
    ['a bare ampersand', '<Document>R & D</Document>', 'malformed'],
    ['a character reference to nothing', '<Document>&#0;</Document>', 'malformed'],
    ['an end tag that closes another element', '<Document><A></B></Document>', 'malformed'],
    ['a file that ends inside an element', '<Document><A>', 'malformed'],
    ['a second root element', '<Document/><Document/>', 'malformed'],
    ['text outside the root element', 'x<Document/>', 'malformed'],
    ['an undeclared prefix', '<p:Document/>', 'malformed'],
    ['an attribute given twice', '<Document a="1" a="2"/>', 'malformed'],
    ['an unquoted attribute', '<Document a=1/>', 'malformed'],
    ['< in an attribute value', '<Document a="<"/>', 'malformed'],
    ['no root element', '<?xml version="1.0"?>', 'malformed'],
    ['an encoding other than UTF-8 declared', '<?xml version="1.0" encoding="ISO-8859-1"?><Document/>', 'encoding'],
  ])('refuses %s', (_what, xml, problem) => {
    expect(problemOf(xml).problem).toBe(problem);
  });

  it('refuses bytes that are not UTF-8, and files over the limit before reading them', () => {
    expect(problemOf(Uint8Array.from([0x3c, 0x41, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x41, 0x3e])).problem).toBe('encoding');
    expect(problemOf('<Document>0123456789</Document>', 20).problem).toBe('tooLarge');
  });

  it('refuses nesting deeper than 40 levels and a text longer than 64 KiB', () => {
    const deep = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;
    expect(() => read(deep(40))).not.toThrow();
    expect(problemOf(deep(41)).message).toMatch(/deeper than 40/);
    expect(() => read(`<a>${'x'.repeat(64 * 1024)}</a>`)).not.toThrow();
    expect(problemOf(`<a>${'x'.repeat(64 * 1024 + 1)}</a>`).message).toMatch(/longer than 65536/);
  });
});
