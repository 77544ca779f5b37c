import { useId } from 'react';
import type { BankAccess } from '../../../../shared/domain';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { describedBy, Field } from '../../components/Field';
import { TextField } from '../../forms/controls';
import { FormDrawer } from '../../forms/FormDrawer';
import { useForm } from '../../forms/useForm';
import type { Found } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';

type Values = { fileName: string; base64: string; password: string };

/** Keys exported before (a .kontor-keys file), put into this access with the file's password. */
export function ImportKeysForm({ access, onImported, onClose }: { access: BankAccess; onImported: (a: BankAccess) => void; onClose: () => void }) {
  const { t, problem } = useI18n();
  const fileId = useId();
  const form = useForm({
    initial: { fileName: '', base64: '', password: '' } satisfies Values,
    validate: (v: Values) => {
      const found: Found = {};
      if (v.fileName === '') found.fileName = { code: 'file.required' };
      else if (v.base64 === '') found.fileName = { code: 'file.unreadable' };
      if (v.password === '') found.password = { code: 'text.required' };
      const ok = Object.keys(found).length === 0;
      return { input: ok ? { password: v.password, base64: v.base64 } : null, problems: found };
    },
    submit: async (input) => onImported(await call('bankAccess.importKeys', { id: access.id, ...input })),
    codeFields: { 'vault.wrongPassword': 'password', 'vault.badKeyFile': 'fileName', 'bankAccess.keyMismatch': 'fileName' },
  });
  const fileProblem = form.problem('fileName');
  const fileError = fileProblem ? problem(fileProblem) : undefined;

  return (
    <FormDrawer title={t('access.importTitle')} form={form} submitLabel={t('access.importSubmit')} onClose={onClose}>
      <p className="span-2 muted">{t('access.importText')}</p>
      <Field id={fileId} label={t('access.importFile')} error={fileError} required className="span-2">
        <input
          id={fileId}
          type="file"
          accept=".kontor-keys"
          aria-required
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy(fileId, undefined, fileError)}
          onChange={(e) => {
            const file = e.target.files?.[0];
            form.patch({ fileName: file?.name ?? '', base64: '' });
            form.touch('fileName');
            if (file) {
              fileToBase64(file).then(
                (base64) => form.patch({ base64 }),
                () => form.patch({ base64: '' }),
              );
            }
          }}
        />
      </Field>
      <TextField form={form} name="password" label={t('access.importPassword')} type="password" autoComplete="off" required className="span-2" />
    </FormDrawer>
  );
}
