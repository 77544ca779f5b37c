import type { PartyField, PartyImportPreview, PartyMapping } from '../../../../../shared/parties';
import { REQUIRED_PARTY_FIELDS } from '../../../../../shared/parties';
import type { MessageKey } from '../../../i18n/en';
import { useI18n } from '../../../i18n/I18nProvider';
import { columnOptions } from '../../csv-import/importFlow';
import { SelectBox } from '../../csv-import/SelectBox';
import { parseValues } from '../../entries/import/importState';
import { TypeValuesField } from '../../entries/import/TypeValuesField';
import { kindChoiceOf, PARTY_EDITOR_FIELDS, withKindChoice, withKindValues, withPartyColumn, type KindChoice } from './partyImportState';

const LABEL: Record<PartyField, MessageKey> = {
  number: 'partyImport.field.number',
  name: 'partyImport.field.name',
  kind: 'partyImport.field.kind',
  iban: 'importTypes.field.iban',
  bic: 'importTypes.field.bic',
  mandateId: 'partyImport.field.mandateId',
  mandateDate: 'importTypes.field.mandateDate',
  sequence: 'partyImport.field.sequence',
  scheme: 'partyImport.field.scheme',
  email: 'partyImport.field.email',
  street: 'partyImport.field.street',
  postalCode: 'partyImport.field.postalCode',
  city: 'partyImport.field.city',
  country: 'partyImport.field.country',
};

interface Props {
  mapping: PartyMapping;
  preview: PartyImportPreview;
  onChange: (m: PartyMapping) => void;
}

/** One select per party field, and how customers are told from suppliers (a column with mapped values, or one kind for all). */
export function PartyMappingEditor({ mapping, preview, onChange }: Props) {
  const { t, problem } = useI18n();
  const options = columnOptions(preview.columns, preview.examples);
  const issue = (field: PartyField) => {
    const found = preview.mappingIssues.find((i) => i.field === field);
    return found ? problem({ code: found.code, fallback: found.message }) : undefined;
  };
  const choice = kindChoiceOf(mapping);
  return (
    <div className="form-grid import-mapping" data-testid="party-import-mapping">
      {PARTY_EDITOR_FIELDS.map((field) => (
        <SelectBox
          key={field}
          label={t(LABEL[field])}
          value={mapping.columns[field] ?? ''}
          emptyLabel={t('import.notInFile')}
          options={options}
          required={REQUIRED_PARTY_FIELDS.includes(field)}
          error={issue(field)}
          onChange={(column) => onChange(withPartyColumn(mapping, field, column || null))}
        />
      ))}
      <SelectBox
        label={t('partyImport.kindSource')}
        value={choice === 'ask' ? '' : choice}
        emptyLabel={t('importTypes.ask')}
        required
        error={choice === 'ask' ? issue('kind') : undefined}
        options={[
          { value: 'customer', label: t('partyImport.kindAllCustomers') },
          { value: 'supplier', label: t('partyImport.kindAllSuppliers') },
          { value: 'column', label: t('partyImport.kindFromColumn') },
        ]}
        onChange={(v) => onChange(withKindChoice(mapping, (v || 'ask') as KindChoice))}
      />
      {mapping.kind.from === 'column' && (
        <>
          <SelectBox
            label={t('partyImport.kindColumn')}
            value={mapping.columns.kind ?? ''}
            emptyLabel={t('common.choose')}
            options={options}
            required
            error={issue('kind')}
            onChange={(column) => onChange(withPartyColumn(mapping, 'kind', column || null))}
          />
          <TypeValuesField
            label={t('partyImport.customerValues')}
            hint={t('importTypes.valuesHint')}
            values={mapping.kind.customer}
            testId="party-customer-values"
            onChange={(text) => onChange(withKindValues(mapping, 'customer', parseValues(text)))}
          />
          <TypeValuesField
            label={t('partyImport.supplierValues')}
            hint={t('importTypes.valuesHint')}
            values={mapping.kind.supplier}
            testId="party-supplier-values"
            onChange={(text) => onChange(withKindValues(mapping, 'supplier', parseValues(text)))}
          />
        </>
      )}
      <SelectBox
        label={t('partyImport.schemeDefault')}
        value={mapping.scheme}
        options={[
          { value: 'CORE', label: 'CORE' },
          { value: 'B2B', label: 'B2B' },
        ]}
        onChange={(v) => onChange({ ...mapping, scheme: v === 'B2B' ? 'B2B' : 'CORE' })}
      />
    </div>
  );
}
