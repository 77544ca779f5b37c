import { useState } from 'react';
import { call } from '../../api/client';
import { navigate, routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { Drawer } from '../../components/Drawer';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { bankProblem, canPrintLetter, isInSetup, STATE_LABEL, stateBadgeClass } from './access';
import { AccessFacts, BankKeys, OwnKeys } from './AccessFacts';
import { AccessSettingsSection } from './AccessSettingsSection';
import { CodeConfirmDialog } from './confirmation';
import { ExportKeysForm } from './ExportKeysForm';
import { ImportKeysForm } from './ImportKeysForm';
import { LetterForm } from './LetterForm';

type Dialog = 'letter' | 'export' | 'import' | 'suspend' | 'reinitialise' | null;

/** One bank access: the letter data, its keys and their lifetime, the bank's keys, and what can be done with it. */
export function BankAccessDetail({ id }: { id: number }) {
  const { t } = useI18n();
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

  const hasKeys = a.keys.signature.createdAt !== null;
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    access.reload();
  };

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

      <AccessFacts access={a} onChanged={access.reload} />
      <AccessSettingsSection access={a} onChanged={access.reload} />
      <OwnKeys access={a} />
      <BankKeys access={a} />

      {dialog === 'letter' && (
        <Drawer title={t('access.printLetter')} onClose={() => setDialog(null)}>
          <p className="muted">{t('setup.letter.text')}</p>
          <LetterForm access={a} />
        </Drawer>
      )}
      {dialog === 'export' && <ExportKeysForm access={a} onClose={() => setDialog(null)} onExported={(file) => done(t('access.exported', { file }))} />}
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
