import type { PaymentOrder } from '../../../../shared/domain';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/I18nProvider';
import { DEMO_BANK_HREF } from '../banks/DemoBankSection';

/**
 * An order sent to the demo bank waits for a signer nobody has at a real
 * bank: the user plays that person on the Banks screen, so say where.
 */
export function DemoSignerPointer({ order }: { order: Pick<PaymentOrder, 'bankAccessId' | 'status'> }) {
  const { t } = useI18n();
  const waiting = order.bankAccessId !== null && (order.status === 'uploaded' || order.status === 'approved');
  const accesses = useApi('bankAccess.list', {}, waiting);
  const access = accesses.data?.find((a) => a.id === order.bankAccessId);
  if (!waiting || !access?.isDemo) return null;
  return (
    <p className="banner banner-info" data-testid="demo-signer-pointer">
      {t(order.status === 'uploaded' ? 'words.demoSignerNow' : 'words.demoSignerLater')} <a href={DEMO_BANK_HREF}>{t('words.demoSignerLink')}</a>
    </p>
  );
}
