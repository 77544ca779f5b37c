import { describe, expect, it } from 'vitest';
import { childElements, elementsInOrder, MAX_DEPTH, readXml, XmlReadError } from './read';

const reason = (text: string, maxChars = 10_000): string => {
  try {
    readXml(text, maxChars);
  } catch (e) {
    if (e instanceof XmlReadError) return e.message;
    throw e;
  }
  return 'read';
};

describe('how the bank reads XML', () => {
  it('refuses a DOCTYPE before parsing, in any case and after a comment', () => {
    expect(reason('<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>')).toMatch(/DOCTYPE/);
    expect(reason('<!-- x --><!doctype r SYSTEM "file:///etc/passwd"><r/>')).toMatch(/DOCTYPE/);
  });

  it('refuses what is not well-formed, an undefined entity, too long a text and too deep a nesting', () => {
    expect(reason('<r><a></r>')).not.toBe('read');
    expect(reason('<r>&lol;</r>')).not.toBe('read');
    expect(reason('<r/>', 3)).toMatch(/longer than 3/);
    const nested = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;
    expect(reason(nested(MAX_DEPTH))).toBe('read');
    expect(reason(nested(MAX_DEPTH + 1))).toMatch(/deeper/);
  });

  it('lists child elements and all elements in document order', () => {
    const root = readXml('<r><a><b/>text<c/></a><d/></r>', 1000).documentElement!;
    expect(childElements(root).map((e) => e.localName)).toEqual(['a', 'd']);
    expect(elementsInOrder(root).map((e) => e.localName)).toEqual(['r', 'a', 'b', 'c', 'd']);
  });
});
