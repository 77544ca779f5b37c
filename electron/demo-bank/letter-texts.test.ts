import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/dates';
import { tempDir } from '../../test/support/demo-bank';
import { openBankAdmin } from './admin';
import { bankLetterTexts } from './letter-texts';
import { activate, addSubscriber, userLetter } from './subscribers';
import { findSubscriber, markReady } from './store/subscribers';

/** Words a letter may carry in either language: names, formats, numbers. */
const SAME_IN_BOTH = /^(Kontor|Demo|Bank|Host|URL|EBICS|HPB|INI|HIA|X002|E002|IBAN|BIC|EUR|KONTORDEMO|[0-9A-F ]+)$/;

function englishWords(): string[] {
  const en = bankLetterTexts('en');
  const texts = Object.values(en).map((v) => (typeof v === 'function' ? (v as (x: unknown) => string)(2048) : String(v)));
  return [...new Set(texts.join(' ').match(/[A-Za-z]{3,}/g) ?? [])].filter((w) => !SAME_IN_BOTH.test(w));
}

describe('the demo bank writes its letters in the customer’s language', () => {
  const dir = tempDir('kontor-letters-');
  let admin: ReturnType<typeof openBankAdmin>;

  beforeAll(() => {
    admin = openBankAdmin(dir.path, { url: 'http://127.0.0.1:18443/ebicsweb', clock: fixedClock('2026-11-25T09:00:00Z') });
    addSubscriber(admin, { partnerId: 'PARTNER1', userId: 'USER1', name: 'Müller & Söhne GmbH' });
  });
  afterAll(() => {
    admin.close();
    dir.remove();
  });

  it('German user letter: German labels, none of the English words, the same facts', () => {
    const de = userLetter(admin, 'PARTNER1', 'USER1', 'de');
    const en = userLetter(admin, 'PARTNER1', 'USER1', 'en');
    for (const s of ['Ihr EBICS-Zugang', 'Kunde:', 'Kunden-ID:', 'Teilnehmer-ID:', 'Konten:', 'Initialisierungsbrief']) expect(de).toContain(s);
    const words = new Set(de.match(/[A-Za-zÄÖÜäöüß]{3,}/g));
    const english = englishWords().filter((w) => words.has(w));
    expect(english, de).toEqual([]);
    for (const fact of ['http://127.0.0.1:18443/ebicsweb', 'PARTNER1', 'USER1', 'Müller & Söhne GmbH']) {
      expect(de).toContain(fact);
      expect(en).toContain(fact);
    }
  });

  it('English stays the default, with its values in one column', () => {
    const en = userLetter(admin, 'PARTNER1', 'USER1');
    expect(en).toContain('Partner ID:      PARTNER1');
    expect(en).toContain('Host URL:        http://127.0.0.1:18443/ebicsweb');
  });

  it('German confirmation letter: the bank key hashes under German labels, the same hashes as in English', () => {
    // As if INI and HIA had arrived and the clerk had activated once: the letter can be printed again.
    markReady(admin.db, findSubscriber(admin.db, 'PARTNER1', 'USER1')!.id, '2026-11-25T09:00:00Z');
    const de = activate(admin, 'PARTNER1', 'USER1', 'de');
    const en = activate(admin, 'PARTNER1', 'USER1', 'en');
    expect(de).toContain('Hashwert des öffentlichen Schlüssels (EBICS 2.5):');
    expect(de).toContain('Hashwert des Zertifikats (EBICS 3.0):');
    expect(de).toContain('Bankschlüssel von KONTORDEMO');
    const words = new Set(de.match(/[A-Za-zÄÖÜäöüß]{3,}/g));
    expect(
      englishWords().filter((w) => words.has(w)),
      de,
    ).toEqual([]);
    const hashes = (text: string) => text.match(/(?:[0-9A-F]{2} ){31}[0-9A-F]{2}/g);
    expect(hashes(de)).toHaveLength(4);
    expect(hashes(de)).toEqual(hashes(en));
  });
});
