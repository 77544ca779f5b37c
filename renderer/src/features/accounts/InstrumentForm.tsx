import { useState } from 'react';
import type { z } from 'zod';
import { compareDates, formatBusinessDate } from '../../../../shared/dates';
import { PaymentInstrumentInput, type Account, type BusinessEntity, type PaymentInstrument } from '../../../../shared/domain';
import { formatIban } from '../../../../shared/ids';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { CheckboxField, DateField, SelectField, TextField } from '../../forms/controls';
import { FormDrawer } from '../../forms/FormDrawer';
import { useForm } from '../../forms/useForm';
import { check, checkIban, dateFrom, requiredId, type Found } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';

type Kind = PaymentInstrument['kind'];
type Input = z.input<typeof PaymentInstrumentInput>;
type Values = {
  entityId: string;
  holderName: string;
  iban: string;
  bic: string;
  mandateId: string;
  mandateSignedOn: string;
  scheme: string;
  mandateType: string;
  active: boolean;
};

/** The input that saves an instrument unchanged (to flip `active`, say). */
export function toInstrumentInput(i: PaymentInstrument): Input {
  return {
    accountId: i.accountId,
    entityId: i.entityId,
    kind: i.kind,
    holderName: i.holderName,
    iban: i.iban,
    bic: i.bic,
    mandateId: i.mandateId,
    mandateSignedOn: i.mandateSignedOn,
    scheme: i.scheme,
    mandateType: i.mandateType,
    direction: i.direction,
    active: i.active,
  };
}

interface Props {
  kind: Kind;
  account: Account;
  instrument: PaymentInstrument | undefined;
  entities: BusinessEntity[];
  onSaved: (i: PaymentInstrument) => void;
  onClose: () => void;
}

const tidyIban = (text: string) => (text.trim() ? formatIban(text) : null);

/** The fields as an instrument fills them (a new one: the only entity, the party's name as holder). */
function valuesOf(instrument: PaymentInstrument | undefined, account: Account, onlyEntity: BusinessEntity | undefined, locale: 'en' | 'de'): Values {
  return {
    entityId: instrument ? String(instrument.entityId) : onlyEntity ? String(onlyEntity.id) : '',
    holderName: instrument?.holderName ?? account.name,
    iban: instrument ? formatIban(instrument.iban) : '',
    bic: instrument?.bic ?? '',
    mandateId: instrument?.mandateId ?? '',
    mandateSignedOn: instrument?.mandateSignedOn ? formatBusinessDate(instrument.mandateSignedOn, locale) : '',
    scheme: instrument?.scheme ?? 'CORE',
    mandateType: instrument?.mandateType ?? 'recurring',
    active: instrument?.active ?? true,
  };
}

export function InstrumentForm({ kind, account, instrument: loaded, entities, onSaved, onClose }: Props) {
  const { t, locale } = useI18n();
  // As last read: a reload after someone else's save replaces it (and its version).
  const [instrument, setInstrument] = useState(loaded);
  const mandate = kind === 'sepa_mandate';
  const only = entities.length === 1 ? entities[0] : undefined;
  // Today by Kontor's one clock in the main process; until it is known the server alone refuses a future date.
  const today = useApi('app.status', {}).data?.today;

  const validate = (v: Values) => {
    const found: Found = {};
    const signedOn = mandate ? dateFrom(v.mandateSignedOn, 'mandateSignedOn', found, 'mandate.dateRequired') : null;
    if (signedOn && today && compareDates(signedOn, today) > 0) found.mandateSignedOn = { code: 'mandate.signedInFuture' };
    return check(
      PaymentInstrumentInput,
      {
        accountId: account.id,
        entityId: requiredId(v.entityId, 'entityId', found),
        kind,
        holderName: v.holderName,
        iban: checkIban(v.iban, 'iban', found),
        bic: v.bic,
        mandateId: mandate ? v.mandateId : null,
        mandateSignedOn: signedOn,
        scheme: mandate ? (v.scheme === 'B2B' ? 'B2B' : 'CORE') : null,
        mandateType: mandate ? (v.mandateType === 'one_off' ? 'one_off' : 'recurring') : null,
        // A mandate only ever collects; payout details keep what they had (new ones pay out).
        direction: mandate ? 'in' : (instrument?.direction ?? 'out'),
        active: v.active,
      },
      found,
    );
  };

  const form = useForm({
    initial: valuesOf(instrument, account, only, locale),
    validate,
    submit: async (input) =>
      onSaved(
        instrument
          ? await call('instruments.update', { id: instrument.id, version: instrument.version, values: input })
          : await call('instruments.create', input),
      ),
    codeFields: { 'mandate.duplicateId': 'mandateId', 'mandate.signedInFuture': 'mandateSignedOn' },
  });

  const title = mandate
    ? instrument
      ? t('instrument.editMandate')
      : t('instrument.newMandate')
    : instrument
      ? t('instrument.editBankDetails')
      : t('instrument.newBankDetails');
  const reload = async () => {
    const current = (await call('instruments.list', { accountId: account.id })).find((i) => i.id === instrument!.id);
    if (!current) throw new Error(t('instrument.gone'));
    setInstrument(current);
    return valuesOf(current, account, only, locale);
  };
  return (
    <FormDrawer title={title} form={form} submitLabel={t('action.save')} onClose={onClose} {...(instrument && { onReload: reload })}>
      {mandate && (
        <>
          <TextField
            form={form}
            name="mandateId"
            label={t('instrument.mandateId')}
            hint={t('instrument.mandateIdHint')}
            required
            maxLength={35}
            className="mono-input"
          />
          <DateField form={form} name="mandateSignedOn" label={t('instrument.signedOn')} required />
          <SelectField
            form={form}
            name="scheme"
            label={t('instrument.scheme')}
            required
            options={[
              { value: 'CORE', label: t('instrument.schemeCore') },
              { value: 'B2B', label: t('instrument.schemeB2b') },
            ]}
          />
          <SelectField
            form={form}
            name="mandateType"
            label={t('instrument.mandateType')}
            required
            options={[
              { value: 'recurring', label: t('instrument.recurring') },
              { value: 'one_off', label: t('instrument.oneOff') },
            ]}
          />
        </>
      )}
      <SelectField
        form={form}
        name="entityId"
        label={mandate ? t('instrument.creditor') : t('field.entity')}
        hint={mandate ? t('instrument.creditorHint') : undefined}
        required
        emptyLabel={only ? undefined : t('common.choose')}
        options={entities.map((e) => ({ value: String(e.id), label: e.name }))}
        className="span-2"
      />
      <TextField form={form} name="holderName" label={t('instrument.holder')} required maxLength={70} className="span-2" />
      <TextField form={form} name="iban" label={t('field.iban')} required reformat={tidyIban} className="span-2 uppercase mono-input" />
      <TextField form={form} name="bic" label={t('field.bic')} maxLength={14} className="uppercase mono-input" />
      <CheckboxField form={form} name="active" label={t('instrument.activeLabel')} hint={t('instrument.activeHint')} className="align-end" />
    </FormDrawer>
  );
}
