import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { makeTranslator } from '../../../i18n/translator';
import { compareHash } from '../hashCompare';
import { comparisonSummary, HashCheck, versionHint } from './HashCheck';
import { taskStates } from './KeysStep';

const BANK = 'A1 B2 C3 D4 E5 F6 07 18';

function render(value: string): string {
  return renderToStaticMarkup(
    <HashCheck which="authentication" title="Authentication key (X002)" inputLabel="Hash" expected={BANK} value={value} onChange={() => undefined} />,
  );
}

describe('the bank key comparison on screen', () => {
  it('says in words how far the input is from the bank’s hash', () => {
    const en = makeTranslator('en');
    const de = makeTranslator('de');
    const say = (typed: string, t = en) => comparisonSummary(compareHash(BANK, typed), t.t, t.plural);
    expect(say('')).toBe('Not entered yet.');
    expect(say('a1b2')).toBe('Correct so far; 12 characters still missing.');
    expect(say('A1 B2 C3 D4 E5 F6 07 19')).toBe('1 character differs.');
    expect(say('A1 B2 C3 D4 E5 F6 O7 19')).toBe('2 characters differ.');
    expect(say('A1 B2 C3 00')).toBe('2 characters differ. 8 characters missing.');
    expect(say(BANK.toLowerCase())).toBe('Matches: all 16 characters are the same.');
    expect(say('A1 B2 C3 D4 E5 F6 O7 19', de)).toBe('2 Zeichen weichen ab.');
  });

  it('marks each wrong pair as invalid and each wrong character in it', () => {
    const html = render('A1 B2 C3 D4 E5 F6 O7 19');
    expect(html.match(/hash-pair hash-pair-wrong/g)).toHaveLength(2);
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(3); // two pairs and the field
    expect(html).toContain('<mark class="hash-char-wrong">O</mark>');
    expect(html).toContain('<mark class="hash-char-wrong">9</mark>');
    expect(html).toContain('2 characters differ.');
  });

  it('shows a matching hash without any mark', () => {
    const html = render(BANK);
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain('<mark');
    expect(html).toContain('hash-check-ok');
  });
});

describe('the steps of the initialisation', () => {
  it('follow the state the service recorded, and the progress while it runs', () => {
    expect(taskStates('new', 0, false, false)).toEqual(['todo', 'todo', 'todo']);
    expect(taskStates('new', 0, true, false)).toEqual(['running', 'todo', 'todo']);
    expect(taskStates('new', 2, true, false)).toEqual(['done', 'done', 'running']);
    expect(taskStates('keys_created', 0, false, true)).toEqual(['done', 'failed', 'todo']);
    expect(taskStates('ini_sent', 0, false, true)).toEqual(['done', 'done', 'failed']);
    expect(taskStates('hia_sent', 0, false, false)).toEqual(['done', 'done', 'done']);
  });
});

describe('a wrong bank key hash and the letter’s two hashes', () => {
  const BANK_HASH = 'A1 B2 C3 D4 E5 F6 07 18';
  const OTHER_VERSION = '99 88 77 66 55 44 33 22';
  const hint = (typed: string, version: 'H004' | 'H005' | undefined, locale: 'en' | 'de' = 'en') =>
    versionHint(compareHash(BANK_HASH, typed), version, makeTranslator(locale).t);

  it('names the hash to compare once a whole hash is typed and differs', () => {
    expect(hint(OTHER_VERSION, 'H005')).toContain('EBICS 3.0 (H005): compare the hash of the certificate');
    expect(hint(OTHER_VERSION, 'H004')).toContain('EBICS 2.5 (H004): compare the hash of the public key');
    expect(hint(OTHER_VERSION, 'H005', 'de')).toContain('Vergleichen Sie den Hashwert des Zertifikats');
  });

  it('stays quiet while typing, on a match, and when the version is unknown', () => {
    expect(hint('99 88', 'H005')).toBeNull();
    expect(hint(BANK_HASH, 'H005')).toBeNull();
    expect(hint(OTHER_VERSION, undefined)).toBeNull();
  });

  it('shows the hint under the field', () => {
    const html = renderToStaticMarkup(
      <HashCheck which="encryption" title="E002" inputLabel="Hash" expected={BANK_HASH} value={OTHER_VERSION} onChange={() => undefined} ebicsVersion="H004" />,
    );
    expect(html).toContain('data-testid="hash-version-hint-encryption"');
  });
});
