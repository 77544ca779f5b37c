import { useState } from 'react';
import type { BankAccess } from '../../../../shared/domain';
import { formatAmount } from '../../../../shared/money';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { AccessSettingsForm } from './AccessSettingsForm';

/** What this access builds and asks the bank for; applied to the next payment run, upload and download. */
export function AccessSettingsSection({ access, onChanged }: { access: BankAccess; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const settings = useApi('bankAccess.settings', { id: access.id });
  const [editing, setEditing] = useState(false);
  const s = settings.data;
  const btf = s ? Object.entries(s.btf).flatMap(([p, v]) => Object.entries(v).map(([f, x]) => `${p}.${f}=${x}`)) : [];
  const change = (
    <button type="button" onClick={() => setEditing(true)} disabled={!s}>
      {t('accessSettings.change')}
    </button>
  );
  return (
    <Section title={t('accessSettings.title')} actions={change}>
      <ErrorBanner problems={[settings.error && problemFromError(settings.error)]} onRetry={settings.reload} />
      {s && (
        <dl className="facts" data-testid="access-settings">
          <dt>{t('accessSettings.creditTransferPain')}</dt>
          <dd className="mono">{s.creditTransferPain}</dd>
          <dt>{t('accessSettings.directDebitPain')}</dt>
          <dd className="mono">{s.directDebitPain}</dd>
          <dt>{t('accessSettings.umlauts')}</dt>
          <dd>{s.germanCharset ? t('accessSettings.umlautsKept') : t('accessSettings.umlautsReplaced')}</dd>
          <dt>{t('accessSettings.amountLimit')}</dt>
          <dd>{s.amountLimitCents === null ? t('accessSettings.noLimit') : `${formatAmount(s.amountLimitCents, locale)} EUR`}</dd>
          {access.ebicsVersion === 'H005' && (
            <>
              <dt>{t('accessSettings.bankHashMode')}</dt>
              <dd>{t(s.bankHashMode === 'certificate' ? 'accessSettings.hash.certificate' : 'accessSettings.hash.publicKey')}</dd>
            </>
          )}
          <dt>{t('accessSettings.btf')}</dt>
          <dd className="mono">{btf.length ? btf.join(', ') : t('accessSettings.btfDefaults')}</dd>
        </dl>
      )}
      {editing && s && (
        <AccessSettingsForm
          accessId={access.id}
          // The statement format and the limit also change elsewhere on this page: the access has the current ones, and the version that goes with them.
          settings={{ ...s, statementFormat: access.statementFormat, amountLimitCents: access.amountLimitCents, version: access.version }}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            settings.reload();
            onChanged();
          }}
        />
      )}
    </Section>
  );
}
