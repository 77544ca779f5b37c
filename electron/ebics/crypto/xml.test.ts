import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { MAX_XML_DEPTH, parseXml } from './xml';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof KontorError ? e.code : `not a KontorError: ${String(e)}`;
  }
  return 'no error';
}

describe('parsing EBICS messages', () => {
  it('refuses any DOCTYPE, so no entity is ever expanded or fetched', () => {
    expect(codeOf(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'))).toBe('ebics.badXml');
    expect(codeOf(() => parseXml('<!doctype a SYSTEM "http://example.invalid/a.dtd"><a/>'))).toBe('ebics.badXml');
  });

  it('refuses documents over the size limit', () => {
    expect(codeOf(() => parseXml(`<a>${'x'.repeat(100)}</a>`, 50))).toBe('ebics.badXml');
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = `${'<a>'.repeat(MAX_XML_DEPTH + 1)}${'</a>'.repeat(MAX_XML_DEPTH + 1)}`;
    expect(codeOf(() => parseXml(deep))).toBe('ebics.badXml');
    const ok = `${'<a>'.repeat(MAX_XML_DEPTH)}${'</a>'.repeat(MAX_XML_DEPTH)}`;
    expect(codeOf(() => parseXml(ok))).toBe('no error');
  });

  it('treats malformed XML, unknown entities, unbound prefixes and sloppy attributes as errors', () => {
    for (const xml of ['<a><b></a>', '<a>&nbsp;</a>', '<x:a/>', '<a b=1/>', '<a b="1" b="2"/>', '', 'text']) {
      expect(
        codeOf(() => parseXml(xml)),
        xml,
      ).toBe('ebics.badXml');
    }
  });

  it('parses a well-formed document with namespaces', () => {
    const doc = parseXml('<?xml version="1.0"?><r xmlns="urn:x"><e a="1">t</e></r>');
    expect(doc.documentElement?.namespaceURI).toBe('urn:x');
  });
});
