/**
 * The renderer's one way to the main process, typed from the API table in
 * shared/api.ts. In Electron the preload exposes `window.kontor`; in a plain
 * browser the same calls go to the browser host over HTTP, each with the
 * tab's session secret in a header (browser-session.ts).
 */
import {
  events,
  type ApiError,
  type ApiInput,
  type ApiIssue,
  type ApiName,
  type ApiOutput,
  type ApiResult,
  type EventName,
  type EventPayload,
  type KontorBridge,
} from '../../../shared/api';
import { forgetSession, SESSION_HEADER, sessionSecret } from './browser-session';
import { openEventStream } from './event-stream';
import { endSession } from './session';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    kontor?: KontorBridge;
  }
}

/** A call that main refused (`{ ok: false }`) or that could not be made. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  readonly issues: ApiIssue[];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.params = error.params ?? {};
    this.issues = error.issues ?? [];
  }
}

const failure = (code: string, message: string, params?: Record<string, string | number>): ApiResult<never> => ({
  ok: false,
  error: params ? { code, message, params } : { code, message },
});

function sessionEnded(): ApiResult<never> {
  forgetSession();
  endSession();
  return failure('session.ended', 'This Kontor session has ended.');
}

/** The tab's credential as headers; null when it has none. */
async function credentialHeaders(): Promise<Record<string, string> | null> {
  const secret = await sessionSecret();
  return secret === null ? null : { [SESSION_HEADER]: secret };
}

async function invokeOverHttp(name: string, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    const credential = await credentialHeaders();
    if (credential === null) return sessionEnded();
    response = await fetch(`/api/invoke/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...credential },
      body: JSON.stringify(input ?? {}),
      credentials: 'omit',
    });
  } catch {
    return failure('host.unreachable', 'Kontor is not reachable. Is it still running?');
  }
  if (response.status === 401) return sessionEnded();
  if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
    try {
      return (await response.json()) as ApiResult<unknown>;
    } catch {
      return failure('host.badResponse', 'Kontor sent an answer that could not be read.');
    }
  }
  const text = (await response.text().catch(() => '')).slice(0, 200);
  return failure('host.refused', `Kontor refused the request (${response.status}): ${text}`, { status: response.status });
}

// One event stream for all subscribers, opened on first use.
const httpListeners = new Map<string, Set<(payload: unknown) => void>>();
let closeStream: (() => void) | null = null;

function deliver(event: string, data: string): void {
  const listeners = httpListeners.get(event);
  if (!listeners) return;
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return;
  }
  for (const l of listeners) l(payload);
}

function subscribeOverHttp(event: EventName, listener: (payload: unknown) => void): () => void {
  closeStream ??= openEventStream({
    url: '/api/events',
    headers: credentialHeaders,
    onEvent: (e) => deliver(e.event, e.data),
    onUnauthorised: () => void sessionEnded(),
  });
  let set = httpListeners.get(event);
  if (!set) {
    set = new Set();
    httpListeners.set(event, set);
  }
  const listeners = set;
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    // Nobody listens any more: let the host forget this connection.
    if ([...httpListeners.values()].every((l) => l.size === 0)) {
      closeStream?.();
      closeStream = null;
      httpListeners.clear();
    }
  };
}

const browserBridge: KontorBridge = { invoke: invokeOverHttp, subscribe: subscribeOverHttp };

function bridge(): KontorBridge {
  return window.kontor ?? browserBridge;
}

/** Calls `name`; resolves with its output or throws an ApiCallError. */
export async function call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  let result: ApiResult<unknown>;
  try {
    result = await bridge().invoke(name, input);
  } catch (e) {
    result = failure('host.unreachable', e instanceof Error ? e.message : 'Kontor is not reachable.');
  }
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value as ApiOutput<N>;
}

/** Listens to an event from main; payloads that do not match the schema are dropped. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().subscribe(event, (payload) => {
    const parsed = events[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}
