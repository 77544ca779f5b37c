/**
 * The credential of one browser tab towards the browser host. The address
 * Kontor prints carries a start token (`?token=…`); the page takes it out of
 * the address bar at once, trades it once for a session secret of its own
 * (POST /api/session) and keeps that in the tab's sessionStorage: it survives
 * a reload (F5), is not shared with other tabs, and belongs to this origin,
 * port included, so no other server on 127.0.0.1 can read it. The browser
 * never sends it on its own (it is no cookie): the client puts it into a
 * header of every call and of the event stream.
 */
export const TOKEN_HEADER = 'X-Kontor-Token';
export const SESSION_HEADER = 'X-Kontor-Session';
const STORAGE_KEY = 'kontor.session';

/** The start token in an address, and the same address without it (route and other parameters kept). */
export function splitToken(href: string): { token: string | null; cleanHref: string } {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  if (token === null) return { token: null, cleanHref: href };
  url.searchParams.delete('token');
  return { token, cleanHref: url.pathname + url.search + url.hash };
}

function stored(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(secret: string | null): void {
  try {
    if (secret === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, secret);
  } catch {
    // Storage switched off: the session lives as long as this page.
  }
}

/** The session for a start token; null when the host does not know the token (it was restarted). Throws when unreachable. */
async function exchange(token: string): Promise<string | null> {
  const response = await fetch('/api/session', { method: 'POST', headers: { [TOKEN_HEADER]: token }, credentials: 'omit', cache: 'no-store' });
  if (!response.ok) return null;
  const body = (await response.json().catch(() => null)) as { session?: unknown } | null;
  return typeof body?.session === 'string' ? body.session : null;
}

let current: Promise<string | null> | null = null;
/** Taken from the address once; kept until traded, in case the first try does not reach the host. */
let startToken: string | null = null;

function takeStartToken(): void {
  const { token, cleanHref } = splitToken(window.location.href);
  if (token === null) return;
  // Out of the address bar before anything else: no bookmark, reload or copied address carries it.
  window.history.replaceState(window.history.state, '', cleanHref);
  startToken = token;
}

async function establish(): Promise<string | null> {
  takeStartToken();
  if (startToken === null) return stored();
  const secret = await exchange(startToken);
  startToken = null;
  // An old address from the history (token of an earlier start): the tab's own session may still hold.
  if (secret === null) return stored();
  store(secret);
  return secret;
}

/** The tab's session secret, or null when it has none (the user has to open the printed address). */
export function sessionSecret(): Promise<string | null> {
  current ??= establish().catch((e: unknown) => {
    current = null; // unreachable now: try again on the next call
    throw e;
  });
  return current;
}

/** The host refused the secret (it was restarted): it is of no use for a reload either. */
export function forgetSession(): void {
  store(null);
  current = Promise.resolve(null);
}
