import { useId } from 'react';
import type { OfferedAccount } from '../../../../shared/bank-access-settings';
import { formatIban } from '../../../../shared/ids';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * The accounts the bank lists for the subscriber (HTD), to fill the form
 * from instead of typing the IBAN. Shown only when the bank answered with
 * accounts; a bank that does not is no error here.
 */
export function OfferedAccounts({ accessId, onPick }: { accessId: number | null; onPick: (account: OfferedAccount) => void }) {
  const { t } = useI18n();
  const id = useId();
  const offered = useApi('bankAccess.offeredAccounts', { id: accessId ?? 1 }, accessId !== null);
  const accounts = offered.data ?? [];
  if (accessId === null || accounts.length === 0) return null;
  return (
    <div className="field span-2">
      <label htmlFor={id}>{t('setupList.offeredAccounts')}</label>
      <select
        id={id}
        defaultValue=""
        onChange={(e) => {
          const picked = accounts[Number(e.target.value)];
          if (picked) onPick(picked);
        }}
      >
        <option value="">{t('common.choose')}</option>
        {accounts.map((a, i) => (
          <option key={a.iban} value={i}>
            {`${formatIban(a.iban)} · ${a.currency}${a.description ? ` · ${a.description}` : ''}`}
          </option>
        ))}
      </select>
    </div>
  );
}
