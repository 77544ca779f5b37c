import { useI18n } from '../../i18n/I18nProvider';
import { warningText } from './labels';
import type { Imported } from './useStatementImport';

/** What an imported file brought: statements stored, duplicates, payments updated, and the statements' warnings. */
export function ImportResult({ imported }: { imported: Imported }) {
  const { t, plural } = useI18n();
  return (
    <div className={`banner ${imported.stored.length === 0 ? 'banner-info' : 'banner-ok'}`} data-testid="import-result">
      <p>
        {imported.stored.length > 0
          ? t('statements.importDone', {
              fileName: imported.fileName,
              stored: plural(imported.stored.length, 'statements.storedOne', 'statements.storedOther'),
            })
          : t('statements.importNothingNew', { fileName: imported.fileName })}
        {imported.duplicates > 0 && <> {plural(imported.duplicates, 'statements.alreadyImportedOne', 'statements.alreadyImportedOther')}</>}
        {imported.paymentsUpdated > 0 && (
          <> {plural(imported.paymentsUpdated, 'statements.paymentsUpdatedSentenceOne', 'statements.paymentsUpdatedSentenceOther')}</>
        )}
      </p>
      {imported.stored.some((s) => s.warnings.length > 0 || s.balanced === false) && (
        <ul>
          {imported.stored
            .flatMap((s) => [
              ...(s.balanced === false ? [t('statements.storedUnbalanced', { id: s.statementId })] : []),
              ...s.warnings.map((w) => `${s.statementId}: ${warningText(t, w)}`),
            ])
            .map((text, i) => (
              <li key={i}>{text}</li>
            ))}
        </ul>
      )}
    </div>
  );
}
