import { describe, expect, it } from 'vitest';
import { collatorFor, formatCount, formatInstant, localDateOf, sortByText } from './locale-format';

describe('sortByText', () => {
  const names = ['Zander GmbH', 'Öko-Bau AG', 'ärzte-zentrum', 'Bäckerei Schulz', 'Abel KG', 'Ulm Werke', 'Straße & Co'];

  it('puts Ä with A and Ö with O in German, not after Z', () => {
    expect(sortByText(names, (n) => n, 'de')).toEqual(['Abel KG', 'ärzte-zentrum', 'Bäckerei Schulz', 'Öko-Bau AG', 'Straße & Co', 'Ulm Werke', 'Zander GmbH']);
  });

  it('sorts umlauts with their base letter in English too, ignoring case', () => {
    const sorted = sortByText(names, (n) => n, 'en');
    expect(sorted.indexOf('Öko-Bau AG')).toBeLessThan(sorted.indexOf('Zander GmbH'));
    expect(sorted.indexOf('ärzte-zentrum')).toBeLessThan(sorted.indexOf('Bäckerei Schulz'));
  });

  it('orders numbers inside text by value', () => {
    expect(sortByText(['RE-10', 'RE-9', 'RE-100'], (n) => n, 'de')).toEqual(['RE-9', 'RE-10', 'RE-100']);
  });

  it('keeps equal texts in their order and leaves the input alone', () => {
    const input = [
      { name: 'Müller', id: 2 },
      { name: 'müller', id: 1 },
      { name: 'Adler', id: 3 },
    ];
    expect(sortByText(input, (x) => x.name, 'de').map((x) => x.id)).toEqual([3, 2, 1]);
    expect(input.map((x) => x.id)).toEqual([2, 1, 3]);
  });

  it('differs from the code-unit order a plain sort uses', () => {
    expect(['Zeta', 'Äpfel'].sort()).toEqual(['Zeta', 'Äpfel']);
    expect(collatorFor('de').compare('Äpfel', 'Zeta')).toBeLessThan(0);
  });
});

describe('formatCount', () => {
  it('groups thousands as the language does', () => {
    expect(formatCount(1234567, 'de')).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(7, 'de')).toBe('7');
  });
});

describe('formatInstant', () => {
  it('writes an instant in the given zone as the language writes dates', () => {
    expect(formatInstant('2026-03-01T23:30:00Z', 'de', 'Europe/Berlin')).toBe('02.03.2026, 00:30');
    expect(formatInstant('2026-03-01T23:30:00Z', 'en', 'Europe/Berlin')).toBe('2026-03-02 00:30');
    expect(formatInstant('2026-07-01T08:05:00Z', 'de', 'UTC')).toBe('01.07.2026, 08:05');
  });

  it('returns text that is no instant unchanged', () => {
    expect(formatInstant('soon', 'de')).toBe('soon');
  });

  it('gives the business date of an instant where the user is', () => {
    expect(localDateOf('2026-12-07T23:30:00Z', 'Europe/Berlin')).toBe('2026-12-08');
    expect(localDateOf('2026-12-07T23:30:00Z', 'UTC')).toBe('2026-12-07');
    expect(localDateOf('nonsense')).toBeNull();
  });
});
