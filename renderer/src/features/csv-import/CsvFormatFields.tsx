/**
 * The file-format overrides of a CSV import (encoding, separator, header
 * line or none, decimal mark, date format), each showing what was detected as its
 * "automatic" choice. Shared by the entries import and the bank CSV import.
 */
import { useId, useState } from 'react';
import { CsvDateFormat, type CsvEncoding, type CsvSeparator, type ImportDetected, type ImportFormat } from '../../../../shared/entry-import';
import type { z } from 'zod';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/en';
import { SelectBox } from './SelectBox';

type Format = z.output<typeof ImportFormat>;
type Detected = Pick<ImportDetected, 'encoding' | 'separator' | 'headerLine' | 'decimal' | 'dateFormat'>;

export const SEPARATORS: Record<CsvSeparator, MessageKey> = { ';': 'import.sepSemicolon', ',': 'import.sepComma', '\t': 'import.sepTab', '|': 'import.sepBar' };
export const ENCODINGS: Record<CsvEncoding, MessageKey> = { 'utf-8': 'import.encUtf8', 'utf-16le': 'import.encUtf16', 'windows-1252': 'import.encWindows' };

export function CsvFormatFields({
  format,
  detected,
  onChange,
}: {
  format: Format;
  detected: Detected;
  onChange: <K extends keyof Format>(key: K, value: Format[K] | undefined) => void;
}) {
  const { t } = useI18n();
  const headerLineId = useId();
  const noHeaderId = useId();
  // The header line is typed freely and applied on Enter or leaving the field; a new preview shows its value.
  const current = String(format.headerLine ?? detected.headerLine);
  const [headerLine, setHeaderLine] = useState(current);
  const [shownFor, setShownFor] = useState(current);
  if (shownFor !== current) {
    setShownFor(current);
    setHeaderLine(current);
  }
  const applyHeaderLine = () => {
    const n = Number(headerLine);
    const wanted = Number.isInteger(n) && n >= 1 && n !== detected.headerLine ? n : undefined;
    if (wanted !== format.headerLine) onChange('headerLine', wanted);
  };
  const auto = (value: string) => t('import.auto', { value });
  return (
    <div className="import-format">
      <SelectBox
        label={t('import.encoding')}
        value={format.encoding ?? ''}
        emptyLabel={auto(t(ENCODINGS[detected.encoding]))}
        options={Object.entries(ENCODINGS).map(([value, key]) => ({ value, label: t(key) }))}
        onChange={(v) => onChange('encoding', (v || undefined) as CsvEncoding | undefined)}
      />
      <SelectBox
        label={t('import.separator')}
        value={format.separator ?? ''}
        emptyLabel={auto(t(SEPARATORS[detected.separator]))}
        options={Object.entries(SEPARATORS).map(([value, key]) => ({ value, label: t(key) }))}
        onChange={(v) => onChange('separator', (v || undefined) as CsvSeparator | undefined)}
      />
      <div className="field field-checkbox">
        <input id={noHeaderId} type="checkbox" checked={format.noHeader === true} onChange={(e) => onChange('noHeader', e.target.checked || undefined)} />
        <label htmlFor={noHeaderId}>{t('importTypes.noHeader')}</label>
      </div>
      <Field id={headerLineId} label={t('import.headerLine')}>
        <input
          id={headerLineId}
          type="number"
          min={1}
          disabled={format.noHeader === true}
          value={headerLine}
          onChange={(e) => setHeaderLine(e.target.value)}
          onBlur={applyHeaderLine}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyHeaderLine();
          }}
        />
      </Field>
      <SelectBox
        label={t('import.decimal')}
        value={format.decimal ?? ''}
        emptyLabel={auto(t(detected.decimal === ',' ? 'import.decComma' : 'import.decPoint'))}
        options={[
          { value: ',', label: t('import.decComma') },
          { value: '.', label: t('import.decPoint') },
        ]}
        onChange={(v) => onChange('decimal', v === ',' || v === '.' ? v : undefined)}
      />
      <SelectBox
        label={t('import.dateFormat')}
        value={format.dateFormat ?? ''}
        emptyLabel={auto(detected.dateFormat)}
        options={CsvDateFormat.options.map((f) => ({ value: f, label: f }))}
        onChange={(v) => onChange('dateFormat', (v || undefined) as CsvDateFormat | undefined)}
      />
    </div>
  );
}
