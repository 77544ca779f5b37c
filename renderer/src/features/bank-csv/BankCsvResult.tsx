import { useState } from 'react';
import type { BankCsvCommitResult } from '../../../../shared/bank-csv';
import type { RunResult } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { Drawer } from '../../components/Drawer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { ibanText, periodText } from '../statements/labels';

interface Props {
  result: BankCsvCommitResult;
  onClose: () => void;
  /** "Find matches now" ran the matcher. */
  onMatched: (result: RunResult) => void;
}

/** What the bank CSV import stored, and the offer to look for matches right away. */
export function BankCsvResult({ result, onClose, onMatched }: Props) {
  const { t, plural, amount, date } = useI18n();
  const [matching, setMatching] = useState(false);
  const [matchProblem, setMatchProblem] = useState<Problem>();
  const s = result.statement;

  const findMatches = () => {
    setMatching(true);
    setMatchProblem(undefined);
    call('reconcile.run', {}).then(
      (r) => {
        setMatching(false);
        onMatched(r);
      },
      (e: unknown) => {
        setMatching(false);
        setMatchProblem(problemFromError(e));
      },
    );
  };

  return (
    <Drawer title={t('bankCsv.title')} onClose={onClose} wide>
      <div className="bankcsv-done" data-testid="bankcsv-result">
        <p className="banner banner-ok" role="status">
          {t('bankCsv.doneStored', { account: ibanText(s.iban), period: periodText(date, s) })}{' '}
          {plural(result.lines, 'bankCsv.doneLinesOne', 'bankCsv.doneLinesOther')}
          {result.chargebacks > 0 && <> {plural(result.chargebacks, 'bankCsv.doneChargebacksOne', 'bankCsv.doneChargebacksOther')}</>}
        </p>
        <dl className="facts">
          <div className="facts-pair">
            <dt>{t('statements.account')}</dt>
            <dd className="mono">{ibanText(s.iban)}</dd>
          </div>
          <div className="facts-pair">
            <dt>{t('statements.period')}</dt>
            <dd>{periodText(date, s)}</dd>
          </div>
          <div className="facts-pair">
            <dt>{t('statements.lines')}</dt>
            <dd>{result.lines}</dd>
          </div>
          <div className="facts-pair">
            <dt>{t('statements.sum')}</dt>
            <dd className={s.sumCents < 0 ? 'amount negative' : 'amount'}>{amount(s.sumCents, s.currency)}</dd>
          </div>
          <div className="facts-pair">
            <dt>{t('statements.file')}</dt>
            <dd>{s.fileName}</dd>
          </div>
        </dl>
        <p>{t('bankCsv.findMatchesOffer')}</p>
        <ErrorBanner problems={[matchProblem]} />
        <div className="form-actions">
          <button type="button" className="primary" onClick={findMatches} disabled={matching}>
            {matching ? t('reconcile.running') : t('bankCsv.findMatchesNow')}
          </button>
          <button type="button" onClick={onClose}>
            {t('action.close')}
          </button>
        </div>
      </div>
    </Drawer>
  );
}
