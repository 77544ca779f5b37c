/**
 * Whether the browser host still accepts us. The host answers 401 once it
 * does not know the tab's session (it was restarted), and a tab opened
 * without the printed address has none; from then on
 * nothing works until the user opens the printed address again, so the app
 * shows one clear screen instead of a stream of failing calls.
 */
let ended = false;
const listeners = new Set<() => void>();

export function endSession(): void {
  if (ended) return;
  ended = true;
  for (const listener of listeners) listener();
}

export function isSessionEnded(): boolean {
  return ended;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
