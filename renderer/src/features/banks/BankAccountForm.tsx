import { BankAccountInput, type BankAccess, type BankAccount, type BusinessEntity } from '../../../../shared/domain';
import { formatIban } from '../../../../shared/ids';
import { call } from '../../api/client';
import { SelectField, TextField } from '../../forms/controls';
import { FormDrawer } from '../../forms/FormDrawer';
import { useForm } from '../../forms/useForm';
import { check, checkIban, optionalId, requiredId, upper, type Found } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';
import { STATE_LABEL } from './access';
import { OfferedAccounts } from './OfferedAccounts';

type Values = { entityId: string; bankAccessId: string; name: string; iban: string; bic: string; currency: string };

interface Props {
  account: BankAccount | undefined;
  entities: BusinessEntity[];
  /** The bank accesses the account can be reached through. */
  accesses: BankAccess[];
  onSaved: (account: BankAccount) => void;
  onClose: () => void;
}

const tidyIban = (text: string) => (text.trim() ? formatIban(text) : null);

/** A new account goes through the one ready access, if there is exactly one: what a first set-up wants. */
function initialAccess(account: BankAccount | undefined, accesses: BankAccess[]): string {
  if (account) return account.bankAccessId ? String(account.bankAccessId) : '';
  const ready = accesses.filter((a) => a.state === 'ready');
  return ready.length === 1 ? String(ready[0]!.id) : '';
}

export function BankAccountForm({ account, entities, accesses, onSaved, onClose }: Props) {
  const { t } = useI18n();
  const only = entities.length === 1 ? entities[0] : undefined;
  const form = useForm({
    initial: {
      entityId: account ? String(account.entityId) : only ? String(only.id) : '',
      bankAccessId: initialAccess(account, accesses),
      name: account?.name ?? '',
      iban: account ? formatIban(account.iban) : '',
      bic: account?.bic ?? '',
      currency: account?.currency ?? 'EUR',
    } satisfies Values,
    validate: (v: Values) => {
      const found: Found = {};
      return check(
        BankAccountInput,
        {
          entityId: requiredId(v.entityId, 'entityId', found),
          bankAccessId: optionalId(v.bankAccessId),
          name: v.name,
          iban: checkIban(v.iban, 'iban', found),
          bic: v.bic,
          currency: upper(v.currency),
        },
        found,
      );
    },
    submit: async (input) => onSaved(account ? await call('bankAccounts.update', { id: account.id, values: input }) : await call('bankAccounts.create', input)),
    codeFields: { 'bankAccount.duplicateIban': 'iban' },
  });

  return (
    <FormDrawer title={account ? t('bankAccount.edit') : t('bankAccount.new')} form={form} submitLabel={t('action.save')} onClose={onClose}>
      <SelectField
        form={form}
        name="entityId"
        label={t('field.entity')}
        required
        emptyLabel={only ? undefined : t('common.choose')}
        options={entities.map((e) => ({ value: String(e.id), label: e.name }))}
        className="span-2"
      />
      <SelectField
        form={form}
        name="bankAccessId"
        label={t('bankAccount.bankAccess')}
        hint={accesses.length ? t('setupList.accessHint') : t('setupList.noAccessHint')}
        emptyLabel={t('setupList.notLinked')}
        options={accesses.map((a) => ({ value: String(a.id), label: `${a.name} · ${t(STATE_LABEL[a.state])}` }))}
        className="span-2"
      />
      {!account && (
        <OfferedAccounts
          accessId={accesses.find((a) => String(a.id) === form.values.bankAccessId && a.state === 'ready')?.id ?? null}
          onPick={(o) =>
            form.patch({ iban: formatIban(o.iban), bic: o.bic ?? '', currency: o.currency, ...(form.values.name ? {} : { name: o.description ?? '' }) })
          }
        />
      )}
      <TextField form={form} name="name" label={t('bankAccount.name')} hint={t('bankAccount.nameHint')} required maxLength={70} className="span-2" />
      <TextField form={form} name="iban" label={t('field.iban')} required reformat={tidyIban} className="span-2 uppercase mono-input" />
      <TextField form={form} name="bic" label={t('field.bic')} maxLength={14} className="uppercase mono-input" />
      <TextField form={form} name="currency" label={t('field.currency')} required maxLength={3} className="uppercase" />
    </FormDrawer>
  );
}
