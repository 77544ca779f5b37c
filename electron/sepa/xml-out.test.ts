import { describe, expect, it } from 'vitest';
import { escapeXmlText, Markup, NO_MARKUP, textBytes, xml, xmlSafe } from './xml-out';

describe('the xml tag', () => {
  it('escapes every interpolated value, also text that looks like an entity or markup', () => {
    expect(xml`<Nm>${'AT&T; <b> &amp; &lt;'}</Nm>`.text).toBe('<Nm>AT&amp;T; &lt;b&gt; &amp;amp; &amp;lt;</Nm>');
  });

  it('inserts markup it made itself as it is, and only that', () => {
    const inner = xml`<Cd>${'SEPA'}</Cd>`;
    expect(xml`<SvcLvl>${inner}</SvcLvl>`.text).toBe('<SvcLvl><Cd>SEPA</Cd></SvcLvl>');
    expect(xml`<A>${NO_MARKUP}</A>`.text).toBe('<A></A>');
    const forged = { text: '<evil/>', ascii: true } as unknown as Markup;
    expect(() => xml`<A>${forged}</A>`).toThrow(TypeError);
    expect(() => new (Markup as unknown as new (token: symbol, text: string, ascii: boolean) => Markup)(Symbol('Markup'), '<evil/>', true)).toThrow(TypeError);
  });

  it('says whether the markup is plain ASCII (one byte per character)', () => {
    expect(xml`<Nm>${'Mueller'}</Nm>`.ascii).toBe(true);
    expect(xml`<Nm>${'Müller'}</Nm>`.ascii).toBe(false);
    expect(xml`<A>${xml`<Nm>${'Müller'}</Nm>`}</A>`.ascii).toBe(false);
  });

  it('refuses characters XML cannot carry and values that are not strings', () => {
    expect(() => xml`<Nm>${'a\u0000b'}</Nm>`).toThrow(RangeError);
    expect(() => xml`<Nm>${'\uD800'}</Nm>`).toThrow(RangeError);
    expect(() => xml`<Nm>${12 as unknown as string}</Nm>`).toThrow(TypeError);
  });
});

describe('escaping helpers', () => {
  it('escape quotes only in attribute values', () => {
    expect(escapeXmlText('say "hi" & <go>')).toBe('say "hi" &amp; &lt;go&gt;');
    expect(escapeXmlText('say "hi"', true)).toBe('say &quot;hi&quot;');
  });

  it('prepare text for xmlbuilder2 by escaping every & (it leaves entity-like ones alone)', () => {
    expect(xmlSafe('AT&T; &amp;')).toBe('AT&amp;T; &amp;amp;');
  });

  it('count the bytes a text takes once escaped and encoded', () => {
    expect(textBytes('plain')).toBe(5);
    expect(textBytes('Müller & Co')).toBe(Buffer.byteLength('Müller &amp; Co', 'utf8'));
    expect(textBytes('a"b', true)).toBe('a&quot;b'.length);
  });
});
