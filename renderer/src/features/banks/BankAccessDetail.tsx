import { useState } from 'react';
import type { BankAccess } from '../../../../shared/domain';
import { call } from '../../api/client';
import { navigate, routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { Drawer } from '../../components/Drawer';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { bankProblem, canPrintLetter, isInSetup, localDate, localTime, RENEWAL_DAYS, STATE_LABEL, stateBadgeClass, VERSION_LABEL } from './access';
import { CodeConfirmDialog } from './confirmation';
import { ExportKeysForm } from './ExportKeysForm';
import { ImportKeysForm } from './ImportKeysForm';
import { LetterForm } from './LetterForm';

type Dialog = 'letter' | 'export' | 'import' | 'suspend' | 'reinitialise' | null;
type KeyRow = { key: string; name: string; info: BankAccess['keys']['signature'] };

/** One bank access: the letter data, its keys and their lifetime, the bank's keys, and what can be done with it. */
export function BankAccessDetail({ id }: { id: number }) {
  const { t, plural, date } = useI18n();
  const access = useApi('bankAccess.get', { id });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string>();
  const back = <a href={routeHref({ screen: 'banks' })}>← {t('nav.banks')}</a>;

  if (access.error?.code === 'notFound') {
    return (
      <>
        <PageHeader title={t('access.notFound')} back={back} />
        <EmptyState title={t('access.notFoundText')} />
      </>
    );
  }
  const a = access.data;
  if (!a) {
    return (
      <>
        <PageHeader title={t('common.loading')} back={back} />
        <ErrorBanner problems={[access.error && problemFromError(access.error)]} onRetry={access.reload} />
        {access.loading && <Loading />}
      </>
    );
  }

  const when = (value: string | null) => {
    const d = localDate(value);
    return d ? date(d) : '—';
  };
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
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    access.reload();
  };
  const trusted = a.bankKeys?.trustedAt ?? null;

  return (
    <>
      <PageHeader
        back={back}
        title={
          <>
            {a.name} <span className={stateBadgeClass(a.state)}>{t(STATE_LABEL[a.state])}</span>
            {a.isDemo && <span className="badge badge-demo">{t('access.demoBadge')}</span>}
          </>
        }
      >
        {canPrintLetter(a.state) && (
          <button type="button" onClick={() => setDialog('letter')}>
            {t('access.printLetter')}
          </button>
        )}
        {hasKeys && (
          <button type="button" onClick={() => setDialog('export')}>
            {t('access.exportKeys')}
          </button>
        )}
        {a.state !== 'suspended' && a.state !== 'expired' && (
          <button type="button" onClick={() => setDialog('import')}>
            {t('access.importKeys')}
          </button>
        )}
        {a.state === 'ready' && (
          <button type="button" className="danger" onClick={() => setDialog('suspend')}>
            {t('access.suspend')}
          </button>
        )}
        {(a.state === 'expired' || a.state === 'suspended') && (
          <button type="button" className="primary" onClick={() => setDialog('reinitialise')}>
            {t('access.reinitialise')}
          </button>
        )}
      </PageHeader>
      <ErrorBanner problems={[access.error && problemFromError(access.error)]} onRetry={access.reload} />
      <div role="status">{notice && <p className="banner banner-ok">{notice}</p>}</div>
      {isInSetup(a.state) && (
        <div className="banner banner-info">
          <p>{t('access.setupNotFinished')}</p>
          <a className="button primary" href={routeHref({ screen: 'banks', id: a.id, sub: 'setup' })}>
            {t('access.continueSetup')}
          </a>
        </div>
      )}
      {a.state === 'suspended' && <p className="banner banner-warn">{t('access.suspendedText')}</p>}
      {a.state === 'expired' && <p className="banner banner-warn">{t('access.expiredText')}</p>}

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
                  () => access.reload(),
                  () => access.reload(),
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

      {dialog === 'letter' && (
        <Drawer title={t('access.printLetter')} onClose={() => setDialog(null)}>
          <p className="muted">{t('setup.letter.text')}</p>
          <LetterForm access={a} />
        </Drawer>
      )}
      {dialog === 'export' && (
        <ExportKeysForm access={a} onClose={() => setDialog(null)} onExported={(file) => done(t('access.exported', { file }))} />
      )}
      {dialog === 'import' && <ImportKeysForm access={a} onClose={() => setDialog(null)} onImported={() => done(t('access.imported'))} />}
      {dialog === 'suspend' && (
        <CodeConfirmDialog
          title={t('access.suspendTitle')}
          confirmLabel={t('access.suspendConfirm')}
          danger
          describeError={(e) => bankProblem(e, t)}
          onClose={() => setDialog(null)}
          run={(proof) => call('bankAccess.suspend', { id: a.id, confirm: true, ...(proof ? { confirmation: proof } : {}) })}
          onDone={() => done(t('access.suspended'))}
        >
          <p>{t('access.suspendText', { name: a.name, userId: a.userId, partnerId: a.partnerId })}</p>
        </CodeConfirmDialog>
      )}
      {dialog === 'reinitialise' && (
        <CodeConfirmDialog
          title={t('access.reinitialiseTitle')}
          confirmLabel={t('access.reinitialise')}
          describeError={(e) => bankProblem(e, t)}
          onClose={() => setDialog(null)}
          run={(proof) => call('bankAccess.reinitialise', { id: a.id, confirm: true, ...(proof ? { confirmation: proof } : {}) })}
          onDone={() => navigate({ screen: 'banks', id: a.id, sub: 'setup' })}
        >
          <p>{t('access.reinitialiseText')}</p>
        </CodeConfirmDialog>
      )}
    </>
  );
}
