import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface DrawerProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider than a form, for tables (e.g. an import preview). */
  wide?: boolean;
}

/**
 * A modal panel on the right, built on <dialog>: the page behind is inert,
 * focus stays inside, Esc closes it, and focus returns where it was.
 */
export function Drawer({ title, onClose, children, wide }: DrawerProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  const titleId = useId();

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>(
      '.drawer-body input:not([disabled]):not([type="hidden"]), .drawer-body select:not([disabled]), .drawer-body textarea:not([disabled])',
    );
    first?.focus();
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

  return (
    <dialog ref={ref} className={wide ? 'drawer drawer-wide' : 'drawer'} aria-labelledby={titleId}>
      <div className="drawer-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('action.close')} title={t('action.closeHint')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="drawer-body">{children}</div>
    </dialog>
  );
}
