import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/entries`, `#/accounts/12`): they work the same from
 * file:// in Electron and from the browser host, and a reload keeps the screen.
 */
export type Screen = 'entries' | 'accounts' | 'banks' | 'orders' | 'statements' | 'reconciliation' | 'settings';
export const SCREENS: readonly Screen[] = ['banks', 'entries', 'accounts', 'orders', 'statements', 'reconciliation', 'settings'];

export interface Route {
  screen: Screen;
  /** The record the screen shows, e.g. one customer. */
  id?: number;
}

const DEFAULT: Route = { screen: 'entries' };

export function parseRoute(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/');
  if (!SCREENS.includes(screen as Screen)) return DEFAULT;
  const n = Number(id);
  return id && Number.isSafeInteger(n) && n > 0 ? { screen: screen as Screen, id: n } : { screen: screen as Screen };
}

export function routeHref(route: Route): string {
  return `#/${route.screen}${route.id ? `/${route.id}` : ''}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
