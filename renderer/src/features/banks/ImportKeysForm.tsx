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
import { CODE_SENT, useConfirmationCode } from './confirmation';

type Values = { fileName: string; base64: string; password: string; code: string };

/** Keys exported before (a .kontor-keys file), put into this access with the file's password. */
export function ImportKeysForm({ access, onImported, onClose }: { access: BankAccess; onImported: (a: BankAccess) => void; onClose: () => void }) {
  const { t, problem } = useI18n();
  const fileId = useId();
  const confirmation = useConfirmationCode();
  const form = useForm({
    initial: { fileName: '', base64: '', password: '', code: '' } satisfies Values,
    validate: (v: Values) => {
      const found: Found = {};
      if (v.fileName === '') found.fileName = { code: 'file.required' };
      else if (v.base64 === '') found.fileName = { code: 'file.unreadable' };
      if (v.password === '') found.password = { code: 'text.required' };
      if (confirmation.pending && v.code.trim() === '') found.code = { code: 'text.required' };
      const ok = Object.keys(found).length === 0;
      return { input: ok ? { password: v.password, base64: v.base64, code: v.code } : null, problems: found };
    },
    submit: async ({ code, ...input }): Promise<void> => {
      const imported = await confirmation.attempt(code, (proof) =>
        call('bankAccess.importKeys', { id: access.id, ...input, ...(proof ? { confirmation: proof } : {}) }),
      );
      if (imported === CODE_SENT) form.patch({ code: '' });
      else onImported(imported);
    },
    codeFields: { 'vault.wrongPassword': 'password', 'vault.badKeyFile': 'fileName', 'bankAccess.keyMismatch': 'fileName', 'confirmation.codeWrong': 'code' },
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
      {confirmation.pending && (
        <TextField
          form={form}
          name="code"
          label={t('confirmation.codeLabel')}
          hint={t('confirmation.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          className="span-2"
        />
      )}
    </FormDrawer>
  );
}
