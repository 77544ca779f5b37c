import type { BankCsvField, BankCsvMapping, BankCsvPreview } from '../../../../shared/bank-csv';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { SelectBox } from '../csv-import/SelectBox';
import { columnOptions, editorFields, requiredFields, withAmountMode, withColumn, type AmountMode } from './bankCsvState';

export const BANK_FIELD_LABEL: Record<BankCsvField, MessageKey> = {
  bookingDate: 'bankCsv.field.bookingDate',
  valueDate: 'bankCsv.field.valueDate',
  amount: 'bankCsv.field.amount',
  debit: 'bankCsv.field.debit',
  credit: 'bankCsv.field.credit',
  direction: 'bankCsv.field.direction',
  currency: 'bankCsv.field.currency',
  counterpartyName: 'bankCsv.field.counterpartyName',
  counterpartyIban: 'bankCsv.field.counterpartyIban',
  counterpartyBic: 'bankCsv.field.counterpartyBic',
  remittance: 'bankCsv.field.remittance',
  bookingText: 'bankCsv.field.bookingText',
  endToEndId: 'bankCsv.field.endToEndId',
  mandateId: 'bankCsv.field.mandateId',
  creditorId: 'bankCsv.field.creditorId',
  reference: 'bankCsv.field.reference',
};

const AMOUNT_MODES: Record<AmountMode, MessageKey> = {
  signed: 'bankCsv.amountMode.signed',
  debitCredit: 'bankCsv.amountMode.debitCredit',
  withDirection: 'bankCsv.amountMode.withDirection',
};

interface Props {
  mapping: BankCsvMapping;
  preview: BankCsvPreview;
  onChange: (m: BankCsvMapping) => void;
}

/** How the amounts are written, and one select per statement-line field listing the file's columns with an example. */
export function BankCsvMappingEditor({ mapping, preview, onChange }: Props) {
  const { t, problem } = useI18n();
  const options = columnOptions(preview.columns, preview.examples);
  const required = requiredFields(mapping.amountMode);
  const issue = (field: BankCsvField) => {
    const found = preview.mappingIssues.find((i) => i.field === field);
    return found ? problem({ code: found.code, fallback: found.message, ...(found.params ? { params: found.params } : {}) }) : undefined;
  };

  return (
    <div className="form-grid import-mapping" data-testid="bankcsv-mapping">
      <SelectBox
        label={t('bankCsv.amountMode')}
        value={mapping.amountMode}
        options={Object.entries(AMOUNT_MODES).map(([value, key]) => ({ value, label: t(key) }))}
        onChange={(v) => onChange(withAmountMode(mapping, v as AmountMode))}
      />
      <SelectBox
        label={t('bankCsv.defaultCurrency')}
        value={mapping.currency}
        options={[...new Set(['EUR', 'CHF', 'USD', 'GBP', mapping.currency])].map((c) => ({ value: c, label: c }))}
        onChange={(currency) => onChange({ ...mapping, currency })}
      />
      <span className="field-spacer" />
      {editorFields(mapping.amountMode).map((field) => (
        <SelectBox
          key={field}
          label={t(BANK_FIELD_LABEL[field])}
          value={mapping.columns[field] ?? ''}
          emptyLabel={t('import.notInFile')}
          options={options}
          required={required.includes(field)}
          error={issue(field)}
          onChange={(column) => onChange(withColumn(mapping, field, column || null))}
        />
      ))}
    </div>
  );
}
