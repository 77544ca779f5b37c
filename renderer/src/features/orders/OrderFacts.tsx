import type { PaymentOrderDetail } from '../../../../shared/domain';
import { routeHref } from '../../app/routing';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey, type Translator } from '../../i18n/translator';
import { kindLabel, rejectionText, signaturesText } from './labels';
import { shownOrderCents, shownPaymentCents } from '../../../../shared/direction';
import { Amount } from '../../components/Amount';

type Payment = PaymentOrderDetail['payments'][number];

/** The order's facts: account, kind, dates, sums, the file's hash, who approved, what the bank said. */
export function OrderFacts({ order: o }: { order: PaymentOrderDetail }) {
  const tr = useI18n();
  const { t, date, instant } = tr;
  const rejection = rejectionText(tr, o);
  return (
    <Section title={t('orders.facts')}>
      <dl className="facts" data-testid="order-facts">
        <dt>{t('orders.bankAccount')}</dt>
        <dd>
          {o.bankAccountName} <span className="mono">{o.bankAccountIban}</span>
        </dd>
        <dt>{t('orders.kind')}</dt>
        <dd>{kindLabel(t, o)}</dd>
        <dt>{t('orders.format')}</dt>
        <dd className="mono">{o.format}</dd>
        <dt>{o.kind === 'direct_debit' ? t('orders.collectionDate') : t('orders.executionDate')}</dt>
        <dd>{date(o.executionDate)}</dd>
        <dt>{t('orders.count')}</dt>
        <dd>{o.txCount}</dd>
        <dt>{t('orders.controlSum')}</dt>
        <dd>
          <Amount cents={shownOrderCents(o.kind, o.controlSumCents)} currency="EUR" />
        </dd>
        <dt>{t('orders.messageId')}</dt>
        <dd className="mono">{o.messageId}</dd>
        <dt>{t('orders.sha256')}</dt>
        <dd className="mono hash" data-testid="order-sha256">
          {o.sha256}
        </dd>
        <dt>{t('orders.createdAt')}</dt>
        <dd>{instant(o.createdAt)}</dd>
        {o.approvedBy && (
          <>
            <dt>{t('orders.approvedBy')}</dt>
            <dd>{o.approvedBy}</dd>
          </>
        )}
        {o.signatures && (o.status === 'uploaded' || o.status === 'released') && (
          <>
            <dt>{t('orders.signatures')}</dt>
            <dd data-testid="order-signatures" title={o.status === 'uploaded' ? t('orders.signaturesHint') : undefined}>
              {signaturesText(t, o.signatures)} <span className="muted">({t('orders.signaturesCheckedAt', { date: instant(o.signatures.checkedAt) })})</span>
            </dd>
          </>
        )}
        {o.ebicsOrderId && (
          <>
            <dt>{t('orders.ebicsOrderId')}</dt>
            <dd className="mono">{o.ebicsOrderId}</dd>
          </>
        )}
        {o.uploadedAt && (
          <>
            <dt>{t('orders.uploadedAt')}</dt>
            <dd>{instant(o.uploadedAt)}</dd>
          </>
        )}
        {o.exportedAt && (
          <>
            <dt>{t('orders.exportedAt')}</dt>
            <dd>{instant(o.exportedAt)}</dd>
          </>
        )}
        {rejection && (
          <>
            <dt>{t('orders.rejectionReason')}</dt>
            <dd data-testid="order-rejection">{rejection}</dd>
          </>
        )}
        {o.bankMessage && o.bankRejection?.source !== 'ebics' && (
          <>
            <dt>{t('orders.bankMessage')}</dt>
            <dd>{o.bankMessage}</dd>
          </>
        )}
      </dl>
    </Section>
  );
}

/** The order's transactions; direct debits show mandate and sequence type too. */
export function OrderPayments({ order: o, onTakeOut }: { order: PaymentOrderDetail; onTakeOut?: (p: Payment) => void }) {
  const { t } = useI18n();
  const kind = o.kind;
  const columns: Column<Payment>[] = [
    {
      key: 'entry',
      header: t('orders.entry'),
      cell: (p) => <a href={routeHref({ screen: 'entries', id: p.entryId })}>{p.entryNumber}</a>,
      className: 'nowrap',
    },
    { key: 'counterparty', header: t('orders.counterparty'), cell: (p) => p.counterpartyName },
    { key: 'iban', header: t('orders.iban'), cell: (p) => p.counterpartyIban, className: 'mono nowrap' },
    {
      key: 'amount',
      header: t('orders.amount'),
      align: 'right',
      cell: (p) => <Amount cents={shownPaymentCents(p)} currency="EUR" />,
      className: 'nowrap',
    },
    { key: 'e2e', header: t('orders.endToEndId'), cell: (p) => p.endToEndId, className: 'mono' },
    ...(kind === 'direct_debit'
      ? [
          { key: 'mandate', header: t('orders.mandate'), cell: (p: Payment) => p.mandateId ?? '—', className: 'mono' },
          { key: 'seq', header: t('orders.sequenceType'), cell: (p: Payment) => p.sequenceType ?? '—', className: 'mono' },
        ]
      : []),
    { key: 'remittance', header: t('orders.remittance'), cell: (p) => p.remittance ?? '', className: 'truncate' },
    { key: 'status', header: t('orders.paymentStatus'), cell: (p) => paymentStatusText(t, p.status) },
    ...(onTakeOut
      ? [
          {
            key: 'takeOut',
            header: '',
            cell: (p: Payment) => (
              <button type="button" className="small" aria-label={t('runs.takeOutEntry', { number: p.entryNumber })} onClick={() => onTakeOut(p)}>
                {t('runs.takeOut')}
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Section title={t('orders.transactions')}>
      <Table caption={t('orders.transactions')} columns={columns} rows={o.payments} rowKey={(p) => p.id} testId="order-payments" />
    </Section>
  );
}

/** A payment's state in the glossary's word (docs/glossary.md); a state the renderer does not know yet as the ledger names it. */
export function paymentStatusText(t: Translator['t'], status: string): string {
  const key = `words.payment.${status}`;
  return isMessageKey(key) ? t(key) : status;
}
