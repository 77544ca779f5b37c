/** The control list read back as the signer reads it (pdftotext): the run's facts, every payment, names as written. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildControlList, type ControlListData } from './control-list';

const noPdftotext = spawnSync('pdftotext', ['-v']).error !== undefined;
if (noPdftotext && process.env.CI) throw new Error('pdftotext (poppler-utils) is required on CI');
if (noPdftotext) console.warn('Skipping the control list read-back: pdftotext (poppler-utils) is not installed.');

function textOf(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-control-'));
  try {
    const file = join(dir, 'list.pdf');
    writeFileSync(file, pdf);
    return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const data = (n: number): ControlListData => ({
  locale: 'de',
  orderId: 7,
  kind: 'credit_transfer',
  messageId: 'KONTOR-20261125-000001',
  sha256: 'ab'.repeat(32),
  date: '2026-11-27',
  currency: 'EUR',
  totalCents: n * 125_000,
  bankAccount: { name: 'Geschäftskonto', iban: 'DE89370400440532013000' },
  bank: 'Demobank (KONTORDEMO)',
  builtBy: 'Bernd Buchhalter',
  approvedBy: 'Erika Freigabe',
  printedAt: '2026-11-25T09:00:00.000Z',
  payments: Array.from({ length: n }, (_, i) => ({
    entryNumber: `ER-${4711 + i}`,
    counterparty: i === 0 ? 'Schreinerei Holzwurm & Söhne GmbH' : `Lieferant ${i}`,
    iban: 'DE02120300000000202051',
    amountCents: 125_000,
    reference: null,
  })),
});

describe('control list', () => {
  it('carries the German title and runs onto further pages for a long run', async () => {
    const one = await PDFDocument.load(await buildControlList(data(1)));
    expect(one.getTitle()).toBe('Kontrollliste zum Zahlungsauftrag 7');
    expect(one.getPageCount()).toBe(1);
    expect((await PDFDocument.load(await buildControlList(data(120)))).getPageCount()).toBeGreaterThan(2);
  });

  it.skipIf(noPdftotext)('prints the facts, each payment with its IBAN and amount, and names with umlauts', async () => {
    const text = textOf(await buildControlList(data(2)));
    for (const expected of [
      'Kontrollliste zum Zahlungsauftrag 7',
      'Ausführungsdatum',
      '27.11.2026',
      '2.500,00 EUR',
      'DE89370400440532013000',
      'Demobank (KONTORDEMO)',
      'Erika Freigabe',
      'ER-4711',
      'Schreinerei Holzwurm & Söhne GmbH',
      '1.250,00',
      'Bei der Bank unterschrieben',
    ])
      expect(text).toContain(expected);
  });
});
