/**
 * Text order, counts and instants as the user's language writes them. Amounts
 * and business dates live in money.ts and dates.ts; the renderer reaches all
 * of them through its translator (renderer/src/i18n/translator.ts), exports
 * through these functions, so a screen never mixes two notations.
 */
type Locale = 'de' | 'en';

const TAG: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
const collators = new Map<Locale, Intl.Collator>();

/**
 * The language's alphabetical order: Ä with A, Ö with O, ß with ss, case
 * ignored, and digits by value (`RE-9` before `RE-10`). A plain `<` or
 * SQLite's `ORDER BY` puts Ä and Ö after Z.
 */
export function collatorFor(locale: Locale): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(TAG[locale], { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

/** A copy sorted by the text `key` gives, in the language's order; ties keep their order. */
export function sortByText<T>(items: readonly T[], key: (item: T) => string, locale: Locale): T[] {
  const compare = collatorFor(locale).compare;
  return items
    .map((item, i) => ({ item, i, text: key(item) }))
    .sort((a, b) => compare(a.text, b.text) || a.i - b.i)
    .map((x) => x.item);
}

/** `12.345` (de) / `12,345` (en): a count, never with decimals. */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(TAG[locale], { maximumFractionDigits: 0 }).format(n);
}

/**
 * An instant (UTC ISO string) as date and time where the user is:
 * `07.12.2026, 14:05` (de) / `2026-12-07 14:05` (en, the ISO order the
 * English business dates use). `timeZone` is for tests; the app leaves it
 * to the machine. Text that is no instant comes back unchanged.
 */
export function formatInstant(iso: string, locale: Locale, timeZone?: string): string {
  const parts = instantParts(iso, locale, timeZone);
  if (!parts) return iso;
  return locale === 'de' ? `${parts.date}, ${parts.time}` : `${parts.date} ${parts.time}`;
}

/** The date and the time of an instant where the user is, apart (`07.12.2026` and `14:05`), for sentences that name them separately; null for text that is no instant. */
export function instantParts(iso: string, locale: Locale, timeZone?: string): { date: string; time: string } | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const [y, m, day, time] = [part('year'), part('month'), part('day'), `${part('hour')}:${part('minute')}`];
  return { date: locale === 'de' ? `${day}.${m}.${y}` : `${y}-${m}-${day}`, time };
}

/** The business date (YYYY-MM-DD) of an instant where the user is. */
export function localDateOf(iso: string, timeZone?: string): string | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
