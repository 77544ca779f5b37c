/**
 * Test and benchmark support: deterministic payment file inputs (a seeded
 * generator, the same bytes every run) with valid IBANs, BICs and creditor
 * identifiers.
 */
import { creditorIdCheckDigits } from '../../shared/ids';
import type { CreditTransferBlock, CreditTransferFileInput, DirectDebitBlock, DirectDebitFileInput, Party, SequenceType } from './model';

/** A small seeded generator (LCG), as test/bench/figure.ts `seeded`. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** IBAN check digits for a country and BBAN: 98 − (BBAN + country + "00" mod 97). */
export function ibanCheckDigits(country: string, bban: string): string {
  let r = 0;
  for (const ch of `${bban}${country}00`) {
    const v = parseInt(ch, 36);
    r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
  }
  return String(98 - r).padStart(2, '0');
}

/** A valid German IBAN: bank code and account number from `n`. */
export function germanIban(n: number, bankCode = '37040044'): string {
  const bban = `${bankCode}${String(n % 1e10).padStart(10, '0')}`;
  return `DE${ibanCheckDigits('DE', bban)}${bban}`;
}

export const OUR_IBAN = 'DE89370400440532013000';
export const OUR_BIC = 'COBADEFFXXX';
export const OTHER_IBAN = germanIban(7_777_777, '50010517');
export const CREDITOR_ID = 'DE98ZZZ09999999999';
export const OTHER_CREDITOR_ID = `DE${creditorIdCheckDigits('DE', '00000123456')}ZZZ00000123456`;
export const BICS = ['COBADEFFXXX', 'DEUTDEFF', 'BYLADEM1001', 'GENODEF1S04', 'INGDDEFFXXX'] as const;

const FIRST = ['Anna', 'Jonas', 'Lea', 'Paul', 'Marie', 'Felix', 'Sophie', 'Lukas', 'Emma', 'Leon'];
const LAST = ['Schmidt', 'Meyer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf'];

/** A counterparty from `i` (deterministic; every third without BIC). */
export function party(i: number, random: () => number): Party {
  const name = `${FIRST[i % FIRST.length] ?? 'Anna'} ${LAST[Math.floor(random() * LAST.length)] ?? 'Wolf'} ${i}`;
  const p: Party = { name, iban: germanIban(100_000 + i) };
  if (i % 3 !== 0) p.bic = BICS[i % BICS.length] ?? null;
  return p;
}

/** 1 cent to 99,999.99 EUR, skewed towards small amounts, now and then the maximum. */
export function amount(i: number, random: () => number): number {
  if (i % 9973 === 1) return 99_999_999_999;
  return 1 + Math.floor(random() ** 3 * 9_999_999);
}

export interface GeneratedOptions {
  n: number;
  seed: number;
  /** Blocks to spread the transactions over (different dates and accounts), default 1. */
  blocks?: number;
}

export function creditTransferInput(format: CreditTransferFileInput['format'], o: GeneratedOptions): CreditTransferFileInput {
  const random = seededRandom(o.seed);
  const blockCount = o.blocks ?? 1;
  const blocks: CreditTransferBlock[] = [];
  for (let b = 0; b < blockCount; b++) {
    blocks.push({
      paymentInfoId: `KONTOR-20261123-000001-${String(b + 1).padStart(3, '0')}`,
      executionDate: b % 2 === 0 ? '2026-11-23' : '2026-11-24',
      batchBooking: true,
      debtor: b % 2 === 0 ? { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC } : { name: 'Kontor Demo GmbH', iban: OTHER_IBAN },
      transactions: [],
    });
  }
  for (let i = 0; i < o.n; i++) {
    blocks[i % blockCount]?.transactions.push({
      endToEndId: `KONTOR-E2E-${String(i + 1).padStart(8, '0')}`,
      amountCents: amount(i, random),
      creditor: party(i, random),
      remittance: i % 4 === 3 ? null : `Invoice RE-2026-${String(i).padStart(6, '0')} of 2026-11-01`,
      ...(i % 10 === 0 ? { purposeCode: 'SUPP' } : {}),
    });
  }
  return { format, messageId: 'KONTOR-20261123-000001', createdAt: '2026-11-21T09:30:00.000Z', initiatingParty: 'Kontor Demo GmbH', blocks };
}

const SEQUENCES: SequenceType[] = ['FRST', 'RCUR', 'OOFF', 'FNAL'];

export function directDebitInput(format: DirectDebitFileInput['format'], o: GeneratedOptions & { scheme?: 'CORE' | 'B2B' }): DirectDebitFileInput {
  const random = seededRandom(o.seed);
  const blockCount = o.blocks ?? 1;
  const blocks: DirectDebitBlock[] = [];
  for (let b = 0; b < blockCount; b++) {
    blocks.push({
      paymentInfoId: `KONTOR-20261123-000002-${String(b + 1).padStart(3, '0')}`,
      collectionDate: b % 2 === 0 ? '2026-11-25' : '2026-11-26',
      batchBooking: b % 3 !== 2,
      scheme: o.scheme ?? 'CORE',
      sequenceType: SEQUENCES[b % SEQUENCES.length] ?? 'RCUR',
      creditor: b % 2 === 0 ? { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC } : { name: 'Kontor Demo GmbH', iban: OTHER_IBAN },
      creditorId: b % 2 === 0 ? CREDITOR_ID : OTHER_CREDITOR_ID,
      transactions: [],
    });
  }
  for (let i = 0; i < o.n; i++) {
    const block = blocks[i % blockCount];
    block?.transactions.push({
      endToEndId: `KONTOR-DD-${String(i + 1).padStart(8, '0')}`,
      amountCents: amount(i, random),
      debtor: party(i, random),
      mandateId: `MANDATE-${String(Math.floor(i / 2)).padStart(7, '0')}`,
      mandateSignedOn: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      sequenceType: block.sequenceType,
      remittance: i % 5 === 4 ? null : `Membership fee 2026 member ${i}`,
    });
  }
  return { format, messageId: 'KONTOR-20261123-000002', createdAt: '2026-11-21T09:30:00.000Z', initiatingParty: 'Kontor Demo GmbH', blocks };
}
