import { useId } from 'react';
import { Field } from '../../../components/Field';
import { useI18n, type I18n } from '../../../i18n/I18nProvider';
import { compareHash, type HashComparison } from '../hashCompare';

/** The comparison in one sentence, for everyone and for screen readers. */
export function comparisonSummary(c: HashComparison, t: I18n['t'], plural: I18n['plural']): string {
  if (c.typedLength === 0) return t('setup.validate.empty');
  if (c.matches) return t('setup.validate.matches', { count: c.expectedLength });
  if (c.differing === 0) return t('setup.validate.partial', { count: c.missing });
  const differ = plural(c.differing, 'setup.validate.differOne', 'setup.validate.differOther');
  return c.missing > 0 ? `${differ} ${t('setup.validate.missing', { count: c.missing })}` : differ;
}

/** The bank's hash in pairs; pairs the user got wrong are marked, so the eye finds the column. */
function BankPairs({ c }: { c: HashComparison }) {
  return (
    <span className="hash-pairs mono">
      {c.pairs.map((p, i) =>
        p.chars.every((ch) => ch.state === 'extra') ? null : (
          <span key={i} className={`hash-pair${p.wrong ? ' hash-pair-ref' : ''}`}>
            {p.chars.map((ch) => ch.expected).join('')}
          </span>
        ),
      )}
    </span>
  );
}

/** What the user typed, in the same pairs; a wrong pair is marked, and in it each wrong character. */
function TypedPairs({ c }: { c: HashComparison }) {
  return (
    <span className="hash-pairs mono">
      {c.pairs.map((p, i) => {
        if (p.chars.every((ch) => ch.state === 'missing')) {
          return (
            <span key={i} className="hash-pair hash-pair-missing" aria-hidden="true">
              ··
            </span>
          );
        }
        return (
          <span key={i} className={`hash-pair${p.wrong ? ' hash-pair-wrong' : ''}`} aria-invalid={p.wrong ? true : undefined}>
            {p.chars.map((ch, j) =>
              ch.state === 'differs' || ch.state === 'extra' ? (
                <mark key={j} className="hash-char-wrong">
                  {ch.typed}
                </mark>
              ) : ch.state === 'missing' ? (
                <span key={j} className="hash-char-missing" aria-hidden="true">
                  ·
                </span>
              ) : (
                <span key={j}>{ch.typed}</span>
              ),
            )}
          </span>
        );
      })}
    </span>
  );
}

interface Props {
  /** `authentication` or `encryption`, for test ids. */
  which: string;
  title: string;
  inputLabel: string;
  /** The hash Kontor fetched from the bank. */
  expected: string;
  value: string;
  onChange: (value: string) => void;
  /** The access's EBICS version: a wrong hash gets a hint which of the letter's two hashes to compare. */
  ebicsVersion?: 'H004' | 'H005';
}

/**
 * Banks print two hashes per key since EBICS 3.0: the public key's (2.5, H004)
 * and the certificate's (3.0, H005). A whole hash typed and still wrong is
 * most often the other one, so the hint names the one this access compares.
 */
export function versionHint(c: HashComparison, ebicsVersion: 'H004' | 'H005' | undefined, t: I18n['t']): string | null {
  if (!ebicsVersion || c.matches || c.typedLength < c.expectedLength || c.differing === 0) return null;
  return t(ebicsVersion === 'H005' ? 'words.hashHint.H005' : 'words.hashHint.H004');
}

/** One bank key: its fetched hash, the field for the letter's hash, and where they differ. */
export function HashCheck({ which, title, inputLabel, expected, value, onChange, ebicsVersion }: Props) {
  const { t, plural } = useI18n();
  const id = useId();
  const c = compareHash(expected, value);
  const wrong = c.differing > 0;
  const summary = comparisonSummary(c, t, plural);
  const hint = versionHint(c, ebicsVersion, t);
  return (
    <fieldset className={`hash-check${c.matches ? ' hash-check-ok' : wrong ? ' hash-check-wrong' : ''}`} data-testid={`hash-check-${which}`}>
      <legend>{title}</legend>
      <div className="hash-row">
        <span className="hash-row-label">{t('setup.validate.fetched')}</span>
        <BankPairs c={c} />
      </div>
      <Field id={id} label={inputLabel}>
        <textarea
          id={id}
          className="mono hash-input"
          rows={2}
          value={value}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="characters"
          aria-invalid={wrong ? true : undefined}
          aria-describedby={`${id}-summary`}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            // Enter confirms the step (as in any other step), it adds no line.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </Field>
      {c.typedLength > 0 && (
        <div className="hash-row" data-testid={`hash-typed-${which}`}>
          <span className="hash-row-label">{t('setup.validate.typed')}</span>
          <TypedPairs c={c} />
        </div>
      )}
      <p id={`${id}-summary`} className="hash-summary" aria-live="polite" data-testid={`hash-summary-${which}`}>
        {c.matches && <span aria-hidden="true">✓ </span>}
        {summary}
      </p>
      {hint && (
        <p className="banner banner-warn" data-testid={`hash-version-hint-${which}`}>
          {hint}
        </p>
      )}
    </fieldset>
  );
}
