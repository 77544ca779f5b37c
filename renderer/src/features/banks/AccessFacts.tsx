import type { BankAccess } from '../../../../shared/domain';
import { call } from '../../api/client';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { localDate, localTime, RENEWAL_DAYS, VERSION_LABEL } from './access';

type KeyRow = { key: string; name: string; info: BankAccess['keys']['signature'] };

/** A stored instant as the local date, or a dash. */
function useWhen(): (value: string | null) => string {
  const { date } = useI18n();
  return (value) => {
    const d = localDate(value);
    return d ? date(d) : '—';
  };
}

/** What the bank's letter names (host, partner, user, version, key size) and the statement format to fetch. */
export function AccessFacts({ access: a, onChanged }: { access: BankAccess; onChanged: () => void }) {
  const { t } = useI18n();
  return (
    <Section title={t('access.detailsTitle')}>
      <dl className="facts" data-testid="access-facts">
        <dt>{t('access.field.hostUrl')}</dt>
        <dd className="mono">{a.hostUrl}</dd>
        <dt>{t('access.field.hostId')}</dt>
        <dd className="mono">{a.hostId}</dd>
        <dt>{t('access.field.partnerId')}</dt>
        <dd className="mono">{a.partnerId}</dd>
        <dt>{t('access.field.userId')}</dt>
        <dd className="mono">{a.userId}</dd>
        <dt>{t('access.field.ebicsVersion')}</dt>
        <dd>
          {VERSION_LABEL[a.ebicsVersion]} ({a.ebicsVersion})
        </dd>
        <dt>{t('access.field.keySize')}</dt>
        <dd>{t('access.keySizeOption', { bits: a.keySize })}</dd>
        <dt>{t('access.field.signatureVersion')}</dt>
        <dd>{a.signatureVersion}</dd>
        <dt>
          <label htmlFor="statement-format">{t('access.field.statementFormat')}</label>
        </dt>
        <dd>
          <select
            id="statement-format"
            value={a.statementFormat}
            onChange={(e) => {
              void call('bankAccess.setStatementFormat', { id: a.id, statementFormat: e.target.value as BankAccess['statementFormat'] }).then(
                () => onChanged(),
                () => onChanged(),
              );
            }}
          >
            <option value="camt">{t('access.statementFormat.camt')}</option>
            <option value="mt940">{t('access.statementFormat.mt940')}</option>
          </select>
        </dd>
        <dt>{t('access.connection')}</dt>
        <dd className={a.tlsVerified ? undefined : 'warn-text'}>{a.tlsVerified ? t('access.tlsVerified') : t('access.tlsDemo')}</dd>
      </dl>
    </Section>
  );
}

/** Our three keys with their lifetime; a warning when one is due for renewal. */
export function OwnKeys({ access: a }: { access: BankAccess }) {
  const { t, plural } = useI18n();
  const when = useWhen();
  const hasKeys = a.keys.signature.createdAt !== null;
  const keyRows: KeyRow[] = [
    { key: 'signature', name: t('access.keySignature', { version: a.keys.signature.version }), info: a.keys.signature },
    { key: 'authentication', name: t('access.keyAuthentication'), info: a.keys.authentication },
    { key: 'encryption', name: t('access.keyEncryption'), info: a.keys.encryption },
  ];
  const expiring = keyRows.some((r) => r.info.daysLeft !== null && r.info.daysLeft < RENEWAL_DAYS);
  const keyColumns: Column<KeyRow>[] = [
    { key: 'key', header: t('access.key'), cell: (r) => r.name },
    { key: 'created', header: t('access.created'), cell: (r) => when(r.info.createdAt), className: 'nowrap' },
    { key: 'expires', header: t('access.expires'), cell: (r) => when(r.info.expiresAt), className: 'nowrap' },
    {
      key: 'days',
      header: t('access.daysLeft'),
      align: 'right',
      cell: (r) => {
        const days = r.info.daysLeft;
        if (days === null) return '—';
        const text = plural(days, 'access.daysLeftOne', 'access.daysLeftOther');
        return days < RENEWAL_DAYS ? <span className="badge badge-warn">{text}</span> : text;
      },
    },
  ];
  return (
    <Section title={t('access.keysTitle')}>
      {hasKeys ? (
        <>
          <Table caption={t('access.keysTitle')} columns={keyColumns} rows={keyRows} rowKey={(r) => r.key} testId="access-keys" />
          {expiring && <p className="banner banner-warn key-note">{t('access.renewalWarning')}</p>}
        </>
      ) : (
        <p className="muted">{t('access.noKeys')}</p>
      )}
    </Section>
  );
}

/** The bank's key hashes and when the user confirmed them against the bank's letter. */
export function BankKeys({ access: a }: { access: BankAccess }) {
  const { t } = useI18n();
  const when = useWhen();
  const trusted = a.bankKeys?.trustedAt ?? null;
  return (
    <Section title={t('access.bankKeysTitle')}>
      {a.bankKeys ? (
        <dl className="facts" data-testid="bank-keys">
          <dt>{t('setup.validate.authentication')}</dt>
          <dd className="mono">{a.bankKeys.authenticationHash}</dd>
          <dt>{t('setup.validate.encryption')}</dt>
          <dd className="mono">{a.bankKeys.encryptionHash}</dd>
          <dt>{t('access.trustedAt')}</dt>
          <dd>{trusted ? `${when(trusted)} ${localTime(trusted) ?? ''}`.trim() : <span className="warn-text">{t('access.notTrusted')}</span>}</dd>
        </dl>
      ) : (
        <p className="muted">{t('access.bankKeysNone')}</p>
      )}
    </Section>
  );
}
