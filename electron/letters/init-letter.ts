/**
 * The EBICS initialisation letter as PDF: the INI letter (signature key) and
 * the HIA letter (authentication and encryption keys) in one document, each
 * starting on a new page. The user signs it and posts it to the bank, which
 * compares the printed hashes with the keys it received by INI and HIA.
 *
 * EBICS 2.5 (H004) prints per key the exponent, the modulus and the SHA-256
 * public-key hash in the layout of the usual German letters: uppercase hex
 * pairs separated by single spaces, 16 pairs a line. EBICS 3.0 (H005) prints
 * the X.509 certificate (Base64 of the DER, 64 characters a line, as in PEM)
 * and the SHA-256 over its DER bytes.
 */
import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import { cachedFontkit } from './font-cache';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { certificateHash, formatHashForLetter, publicKeyHash } from '../ebics/crypto/hashes';
import { modExpOf, rsaKeyBits } from '../ebics/crypto/keys';
import { formatBusinessDate } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { loadFonts, type FontRole } from './fonts';
import { paginate, type FlowBlock, type FlowLine } from './paginate';
import { letterTexts, type KeyPurpose, type LetterLocale, type LetterTexts } from './texts';

export type EbicsLetterVersion = 'H004' | 'H005';
export type LetterKeyVersion = 'A005' | 'A006' | 'X002' | 'E002';

export interface LetterKey {
  purpose: KeyPurpose;
  version: LetterKeyVersion;
  publicKey: KeyObject;
  /** DER. Required for EBICS 3.0 (H005): the letter shows the certificate and its SHA-256. */
  certificate?: Buffer;
}

export interface InitLetterData {
  locale: LetterLocale;
  ebicsVersion: EbicsLetterVersion;
  bankName: string;
  hostId: string;
  hostUrl: string;
  partnerId: string;
  userId: string;
  /** The company. */
  customerName?: string;
  /** Business date YYYY-MM-DD, printed in the locale's format. */
  date: string;
  /** Printed on the place/date line when given; otherwise that line stays empty to fill in. */
  place?: string;
  /** Signature, authentication and encryption key, one each. */
  keys: LetterKey[];
}

export interface InitLetterOptions {
  /** Folder with the DejaVu fonts (a packaged app's resources); default resources/fonts of the repository. */
  fontDir?: string;
}

const PURPOSE_OF_VERSION: Record<LetterKeyVersion, KeyPurpose> = {
  A005: 'signature',
  A006: 'signature',
  X002: 'authentication',
  E002: 'encryption',
};

/** Hex pairs a line for moduli and hashes (a 32-byte hash: two lines). */
const PAIRS_PER_LINE = 16;
/** Base64 characters a certificate line, as in PEM. */
const BASE64_PER_LINE = 64;

function requireCertificate(key: LetterKey): Buffer {
  if (key.certificate === undefined || key.certificate.length === 0) {
    throw new KontorError('letters.certificateMissing', `An EBICS 3.0 initialisation letter needs the certificate of the ${key.version} key.`, {
      version: key.version,
    });
  }
  return key.certificate;
}

/**
 * The hash exactly as the letter prints it (uppercase hex pairs separated by
 * single spaces): for EBICS 2.5 the SHA-256 public-key hash, for EBICS 3.0
 * the SHA-256 of the certificate's DER bytes.
 */
export function letterHash(key: LetterKey, ebicsVersion: EbicsLetterVersion): string {
  if (ebicsVersion === 'H005') return formatHashForLetter(certificateHash(requireCertificate(key)));
  return formatHashForLetter(publicKeyHash(key.publicKey));
}

// ---------------------------------------------------------------- input

interface CheckedKey {
  purpose: KeyPurpose;
  version: LetterKeyVersion;
  publicKey: KeyObject;
  certificate?: X509Certificate;
  certificateDer?: Buffer;
}

