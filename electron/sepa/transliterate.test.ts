import { describe, expect, it } from 'vitest';
import { isSepaText } from '../../shared/ids';
import { previewTransliteration, toSepaText } from './transliterate';

const name = (text: string, german = false) => toSepaText(text, { maxLength: 70, german });

describe('toSepaText', () => {
  it('leaves text of the basic set alone and says nothing changed', () => {
    const text = "Kontor GmbH (Abt. 4/2) - Rechnung 12,50 EUR? 'ok' +1:";
    expect(name(text)).toEqual({ text, changed: false, changes: [], truncated: false });
  });

  it('writes German umlauts and ß as two letters, title-cased before lower case', () => {
    expect(name('Müller & Söhne, Straße').text).toBe('Mueller + Soehne, Strasse');
    expect(name('Ärger mit ÖL und Übermut').text).toBe('Aerger mit OEL und Uebermut');
    expect(name('ÄÖÜ').text).toBe('AEOEUE');
  });

  it('keeps Ä Ö Ü ä ö ü ß & * $ % with the German extension, and only those', () => {
    const r = name('Müller & Söhne * 5$ 3% Straße', true);
    expect(r).toEqual({ text: 'Müller & Söhne * 5$ 3% Straße', changed: false, changes: [], truncated: false });
    expect(name('Café @ Zoë', true).text).toBe('Cafe (at) Zoe');
  });

  it('drops accents (é → e, ç → c) and maps symbols: € → E, @ → (at), & → +', () => {
    const r = name('Café Crème à la Façade: 5€ @home & more');
    expect(r.text).toBe('Cafe Creme a la Facade: 5E (at)home + more');
    expect(r.changes).toEqual([
      { from: 'é', to: 'e' },
      { from: 'è', to: 'e' },
      { from: 'à', to: 'a' },
      { from: 'ç', to: 'c' },
      { from: '€', to: 'E' },
      { from: '@', to: '(at)' },
      { from: '&', to: '+' },
    ]);
  });

  it('romanises Cyrillic and Greek', () => {
    expect(name('Жуков Юрий Щукин').text).toBe('Zhukov Iurii Shchukin');
    expect(name('Ελληνική Τράπεζα').text).toBe('Elliniki Trapeza');
  });

  it('drops emoji with their joiners and selectors, and the spaces they leave', () => {
    expect(name('Danke 😀 👨‍👩‍👧 und 👍🏽 Gruß').text).toBe('Danke und Gruss');
    expect(name('😀').text).toBe('');
  });

  it('writes letters without decomposition and compatibility forms in Latin (Ø, Ł, æ, ﬁ, ™, ½)', () => {
    expect(name('Søren Łukasz Æbleskiver ﬁne™ ½').text).toBe('Soren Lukasz Aebleskiver fineTM 1/2');
  });

  it('replaces what it cannot transliterate with a dot', () => {
    expect(name('王伟 Ltd').text).toBe('.. Ltd');
  });

  it('normalises first: a decomposed Ü is the same as a composed one', () => {
    expect(name('U\u0308ber').text).toBe('Ueber');
    expect(name('U\u0308ber', true).text).toBe('Über');
  });

  it('turns tabs and line breaks into spaces, drops invisible characters, trims and collapses spaces', () => {
    const r = name(' \tZeile 1\r\nZeile\u00A02\u200B  ende ');
    expect(r.text).toBe('Zeile 1 Zeile 2 ende');
    expect(r.changed).toBe(true);
  });

  it('cuts to the maximum length after transliteration (which can make text longer)', () => {
    const exactly70 = 'A'.repeat(70);
    expect(name(exactly70)).toEqual({ text: exactly70, changed: false, changes: [], truncated: false });
    const r = name(`${'a'.repeat(69)}ä`);
    expect(r.text).toBe(`${'a'.repeat(69)}a`);
    expect(r.truncated).toBe(true);
    expect(toSepaText('x'.repeat(141), { maxLength: 140 }).text).toHaveLength(140);
  });

  it('does not end a cut text with a space', () => {
    expect(toSepaText('abc def', { maxLength: 4 }).text).toBe('abc');
  });

  it('always returns text of the SEPA set, whatever comes in', () => {
    const samples = [
      'Ævar "the" <Great> {x} [y] |z| ~ ^ ` _ ; ! # = \\',
      '\u0000\u0007ctl\uFFFE\uD800',
      'Ǆemal ǅ ǆ',
      'İstanbul ıi',
      '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
      'Ｆｕｌｌｗｉｄｔｈ',
    ];
    for (const s of samples) {
      expect(isSepaText(name(s).text), s).toBe(true);
      expect(isSepaText(name(s, true).text, { german: true }), s).toBe(true);
    }
  });

  it('refuses a maximum length below 1', () => {
    expect(() => toSepaText('x', { maxLength: 0 })).toThrow(RangeError);
  });
});

describe('previewTransliteration', () => {
  it('lists only the fields that change, with before, after and each replacement', () => {
    const preview = previewTransliteration([
      { field: 'a', text: 'Plain text', maxLength: 70 },
      { field: 'b', text: 'Zoë & Co', maxLength: 70 },
      { field: 'c', text: 'x'.repeat(150), maxLength: 140 },
    ]);
    expect(preview).toEqual([
      {
        field: 'b',
        before: 'Zoë & Co',
        after: 'Zoe + Co',
        changes: [
          { from: 'ë', to: 'e' },
          { from: '&', to: '+' },
        ],
        truncated: false,
      },
      { field: 'c', before: 'x'.repeat(150), after: 'x'.repeat(140), changes: [], truncated: true },
    ]);
  });

  it('follows the German option', () => {
    expect(previewTransliteration([{ field: 'n', text: 'Müller', maxLength: 70 }], { german: true })).toEqual([]);
    expect(previewTransliteration([{ field: 'n', text: 'Müller', maxLength: 70 }])).toHaveLength(1);
  });
});

describe('toSepaText with the German extension, character by character', () => {
  it('keeps & * $ % and the umlauts also in text that needs other changes', () => {
    expect(toSepaText('Café & Söhne; 5% * 2$ @ Straße', { maxLength: 70, german: true }).text).toBe('Cafe & Söhne, 5% * 2$ (at) Straße');
    expect(toSepaText('Café & Söhne; 5% * 2$ @ Straße', { maxLength: 70 }).text).toBe('Cafe + Soehne, 5. . 2. (at) Strasse');
  });
});
