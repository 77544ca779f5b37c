import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { BankAccess, Locale } from '../../../../shared/domain';
import { call } from '../../api/client';
import { saveDownload } from '../../api/files';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import type { Problem } from '../../i18n/problems';
import { bankProblem } from './access';

/** Language, place and the download of the initialisation letter (PDF); as often as the user likes. */
export function LetterForm({ access, children }: { access: BankAccess; children?: ReactNode }) {
  const { t, locale } = useI18n();
  const languageId = useId();
  const placeId = useId();
  const [language, setLanguage] = useState<Locale>(locale);
  const [place, setPlace] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [failed, setFailed] = useState<Problem>();

  const download = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailed(undefined);
    setSaved(undefined);
    const trimmed = place.trim();
    call('bankAccess.letter', { id: access.id, locale: language, ...(trimmed ? { place: trimmed } : {}) })
      .then(
        (file) => {
          saveDownload(file);
          setSaved(file.fileName);
        },
        (err: unknown) => setFailed(bankProblem(err, t)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="letter-form" noValidate onSubmit={download}>
      <div className="inline-form">
        <Field id={languageId} label={t('setup.letter.language')}>
          <select id={languageId} value={language} onChange={(e) => setLanguage(e.target.value as Locale)}>
            <option value="de">{t('language.de')}</option>
            <option value="en">{t('language.en')}</option>
          </select>
        </Field>
        <Field id={placeId} label={t('setup.letter.place')} hint={t('setup.letter.placeHint')}>
          <input
            id={placeId}
            type="text"
            value={place}
            maxLength={70}
            autoComplete="address-level2"
            aria-describedby={`${placeId}-hint`}
            onChange={(e) => setPlace(e.target.value)}
          />
        </Field>
      </div>
      <div className="wizard-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('setup.letter.downloading') : t('setup.letter.download')}
        </button>
        {children}
      </div>
      <div role="status">{saved && <p className="banner banner-ok">{t('setup.letter.downloaded', { file: saved })}</p>}</div>
      <ErrorBanner problems={[failed]} />
    </form>
  );
}
