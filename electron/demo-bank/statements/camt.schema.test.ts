import { describe, expect, it } from 'vitest';
import { buildCamt } from './camt';
import { ACCOUNT, booking, HISTORY, PERIOD } from './test-fixtures';
import { schemaAvailability, validateAgainstSchema } from '../../../test/support/iso-xsd';

const availability = schemaAvailability();
const skipped = availability.available ? '' : ` (skipped: ${availability.reason})`;
if (!availability.available && !availability.mustFail) console.warn(`camt schema validation skipped: ${availability.reason}`);

const common = {
  account: ACCOUNT,
  ...PERIOD,
  statementId: 'STMT-2026-0001',
  sequenceNumber: 1,
  openingCents: -250_000,
  messageId: 'KONTOR-DEMO-0001',
  createdAt: '2026-05-01T04:30:00.000Z',
};

describe.skipIf(!availability.available)(`camt output against the ISO 20022 schemas${skipped}`, () => {
  for (const kind of ['052', '053', '054'] as const) {
    for (const version of ['02', '08'] as const) {
      it(`camt.${kind}.001.${version} built from the seeded history validates`, () => {
        const xml = buildCamt(kind, version, { ...common, bookings: HISTORY });
        const result = validateAgainstSchema(xml, `camt.${kind}.001.${version}.xsd`);
        expect(result.output).toContain('validates');
        expect(result.valid, result.output).toBe(true);
      });
    }
  }

  it('a document with &, < and umlauts in names and remittance still validates', () => {
    const awkward = booking({
      counterpartyName: 'Müller & <Söhne> GmbH',
      remittance: `Rechnung <RE-2026-0042> & Zubehör ${'ÄÖÜäöüß '.repeat(30)}`,
    });
    for (const version of ['02', '08'] as const) {
      const xml = buildCamt('053', version, { ...common, bookings: [awkward] });
      const result = validateAgainstSchema(xml, `camt.053.001.${version}.xsd`);
      expect(result.valid, result.output).toBe(true);
    }
  });

  it('an empty period still gives a valid statement', () => {
    const xml = buildCamt('053', '08', { ...common, bookings: [], from: '2026-04-04', to: '2026-04-05' });
    expect(validateAgainstSchema(xml, 'camt.053.001.08.xsd').valid).toBe(true);
  });

  it('xmllint rejects a broken document (the check can fail)', () => {
    const xml = buildCamt('053', '08', { ...common, bookings: HISTORY })
      .replace('<Sts>', '<Status>')
      .replace('</Sts>', '</Status>');
    expect(validateAgainstSchema(xml, 'camt.053.001.08.xsd').valid).toBe(false);
  });
});

it.runIf(!availability.available && availability.mustFail)('xmllint is installed on CI', () => {
  expect.fail(availability.available ? '' : availability.reason);
});
