import { useState } from 'react';
import type { DemoBankOrder } from '../../../../shared/domain';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { kindOfOrderType, shownOrderCents } from '../../../../shared/direction';
import { Amount } from '../../components/Amount';

/**
 * Demo mode only: the orders at the demo bank, with the buttons of the
 * authorised signer who releases or rejects them in the distributed signature.
 */
export function DemoSignerTable() {
  const { t } = useI18n();
  const orders = useApi('demoBank.orders', {});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function decide(orderId: string, decision: 'release' | 'reject') {
    setBusy(orderId);
    setError(null);
    try {
      await call('demoBank.decide', { orderId, decision });
      orders.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  if (!orders.data || orders.data.length === 0) return null;
  const columns: Column<DemoBankOrder>[] = [
    { key: 'order', header: t('demoSigner.order'), cell: (o) => o.orderId, className: 'mono' },
    { key: 'type', header: t('demoSigner.type'), cell: (o) => o.orderType },
    { key: 'count', header: t('demoSigner.transactions'), cell: (o) => String(o.transactions), align: 'right' },
    { key: 'amount', header: t('demoSigner.amount'), cell: (o) => <Amount cents={shownBankOrderCents(o)} />, align: 'right' },
    { key: 'state', header: t('common.status'), cell: (o) => t(`demoSigner.state.${o.state}` as 'demoSigner.state.awaiting_signature') },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (o) =>
        o.state === 'awaiting_signature' ? (
          <span className="button-row">
            <button
              type="button"
              disabled={busy === o.orderId}
              onClick={() => void decide(o.orderId, 'release')}
              aria-label={`${t('demoSigner.release')} ${o.orderId}`}
            >
              {t('demoSigner.release')}
            </button>
            <button
              type="button"
              disabled={busy === o.orderId}
              onClick={() => void decide(o.orderId, 'reject')}
              aria-label={`${t('demoSigner.reject')} ${o.orderId}`}
            >
              {t('demoSigner.reject')}
            </button>
          </span>
        ) : null,
    },
  ];
  return (
    <>
      <h3>{t('demoSigner.title')}</h3>
      <p className="muted">{t('demoSigner.text')}</p>
      <ErrorBanner problems={[error ? problemFromError(error) : undefined]} />
      <Table caption={t('demoSigner.title')} columns={columns} rows={orders.data} rowKey={(o) => o.orderId} testId="demo-signer-orders" />
    </>
  );
}

/** A bank order's total by the sign rule; an order type that moves no known direction stays unsigned. */
function shownBankOrderCents(o: DemoBankOrder): number {
  const kind = kindOfOrderType(o.orderType);
  return kind ? shownOrderCents(kind, o.amountCents) : o.amountCents;
}
