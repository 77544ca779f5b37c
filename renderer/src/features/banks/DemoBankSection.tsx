import { useEffect, useRef } from 'react';
import type { BankAccess } from '../../../../shared/domain';
import { routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { accessHref } from './BankAccessSection';
import { DemoSignerTable } from './DemoSignerTable';
import { DemoRegister } from '../veu/DemoRegister';

/** Where the demo bank's letter and signer are: `#/banks/demo` shows them first. */
export const DEMO_BANK_HREF = routeHref({ screen: 'banks', sub: 'demo' });

/** A line at the top of the Banks screen, so the demo bank below the accounts is not missed. */
export function DemoBankPointer() {
  const { t } = useI18n();
  const status = useApi('demoBank.status', {});
  if (!status.data?.running) return null;
  return (
    <p className="banner banner-info" data-testid="demo-bank-pointer">
      {t('words.demoPointer')} <a href={DEMO_BANK_HREF}>{t('words.demoPointerLink')}</a>
    </p>
  );
}

/** The embedded demo bank and the user letter it "posts": everything the setup needs to try Kontor. */
export function DemoBankSection({ accesses, scrollTo = false }: { accesses: BankAccess[] | undefined; scrollTo?: boolean }) {
  const { t } = useI18n();
  const status = useApi('demoBank.status', {});
  const anchor = useRef<HTMLDivElement>(null);
  const shown = status.data !== undefined;
  useEffect(() => {
    if (scrollTo && shown) anchor.current?.scrollIntoView?.({ block: 'start' });
  }, [scrollTo, shown]);
  if (!status.data) return null;
  const bank = status.data.running ? status.data : null;
  const existing = bank && accesses?.find((a) => a.isDemo && a.hostId === bank.hostId && a.partnerId === bank.partnerId && a.userId === bank.userId);
  return (
    <div ref={anchor} data-testid="demo-bank-section">
      <Section
        title={t('banks.demoTitle')}
        actions={
          bank && accesses && !existing ? (
            <a className="button" href={routeHref({ screen: 'banks', sub: 'setup', preset: 'demo' })}>
              {t('banks.demoSetUp')}
            </a>
          ) : undefined
        }
      >
        {bank ? (
          <>
            <p>{t('banks.demoText')}</p>
            {existing && (
              <p>
                {t('banks.demoIsSetUp')} <a href={accessHref(existing)}>{existing.name}</a>
              </p>
            )}
            <pre className="letter mono" data-testid="demo-bank-letter">
              {bank.letter}
            </pre>
            <DemoSignerTable />
            <DemoRegister />
          </>
        ) : (
          <p className="muted">{t('banks.demoOff')}</p>
        )}
      </Section>
    </div>
  );
}
