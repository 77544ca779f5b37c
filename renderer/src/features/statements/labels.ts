import type { FetchKind, MatchState, StatementSummary } from '../../../../shared/statements';
import type { MessageKey } from '../../i18n/en';
import { isMessageKey, type Translator } from '../../i18n/translator';

export const MATCH_LABEL: Record<MatchState, MessageKey> = {
  unmatched: 'statements.match.unmatched',
  proposed: 'statements.match.proposed',
  matched: 'statements.match.matched',
  ignored: 'statements.match.ignored',
};

const MATCH_BADGE: Record<MatchState, string> = {
  unmatched: 'badge badge-open',
  proposed: 'badge badge-warn',
  matched: 'badge badge-ok',
  ignored: 'badge',
};

export function matchBadgeClass(state: MatchState): string {
  return MATCH_BADGE[state];
}

export const FETCH_KINDS: readonly FetchKind[] = ['eod', 'intraday', 'notifications'];

export const FETCH_KIND_LABEL: Record<FetchKind, MessageKey> = {
  eod: 'statements.fetch.kind.eod',
  intraday: 'statements.fetch.kind.intraday',
  notifications: 'statements.fetch.kind.notifications',
};

/** A parser warning (`statement.balanceMismatch`, …) in words; the bare code if it is new. */
export function warningText(t: Translator['t'], code: string): string {
  const key = `code.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** `21.03.2026` or `01.03.2026 – 31.03.2026`. */
export function periodText(date: Translator['date'], s: Pick<StatementSummary, 'periodFrom' | 'periodTo'>): string {
  return s.periodFrom === s.periodTo ? date(s.periodFrom) : `${date(s.periodFrom)} – ${date(s.periodTo)}`;
}

/** Groups an IBAN in fours for reading; other account ids stay as they are. */
export function ibanText(iban: string): string {
  return /^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/.test(iban) ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban;
}

/** A count with the language's grouping: `100,000` / `100.000`. */
export function countText(n: number, locale: 'de' | 'en'): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-US', { maximumFractionDigits: 0 }).format(n);
}
