import { useState } from 'react';
import { compareDates, formatBusinessDate, type BusinessDate } from '../../../../shared/dates';
import { EntryInput, type Account, type BankAccount, type BusinessEntity, type Entry, type PaymentInstrument } from '../../../../shared/domain';
import { formatIban } from '../../../../shared/ids';
import { formatAmount } from '../../../../shared/money';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { AmountField, CheckboxField, DateField, SelectField, TextField } from '../../forms/controls';
import { FormDrawer } from '../../forms/FormDrawer';
import { EntrySettlements } from './settle/EntrySettlements';
import { useForm } from '../../forms/useForm';
import { amountFrom, check, dateFrom, optionalId, requiredId, upper, type Found } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';
import { instrumentLabel } from '../accounts/labels';

type Values = {
  entityId: string;
  accountId: string;
  type: string;
  number: string;
  statementDate: string;
  dueDate: string;
  amountCents: string;
  currency: string;
  paymentReference: string;
  requestedMethod: string;
  requestedInstrumentId: string;
  requestedBankAccountId: string;
  needsApproval: boolean;
};

function validate(v: Values) {
  const found: Found = {};
  const statementDate = dateFrom(v.statementDate, 'statementDate', found, 'date.required');
  const dueDate = dateFrom(v.dueDate, 'dueDate', found);
  if (statementDate && dueDate && compareDates(dueDate, statementDate) < 0) found.dueDate = { code: 'entry.dueBeforeStatement' };
  const credit = v.type === 'Credit';
  return check(
    EntryInput,
    {
      entityId: requiredId(v.entityId, 'entityId', found),
      accountId: requiredId(v.accountId, 'accountId', found),
      type: credit ? 'Credit' : 'Debit',
      number: v.number,
      statementDate: statementDate ?? '',
      dueDate,
      amountCents: amountFrom(v.amountCents, 'amountCents', found),
      currency: upper(v.currency),
      paymentReference: v.paymentReference,
      requestedMethod: v.requestedMethod === 'sepa' || v.requestedMethod === 'other' ? v.requestedMethod : null,
      // The mandate or bank details only matter for a SEPA payment; the choice is kept while typing.
      requestedInstrumentId: v.requestedMethod === 'sepa' ? optionalId(v.requestedInstrumentId) : null,
      requestedBankAccountId: optionalId(v.requestedBankAccountId),
      needsApproval: credit && v.needsApproval,
    },
    found,
  );
}

/** Receivables are collected (mandates), payables paid out (bank details). */
function fits(i: PaymentInstrument, type: string, entityId: string): boolean {
  if (type === 'Credit') return i.direction !== 'in';
  return i.direction !== 'out' && (i.kind !== 'sepa_mandate' || String(i.entityId) === entityId);
}

interface Props {
  entry: Entry | undefined;
  entities: BusinessEntity[];
  accounts: Account[];
  bankAccounts: BankAccount[];
  /** Today by Kontor's clock (app.status), the default statement date of a new entry. */
  today: BusinessDate;
  onSaved: (entry: Entry) => void;
  onClose: () => void;
}

/** The fields as an entry fills them (a new one: today and the preferred bank account of `entityId`). */
function valuesOf(entry: Entry | undefined, fresh: { entityId: string; bankAccountId: string; today: BusinessDate }, locale: 'en' | 'de'): Values {
  return {
    entityId: entry ? String(entry.entityId) : fresh.entityId,
    accountId: entry ? String(entry.accountId) : '',
    type: entry?.type ?? 'Debit',
    number: entry?.number ?? '',
    statementDate: formatBusinessDate(entry?.statementDate ?? fresh.today, locale),
    dueDate: entry?.dueDate ? formatBusinessDate(entry.dueDate, locale) : '',
    amountCents: entry ? formatAmount(Math.abs(entry.amountCents), locale) : '',
    currency: entry?.currency ?? 'EUR',
    paymentReference: entry?.paymentReference ?? '',
    requestedMethod: entry?.requestedMethod ?? '',
    requestedInstrumentId: entry?.requestedInstrumentId ? String(entry.requestedInstrumentId) : '',
    requestedBankAccountId: entry ? String(entry.requestedBankAccountId ?? '') : fresh.bankAccountId,
    needsApproval: entry ? entry.creditApproval !== null : false,
  };
}

