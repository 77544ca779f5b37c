/**
 * The TrueType fonts the letter embeds (DejaVu, from resources/fonts): the
 * PDF standard fonts only know WinAnsi, and names such as "Müller & Söhne"
 * must print whatever the workstation has installed.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { KontorError } from '../../shared/errors';

/**
 * resources/fonts of the repository. The same relative path also holds for
 * the bundled main process (out/main/index.js); a packaged app passes its
 * resources folder as `fontDir` instead.
 */
export const DEFAULT_FONT_DIR = resolve(import.meta.dirname, '..', '..', 'resources', 'fonts');

export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

export type FontRole = keyof typeof FONT_FILES;
export type FontBytes = Record<FontRole, Uint8Array>;

const cache = new Map<string, Promise<FontBytes>>();

async function readFont(dir: string, file: string): Promise<Uint8Array> {
  const path = resolve(dir, file);
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    throw new KontorError('letters.fontMissing', `The font for the initialisation letter is missing: ${path}`, { path });
  }
}

async function readAll(dir: string): Promise<FontBytes> {
  const [regular, bold, mono] = await Promise.all([readFont(dir, FONT_FILES.regular), readFont(dir, FONT_FILES.bold), readFont(dir, FONT_FILES.mono)]);
  return { regular, bold, mono };
}

/** The three font files of `dir` (default: resources/fonts), read once per folder. */
export function loadFonts(dir: string = DEFAULT_FONT_DIR): Promise<FontBytes> {
  const key = resolve(dir);
  let fonts = cache.get(key);
  if (fonts === undefined) {
    fonts = readAll(key);
    cache.set(key, fonts);
    // A failed read (folder not there yet) must not stick.
    fonts.catch(() => cache.delete(key));
  }
  return fonts;
}
