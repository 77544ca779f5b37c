/**
 * The font memory behind the letters (font-cache.ts): a font is parsed once
 * per file, a layout is the one fontkit gives, and the plain layout of ASCII
 * in the monospaced font has exactly the glyphs and advances of fontkit's
 * shaping.
 */
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../sepa/test-fixtures';
import { cachedFontkit } from './font-cache';
import { loadFonts } from './fonts';

type Run = ReturnType<ReturnType<typeof fontkit.create>['layout']>;
const shape = (run: Run) => run.glyphs.map((g, i) => [g.id, run.positions[i]?.xAdvance ?? g.advanceWidth]);

function randomAscii(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(0x20 + Math.floor(random() * 95));
  return text;
}

describe('cachedFontkit', () => {
  it('parses each font file once and lays out text as fontkit does', async () => {
    const { regular, bold } = await loadFonts();
    const font = cachedFontkit.create(regular);
    expect(cachedFontkit.create(regular)).toBe(font);
    expect(cachedFontkit.create(bold)).not.toBe(font);
    const reference = fontkit.create(regular);
    for (const text of ['Müller & Söhne GmbH', 'Initialisierungsbrief für den Teilnehmer', 'AVAWAY To Tr Ty fi fl', 'Ελληνικά Кириллица']) {
      expect(shape(font.layout(text)), text).toEqual(shape(reference.layout(text)));
      expect(font.layout(text)).toBe(font.layout(text));
    }
  });

  it('gives the monospaced font the glyphs and advances of shaping for every printable ASCII text (hex, Base64), on 500 random ones from a fixed seed', async () => {
    const { mono } = await loadFonts();
    const font = cachedFontkit.create(mono);
    const reference = fontkit.create(mono);
    const random = seededRandom(215);
    const texts = [
      'AB CD EF 01 23 45 67 89 AB CD EF 01 23 45 67 89',
      '-----BEGIN CERTIFICATE-----',
      'MIIC+zCCAeOgAwIBAgIJAK/9w==',
      'ff fi fl ffi -> <= != ===',
    ];
    for (let i = 0; i < 500; i++) texts.push(randomAscii(random, 1 + Math.floor(random() * 70)));
    for (const text of texts) expect(shape(font.layout(text)), text).toEqual(shape(reference.layout(text)));
  });
});
