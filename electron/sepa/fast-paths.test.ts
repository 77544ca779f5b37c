/**
 * The builder's fast paths against their references: the one-pass
 * transliteration (`sepaText`) against `toSepaText` (the same text, the same
 * "changed" and "cut"), the byte writer's amounts against formatAmountXml
 * and its escaping against escapeXmlText, on tricky input and on many
 * random values from a fixed seed.
 */
import { describe, expect, it } from 'vitest';
import { formatAmountXml } from '../../shared/money';
import { MAX_AMOUNT_CENTS } from './model';
import { ByteOut, literal } from './byte-out';
import { seededRandom } from './test-fixtures';
import { sepaText, toSepaText } from './transliterate';
import { escapeXmlText } from './xml-out';

const TRICKY = [
  '',
  ' ',
  '   leading and trailing   ',
  'double  spaces\t\tand\ttabs\nand lines',
  'Müller & Söhne GmbH',
  'ÄRGER Ärger Österreich ÖL Übersee ẞ',
  'Ærø Œuvre Þór Æa',
  '„Zum Goldenen Löwen“ GmbH',
  "Daan van 't Hof",
  'Łukasz Wróbel, Søren Ørsted, Hélène Lefèvre, José Muñoz, Ayşe Çelik, Dvořák',
  'U\u0308ber decomposed e\u0301 and A\u030A',
  'Жуков Юрий Щукин Ελληνική Τράπεζα',
  'Danke 😀 👨‍👩‍👧 und 👍🏽 Gruß',
  'zero\u200Bwidth soft\u00ADhyphen \uFEFFbom',
  'lone \uD800 surrogate \uDC00 here',
  '王伟 Ltd',
  'ﬁne™ ½ Ａ ﷺ',
  '5€ @home & more, 2 % Skonto; Rechnung #4711 [A] {B} <C> | D \\ E',
  '¨ diaeresis alone and\u00A0no-break\u2003em space',
  'x'.repeat(139) + ' ' + 'y',
  'x'.repeat(140) + '   ',
  'x'.repeat(139) + 'Ä',
  'x'.repeat(138) + 'Äb',
  'ä'.repeat(80),
  '… '.repeat(60),
  'a' + ' '.repeat(200) + 'b',
  '@'.repeat(50),
];

// Characters the random texts are made of: plain ASCII, the German extension, and what needs transliteration.
const ALPHABET = Array.from(
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,\'+       ÄÖÜäöüß&*$%éèêçñŁłØøÆæŒœÐðÞþ€@"`´‘’“”„«»–—_\\|[]{}<>;!…·•#°§=~^\t\n\u00A0\u200B\u00ADЖжЩщΩωΣς王😀👍🏽\u0308\u0301ﬁ™½Ａ',
);

function randomText(random: () => number): string {
  const length = Math.floor(random() ** 2 * 180);
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return text;
}

function expectSame(text: string, maxLength: number, german: boolean): void {
  const reference = toSepaText(text, { maxLength, german });
  expect(sepaText(text, maxLength, german), JSON.stringify({ text, maxLength, german })).toEqual({
    text: reference.text,
    changed: reference.changed,
    truncated: reference.truncated,
  });
}

describe('sepaText, the builder fast path', () => {
  it('gives the reference transliteration on tricky names and remittance texts, both character sets', () => {
    for (const text of TRICKY) {
      for (const maxLength of [1, 3, 70, 140]) {
        expectSame(text, maxLength, false);
        expectSame(text, maxLength, true);
      }
    }
  });

  it('gives the reference transliteration on 20,000 random texts from a fixed seed', () => {
    const random = seededRandom(2126);
    const differing: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const text = randomText(random);
      const maxLength = random() < 0.5 ? 70 : 140;
      const german = random() < 0.3;
      const reference = toSepaText(text, { maxLength, german });
      const fast = sepaText(text, maxLength, german);
      if (fast.text !== reference.text || fast.changed !== reference.changed || fast.truncated !== reference.truncated) differing.push(text);
    }
    expect(differing).toEqual([]);
  });

  it('refuses a maximum length that is not a positive integer, as the reference does', () => {
    expect(() => sepaText('abc', 0)).toThrow(RangeError);
    expect(() => toSepaText('abc', { maxLength: 0 })).toThrow(RangeError);
  });
});

const BAR = literal('|');

/** What ByteOut writes for one call, as text. */
function written(write: (out: ByteOut) => void): string {
  const out = new ByteOut(undefined, 16);
  write(out);
  return out.result().bytes.toString('utf8');
}

describe('ByteOut.amount, the amount of one transaction straight into the buffer', () => {
  it('writes what formatAmountXml writes, from 1 cent to the maximum and on 100,000 random amounts from a fixed seed', () => {
    for (const cents of [1, 9, 10, 99, 100, 101, 109, 110, 12_345, 99_999_999_999, MAX_AMOUNT_CENTS - 1]) {
      expect(written((o) => o.amount(cents))).toBe(formatAmountXml(cents));
    }
    const random = seededRandom(8);
    const out = new ByteOut(undefined, 16);
    const expected: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const cents = 1 + Math.floor(random() ** 3 * MAX_AMOUNT_CENTS);
      out.amount(cents);
      out.markup(BAR);
      expected.push(formatAmountXml(cents));
    }
    expect(out.result().bytes.toString('latin1')).toBe(`${expected.join('|')}|`);
  });
});

describe('ByteOut.text, a value escaped and encoded in one loop', () => {
  it('writes what escapeXmlText gives, UTF-8 encoded, on tricky and 20,000 random texts (a buffer that has to grow)', () => {
    const legal = (t: string) => {
      try {
        return escapeXmlText(t);
      } catch {
        return undefined;
      }
    };
    const random = seededRandom(21);
    const texts = [...TRICKY, 'AT&T <b> &amp; "q" \'a\'', 'tab\there\r\n', '\u{1F600}\u00DF\u20AC\uFFFD\uD7FF\uE000'];
    for (let i = 0; i < 20_000; i++) texts.push(randomText(random));
    const out = new ByteOut(undefined, 16);
    let expected = '';
    for (const text of texts) {
      const escaped = legal(text);
      if (escaped === undefined) {
        expect(() => written((o) => o.text(text)), JSON.stringify(text)).toThrow(RangeError);
        continue;
      }
      out.text(text);
      expected += escaped;
    }
    expect(out.result().bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
  });

  it('refuses what XML cannot carry, as escapeXmlText does', () => {
    for (const bad of ['a\u0000b', '\u0001', '\u001F', 'lone \uD800', 'lone \uDC00 low', '\uD800\uD800', '\uFFFE', '\uFFFF', 'end \uD83D']) {
      expect(() => escapeXmlText(bad)).toThrow(RangeError);
      expect(() => written((o) => o.text(bad)), JSON.stringify(bad)).toThrow(RangeError);
    }
  });
});