export function EntryForm({ entry: loaded, entities, accounts, bankAccounts, today, onSaved, onClose }: Props) {
  const { t, locale, amount } = useI18n();
  // The entry as last read: a reload after someone else's save replaces it (and its version).
  const [entry, setEntry] = useState(loaded);
  const only = entities.length === 1 ? entities[0] : undefined;
  const preferred = (entityId: string) => {
    const id = entities.find((e) => String(e.id) === entityId)?.preferredBankAccountId;
    return id ? String(id) : '';
  };
  const initialEntity = entry ? String(entry.entityId) : only ? String(only.id) : '';
  const fresh = { entityId: initialEntity, bankAccountId: preferred(initialEntity), today };

  const form = useForm({
    initial: valuesOf(entry, fresh, locale),
    validate,
    submit: async (input) =>
      onSaved(entry ? await call('entries.update', { id: entry.id, version: entry.version, values: input }) : await call('entries.create', input)),
    codeFields: {
      'entry.duplicateNumber': 'number',
      'entry.dueBeforeStatement': 'dueDate',
      'entry.instrumentOfOtherAccount': 'requestedInstrumentId',
      'entry.bankAccountOfOtherEntity': 'requestedBankAccountId',
      'entry.settledTooMuch': 'amountCents',
    },
  });
  const v = form.values;
  const instruments = useApi('instruments.list', { accountId: Number(v.accountId) || 1 }, v.accountId !== '');

  const entityAccounts = bankAccounts.filter((a) => String(a.entityId) === v.entityId);
  const choosable = (instruments.data ?? []).filter((i) => String(i.id) === v.requestedInstrumentId || (i.active && fits(i, v.type, v.entityId)));
  const byKind = (kind: string) => accounts.filter((a) => a.kind === kind).map((a) => ({ value: String(a.id), label: `${a.number} · ${a.name}` }));

  return (
    <FormDrawer
      title={entry ? t('entry.editNamed', { number: entry.number }) : t('entry.new')}
      form={form}
      submitLabel={t('action.save')}
      onClose={onClose}
      {...(entry && {
        onReload: async () => {
          const current = await call('entries.get', { id: entry.id });
          setEntry(current);
          return valuesOf(current, fresh, locale);
        },
      })}
      aside={
        entry && (
          <>
            <p className="form-aside">
              {t('entry.openNow', { amount: amount(entry.openAmountCents, entry.currency) })} ·{' '}
              {t(entry.status === 'Open' ? 'entry.statusOpen' : 'entry.statusBalanced')}
              {entry.preparedBy && <> · {t('entry.preparedBy', { name: entry.preparedBy })}</>}
              {entry.creditApproval && <> · {t(`entry.approval.${entry.creditApproval}`)}</>}
            </p>
            <EntrySettlements entry={entry} onSettled={() => onSaved(entry)} />
          </>
        )
      }
    >
      <SelectField
        form={form}
        name="entityId"
        label={t('field.entity')}
        required
        emptyLabel={only ? undefined : t('common.choose')}
        options={entities.map((e) => ({ value: String(e.id), label: e.name }))}
        onValue={(entityId) => {
          form.set('entityId', entityId);
          if (!bankAccounts.some((a) => String(a.id) === v.requestedBankAccountId && String(a.entityId) === entityId)) {
            form.patch({ requestedBankAccountId: preferred(entityId) });
          }
        }}
      />
      <SelectField
        form={form}
        name="type"
        label={t('entry.type')}
        required
        options={[
          { value: 'Debit', label: t('entry.typeDebit') },
          { value: 'Credit', label: t('entry.typeCredit') },
        ]}
      />
      <SelectField
        form={form}
        name="accountId"
        label={t('entry.account')}
        required
        emptyLabel={t('common.choose')}
        groups={[
          { label: t('account.kindCustomers'), options: byKind('customer') },
          { label: t('account.kindSuppliers'), options: byKind('supplier') },
        ]}
        onValue={(accountId) => {
          form.set('accountId', accountId);
          form.patch({ requestedInstrumentId: '' });
        }}
        className="span-2"
      />
      <TextField form={form} name="number" label={t('entry.number')} hint={t('entry.numberHint')} required maxLength={35} />
      <TextField form={form} name="paymentReference" label={t('entry.paymentReference')} maxLength={140} />
      <DateField form={form} name="statementDate" label={t('entry.statementDate')} required />
      <DateField form={form} name="dueDate" label={t('entry.dueDate')} />
      <AmountField form={form} name="amountCents" label={t('entry.amount')} hint={t('entry.amountHint')} required />
      <TextField form={form} name="currency" label={t('field.currency')} required maxLength={3} className="uppercase" />
      <SelectField
        form={form}
        name="requestedMethod"
        label={t('entry.method')}
        emptyLabel={t('entry.methodNone')}
        options={[
          { value: 'sepa', label: t('entry.methodSepa') },
          { value: 'other', label: t('entry.methodOther') },
        ]}
      />
      {v.requestedMethod === 'sepa' && (
        <SelectField
          form={form}
          name="requestedInstrumentId"
          label={t(v.type === 'Credit' ? 'entry.bankDetails' : 'entry.mandate')}
          hint={
            v.accountId === ''
              ? t('entry.chooseAccountFirst')
              : choosable.length === 0
                ? t(v.type === 'Credit' ? 'entry.noBankDetails' : 'entry.noMandates')
                : undefined
          }
          emptyLabel={t('common.none')}
          options={choosable.map((i) => ({ value: String(i.id), label: instrumentLabel(t, i) }))}
        />
      )}
      <SelectField
        form={form}
        name="requestedBankAccountId"
        label={t('entry.bankAccount')}
        hint={v.entityId !== '' && entityAccounts.length === 0 ? t('entry.noBankAccounts') : undefined}
        emptyLabel={t('common.none')}
        options={entityAccounts.map((a) => ({ value: String(a.id), label: `${a.name} · ${formatIban(a.iban)}` }))}
        className="span-2"
      />
      {v.type === 'Credit' && (
        <CheckboxField form={form} name="needsApproval" label={t('entry.needsApproval')} hint={t('entry.needsApprovalHint')} className="span-2" />
      )}
    </FormDrawer>
  );
}
