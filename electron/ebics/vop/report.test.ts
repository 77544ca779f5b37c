import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVopReport } from './report';

const sample = (name: string) => readFileSync(join(__dirname, 'samples', name), 'utf8');
const v10 = sample('vpz-pain.002.001.10.xml');

describe('the VoP result report (pain.002 with DK codes)', () => {
  it('reads each payment’s result, the name the payee’s bank holds, and counts and sums per result', () => {
    const r = parseVopReport(v10);
    expect(r.originalMessageId).toBe('KONTOR-20261123-0007');
    expect(r.transactions.map((t) => [t.endToEndId, t.code, t.result])).toEqual([
      ['ER-100', 'RCVC', 'match'],
      ['ER-101', 'RVMC', 'closeMatch'],
      ['ER-102', 'RVNM', 'noMatch'],
      ['ER-103', 'RVNA', 'notPossible'],
    ]);
    expect(r.transactions[1]).toMatchObject({
      submittedName: 'Mueller und Soehne',
      bankName: 'Müller & Söhne KG',
      iban: 'DE89370400440532013000',
      amountCents: 50055,
    });
    expect(r.transactions[3]?.reason).toMatch(/did not answer/);
    expect(r.summary).toEqual({
      match: { count: 1, amountCents: 100000 },
      closeMatch: { count: 1, amountCents: 50055 },
      noMatch: { count: 1, amountCents: 20000 },
      notPossible: { count: 1, amountCents: 1055 },
      pending: { count: 0, amountCents: 0 },
    });
  });

  it('reads pain.002.001.14, typographic quotes around the held name and a pending result', () => {
    const r = parseVopReport(sample('vpz-pain.002.001.14.xml'));
    expect(r.transactions.map((t) => t.result)).toEqual(['closeMatch', 'pending']);
    expect(r.transactions[0]?.bankName).toBe('Nordlicht Energie AG');
  });

  it.each([
    ['a payment status code that is no VoP result', v10.replace('<TxSts>RVNM</TxSts>', '<TxSts>ACSC</TxSts>'), /ACSC, which is no payee verification result/],
    ['a transaction without result', v10.replace('<TxSts>RCVC</TxSts>', ''), /TxSts is missing/],
    ['a close match without the held name', v10.replace(/<StsRsnInf><AddtlInf>"Müller[^<]*<\/AddtlInf><\/StsRsnInf>/, ''), /close match without the name/],
    ['another message (pain.002.001.03)', v10.replaceAll('pain.002.001.10', 'pain.002.001.03'), /expected a pain\.002\.001\.10 or \.14 document/],
    ['a report without payments', v10.replace(/<OrgnlPmtInfAndSts>[\s\S]*<\/OrgnlPmtInfAndSts>/, ''), /names no payment/],
    ['no XML at all', 'PK\u0003\u0004 not xml', /cannot be read/],
    ['a wrong amount', v10.replace('1000.00', '1.000,00'), /amount of transaction ER-100 is not a decimal amount/],
  ])('refuses %s with a clear typed error', (_name, xml, message) => {
    expect(() => parseVopReport(xml)).toThrow(message);
    expect(() => parseVopReport(xml)).toThrow(expect.objectContaining({ code: 'vop.reportMalformed' }));
  });
});
