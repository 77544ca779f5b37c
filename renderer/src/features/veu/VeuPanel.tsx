import { useState } from 'react';
import type { PaymentOrder } from '../../../../shared/domain';
import type { VeuConfirmation } from '../../../../shared/api/veu';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorBanner } from '../../components/ErrorBanner';
import { problemFromError, type Problem } from '../../i18n/problems';
import { useI18n } from '../../i18n/I18nProvider';
import { VeuSigning } from './VeuSigning';
import { VopResults } from './VopResults';

/**
 * On an uploaded order's page: the verification of payee results and the
 * order's state in the bank's distributed signature, with the signer's
 * sign / cancel (each confirmed by the typed total or the signing PIN).
 */
export function VeuPanel({ order }: { order: Pick<PaymentOrder, 'id' | 'bankAccessId' | 'ebicsOrderId' | 'status' | 'kind'> }) {
  const { t } = useI18n();
  const accessId = order.bankAccessId;
  const shown = accessId !== null && order.ebicsOrderId !== null && order.status === 'uploaded';
  const vop = useApi('vop.results', { id: order.id }, shown && order.kind === 'credit_transfer');
  const veu = useApi('veu.list', { accessId: accessId ?? 1 }, shown);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!shown || accessId === null) return null;
  const waiting = veu.data?.find((o) => o.orderId === order.ebicsOrderId);

  const act = async (work: () => Promise<string>) => {
    setWorking(true);
    setProblem(null);
    try {
      setNotice(await work());
      veu.reload();
      vop.reload();
    } catch (e) {
      setProblem(problemFromError(e));
    } finally {
      setWorking(false);
    }
  };
  const decide = (action: 'sign' | 'cancel', confirmation: VeuConfirmation) =>
    void act(async () => {
      const r = await call(action === 'sign' ? 'veu.sign' : 'veu.cancel', { accessId, orderId: waiting!.orderId, confirmation });
      return t(`veu.outcome.${r.outcome}`);
    });
  const takeName = (endToEndId: string) =>
    void act(async () => {
      const r = await call('vop.takeBankName', { id: order.id, endToEndId });
      return t('vop.nameTaken', { name: r.holderName });
    });

  return (
    <div data-testid="veu-panel">
      {notice && <p className="banner banner-ok">{notice}</p>}
      <ErrorBanner problems={[problem ?? undefined, veu.error && problemFromError(veu.error), vop.error && problemFromError(vop.error)]} />
      {vop.data && <VopResults results={vop.data} onTakeName={takeName} working={working} />}
      {waiting ? <VeuSigning order={waiting} working={working} onDecide={decide} /> : veu.data && <p>{t('veu.notWaiting')}</p>}
    </div>
  );
}
