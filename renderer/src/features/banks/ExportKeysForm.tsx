import type { BankAccess } from '../../../../shared/domain';
import { call } from '../../api/client';
import { saveDownload } from '../../api/files';
import { TextField } from '../../forms/controls';
import { FormDrawer } from '../../forms/FormDrawer';
import { useForm } from '../../forms/useForm';
import type { Found } from '../../forms/validate';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/en';
import { MIN_PASSWORD_LENGTH, passwordStrength, type PasswordStrength } from './access';
import { CODE_SENT, useConfirmationCode } from './confirmation';

type Values = { password: string; repeat: string; code: string };

const STRENGTH: Record<PasswordStrength, MessageKey> = {
  tooShort: 'access.strength.tooShort',
  weak: 'access.strength.weak',
  fair: 'access.strength.fair',
  strong: 'access.strength.strong',
};

/** The access's keys into a password-protected file the user saves where they like, once the person at the keyboard confirmed. */
export function ExportKeysForm({ access, onExported, onClose }: { access: BankAccess; onExported: (fileName: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const confirmation = useConfirmationCode();
  const form = useForm({
    initial: { password: '', repeat: '', code: '' } satisfies Values,
    validate: (v: Values) => {
      const found: Found = {};
      if ([...v.password].length < MIN_PASSWORD_LENGTH) found.password = { code: 'password.tooShort' };
      if (v.repeat !== v.password) found.repeat = { code: 'password.mismatch' };
      if (confirmation.pending && v.code.trim() === '') found.code = { code: 'text.required' };
      return { input: Object.keys(found).length ? null : { password: v.password, code: v.code }, problems: found };
    },
    submit: async ({ password, code }): Promise<void> => {
      const file = await confirmation.attempt(code, (proof) =>
        call('bankAccess.exportKeys', { id: access.id, password, ...(proof ? { confirmation: proof } : {}) }),
      );
      // A code was printed: the field for it appears, empty.
      if (file === CODE_SENT) {
        form.patch({ code: '' });
        return;
      }
      saveDownload(file);
      onExported(file.fileName);
    },
    codeFields: { 'vault.weakPassword': 'password', 'confirmation.codeWrong': 'code' },
  });
  const strength = passwordStrength(form.values.password);

  return (
    <FormDrawer title={t('access.exportTitle')} form={form} submitLabel={t('access.exportSubmit')} onClose={onClose}>
      <p className="span-2 muted">{t('access.exportText')}</p>
      <TextField
        form={form}
        name="password"
        label={t('access.password')}
        type="password"
        autoComplete="new-password"
        hint={t(STRENGTH[strength])}
        required
        className={`span-2 strength-${strength}`}
      />
      <TextField form={form} name="repeat" label={t('access.passwordRepeat')} type="password" autoComplete="new-password" required className="span-2" />
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
