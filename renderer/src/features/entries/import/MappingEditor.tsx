import { useId } from 'react';
import { REQUIRED_IMPORT_FIELDS, type ImportField, type ImportMapping, type ImportPreview } from '../../../../../shared/entry-import';
import type { MessageKey } from '../../../i18n/en';
import { useI18n } from '../../../i18n/I18nProvider';
import { SelectBox } from '../../csv-import/SelectBox';
import { columnOptions, EDITOR_FIELDS, parseValues, typeChoiceOf, withColumn, withTypeChoice, withTypeValues, type TypeChoice } from './importState';
import { TypeValuesField } from './TypeValuesField';

export const FIELD_LABEL: Record<ImportField, MessageKey> = {
  number: 'import.field.number',
  statementDate: 'import.field.statementDate',
  dueDate: 'import.field.dueDate',
  amount: 'import.field.amount',
  type: 'import.field.type',
  currency: 'import.field.currency',
  accountNumber: 'import.field.accountNumber',
  accountName: 'import.field.accountName',
  paymentReference: 'import.field.paymentReference',
  requestedMethod: 'import.field.requestedMethod',
  mandateId: 'import.field.mandateId',
  mandateDate: 'importTypes.field.mandateDate',
  iban: 'importTypes.field.iban',
  bic: 'importTypes.field.bic',
};

interface Props {
  mapping: ImportMapping;
  preview: ImportPreview;
  onChange: (m: ImportMapping) => void;
}

/** One select per entry field listing the file's columns, and how receivables are told from payables. */
export function MappingEditor({ mapping, preview, onChange }: Props) {
  const { t, problem } = useI18n();
  const createId = useId();
  const approvalId = useId();
  const options = columnOptions(preview);
  const issue = (field: ImportField) => {
    const found = preview.mappingIssues.find((i) => i.field === field);
    return found ? problem({ code: found.code, fallback: found.message, ...(found.params ? { params: found.params } : {}) }) : undefined;
  };
  const choice = typeChoiceOf(mapping);

  return (
    <div className="form-grid import-mapping" data-testid="import-mapping">
      {EDITOR_FIELDS.map((field) => (
        <SelectBox
          key={field}
          label={t(FIELD_LABEL[field])}
          value={mapping.columns[field] ?? ''}
          emptyLabel={t('import.notInFile')}
          options={options}
          required={REQUIRED_IMPORT_FIELDS.includes(field)}
          error={issue(field)}
          onChange={(column) => onChange(withColumn(mapping, field, column || null))}
        />
      ))}
      <SelectBox
        label={t('import.typeSource')}
        value={choice === 'ask' ? '' : choice}
        emptyLabel={t('importTypes.ask')}
        required
        error={choice === 'ask' ? issue('type') : undefined}
        options={[
          { value: 'Debit', label: t('import.typeAllDebit') },
          { value: 'Credit', label: t('import.typeAllCredit') },
          { value: 'amountSign', label: t('import.typeFromSign') },
          { value: 'column', label: t('import.typeFromColumn') },
        ]}
        onChange={(v) => onChange(withTypeChoice(mapping, (v || 'ask') as TypeChoice))}
      />
      {mapping.type.from === 'column' ? (
        <>
          <SelectBox
            label={t('import.typeColumn')}
            value={mapping.columns.type ?? ''}
            emptyLabel={t('common.choose')}
            options={options}
            required
            error={issue('type')}
            onChange={(column) => onChange(withColumn(mapping, 'type', column || null))}
          />
          <TypeValuesField
            label={t('importTypes.receivableValues')}
            hint={t('importTypes.valuesHint')}
            values={mapping.type.receivable}
            testId="import-receivable-values"
            onChange={(text) => onChange(withTypeValues(mapping, 'receivable', parseValues(text)))}
          />
          <TypeValuesField
            label={t('importTypes.payableValues')}
            hint={t('importTypes.valuesHint')}
            values={mapping.type.payable}
            testId="import-payable-values"
            onChange={(text) => onChange(withTypeValues(mapping, 'payable', parseValues(text)))}
          />
        </>
      ) : (
        <span className="field-spacer" />
      )}
      <SelectBox
        label={t('import.amountSign')}
        value={choice === 'amountSign' ? 'signed' : mapping.amountSign}
        disabled={choice === 'amountSign'}
        options={[
          { value: 'absolute', label: t('import.amountAbsolute') },
          { value: 'signed', label: t('import.amountSigned') },
        ]}
        onChange={(v) => onChange({ ...mapping, amountSign: v === 'signed' ? 'signed' : 'absolute' })}
      />
      <SelectBox
        label={t('import.defaultCurrency')}
        value={mapping.currency}
        options={[...new Set(['EUR', 'CHF', 'USD', 'GBP', mapping.currency])].map((c) => ({ value: c, label: c }))}
        onChange={(currency) => onChange({ ...mapping, currency })}
      />
      <SelectBox
        label={t('import.defaultMethod')}
        value={mapping.requestedMethod ?? ''}
        emptyLabel={t('entry.methodNone')}
        options={[
          { value: 'sepa', label: t('entry.methodSepa') },
          { value: 'other', label: t('entry.methodOther') },
        ]}
        onChange={(v) => onChange({ ...mapping, requestedMethod: v === 'sepa' || v === 'other' ? v : null })}
      />
      <div className="field field-checkbox import-full">
        <input id={createId} type="checkbox" checked={mapping.createAccounts} onChange={(e) => onChange({ ...mapping, createAccounts: e.target.checked })} />
        <label htmlFor={createId}>{t('import.createAccounts')}</label>
      </div>
      <div className="field field-checkbox import-full">
        <input id={approvalId} type="checkbox" checked={mapping.needsApproval} onChange={(e) => onChange({ ...mapping, needsApproval: e.target.checked })} />
        <label htmlFor={approvalId}>{t('import.needsApproval')}</label>
      </div>
    </div>
  );
}
