import { useI18n } from '../i18n/I18nProvider';

/**
 * An amount as shown on every list, preview and total: signed by the one rule
 * of shared/direction.ts (money in positive, money out negative, marked red),
 * in the user's notation. Callers pass the shown amount (`shownOrderCents`,
 * `shownPaymentCents`, …), never a stored one with another sign convention.
 */
export function Amount({ cents, currency, className }: { cents: number; currency?: string; className?: string }) {
  const { amount } = useI18n();
  const classes = ['amount', cents < 0 ? 'negative' : '', className ?? ''].filter(Boolean).join(' ');
  return <span className={classes}>{amount(cents, currency)}</span>;
}
