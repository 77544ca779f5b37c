import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { Problem } from '../i18n/problems';
import { problemFromError } from '../i18n/problems';
import { ErrorBanner } from './ErrorBanner';

interface ConfirmDialogProps {
  title: string;
  /** What the action means, in words: the user decides on this. */
  children: ReactNode;
  confirmLabel: string;
  /** Does the work; a throw keeps the dialog open and shows the error. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  danger?: boolean;
  /** Turns a thrown error into words (defaults to the plain error code). */
  describeError?: (e: unknown) => Problem;
}

/**
 * A modal question before an action that cannot be undone, built on
 * <dialog>: Esc or Cancel closes it, focus starts on Cancel (the safe
 * choice) and returns where it was.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, danger, describeError = problemFromError }: ConfirmDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  const titleId = useId();
  const textId = useId();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<Problem>();

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    const cancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const confirm = () => {
    setBusy(true);
    setFailed(undefined);
    onConfirm().then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setFailed(describeError(e));
      },
    );
  };

  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={titleId} aria-describedby={textId}>
      <h2 id={titleId}>{title}</h2>
      <div id={textId} className="confirm-text">
        {children}
      </div>
      <ErrorBanner problems={[failed]} />
      <div className="confirm-actions">
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={confirm} disabled={busy}>
          {busy ? t('action.working') : confirmLabel}
        </button>
        <button type="button" ref={cancelRef} onClick={onClose}>
          {t('action.cancel')}
        </button>
      </div>
    </dialog>
  );
}
