import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/entries`, `#/accounts/12`, `#/banks/3/setup`): they work the
 * same from file:// in Electron and from the browser host, and a reload keeps
 * the screen.
 */
export type Screen = 'setup' | 'entries' | 'accounts' | 'banks' | 'orders' | 'statements' | 'reconciliation' | 'payments' | 'audit' | 'settings';
export const SCREENS: readonly Screen[] = ['setup', 'banks', 'entries', 'accounts', 'orders', 'statements', 'reconciliation', 'payments', 'audit', 'settings'];

/** A page below a screen or a record: `#/banks/setup`, `#/banks/3/setup`; `#/banks/demo` opens the Banks screen at the demo bank and its signer. */
export type Sub = 'setup' | 'demo';
const SUBS: readonly Sub[] = ['setup', 'demo'];
/** Values filled in ahead, e.g. the demo bank's letter: `#/banks/setup/demo`. */
export type Preset = 'demo';
const PRESETS: readonly Preset[] = ['demo'];

export interface Route {
  screen: Screen;
  /** The record the screen shows, e.g. one customer. */
  id?: number;
  sub?: Sub;
  preset?: Preset;
}

const DEFAULT: Route = { screen: 'entries' };

export function parseRoute(hash: string): Route {
  const [screen, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (!SCREENS.includes(screen as Screen)) return DEFAULT;
  const route: Route = { screen: screen as Screen };
  const n = Number(rest[0]);
  if (rest[0] && /^[0-9]+$/.test(rest[0]) && Number.isSafeInteger(n) && n > 0) {
    route.id = n;
    rest.shift();
  }
  if (SUBS.includes(rest[0] as Sub)) {
    route.sub = rest[0] as Sub;
    if (route.id === undefined && PRESETS.includes(rest[1] as Preset)) route.preset = rest[1] as Preset;
  }
  return route;
}

export function routeHref(route: Route): string {
  const parts = [route.screen, route.id ? String(route.id) : '', route.sub ?? '', route.sub && !route.id ? (route.preset ?? '') : ''];
  return `#/${parts.filter(Boolean).join('/')}`;
}

/** Goes to `route`; with `replace` the current history entry is overwritten (no way back to it). */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  if (options.replace) window.location.replace(routeHref(route));
  else window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
