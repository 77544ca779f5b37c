import type { StatementAccount } from '../../../../shared/statements';
import { useI18n } from '../../i18n/I18nProvider';
import { countText, ibanText } from './labels';

interface Props {
  accounts: readonly StatementAccount[];
  /** The chosen account's IBAN; undefined for all accounts. */
  selected: string | undefined;
  onSelect: (iban: string | undefined) => void;
}

/** The accounts with statements, each with its latest balance; one can be chosen, or all. */
export function AccountList({ accounts, selected, onSelect }: Props) {
  const { t, amount, date, plural, locale } = useI18n();
  return (
    <ul className="statement-accounts" aria-label={t('statements.accounts')}>
      <li>
        <button type="button" className="statement-account statement-account-all" aria-pressed={selected === undefined} onClick={() => onSelect(undefined)}>
          <span className="statement-account-name">{t('statements.allAccounts')}</span>
          <span className="muted">{plural(accounts.length, 'statements.accountCountOne', 'statements.accountCountOther')}</span>
        </button>
      </li>
      {accounts.map((a) => {
        const balance = a.latestBalance;
        return (
          <li key={a.iban}>
            <button
              type="button"
              className="statement-account"
              aria-pressed={selected === a.iban}
              onClick={() => onSelect(a.iban)}
              data-testid="statement-account"
            >
              <span className="statement-account-name">{a.name ?? t('statements.unknownAccount')}</span>
              <span className="mono">{ibanText(a.iban)}</span>
              <span className="statement-account-balance">
                {balance ? (
                  <>
                    <span className={balance.amountCents < 0 ? 'amount negative' : 'amount'}>{amount(balance.amountCents, a.currency)}</span>{' '}
                    <span className="muted">{t('statements.balanceOn', { date: date(balance.date) })}</span>
                  </>
                ) : (
                  <span className="muted">{t('statements.noBalance')}</span>
                )}
              </span>
              <span className="muted">
                {plural(a.statementCount, 'statements.statementCountOne', 'statements.statementCountOther')} ·{' '}
                {t(a.lineCount === 1 ? 'statements.lineCountOne' : 'statements.lineCountOther', { count: countText(a.lineCount, locale) })}
                {a.unmatchedCount > 0 && <> · {t('statements.unmatchedCount', { count: countText(a.unmatchedCount, locale) })}</>}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
