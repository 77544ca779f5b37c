import type { AccountKind, PaymentInstrument } from '../../../../shared/domain';
import { formatIban } from '../../../../shared/ids';
import type { Translator } from '../../i18n/translator';

export const kindLabel = (t: Translator['t'], kind: AccountKind) => t(kind === 'customer' ? 'account.kindCustomer' : 'account.kindSupplier');

/** How a mandate or bank details are named in a list to choose from. */
export function instrumentLabel(t: Translator['t'], i: PaymentInstrument): string {
  const parts =
    i.kind === 'sepa_mandate'
      ? [t('instrument.mandateShort'), i.mandateId ?? '', i.scheme ?? '', formatIban(i.iban)]
      : [t('instrument.bankDetailsShort'), i.holderName, formatIban(i.iban)];
  return parts.filter(Boolean).join(' · ') + (i.active ? '' : ` (${t('instrument.inactive')})`);
}
