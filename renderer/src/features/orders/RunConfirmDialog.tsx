import { useState } from 'react';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import type { OrderSummary } from '../../../../shared/api/orders';
import { orderProblem } from './labels';

interface Props {
  id: number;
  action: 'approve' | 'upload';
  onClose: () => void;
  /** Does the work; a throw keeps the dialog open with the error. For an approval: payouts to another entity's bank details confirmed; for an upload: the verification of payee chosen. */
  onConfirm: (choice: { vop?: boolean; confirmOtherEntityDetails?: boolean }) => Promise<void>;
}

/** With or without verification of payee, for this upload; starts at the bank access's default. */
function VopChoice({ accessId, value, onChange }: { accessId: number; value: boolean | undefined; onChange: (vop: boolean) => void }) {
  const { t } = useI18n();
  const fallback = useApi('vop.default', { bankAccessId: accessId });
  const checked = value ?? (fallback.data ? fallback.data.choice === 'with' : undefined);
  return (
    <fieldset data-testid="vop-choice">
      <legend>{t('vopChoice.legend')}</legend>
      <label>
        <input type="radio" name="vop-choice" checked={checked === true} onChange={() => onChange(true)} /> {t('vopChoice.with')}
      </label>
      <label>
        <input type="radio" name="vop-choice" checked={checked === false} onChange={() => onChange(false)} /> {t('vopChoice.waive')}
      </label>
    </fieldset>
  );
}

/**
 * The step before approving or uploading a run: what the person commits to
 * — how many payments, the total, the execution or collection date, the
 * account and the bank — read afresh from the ledger.
 */
export function RunConfirmDialog({ id, action, onClose, onConfirm }: Props) {
  const tr = useI18n();
  const { t, amount, date } = tr;
  const summary = useApi('orders.summary', { id });
  const s = summary.data;
  const [otherEntityOk, setOtherEntityOk] = useState(false);
  const [vop, setVop] = useState<boolean | undefined>(undefined);
  const order = useApi('orders.get', { id }, action === 'upload');
  const accessId = order.data?.bankAccessId ?? null;
  return (
    <ConfirmDialog
      title={t(action === 'approve' ? 'runs.confirmApproveTitle' : 'runs.confirmUploadTitle', { id })}
      confirmLabel={t(action === 'approve' ? 'orders.approve' : 'orders.upload')}
      onClose={onClose}
      describeError={(e) => orderProblem(e, tr)}
      onConfirm={() => onConfirm({ ...(vop === undefined ? {} : { vop }), confirmOtherEntityDetails: otherEntityOk })}
    >
      {!s ? (
        <Loading />
      ) : (
        <>
          <p>{t('runs.confirmText')}</p>
          <dl className="facts" data-testid="run-summary">
            {s.instant && (
              <>
                <dt>{t('instant.kind')}</dt>
                <dd data-testid="run-instant">{t('instant.summary')}</dd>
              </>
            )}
            <dt>{t('runs.summaryCount')}</dt>
            <dd>{s.count}</dd>
            <dt>{t('runs.summaryTotal')}</dt>
            <dd className="amount">{amount(s.totalCents, s.currency)}</dd>
            <dt>{t(s.kind === 'direct_debit' ? 'runs.summaryDateDebit' : 'runs.summaryDateTransfer')}</dt>
            <dd>{date(s.date)}</dd>
            <dt>{t('runs.summaryAccount')}</dt>
            <dd>
              {s.bankAccountName} <span className="mono">{s.bankAccountIban}</span>
            </dd>
            <dt>{t('runs.summaryBank')}</dt>
            <dd>{s.bank ? `${s.bank.name} (${s.bank.hostId})` : t('runs.summaryNoBank')}</dd>
            <dt>{t('runs.summaryBuiltBy')}</dt>
            <dd>{s.builtBy ?? '—'}</dd>
          </dl>
          {action === 'approve' && !s.mayApprove && <p className="warn-text">{t('runs.builtBySelf')}</p>}
          <OtherEntityWarning summary={s} confirm={action === 'approve'} checked={otherEntityOk} onChange={setOtherEntityOk} />
          {action === 'upload' && s.kind === 'credit_transfer' && accessId !== null && <VopChoice accessId={accessId} value={vop} onChange={setVop} />}
        </>
      )}
    </ConfirmDialog>
  );
}

interface WarningProps {
  summary: OrderSummary;
  /** Approving needs the box ticked; uploading shows the warning only. */
  confirm: boolean;
  checked: boolean;
  onChange: (on: boolean) => void;
}

/** Payouts to bank details registered for another business entity: named one by one, never silently. */
function OtherEntityWarning({ summary, confirm, checked, onChange }: WarningProps) {
  const { t } = useI18n();
  if (summary.otherEntityDetails.length === 0) return null;
  return (
    <div className="banner banner-warn" data-testid="run-other-entity">
      <p>{t('runs.otherEntityWarning', { count: summary.otherEntityDetails.length })}</p>
      <ul>
        {summary.otherEntityDetails.map((p) => (
          <li key={p.paymentId}>
            {t('runs.otherEntityLine', { payee: p.payee ?? '—', iban: p.iban ?? '—', detailsEntity: p.detailsEntity, entryEntity: p.entryEntity })}
          </li>
        ))}
      </ul>
      {confirm && (
        <label className="checkbox">
          <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {t('runs.otherEntityConfirm')}
        </label>
      )}
    </div>
  );
}
