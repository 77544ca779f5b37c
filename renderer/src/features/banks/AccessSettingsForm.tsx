import { useState } from 'react';
import { BankAccessSettingsInput, BTF_FIELDS, BTF_PURPOSES, type BankAccessSettings, type BtfParameters } from '../../../../shared/bank-access-settings';
import { formatAmount } from '../../../../shared/money';
import { call } from '../../api/client';
import { AmountField, CheckboxField, SelectField, TextField } from '../../forms/controls';
import { FormDrawer } from '../../forms/FormDrawer';
import type { Form } from '../../forms/useForm';
import { useForm } from '../../forms/useForm';
import { amountFrom, check, type Found } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';

type BtfKey = `btf.${string}`;
type Values = {
  creditTransferPain: string;
  directDebitPain: string;
  germanCharset: boolean;
  bankHashMode: string;
  statementFormat: string;
  amountLimit: string;
  maxPayments: string;
  maxFileAmount: string;
  instantOffered: boolean;
  instantLimit: string;
} & Record<BtfKey, string>;

const btfKey = (purpose: string, field: string): BtfKey => `btf.${purpose}.${field}`;

function toValues(s: BankAccessSettings, locale: 'en' | 'de'): Values {
  const values: Values = {
    creditTransferPain: s.creditTransferPain,
    directDebitPain: s.directDebitPain,
    germanCharset: s.germanCharset,
    bankHashMode: s.bankHashMode,
    statementFormat: s.statementFormat,
    amountLimit: s.amountLimitCents === null ? '' : formatAmount(s.amountLimitCents, locale),
    maxPayments: s.maxPaymentsPerFile === null ? '' : String(s.maxPaymentsPerFile),
    maxFileAmount: s.maxFileAmountCents === null ? '' : formatAmount(s.maxFileAmountCents, locale),
    instantOffered: s.instantOffered,
    instantLimit: s.instantLimitCents === null ? '' : formatAmount(s.instantLimitCents, locale),
  };
  for (const p of BTF_PURPOSES) for (const f of BTF_FIELDS) values[btfKey(p, f)] = s.btf[p]?.[f] ?? '';
  return values;
}

/** `version`: the access's as loaded, sent with the settings so a save over someone else's is refused. */
function validate(v: Values, version: number) {
  const found: Found = {};
  const btf: Partial<Record<(typeof BTF_PURPOSES)[number], BtfParameters>> = {};
  for (const p of BTF_PURPOSES) {
    const entry: BtfParameters = {};
    for (const f of BTF_FIELDS) {
      const text = (v[btfKey(p, f)] ?? '').trim();
      if (text) entry[f] = text;
    }
    if (Object.keys(entry).length) btf[p] = entry;
  }
  return check(
    BankAccessSettingsInput,
    {
      creditTransferPain: v.creditTransferPain as BankAccessSettings['creditTransferPain'],
      directDebitPain: v.directDebitPain as BankAccessSettings['directDebitPain'],
      germanCharset: v.germanCharset,
      bankHashMode: v.bankHashMode as BankAccessSettings['bankHashMode'],
      statementFormat: v.statementFormat as BankAccessSettings['statementFormat'],
      amountLimitCents: v.amountLimit.trim() ? amountFrom(v.amountLimit, 'amountLimit', found) : null,
      maxPaymentsPerFile: v.maxPayments.trim() ? Number(v.maxPayments.trim()) : null,
      maxFileAmountCents: v.maxFileAmount.trim() ? amountFrom(v.maxFileAmount, 'maxFileAmount', found) : null,
      btf,
      instantOffered: v.instantOffered,
      instantLimitCents: v.instantLimit.trim() ? amountFrom(v.instantLimit, 'instantLimit', found) : null,
      version,
    },
    found,
  );
}

