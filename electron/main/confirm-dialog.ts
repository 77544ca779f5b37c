// The window's way to ask the person at the keyboard before keys leave
// Kontor, are replaced, or an access is blocked: a native modal message box
// opened by the main process. The renderer can neither draw nor answer it.
// The options are plain data, so tests under Node check them; index.ts only
// shows them. Imports Electron's types only.
import type { MessageBoxOptions } from 'electron';
import { confirmationTexts } from '../services/bank-access/confirmation-texts';
import type { ConfirmationOutcome, ConfirmationRequest } from '../services/context';

/** Cancel is the first button, the default and what Esc answers; the action is the second. */
export const CANCEL_BUTTON = 0;
export const CONFIRM_BUTTON = 1;

export function confirmationDialogOptions(request: ConfirmationRequest): MessageBoxOptions {
  const texts = confirmationTexts(request);
  return {
    type: 'warning',
    title: texts.title,
    message: texts.message,
    detail: texts.detail,
    buttons: [texts.cancelLabel, texts.confirmLabel],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}

/** The button the person pressed, as the services read it. */
export function outcomeOf(response: number): ConfirmationOutcome {
  return response === CONFIRM_BUTTON ? { result: 'confirmed' } : { result: 'cancelled' };
}
