/**
 * The extra confirmation before keys leave Kontor, are replaced, or an access
 * is blocked at the bank. In the window, main asks with a native dialog while
 * the call runs, and nothing here is needed. In the browser, the host first
 * answers "code sent": it printed a one-time code on its terminal, which the
 * person types here, and the same call is made again with it.
 */
import { useId, useState, type ReactNode } from 'react';
import { ApiCallError } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { describedBy, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import type { Problem } from '../../i18n/problems';

export interface ConfirmationProof {
  id: string;
  code: string;
}

/** The call did not happen yet: the host printed a code, and the person has to type it. */
export const CODE_SENT = Symbol('codeSent');

/** Codes that are of no further use: the next attempt asks for a new one. */
const SPENT = new Set(['confirmation.codeExpired', 'confirmation.codeSpent']);

export function useConfirmationCode() {
  const [pending, setPending] = useState<string | null>(null);

  /** Runs `work`, with the typed code once one was asked for; CODE_SENT when the host has just printed one. */
  async function attempt<T>(code: string, work: (proof: ConfirmationProof | undefined) => Promise<T>): Promise<T | typeof CODE_SENT> {
    try {
      const value = await work(pending ? { id: pending, code } : undefined);
      setPending(null);
      return value;
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'confirmation.codeSent' && typeof e.params.confirmationId === 'string') {
        setPending(e.params.confirmationId);
        return CODE_SENT;
      }
      if (e instanceof ApiCallError && SPENT.has(e.code)) setPending(null);
      throw e;
    }
  }

  return { pending: pending !== null, attempt };
}

/** The input under a confirm dialog's question, once the host has printed a code. */
export function CodeInput({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const hint = t('confirmation.codeHint');
  return (
    <Field id={id} label={t('confirmation.codeLabel')} hint={hint} required>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        aria-required
        aria-describedby={describedBy(id, hint, undefined)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

interface CodeConfirmDialogProps<T> {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  describeError: (e: unknown) => Problem;
  onClose: () => void;
  /** The confirmed call, with the typed code once the host asked for one. */
  run: (proof: ConfirmationProof | undefined) => Promise<T>;
  onDone: (value: T) => void;
}

/** The question before a confirmed call; in the browser it stays open for the code from the terminal. */
export function CodeConfirmDialog<T>({ run, onDone, children, ...dialog }: CodeConfirmDialogProps<T>) {
  const confirmation = useConfirmationCode();
  const [code, setCode] = useState('');
  const onConfirm = async () => {
    if (confirmation.pending && code.trim() === '') throw new ApiCallError({ code: 'confirmation.codeMissing', message: 'Type the code from the terminal.' });
    const value = await confirmation.attempt(code, run);
    if (value === CODE_SENT) setCode('');
    else onDone(value);
  };
  return (
    <ConfirmDialog {...dialog} onConfirm={onConfirm}>
      {children}
      {confirmation.pending && <CodeInput value={code} onChange={setCode} />}
    </ConfirmDialog>
  );
}
