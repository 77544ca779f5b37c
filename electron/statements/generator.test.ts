/**
 * The benchmark inputs (test/bench/inputs/statements.ts): deterministic,
 * valid, and parsed back to what was generated.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCamt053, generateMt940 } from '../../test/bench/inputs/statements';
import { REFERENCE_DIR, xmllintErrors, xmllintSkipReason } from '../../test/support/reference';
import { parseStatementBytes } from './parse';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const SCHEMAS = join(REFERENCE_DIR, 'xsd', 'iso');
const xsdSkip = xmllintSkipReason(SCHEMAS);

describe('statement benchmark inputs', () => {
  it('are the same bytes for the same seed, different for another', () => {
    expect(sha(generateCamt053(300, 1))).toBe(sha(generateCamt053(300, 1)));
    expect(sha(generateCamt053(300, 1))).not.toBe(sha(generateCamt053(300, 2)));
    expect(sha(generateMt940(300, 1))).toBe(sha(generateMt940(300, 1)));
    expect(sha(generateMt940(300, 1))).not.toBe(sha(generateMt940(300, 2)));
  });

  it('camt.053.001.08: one statement, n entries, balances that add up, details read back', () => {
    const bytes = generateCamt053(500, 42);
    const { statements } = parseStatementBytes(bytes);
    expect(statements).toHaveLength(1);
    const st = statements[0]!;
    expect(st).toMatchObject({ messageName: 'camt.053.001.08', balanceCheck: { ok: true }, warnings: [] });
    expect(st.lines).toHaveLength(500);
    expect(st.lines.some((l) => (l.batchCount ?? 0) > 1)).toBe(true);
    expect(st.lines.some((l) => l.mandateId !== undefined && l.creditorId === 'DE98ZZZ09999999999')).toBe(true);
    for (const l of st.lines) {
      expect(l.bankTxCode).toMatch(/^PMNT\//);
      expect(l.bankTxCodeProprietary).toMatch(/^DK:NTRF\+1\d\d\+00931$/);
      expect(l.transactions.reduce((s, t) => s + (t.amountCents ?? 0), 0)).toBe(l.amountCents);
      if (l.batchCount === undefined) {
        expect(l.counterparty?.iban).toMatch(/^DE\d{20}$/);
        expect(l.counterparty?.iban).not.toBe(st.account.iban);
        expect(l.remittance).toMatch(/ vom 2025-03-/);
      }
    }
  });

  it.skipIf(xsdSkip !== undefined)(`camt.053.001.08 output validates against the ISO schema${xsdSkip ? ` (${xsdSkip})` : ''}`, () => {
    expect(xmllintErrors(generateCamt053(50, 3).toString('utf8'), join(SCHEMAS, 'camt.053.001.08.xsd'))).toEqual([]);
  });

  it('MT940: statements of 1,000 lines, each adding up and opening with the previous closing; Latin-1 names', () => {
    const bytes = generateMt940(2500, 42);
    const { statements } = parseStatementBytes(bytes);
    expect(statements.map((s) => s.lines.length)).toEqual([1000, 1000, 500]);
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i]!;
      expect(st.balanceCheck?.ok).toBe(true);
      expect(st.warnings).toEqual([]);
      if (i > 0) expect(st.opening?.amountCents).toBe(statements[i - 1]!.closing?.amountCents);
    }
    const lines = statements.flatMap((s) => s.lines);
    for (const l of lines) {
      expect(l.endToEndId).toMatch(/^E2E-42-\d+$/);
      expect(l.remittance).toMatch(/ vom \d{4}-\d{2}-\d{2} Kunde \d{6}$/);
      expect(l.counterparty?.iban).toMatch(/^DE\d{20}$/);
    }
    expect(lines.some((l) => /[äöüÄÖÜß]/.test(l.counterparty?.name ?? ''))).toBe(true);
    expect(lines.some((l) => l.mandateId !== undefined && l.creditorId === 'DE98ZZZ09999999999')).toBe(true);
  });
});
