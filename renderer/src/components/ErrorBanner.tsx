import type { Problem } from '../i18n/problems';
import { useI18n } from '../i18n/I18nProvider';

/** Problems that belong to no single field, in words; nothing when there are none. */
export function ErrorBanner({
  problems,
  onRetry,
  retryLabel,
}: {
  problems: readonly (Problem | undefined)[];
  onRetry?: () => void;
  /** The button's word when it is no plain retry (e.g. "Reload"). */
  retryLabel?: string;
}) {
  const { t, problem } = useI18n();
  const shown = problems.filter((p): p is Problem => p !== undefined);
  if (shown.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert">
      {shown.length === 1 ? (
        <p>{problem(shown[0]!)}</p>
      ) : (
        <ul>
          {shown.map((p, i) => (
            <li key={i}>{problem(p)}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {retryLabel ?? t('action.retry')}
        </button>
      )}
    </div>
  );
}