function cleanText(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function requiredText(value: string, field: string): string {
  const text = cleanText(value);
  if (text === '') throw new KontorError('letters.missingField', `The initialisation letter needs the ${field}.`, { field });
  return text;
}

function checkKey(key: LetterKey, ebicsVersion: EbicsLetterVersion): CheckedKey {
  if (PURPOSE_OF_VERSION[key.version] !== key.purpose) {
    throw new KontorError('letters.badKey', `Key version ${key.version} is not a ${key.purpose} key.`, {
      version: key.version,
      purpose: key.purpose,
    });
  }
  const publicKey = key.publicKey.type === 'private' ? createPublicKey(key.publicKey) : key.publicKey;
  const checked: CheckedKey = { purpose: key.purpose, version: key.version, publicKey };
  if (ebicsVersion === 'H005') {
    const der = requireCertificate(key);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(der);
    } catch {
      throw new KontorError('letters.badCertificate', `The certificate of the ${key.version} key could not be read.`, {
        version: key.version,
      });
    }
    // The bank compares the certificate with the key it received: they must belong together.
    if (!modExpOf(certificate.publicKey).modulus.equals(modExpOf(publicKey).modulus)) {
      throw new KontorError('letters.badCertificate', `The certificate does not carry the ${key.version} key.`, {
        version: key.version,
      });
    }
    checked.certificate = certificate;
    checked.certificateDer = der;
  }
  return checked;
}

function checkKeys(keys: LetterKey[], ebicsVersion: EbicsLetterVersion): Record<KeyPurpose, CheckedKey> {
  const found: Partial<Record<KeyPurpose, CheckedKey>> = {};
  for (const key of keys) {
    if (found[key.purpose] !== undefined) {
      throw new KontorError('letters.badKey', `The letter takes one ${key.purpose} key, not several.`, { purpose: key.purpose });
    }
    found[key.purpose] = checkKey(key, ebicsVersion);
  }
  const { signature, authentication, encryption } = found;
  if (signature === undefined || authentication === undefined || encryption === undefined) {
    const missing = (['signature', 'authentication', 'encryption'] as const).filter((p) => found[p] === undefined);
    throw new KontorError('letters.missingKey', `The initialisation letter needs the ${missing.join(' and ')} key.`, {
      missing: missing.join(','),
    });
  }
  return { signature, authentication, encryption };
}

// ---------------------------------------------------------------- layout

const PAGE_WIDTH = 595.28; // A4
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 57; // 20 mm
const MARGIN_TOP = 50;
const MARGIN_BOTTOM = 64;
const FOOTER_BASELINE = 34;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const RUNNING_HEADER_HEIGHT = 30;
const LABEL_WIDTH = 150;
const CODE_INDENT = 14;
const TEXT = rgb(0, 0, 0);
const MUTED = rgb(0.35, 0.35, 0.35);
/** DejaVu's ascender and descender, in em. */
const ASCENT = 0.928;
const DESCENT = 0.236;

type Fonts = Record<FontRole, PDFFont>;

interface Line extends FlowLine {
  draw?: (page: PDFPage, top: number) => void;
}

interface TextStyle {
  font: FontRole;
  size: number;
  leading?: number;
  indent?: number;
  color?: ReturnType<typeof rgb>;
  breakBefore?: boolean;
}

/** Page y of the baseline for text of `size` centred in a line box starting `top` points below the page's top edge. */
function baselineY(top: number, height: number, size: number): number {
  return PAGE_HEIGHT - (top + (height - (ASCENT + DESCENT) * size) / 2 + ASCENT * size);
}

function spacer(height: number): Line {
  return { height };
}

function rule(height = 12): Line {
  return {
    height,
    draw: (page, top) => {
      const y = PAGE_HEIGHT - top - height / 2;
      page.drawLine({ start: { x: MARGIN_X, y }, end: { x: MARGIN_X + CONTENT_WIDTH, y }, thickness: 0.6, color: MUTED });
    },
  };
}

/**
 * Splits text into lines no wider than `width`; a word wider than a line (a
 * URL) is broken between characters. A line's width is the sum of its words
 * and spaces, each measured once (font-cache.ts keeps them): measuring every
 * growing line anew made the first letter of a session shape each
 * paragraph's text a dozen times (issue 21.5). Kerning across a space is
 * left out of the sum; DejaVu's pairs change a line by a fraction of a point.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (s: string): number => font.widthOfTextAtSize(s, size);
  const fits = (s: string): boolean => measure(s) <= width;
  const space = measure(' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const wordWidth = measure(word);
    const candidateWidth = line === '' ? wordWidth : lineWidth + space + wordWidth;
    if (candidateWidth <= width) {
      line = line === '' ? word : `${line} ${word}`;
      lineWidth = candidateWidth;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = Array.from(word);
    while (rest.length > 1 && !fits(rest.join(''))) {
      let n = rest.length - 1;
      while (n > 1 && !fits(rest.slice(0, n).join(''))) n -= 1;
      lines.push(rest.slice(0, n).join(''));
      rest = rest.slice(n);
    }
    line = rest.join('');
    lineWidth = measure(line);
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Uppercase hex pairs, `perLine` pairs a line, single spaces (the letter's format). */
export function hexPairLines(bytes: Buffer, perLine = PAIRS_PER_LINE): string[] {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) lines.push(formatHashForLetter(bytes.subarray(i, i + perLine)));
  return lines;
}

