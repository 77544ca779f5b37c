import { useState } from 'react';
import { AccountInput, type Account } from '../../../../shared/domain';
import { call } from '../../api/client';
import { SelectField, TextAreaField, TextField } from '../../forms/controls';
import { FormDrawer } from '../../forms/FormDrawer';
import { useForm } from '../../forms/useForm';
import { check, upper } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';

type Values = {
  kind: string;
  number: string;
  name: string;
  email: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  notes: string;
};

function validate(v: Values) {
  return check(AccountInput, {
    kind: v.kind === 'supplier' ? 'supplier' : 'customer',
    number: v.number,
    name: v.name,
    email: v.email.trim(),
    street: v.street,
    postalCode: v.postalCode,
    city: v.city,
    country: upper(v.country),
    notes: v.notes,
  });
}

interface Props {
  account: Account | undefined;
  onSaved: (account: Account) => void;
  onClose: () => void;
}

function valuesOf(account: Account | undefined): Values {
  return {
    kind: account?.kind ?? 'customer',
    number: account?.number ?? '',
    name: account?.name ?? '',
    email: account?.email ?? '',
    street: account?.street ?? '',
    postalCode: account?.postalCode ?? '',
    city: account?.city ?? '',
    country: account?.country ?? '',
    notes: account?.notes ?? '',
  };
}

export function AccountForm({ account: loaded, onSaved, onClose }: Props) {
  const { t } = useI18n();
  // The party as last read: a reload after someone else's save replaces it (and its version).
  const [account, setAccount] = useState(loaded);
  const form = useForm({
    initial: valuesOf(account),
    validate,
    submit: async (input) =>
      onSaved(account ? await call('accounts.update', { id: account.id, version: account.version, values: input }) : await call('accounts.create', input)),
    codeFields: { 'account.duplicateNumber': 'number' },
  });
  const reload = async () => {
    const current = await call('accounts.get', { id: account!.id });
    setAccount(current);
    return valuesOf(current);
  };
  return (
    <FormDrawer
      title={account ? t('account.edit') : t('account.new')}
      form={form}
      submitLabel={t('action.save')}
      onClose={onClose}
      {...(account && { onReload: reload })}
    >
      <SelectField
        form={form}
        name="kind"
        label={t('account.kind')}
        required
        options={[
          { value: 'customer', label: t('account.kindCustomer') },
          { value: 'supplier', label: t('account.kindSupplier') },
        ]}
      />
      <TextField form={form} name="number" label={t('account.number')} hint={t('account.numberHint')} required maxLength={35} />
      <TextField form={form} name="name" label={t('account.name')} required maxLength={70} className="span-2" />
      <TextField form={form} name="email" label={t('account.email')} type="email" className="span-2" />
      <TextField form={form} name="street" label={t('field.street')} className="span-2" />
      <TextField form={form} name="postalCode" label={t('field.postalCode')} />
      <TextField form={form} name="city" label={t('field.city')} />
      <TextField form={form} name="country" label={t('field.country')} hint={t('field.countryHint')} maxLength={2} className="uppercase" />
      <TextAreaField form={form} name="notes" label={t('account.notes')} className="span-2" />
    </FormDrawer>
  );
}
