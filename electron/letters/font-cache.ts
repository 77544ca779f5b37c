/**
 * fontkit with memory: each font file is parsed once per process, and the
 * layout of a text (the shaping that measures and encodes it) is kept per
 * font. Profiled (issue 21.5): a letter spent about four fifths of its time
 * in fontkit `layout`, once for every width the line breaking asked for and
 * again to encode the text, each time running DejaVu's substitution and
 * positioning tables; and every letter parsed the three fonts anew.
 *
 * Safe to share across documents: pdf-lib reads the glyph runs and never
 * changes them (the subset of each document is its own, `createSubset`), and
 * a layout depends only on the text and the features, which Kontor never
 * sets (the call with features goes to fontkit as it is).
 */
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;
type GlyphRun = ReturnType<Font['layout']>;

/** Enough for every text of a letter; a bound so that printing letters all day does not grow memory. */
const LAYOUTS_PER_FONT = 5_000;

const parsed = new WeakMap<Uint8Array, Font>();

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The layout of printable ASCII in a monospaced font without shaping: its
 * glyphs straight from the character map, each as wide as it is. DejaVu Sans
 * Mono has no ligatures or kerning for ASCII, so shaping gives the same
 * glyphs and advances (font-cache.test.ts compares them); the letter's hex
 * lines and certificate lines were a third of its layouts.
 */
function plainLayout(font: Font, text: string): GlyphRun {
  const glyphs = font.glyphsForString(text);
  const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
  const advanceWidth = positions.reduce((sum, p) => sum + p.xAdvance, 0);
  return { glyphs, positions, script: 'latn', language: null, direction: 'ltr', features: {}, advanceWidth, advanceHeight: 0, bbox: font.bbox };
}

function withLayoutMemory(font: Font): Font {
  const shape = font.layout.bind(font);
  const monospaced = font.post.isFixedPitch;
  const layout = (text: string): GlyphRun => (monospaced && PRINTABLE_ASCII.test(text) ? plainLayout(font, text) : shape(text));
  const layouts = new Map<string, GlyphRun>();
  font.layout = (text, features) => {
    if (features !== undefined) return shape(text, features);
    let run = layouts.get(text);
    if (run === undefined) {
      run = layout(text);
      if (layouts.size >= LAYOUTS_PER_FONT) layouts.clear();
      layouts.set(text, run);
    }
    return run;
  };
  return font;
}

/** Register this instead of fontkit itself (`pdf.registerFontkit(cachedFontkit)`): the same fonts, parsed and shaped once. */
export const cachedFontkit: Fontkit = {
  create(buffer, postscriptName) {
    // A collection's member (postscriptName) is not what Kontor embeds: no memory for it.
    if (postscriptName !== undefined) return fontkit.create(buffer, postscriptName);
    let font = parsed.get(buffer);
    if (font === undefined) {
      font = withLayoutMemory(fontkit.create(buffer));
      parsed.set(buffer, font);
    }
    return font;
  },
};