/** Base64 of the DER in lines of 64 characters, between PEM markers. */
export function certificateLines(der: Buffer): string[] {
  const base64 = der.toString('base64');
  const lines = ['-----BEGIN CERTIFICATE-----'];
  for (let i = 0; i < base64.length; i += BASE64_PER_LINE) lines.push(base64.slice(i, i + BASE64_PER_LINE));
  lines.push('-----END CERTIFICATE-----');
  return lines;
}

class Typesetter {
  constructor(readonly fonts: Fonts) {}

  line(text: string, style: TextStyle): Line {
    const height = style.leading ?? style.size * 1.4;
    const font = this.fonts[style.font];
    const x = MARGIN_X + (style.indent ?? 0);
    const color = style.color ?? TEXT;
    return {
      height,
      breakBefore: style.breakBefore,
      draw: (page, top) => page.drawText(text, { x, y: baselineY(top, height, style.size), size: style.size, font, color }),
    };
  }

  paragraph(text: string, style: TextStyle): Line[] {
    const width = CONTENT_WIDTH - (style.indent ?? 0);
    return wrapText(text, this.fonts[style.font], style.size, width).map((t) => this.line(t, style));
  }

  /** A label in the left column, the value (wrapped) in the right one. */
  field(label: string, value: string): Line[] {
    const size = 10;
    const height = 14;
    const values = wrapText(value, this.fonts.regular, size, CONTENT_WIDTH - LABEL_WIDTH);
    return values.map((text, i) => ({
      height,
      draw: (page, top) => {
        const y = baselineY(top, height, size);
        if (i === 0) page.drawText(label, { x: MARGIN_X, y, size, font: this.fonts.regular, color: MUTED });
        page.drawText(text, { x: MARGIN_X + LABEL_WIDTH, y, size, font: this.fonts.bold, color: TEXT });
      },
    }));
  }

  /** Three columns: place/date, name, signature, each a line to write on with a caption below. */
  signatureRow(captions: readonly [string, string, string], placeDate: string): Line {
    const gap = 18;
    const width = (CONTENT_WIDTH - 2 * gap) / 3;
    const height = 40;
    return {
      height,
      draw: (page, top) => {
        const lineY = PAGE_HEIGHT - top - 22;
        captions.forEach((caption, i) => {
          const x = MARGIN_X + i * (width + gap);
          page.drawLine({ start: { x, y: lineY }, end: { x: x + width, y: lineY }, thickness: 0.6, color: TEXT });
          page.drawText(caption, { x, y: lineY - 11, size: 8.5, font: this.fonts.regular, color: MUTED });
        });
        if (placeDate !== '') {
          const natural = this.fonts.regular.widthOfTextAtSize(placeDate, 10);
          const size = natural > width ? (10 * width) / natural : 10;
          page.drawText(placeDate, { x: MARGIN_X, y: lineY + 5, size, font: this.fonts.regular, color: TEXT });
        }
      },
    };
  }
}

interface LetterContext {
  data: InitLetterData;
  texts: LetterTexts;
  ts: Typesetter;
  dateText: string;
  keys: Record<KeyPurpose, CheckedKey>;
}

function certificateDate(text: string, locale: LetterLocale): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : formatBusinessDate(date.toISOString().slice(0, 10), locale);
}

/** Allows a page break only with at least two lines of the run on either side. */
function breakable(index: number, count: number): boolean {
  return index >= 2 && index <= count - 2;
}

function hashLines(ts: Typesetter, label: string, hash: string): Line[] {
  const pairs = hash.split(' ');
  const lines: Line[] = [spacer(3), ts.line(label, { font: 'regular', size: 10, leading: 15 })];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_LINE) {
    lines.push(ts.line(pairs.slice(i, i + PAIRS_PER_LINE).join(' '), { font: 'mono', size: 10.5, leading: 14.5, indent: CODE_INDENT }));
  }
  return lines;
}

