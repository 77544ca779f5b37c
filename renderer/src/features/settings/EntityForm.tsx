import type { BankAccount, BusinessEntity } from '../../../../shared/domain';
import { BusinessEntityInput } from '../../../../shared/domain';
import { formatIban } from '../../../../shared/ids';
import { call } from '../../api/client';
import { SelectField, TextField } from '../../forms/controls';
import { FormDrawer } from '../../forms/FormDrawer';
import { useForm } from '../../forms/useForm';
import { check, optionalId, upper } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';

type Values = {
  name: string;
  creditorId: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  preferredBankAccountId: string;
};

const toValues = (e: BusinessEntity | undefined): Values => ({
  name: e?.name ?? '',
  creditorId: e?.creditorId ?? '',
  street: e?.street ?? '',
  postalCode: e?.postalCode ?? '',
  city: e?.city ?? '',
  country: e?.country ?? 'DE',
  preferredBankAccountId: e?.preferredBankAccountId ? String(e.preferredBankAccountId) : '',
});

function validate(v: Values) {
  return check(BusinessEntityInput, {
    name: v.name,
    creditorId: v.creditorId,
    street: v.street,
    postalCode: v.postalCode,
    city: v.city,
    country: upper(v.country),
    preferredBankAccountId: optionalId(v.preferredBankAccountId),
  });
}

interface Props {
  entity: BusinessEntity | undefined;
  /** This entity's bank accounts, to choose the preferred one from. */
  bankAccounts: BankAccount[];
  onSaved: (entity: BusinessEntity) => void;
  onClose: () => void;
}

export function EntityForm({ entity, bankAccounts, onSaved, onClose }: Props) {
  const { t } = useI18n();
  const form = useForm({
    initial: toValues(entity),
    validate,
    submit: async (input) => onSaved(entity ? await call('entities.update', { id: entity.id, values: input }) : await call('entities.create', input)),
    codeFields: { 'entity.preferredAccountOfOther': 'preferredBankAccountId' },
  });
  return (
    <FormDrawer title={entity ? t('entity.edit') : t('entity.new')} form={form} submitLabel={t('action.save')} onClose={onClose}>
      <TextField form={form} name="name" label={t('entity.name')} required maxLength={70} className="span-2" />
      <TextField form={form} name="creditorId" label={t('entity.creditorId')} hint={t('entity.creditorIdHint')} className="span-2 uppercase" />
      <TextField form={form} name="street" label={t('field.street')} className="span-2" />
      <TextField form={form} name="postalCode" label={t('field.postalCode')} />
      <TextField form={form} name="city" label={t('field.city')} />
      <TextField form={form} name="country" label={t('field.country')} hint={t('field.countryHint')} required maxLength={2} className="uppercase" />
      {entity && (
        <SelectField
          form={form}
          name="preferredBankAccountId"
          label={t('entity.preferredBankAccount')}
          hint={bankAccounts.length ? undefined : t('entity.noBankAccountsYet')}
          emptyLabel={t('common.none')}
          options={bankAccounts.map((a) => ({ value: String(a.id), label: `${a.name} · ${formatIban(a.iban)}` }))}
          className="span-2"
        />
      )}
    </FormDrawer>
  );
}
