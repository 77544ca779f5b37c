/**
 * SEPA Instant in the payment file: a block marked instant carries the local
 * instrument INST beside the service level SEPA (`PmtTpInf`), in pain.001.001.09
 * and .03 alike; the file stays schema-valid, both serialisers write the same
 * bytes, the size computed first is exact, and a plain block is unchanged.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR, xmllintErrors, xmllintSkipReason } from '../../test/support/reference';
import { buildPaymentFile } from './build';
import type { CreditTransferFileInput } from './model';
import { creditTransferInput } from './test-fixtures';

const XSD_DIR = join(REFERENCE_DIR, 'xsd', 'iso');
const xsdSkip = xmllintSkipReason(XSD_DIR);
if (xsdSkip) console.warn(`SEPA instant: ${xsdSkip}`);

const FORMATS = ['pain.001.001.09', 'pain.001.001.03'] as const;

function instantInput(format: CreditTransferFileInput['format'], instant: boolean): CreditTransferFileInput {
  const input = creditTransferInput(format, { n: 6, seed: 19, blocks: 2 });
  return { ...input, blocks: input.blocks.map((b) => ({ ...b, instant })) };
}

/** Every `PmtTpInf` of the file, as written. */
function paymentTypes(xml: Buffer): string[] {
  return [...xml.toString('utf8').matchAll(/<PmtTpInf>.*?<\/PmtTpInf>/g)].map((m) => m[0]);
}

describe.each(FORMATS)('an instant credit transfer file (%s)', (format) => {
  it('writes LclInstrm/Cd INST after SvcLvl/Cd SEPA in every block', () => {
    const file = buildPaymentFile(instantInput(format, true));
    const types = paymentTypes(file.xml);
    expect(types).toHaveLength(2);
    for (const t of types) expect(t).toBe('<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>INST</Cd></LclInstrm></PmtTpInf>');
  });

  it('leaves a plain transfer without a local instrument', () => {
    for (const t of paymentTypes(buildPaymentFile(instantInput(format, false)).xml)) expect(t).toBe('<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>');
  });

  it('is the same byte for byte with both serialisers, in a buffer of exactly its size', () => {
    const direct = buildPaymentFile(instantInput(format, true));
    const builder = buildPaymentFile(instantInput(format, true), { serializer: 'xmlbuilder2' });
    expect(builder.xml.equals(direct.xml)).toBe(true);
    expect(direct.bytes).toBe(direct.xml.length);
    expect(direct.xml.buffer.byteLength).toBe(direct.xml.length);
  });

  it.skipIf(xsdSkip)('validates against the ISO schema', () => {
    expect(xmllintErrors(buildPaymentFile(instantInput(format, true)).xml.toString('utf8'), join(XSD_DIR, `${format}.xsd`))).toEqual([]);
  });
});