function keyBlock(ctx: LetterContext, key: CheckedKey): FlowBlock<Line> {
  const { ts, texts, data } = ctx;
  const heading = `${texts.keyHeading[key.purpose]} (${key.version})`;
  const hash = letterHash({ purpose: key.purpose, version: key.version, publicKey: key.publicKey, certificate: key.certificateDer }, data.ebicsVersion);
  const label = { font: 'regular', size: 10, leading: 15 } as const;
  const code = (text: string, i: number, n: number, size: number, leading: number): Line =>
    ts.line(text, { font: 'mono', size, leading, indent: CODE_INDENT, breakBefore: breakable(i, n) });
  const lines: Line[] = [...ts.paragraph(heading, { font: 'bold', size: 11, leading: 17 }), spacer(2)];

  if (data.ebicsVersion === 'H005' && key.certificate !== undefined && key.certificateDer !== undefined) {
    const cert = key.certificate;
    const subject = cert.subject.split('\n').join(', ');
    lines.push(...ts.paragraph(`${texts.certificateSubject} ${subject}`, label));
    const validity = texts.certificateValidity(certificateDate(cert.validFrom, data.locale), certificateDate(cert.validTo, data.locale));
    lines.push(ts.line(validity, label), spacer(3), ts.line(texts.certificate, label));
    const body = certificateLines(key.certificateDer);
    body.forEach((text, i) => lines.push(code(text, i, body.length, 9, 11.5)));
    lines.push(...hashLines(ts, texts.certificateHash, hash));
    return {
      lines,
      spaceBefore: 16,
      continuation: [ts.line(`${heading}: ${texts.certificate.replace(/:$/, '')}, ${texts.continued}`, label)],
    };
  }

  const { modulus, exponent } = modExpOf(key.publicKey);
  lines.push(ts.line(texts.exponent(exponent.length * 8), label));
  lines.push(ts.line(exponent.toString('hex').toUpperCase(), { font: 'mono', size: 10, leading: 14, indent: CODE_INDENT }));
  const modulusLabel = texts.modulus(rsaKeyBits(key.publicKey));
  lines.push(spacer(3), ts.line(modulusLabel, label));
  const body = hexPairLines(modulus);
  body.forEach((text, i) => lines.push(code(text, i, body.length, 10, 12.5)));
  lines.push(...hashLines(ts, texts.publicKeyHash, hash));
  return {
    lines,
    spaceBefore: 16,
    continuation: [ts.line(`${heading}: ${modulusLabel.replace(/:$/, '')}, ${texts.continued}`, label)],
  };
}

function headerBlocks(ctx: LetterContext, title: string, subtitle: string): FlowBlock<Line>[] {
  const { ts, texts, data } = ctx;
  const fields: Array<[string, string]> = [
    [texts.date, ctx.dateText],
    [texts.bank, data.bankName],
    [texts.hostId, data.hostId],
    [texts.hostUrl, data.hostUrl],
    [texts.partnerId, data.partnerId],
    [texts.userId, data.userId],
  ];
  if (data.customerName !== undefined && data.customerName !== '') fields.push([texts.customer, data.customerName]);
  fields.push([texts.ebicsVersion, data.ebicsVersion === 'H005' ? '3.0 (H005)' : '2.5 (H004)']);
  return [
    {
      lines: [
        ts.line(title, { font: 'bold', size: 18, leading: 26 }),
        ...ts.paragraph(subtitle, { font: 'regular', size: 10.5, leading: 15, color: MUTED }),
        rule(14),
      ],
    },
    { lines: [...fields.flatMap(([label, value]) => ts.field(label, value)), rule(14)] },
  ];
}

function closingBlock(ctx: LetterContext, confirmation: string): FlowBlock<Line> {
  const { ts, texts, data } = ctx;
  const placeDate = data.place !== undefined && data.place !== '' ? `${data.place}, ${ctx.dateText}` : '';
  return {
    spaceBefore: 22,
    lines: [
      ...ts.paragraph(confirmation, { font: 'regular', size: 10, leading: 14 }),
      spacer(36),
      ts.signatureRow([texts.placeDate, texts.name, texts.signature], placeDate),
    ],
  };
}

