/**
 * A plain letter as PDF: a title and lines set in the monospaced font, so
 * tables of hashes and IBANs line up as on the bank's printout. The demo
 * bank's confirmation letter (its key hashes) uses it.
 */
import { cachedFontkit } from './font-cache';
import { PDFDocument, rgb } from 'pdf-lib';
import { loadFonts } from './fonts';

const A4 = [595.28, 841.89] as const;
const MARGIN = 56;

/** Breaks a line at spaces so it fits `max` characters; hex pairs and words stay whole. */
export function wrapLine(line: string, max: number): string[] {
  const indent = ' '.repeat(Math.min((/^ */.exec(line)?.[0].length ?? 0) + 2, 12));
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut <= indent.length) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = indent + rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

export async function buildTextLetter(title: string, lines: readonly string[], options: { fontDir?: string } = {}): Promise<Uint8Array> {
  const fonts = await loadFonts(options.fontDir);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(cachedFontkit);
  pdf.setTitle(title);
  pdf.setCreator('Kontor');
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const mono = await pdf.embedFont(fonts.mono, { subset: true });
  const size = 9;
  const lineHeight = size * 1.45;
  let page = pdf.addPage([...A4]);
  let y = A4[1] - MARGIN;
  page.drawText(title, { x: MARGIN, y, size: 15, font: bold, color: rgb(0, 0, 0) });
  y -= 30;
  // DejaVu Sans Mono advances 0.602 em per character.
  const columns = Math.floor((A4[0] - 2 * MARGIN) / (size * 0.602));
  for (const line of lines.flatMap((l) => wrapLine(l, columns))) {
    if (y < MARGIN) {
      page = pdf.addPage([...A4]);
      y = A4[1] - MARGIN;
    }
    if (line) page.drawText(line, { x: MARGIN, y, size, font: mono, color: rgb(0, 0, 0) });
    y -= lineHeight;
  }
  return pdf.save();
}
