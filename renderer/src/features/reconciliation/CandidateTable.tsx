import type { EntryRef } from '../../../../shared/reconcile';
import { useI18n } from '../../i18n/I18nProvider';
import type { Problem } from '../../i18n/problems';
import { unfitReason, type EntryChoice } from './allocation';

interface Props {
  candidates: readonly EntryRef[];
  /** The chosen entries by id, with their amounts as typed. */
  picked: ReadonlyMap<number, EntryChoice>;
  /** What the line has left (in its sign). */
  available: number;
  currency: string;
  /** Problems of the typed amounts, by entry id. */
  rowProblems: ReadonlyMap<number, Problem> | undefined;
  /** Prefix of the amount inputs' ids. */
  idPrefix: string;
  onToggle: (entry: EntryRef, on: boolean) => void;
  onType: (entryId: number, text: string) => void;
}

/** The entries the line may settle: a checkbox to use each and the amount to assign to it. */
export function CandidateTable({ candidates, picked, available, currency, rowProblems, idPrefix, onToggle, onType }: Props) {
  const { t, amount, date, problem } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="allocation-candidates">
        <caption className="sr-only">{t('reconcile.candidates')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reconcile.use')}</th>
            <th scope="col">{t('entry.number')}</th>
            <th scope="col">{t('entry.account')}</th>
            <th scope="col">{t('entry.dueDate')}</th>
            <th scope="col">{t('entry.paymentReference')}</th>
            <th scope="col" className="align-right">
              {t('entry.openAmount')}
            </th>
            <th scope="col">{t('reconcile.amountToAssign')}</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((e) => {
            const pick = picked.get(e.entryId);
            const unfit = unfitReason(e, available, currency);
            const rowProblem = rowProblems?.get(e.entryId);
            const inputId = `${idPrefix}-a${e.entryId}`;
            return (
              <tr key={e.entryId} className={pick ? 'row-selected' : unfit ? 'row-inactive' : undefined}>
                <td className="align-center">
                  <input
                    type="checkbox"
                    checked={pick !== undefined}
                    disabled={!pick && unfit !== undefined}
                    aria-label={t('reconcile.useEntry', { number: e.number })}
                    onChange={(ev) => onToggle(e, ev.target.checked)}
                  />
                </td>
                <td className="nowrap">
                  <strong>{e.number}</strong>
                </td>
                <td>{e.accountName}</td>
                <td className="nowrap">{date(e.dueDate)}</td>
                <td className="truncate" title={e.paymentReference ?? undefined}>
                  {e.paymentReference ?? ''}
                </td>
                <td className="align-right nowrap amount">{amount(e.openAmountCents, e.currency)}</td>
                <td>
                  {pick ? (
                    <div className={rowProblem ? 'field field-invalid allocation-amount' : 'field allocation-amount'}>
                      <input
                        id={inputId}
                        type="text"
                        inputMode="decimal"
                        value={pick.text}
                        aria-label={t('reconcile.amountFor', { number: e.number })}
                        aria-invalid={rowProblem ? true : undefined}
                        aria-describedby={rowProblem ? `${inputId}-error` : undefined}
                        onChange={(ev) => onType(e.entryId, ev.target.value)}
                      />
                      {rowProblem && (
                        <p id={`${inputId}-error`} className="field-error">
                          {problem(rowProblem)}
                        </p>
                      )}
                    </div>
                  ) : (
                    unfit && <span className="muted">{problem(unfit)}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
