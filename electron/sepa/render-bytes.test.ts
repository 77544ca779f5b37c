/**
 * The byte writer (render-bytes.ts, byte-out.ts) against the reference
 * serialiser (xmlbuilder2, render.ts writeDocument) on input like a
 * treasury's: the benchmark's realistic lines (German and European names
 * with umlauts, `&` and quotes, 140-character texts and longer ones to cut,
 * IBANs of ten countries, 30 % of payees without BIC, repeated payees), in
 * all four formats, with and without the German character set, SEPA
 * Instant blocks beside plain ones. Same bytes in one buffer and in chunks,
 * and the file valid against the ISO schema.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realisticDebitLines, realisticTransferLines } from '../../test/bench/inputs/payments';
import { REFERENCE_DIR, xmllintErrors, xmllintSkipReason } from '../../test/support/reference';
import { buildPaymentFile, writePaymentFile } from './build';
import { groupCreditTransfers, groupDirectDebits } from './group';
import { SepaIdSequence } from './ids';
import { PAIN_FORMATS, type PainFormat, type PaymentFileInput } from './model';

const XSD_DIR = join(REFERENCE_DIR, 'xsd', 'iso');
const xsdSkip = xmllintSkipReason(XSD_DIR);
if (xsdSkip) console.warn(`SEPA byte writer: ${xsdSkip}`);

const N = 1_000;

/** The realistic lines of `format` as one file; transfer blocks alternately instant. */
function realisticInput(format: PainFormat): PaymentFileInput {
  const ids = new SepaIdSequence('KONTOR', '2026-11-21');
  const next = { nextPaymentInfoId: () => ids.next() };
  const file = { messageId: 'KONTOR-20261121-MSG-1', createdAt: '2026-11-21T09:30:00Z', initiatingParty: 'Müller & Söhne „Treasury“ GmbH' };
  if (format.startsWith('pain.001')) {
    const [grouped] = groupCreditTransfers(realisticTransferLines(N, 31), next);
    const blocks = grouped!.blocks.map((b, i) => ({ ...b, instant: i % 2 === 0 }));
    return { ...file, format, blocks } as PaymentFileInput;
  }
  const [grouped] = groupDirectDebits(realisticDebitLines(N, 32), next);
  return { ...file, format, blocks: grouped!.blocks } as PaymentFileInput;
}

describe.each(PAIN_FORMATS)('the byte writer on realistic input (%s)', (format) => {
  it.each([false, true])('writes the reference serialiser’s bytes, in one buffer and in chunks (German set: %s)', (german) => {
    const input = realisticInput(format);
    const direct = buildPaymentFile(input, { german });
    const reference = buildPaymentFile(input, { german, serializer: 'xmlbuilder2' });
    expect(direct.xml.equals(reference.xml)).toBe(true);
    expect(direct.sha256).toBe(reference.sha256);
    expect(direct.xml.buffer.byteLength).toBe(direct.xml.length);

    const chunks: Buffer[] = [];
    const streamed = writePaymentFile(input, (c) => chunks.push(c), { german });
    expect(Buffer.concat(chunks).equals(reference.xml)).toBe(true);
    expect(streamed.sha256).toBe(reference.sha256);

    // The input is as varied as it claims: no BIC, several countries, texts changed, escaped markup, instant blocks.
    const text = direct.xml.toString('utf8');
    expect(text).toContain('NOTPROVIDED');
    expect(new Set([...text.matchAll(/<IBAN>([A-Z]{2})/g)].map((m) => m[1])).size).toBeGreaterThanOrEqual(8);
    expect(direct.warnings.some((w) => w.code === 'sepa.transliterated')).toBe(true);
    if (german) expect(text).toMatch(/&amp;.*[ÄÖÜäöüß]/s);
    else expect(text).not.toMatch(/[^\x20-\x7e]/);
    if (format.startsWith('pain.001')) expect(text).toContain('<LclInstrm><Cd>INST</Cd></LclInstrm>');
  });

  it.skipIf(xsdSkip)('validates against the ISO schema', () => {
    for (const german of [false, true]) {
      expect(xmllintErrors(buildPaymentFile(realisticInput(format), { german }).xml.toString('utf8'), join(XSD_DIR, `${format}.xsd`))).toEqual([]);
    }
  });
});