/** The bank's EBICS 3.0 order parameters: one row per purpose, empty cells keep Kontor's defaults. */
function BtfTable({ form }: { form: Form<Values> }) {
  const { t } = useI18n();
  return (
    <details className="span-2 btf-parameters">
      <summary>{t('accessSettings.btf')}</summary>
      <p className="field-hint">{t('accessSettings.btfHint')}</p>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('accessSettings.btfPurpose')}</th>
            {BTF_FIELDS.map((f) => (
              <th key={f} scope="col" className="mono">
                {f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {BTF_PURPOSES.map((p) => (
            <tr key={p}>
              <th scope="row">{t(`accessSettings.purpose.${p}`)}</th>
              {BTF_FIELDS.map((f) => (
                <td key={f}>
                  <input
                    className="mono-input"
                    size={6}
                    maxLength={10}
                    aria-label={`${t(`accessSettings.purpose.${p}`)} ${f}`}
                    value={form.values[btfKey(p, f)] ?? ''}
                    onChange={(e) => form.set(btfKey(p, f), e.target.value)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

interface Props {
  accessId: number;
  settings: BankAccessSettings;
  onSaved: (settings: BankAccessSettings) => void;
  onClose: () => void;
}

/** Pain versions, umlauts, the EBICS 3.0 hash and order parameters, statements and the amount limit: changeable at any time. */
export function AccessSettingsForm({ accessId, settings, onSaved, onClose }: Props) {
  const { t, locale } = useI18n();
  // The version of the settings as last read: a reload after someone else's save moves it on.
  const [version, setVersion] = useState(settings.version);
  const form = useForm({
    initial: toValues(settings, locale),
    validate: (v: Values) => validate(v, version),
    submit: async (input) => onSaved(await call('bankAccess.updateSettings', { id: accessId, settings: input })),
  });
  const reload = async () => {
    const current = await call('bankAccess.settings', { id: accessId });
    setVersion(current.version);
    return toValues(current, locale);
  };
  const option = (value: string, label: string) => ({ value, label });
  return (
    <FormDrawer title={t('accessSettings.title')} form={form} submitLabel={t('action.save')} onClose={onClose} onReload={reload}>
      <SelectField
        form={form}
        name="creditTransferPain"
        label={t('accessSettings.creditTransferPain')}
        options={[option('pain.001.001.09', 'pain.001.001.09'), option('pain.001.001.03', t('accessSettings.pain001v03'))]}
      />
      <SelectField
        form={form}
        name="directDebitPain"
        label={t('accessSettings.directDebitPain')}
        options={[option('pain.008.001.08', 'pain.008.001.08'), option('pain.008.001.02', t('accessSettings.pain008v02'))]}
      />
      <CheckboxField
        form={form}
        name="germanCharset"
        label={t('accessSettings.germanCharset')}
        hint={t('accessSettings.germanCharsetHint')}
        className="span-2"
      />
      <SelectField
        form={form}
        name="statementFormat"
        label={t('access.field.statementFormat')}
        options={[option('camt', t('access.statementFormat.camt')), option('mt940', t('access.statementFormat.mt940'))]}
      />
      <AmountField form={form} name="amountLimit" label={t('accessSettings.amountLimit')} hint={t('accessSettings.amountLimitHint')} />
      <TextField form={form} name="maxPayments" label={t('accessSettings.maxPayments')} hint={t('accessSettings.maxPaymentsHint')} inputMode="numeric" />
      <AmountField form={form} name="maxFileAmount" label={t('accessSettings.maxFileAmount')} hint={t('accessSettings.maxFileAmountHint')} />
      <CheckboxField form={form} name="instantOffered" label={t('instant.offered')} hint={t('instant.offeredHint')} />
      <AmountField form={form} name="instantLimit" label={t('instant.limit')} hint={t('instant.limitHint')} />
      <SelectField
        form={form}
        name="bankHashMode"
        label={t('accessSettings.bankHashMode')}
        hint={t('accessSettings.bankHashModeHint')}
        options={[option('certificate', t('accessSettings.hash.certificate')), option('publicKey', t('accessSettings.hash.publicKey'))]}
        className="span-2"
      />
      <BtfTable form={form} />
    </FormDrawer>
  );
}
