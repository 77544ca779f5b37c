import type { ReactNode } from 'react';
import type { StatementLineDetail } from '../../../../shared/statements';
import { useApi } from '../../api/useApi';
import { Drawer } from '../../components/Drawer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import type { MessageKey } from '../../i18n/en';
import { ibanText, MATCH_LABEL, matchBadgeClass, periodText } from './labels';

/** `counterparty.name` → value, for a transaction as the parser gave it. */
export function flatten(record: Record<string, unknown>, prefix = ''): [string, string | number | boolean][] {
  const out: [string, string | number | boolean][] = [];
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === null || value === undefined || value === '') continue;
    if (typeof value === 'object' && !Array.isArray(value)) out.push(...flatten(value as Record<string, unknown>, name));
    else if (Array.isArray(value)) out.push([name, value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')]);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push([name, value]);
    else out.push([name, String(value)]);
  }
  return out;
}

/** Every field of one statement line, its transactions and the bank's raw text. */
export function LineDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useI18n();
  const line = useApi('statements.line', { id });
  return (
    <Drawer title={t('statements.lineTitle')} onClose={onClose} wide>
      <ErrorBanner problems={[line.error && problemFromError(line.error)]} onRetry={line.reload} />
      {line.data ? <LineFacts line={line.data} /> : !line.error && <Loading />}
    </Drawer>
  );
}

function LineFacts({ line }: { line: StatementLineDetail }) {
  const { t, amount, date } = useI18n();
  const s = line.statement;
  const money = (cents: number) => <span className={cents < 0 ? 'amount negative' : 'amount'}>{amount(cents, line.currency)}</span>;
  const facts: [MessageKey, ReactNode, string?][] = [
    ['statements.bookingDate', date(line.bookingDate)],
    ['statements.valueDate', date(line.valueDate) || '—'],
    ['statements.amount', money(line.amountCents)],
    ['statements.counterparty', line.counterpartyName],
    ['statements.counterpartyIban', line.counterpartyIban && ibanText(line.counterpartyIban), 'mono'],
    ['statements.counterpartyBic', line.counterpartyBic, 'mono'],
    ['statements.remittance', line.remittance, 'pre-line'],
    ['statements.bookingText', line.bookingText],
    ['statements.endToEndId', line.endToEndId, 'mono'],
    ['statements.mandateId', line.mandateId, 'mono'],
    ['statements.creditorId', line.creditorId, 'mono'],
    ['statements.bankReference', line.bankReference, 'mono'],
    ['statements.bankTxCode', line.bankTxCode, 'mono'],
    ['statements.returnReason', line.returnReason, 'mono'],
    ['statements.reversal', line.isReversal ? t('statements.yes') : null],
    ['statements.batchCount', line.batchCount === null ? null : String(line.batchCount)],
    ['statements.charges', line.chargesCents === null ? null : money(line.chargesCents)],
    ['statements.matchState', <span className={matchBadgeClass(line.matchState)}>{t(MATCH_LABEL[line.matchState])}</span>],
    ['statements.account', ibanText(line.accountIban), 'mono'],
    ['statements.statement', `${s.statementId}${s.sequenceNumber ? ` / ${s.sequenceNumber}` : ''} · ${s.reportKind} · ${periodText(date, s)}`],
    ['statements.lineNo', String(line.lineNo)],
    ['statements.file', s.fileName],
  ];

  return (
    <div className="line-detail" data-testid="line-detail">
      <dl className="facts">
        {facts
          .filter(([, value]) => value !== null && value !== undefined && value !== '')
          .map(([label, value, className]) => (
            <div key={label} className="facts-pair">
              <dt>{t(label)}</dt>
              <dd className={className}>{value}</dd>
            </div>
          ))}
      </dl>
      <h3 className="detail-heading">{t('statements.transactions', { count: line.transactions.length })}</h3>
      {line.transactions.length === 0 ? (
        <p className="muted">{t('statements.noTransactions')}</p>
      ) : (
        <ol className="line-transactions">
          {line.transactions.map((tx, i) => (
            <li key={i}>
              <dl className="facts">
                {flatten(tx).map(([key, value]) => (
                  <div key={key} className="facts-pair">
                    <dt className="mono">{key}</dt>
                    <dd className={typeof value === 'string' ? 'mono' : undefined}>
                      {typeof value === 'number' && /cents$/i.test(key) ? money(value) : String(value)}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
      <h3 className="detail-heading">{t('statements.raw')}</h3>
      <pre className="statement-raw" data-testid="line-raw" tabIndex={0} aria-label={t('statements.raw')}>
        {line.raw}
      </pre>
    </div>
  );
}
