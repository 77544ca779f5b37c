import { useId, useState } from 'react';
import type { ApiInput } from '../../../../shared/api';
import type { BusinessEntity } from '../../../../shared/domain';
import type { PartyBulkEditResult, PartyBulkEditRow } from '../../../../shared/parties';
import { call } from '../../api/client';
import { Drawer } from '../../components/Drawer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Table, type Column } from '../../components/Table';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';

type Method = 'keep' | 'sepa' | 'other' | 'none';

interface Props {
  accountIds: readonly number[];
  entities: readonly BusinessEntity[];
  onClose: () => void;
  onDone: (result: PartyBulkEditResult) => void;
}

const methodWord = (t: I18n['t'], m: 'sepa' | 'other' | null) =>
  t(m === 'sepa' ? 'partyEdit.methodSepa' : m === 'other' ? 'partyEdit.methodOther' : 'partyEdit.methodNone');

function PlanTable({ plan }: { plan: PartyBulkEditResult }) {
  const { t } = useI18n();
  const columns: Column<PartyBulkEditRow>[] = [
    { key: 'number', header: t('account.number'), cell: (r) => r.number, className: 'nowrap' },
    { key: 'name', header: t('account.name'), cell: (r) => r.name },
    {
      key: 'change',
      header: t('partyEdit.change'),
      cell: (r) =>
        [
          r.paymentMethod && t('partyEdit.methodChange', { from: methodWord(t, r.paymentMethod.from), to: methodWord(t, r.paymentMethod.to) }),
          r.bankDetails && t('partyEdit.bankChange', { iban: r.bankDetails.iban }),
        ]
          .filter(Boolean)
          .join('; ') || t('partyEdit.unchanged'),
    },
  ];
  return (
    <>
      {plan.iban && (
        <p data-testid="party-edit-bank">
          {plan.bic
            ? t(plan.bicDerived ? 'partyEdit.bankWithDerivedBic' : 'partyEdit.bankWithBic', { iban: plan.iban, bic: plan.bic })
            : t('partyEdit.bankWithoutBic', { iban: plan.iban })}
        </p>
      )}
      <Table caption={t('partyEdit.title')} columns={columns} rows={plan.rows} rowKey={(r) => r.accountId} testId="party-edit-plan" />
      <p>{t('partyEdit.planCount', { changed: plan.changed, unchanged: plan.unchanged })}</p>
    </>
  );
}

/**
 * Payment method and bank details for the selected parties: first checked
 * (a dry run that shows each party's change), then changed in one step.
 */
export function PartyBulkEditDialog({ accountIds, entities, onClose, onDone }: Props) {
  const { t } = useI18n();
  const ids = { method: useId(), iban: useId(), bic: useId(), entity: useId() };
  const [method, setMethod] = useState<Method>('keep');
  const [iban, setIban] = useState('');
  const [bic, setBic] = useState('');
  const [entityId, setEntityId] = useState(entities[0]?.id ?? 0);
  const [plan, setPlan] = useState<PartyBulkEditResult>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const input = (): ApiInput<'parties.bulkEdit'> => ({
    accountIds: [...accountIds],
    ...(method === 'keep' ? {} : { paymentMethod: method === 'none' ? null : method }),
    ...(iban.trim() ? { iban: iban.trim(), entityId } : {}),
    ...(bic.trim() ? { bic: bic.trim() } : {}),
  });
  const edited = (set: () => void) => {
    set();
    setPlan(undefined);
  };
  const run = (dryRun: boolean) => {
    setBusy(true);
    setProblem(undefined);
    call('parties.bulkEdit', { ...input(), dryRun }).then(
      (r) => {
        setBusy(false);
        if (dryRun) setPlan(r);
        else onDone(r);
      },
      (e: unknown) => {
        setBusy(false);
        setProblem(problemFromError(e));
      },
    );
  };

  return (
    <Drawer title={t('partyEdit.title')} onClose={onClose} wide>
      <>
        <p>{t('partyEdit.intro', { count: accountIds.length })}</p>
        <div className="form-grid">
          <Field id={ids.method} label={t('partyEdit.method')}>
            <select id={ids.method} value={method} onChange={(e) => edited(() => setMethod(e.target.value as Method))}>
              <option value="keep">{t('partyEdit.methodKeep')}</option>
              <option value="sepa">{t('partyEdit.methodSepa')}</option>
              <option value="other">{t('partyEdit.methodOther')}</option>
              <option value="none">{t('partyEdit.methodNone')}</option>
            </select>
          </Field>
          {entities.length > 1 && (
            <Field id={ids.entity} label={t('partyEdit.entity')}>
              <select id={ids.entity} value={entityId} onChange={(e) => edited(() => setEntityId(Number(e.target.value)))}>
                {entities.map((en) => (
                  <option key={en.id} value={en.id}>
                    {en.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id={ids.iban} label={t('partyEdit.iban')} hint={t('partyEdit.ibanHint')} className="span-2">
            <input id={ids.iban} value={iban} className="mono" onChange={(e) => edited(() => setIban(e.target.value))} />
          </Field>
          <Field id={ids.bic} label={t('partyEdit.bic')} hint={t('partyEdit.bicHint')}>
            <input id={ids.bic} value={bic} className="mono uppercase" onChange={(e) => edited(() => setBic(e.target.value))} />
          </Field>
        </div>
        <ErrorBanner problems={[problem]} />
        {plan && <PlanTable plan={plan} />}
        <div className="form-actions">
          {!plan ? (
            <button type="button" className="primary" disabled={busy} onClick={() => run(true)}>
              {t('partyEdit.check')}
            </button>
          ) : (
            <button type="button" className="primary" disabled={busy || plan.changed === 0} onClick={() => run(false)}>
              {t('partyEdit.confirm', { count: plan.changed })}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
        </div>
      </>
    </Drawer>
  );
}