interface LetterPart {
  title: string;
  blocks: FlowBlock<Line>[];
}

function drawLetter(pdf: PDFDocument, ctx: LetterContext, part: LetterPart): void {
  const { ts, texts, data } = ctx;
  const pages = paginate(part.blocks, {
    first: PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
    next: PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - RUNNING_HEADER_HEIGHT,
  });
  const footer = `${part.title} · ${texts.userIdShort} ${data.userId} · ${texts.partnerIdShort} ${data.partnerId} · ${data.hostId}`;
  pages.forEach((placed, index) => {
    const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    let origin = MARGIN_TOP;
    if (index > 0) {
      ts.line(`${part.title} (${texts.continued})`, { font: 'bold', size: 12, leading: 18 }).draw?.(page, origin);
      rule(12).draw?.(page, origin + 18);
      origin += RUNNING_HEADER_HEIGHT;
    }
    for (const { line, top } of placed) line.draw?.(page, origin + top);

    const pageText = texts.page(index + 1, pages.length);
    const size = 8;
    const pageWidth = ts.fonts.regular.widthOfTextAtSize(pageText, size);
    const footerLines = wrapText(footer, ts.fonts.regular, size, CONTENT_WIDTH - pageWidth - 20);
    footerLines.forEach((text, i) => {
      page.drawText(text, { x: MARGIN_X, y: FOOTER_BASELINE - i * 10, size, font: ts.fonts.regular, color: MUTED });
    });
    page.drawText(pageText, { x: MARGIN_X + CONTENT_WIDTH - pageWidth, y: FOOTER_BASELINE, size, font: ts.fonts.regular, color: MUTED });
  });
}

/**
 * The INI and HIA letters as one PDF (A4; German or English). Throws a
 * KontorError when a required field, a key or (for EBICS 3.0) a certificate is
 * missing or does not fit, and a RangeError for a date that is not YYYY-MM-DD.
 */
export async function buildInitialisationLetter(input: InitLetterData, options: InitLetterOptions = {}): Promise<Uint8Array> {
  const data: InitLetterData = {
    ...input,
    bankName: requiredText(input.bankName, 'bank name'),
    hostId: requiredText(input.hostId, 'host ID'),
    hostUrl: requiredText(input.hostUrl, 'host URL'),
    partnerId: requiredText(input.partnerId, 'partner ID'),
    userId: requiredText(input.userId, 'user ID'),
    customerName: cleanText(input.customerName),
    place: cleanText(input.place),
  };
  const keys = checkKeys(input.keys, data.ebicsVersion);
  const dateText = formatBusinessDate(data.date, data.locale);
  const texts = letterTexts(data.locale);

  const fontBytes = await loadFonts(options.fontDir);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(cachedFontkit);
  const fonts: Fonts = {
    regular: await pdf.embedFont(fontBytes.regular, { subset: true }),
    bold: await pdf.embedFont(fontBytes.bold, { subset: true }),
    mono: await pdf.embedFont(fontBytes.mono, { subset: true }),
  };
  const ctx: LetterContext = { data, texts, ts: new Typesetter(fonts), dateText, keys };
  const withCertificates = data.ebicsVersion === 'H005';

  pdf.setTitle(`${texts.iniTitle} / ${texts.hiaTitle} – ${data.userId}`);
  pdf.setSubject(`EBICS ${data.hostId} ${data.partnerId} ${data.userId}`);
  if (data.customerName !== '' && data.customerName !== undefined) pdf.setAuthor(data.customerName);
  pdf.setCreator('Kontor');
  pdf.setProducer('Kontor');
  pdf.setLanguage(data.locale === 'de' ? 'de-DE' : 'en');

  drawLetter(pdf, ctx, {
    title: texts.iniTitle,
    blocks: [...headerBlocks(ctx, texts.iniTitle, texts.iniSubtitle), keyBlock(ctx, keys.signature), closingBlock(ctx, texts.confirmIni(withCertificates))],
  });
  drawLetter(pdf, ctx, {
    title: texts.hiaTitle,
    blocks: [
      ...headerBlocks(ctx, texts.hiaTitle, texts.hiaSubtitle),
      keyBlock(ctx, keys.authentication),
      keyBlock(ctx, keys.encryption),
      closingBlock(ctx, texts.confirmHia(withCertificates)),
    ],
  });
  return pdf.save();
}
