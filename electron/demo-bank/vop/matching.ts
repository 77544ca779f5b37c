/**
 * The payee check as banks do it (EPC VoP rulebook: match, close match, no
 * match, check not possible), against the demo bank's register of account
 * holders:
 *
 * - match: the name as registered (spaces aside);
 * - close match: the same after ignoring case, diacritics (ä = ae = a),
 *   "&" vs "und", punctuation, legal-form words (GmbH, AG, KG, SARL, …) and
 *   word order; or at most a small typo (1 edit up to 10 letters, 2 above);
 *   the bank's name is returned;
 * - no match: any other name, or an account the payee's bank does not hold;
 * - not possible: the payee's bank takes no part in the check (its bank code
 *   is in neither the register nor the bank's own accounts).
 */
import { DEMO_BANK_CODE } from '../ids';
import type { Holder } from '../store/payee-register';

export type PayeeCheck = { code: 'RCVC' } | { code: 'RVMC'; bankName: string } | { code: 'RVNM' } | { code: 'RVNA'; reason: string };

const LEGAL_FORMS = new Set([
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ohg',
  'gbr',
  'ug',
  'ek',
  'ev',
  'eg',
  'se',
  'co',
  'haftungsbeschrankt',
  'sarl',
  'sa',
  'sas',
  'ltd',
  'limited',
  'inc',
  'llc',
  'plc',
  'bv',
  'nv',
  'srl',
  'spa',
  'oy',
  'ab',
  'as',
  'aps',
]);

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Lower case, umlauts as their German spelling, then without diacritics, "&" as "und", legal forms and punctuation gone, words sorted. */
export function normaliseName(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/&/g, ' und ')
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !LEGAL_FORMS.has(w));
  return words.sort().join(' ');
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** The bank an IBAN belongs to, for deciding whether it takes part: country and the first eight BBAN characters. */
export const bankOf = (iban: string) => `${iban.slice(0, 2)}${iban.slice(4, 12)}`;

export function checkPayee(register: readonly Holder[], iban: string, name: string): PayeeCheck {
  const holder = register.find((h) => h.iban === iban);
  if (!holder) {
    const known = new Set(register.map((h) => bankOf(h.iban)));
    known.add(`DE${DEMO_BANK_CODE}`);
    if (!known.has(bankOf(iban))) return { code: 'RVNA', reason: 'The payee’s bank does not take part in the verification of payee' };
    return { code: 'RVNM' };
  }
  if (collapse(holder.name) === collapse(name)) return { code: 'RCVC' };
  const a = normaliseName(holder.name);
  const b = normaliseName(name);
  if (a === '' || b === '') return { code: 'RVNM' };
  const limit = Math.max(a.length, b.length) > 10 ? 2 : 1;
  if (a === b || editDistance(a, b, limit) <= limit) return { code: 'RVMC', bankName: holder.name };
  return { code: 'RVNM' };
}
