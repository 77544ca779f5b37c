import type { VopOrderResults, VopPayment, VopResultKind } from '../../../../shared/api/vop';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/en';

export const RESULT_LABEL: Record<VopResultKind, MessageKey> = {
  match: 'vop.result.match',
  closeMatch: 'vop.result.closeMatch',
  noMatch: 'vop.result.noMatch',
  notPossible: 'vop.result.notPossible',
  pending: 'vop.result.pending',
};

const RESULT_CLASS: Record<VopResultKind, string> = {
  match: 'badge badge-ok',
  closeMatch: 'badge badge-warn',
  noMatch: 'badge badge-error',
  notPossible: 'badge',
  pending: 'badge',
};

/** Each payment's verification of payee result, counts and sums per result; a close match offers the bank's name for the master data. */
export function VopResults({ results, onTakeName, working }: { results: VopOrderResults; onTakeName: (endToEndId: string) => void; working: boolean }) {
  const { t, amount } = useI18n();
  if (results.status !== 'ready') {
    return (
      <Section title={t('vop.title')}>
        <p data-testid="vop-status">{t(results.status === 'notChecked' ? 'vop.notChecked' : 'vop.notYet')}</p>
      </Section>
    );
  }
  const columns: Column<VopPayment>[] = [
    { key: 'payee', header: t('vop.payee'), cell: (p) => p.submittedName ?? '' },
    { key: 'iban', header: 'IBAN', cell: (p) => <span className="mono">{p.iban}</span> },
    { key: 'amount', header: t('vop.amount'), align: 'right', cell: (p) => (p.amountCents === null ? '' : amount(p.amountCents, 'EUR')) },
    { key: 'result', header: t('vop.result'), cell: (p) => <span className={RESULT_CLASS[p.result]}>{t(RESULT_LABEL[p.result])}</span> },
    {
      key: 'bank',
      header: t('vop.bankName'),
      cell: (p) => (
        <>
          {p.bankName ?? p.reason ?? ''}{' '}
          {p.canTakeName && (
            <button type="button" className="button-small" disabled={working} onClick={() => onTakeName(p.endToEndId)}>
              {t('vop.takeName')}
            </button>
          )}
        </>
      ),
    },
  ];
  const summary = Object.entries(results.summary ?? {}).filter(([, v]) => v.count > 0) as Array<[VopResultKind, { count: number; amountCents: number }]>;
  return (
    <Section title={t('vop.title')}>
      <p data-testid="vop-summary">
        {summary.map(([k, v]) => t('vop.summaryItem', { result: t(RESULT_LABEL[k]), count: v.count, sum: amount(v.amountCents, 'EUR') })).join(' · ')}
      </p>
      <Table caption={t('vop.title')} columns={columns} rows={results.payments} rowKey={(p) => p.endToEndId} testId="vop-results" />
    </Section>
  );
}
