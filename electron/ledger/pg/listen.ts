import pg from 'pg';
import { LedgerChanged, LEDGER_AREAS } from '../../../shared/ledger-changes';
import { CHANGES_CHANNEL } from './changes';

/**
 * One process's ear on the team ledger: its own asynchronous connection (the
 * synchronous bridge's connection is busy with statements and cannot wait for
 * notifications) that LISTENs on the changes channel and hands each change
 * on. A dropped connection is opened again after a pause that grows up to
 * `maxRetryMs`; notifications sent while it was down are lost, so after
 * getting back it reports every area changed (`by: null`), and the screens
 * reload once.
 */
export interface ChangeListenerOptions {
  connectionString: string;
  onChange: (change: LedgerChanged) => void;
  /** The server process of this Kontor's own statement connection: its notifications are its own changes, not news. */
  ownProcessId?: () => number | null;
  onError?: (e: Error) => void;
  retryMs?: number;
  maxRetryMs?: number;
}

export interface ChangeListener {
  /** Resolves once the first LISTEN is in place (rejects only when stopped before). */
  readonly ready: Promise<void>;
  readonly listening: boolean;
  /** How many times the connection was opened again after it was lost. */
  readonly reconnects: number;
  stop(): Promise<void>;
}

const APPLICATION_NAME = 'kontor-changes';

function parse(payload: string | undefined): LedgerChanged | null {
  try {
    const parsed = LedgerChanged.safeParse(JSON.parse(payload ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function listenForChanges(o: ChangeListenerOptions): ChangeListener {
  const retryMs = o.retryMs ?? 1_000;
  const maxRetryMs = o.maxRetryMs ?? 30_000;
  let client: pg.Client | null = null;
  let stopped = false;
  let listening = false;
  let reconnects = 0;
  let everListened = false;
  let pause = retryMs;
  let timer: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  let failReady: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
  ready.catch(() => undefined);

  const lost = (c: pg.Client, e?: Error) => {
    if (client !== c) return; // an old connection's late complaint
    client = null;
    listening = false;
    if (e) o.onError?.(e);
    void c.end().catch(() => undefined);
    if (stopped) return;
    timer = setTimeout(connect, pause);
    timer.unref();
    pause = Math.min(pause * 2, maxRetryMs);
  };

  const connect = () => {
    timer = null;
    if (stopped) return;
    const c = new pg.Client({ connectionString: o.connectionString, application_name: APPLICATION_NAME, keepAlive: true });
    client = c;
    c.on('error', (e) => lost(c, e));
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      if (n.channel !== CHANGES_CHANNEL || n.processId === o.ownProcessId?.()) return;
      const change = parse(n.payload);
      if (change) o.onChange(change);
    });
    c.connect()
      .then(() => c.query(`LISTEN ${CHANGES_CHANNEL}`))
      .then(() => {
        if (client !== c) return;
        listening = true;
        pause = retryMs;
        if (everListened) {
          reconnects += 1;
          o.onChange({ areas: [...LEDGER_AREAS], by: null });
        }
        everListened = true;
        markReady();
      })
      .catch((e: unknown) => lost(c, e as Error));
  };

  connect();
  return {
    ready,
    get listening() {
      return listening;
    },
    get reconnects() {
      return reconnects;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      failReady(new Error('The change listener was stopped.'));
      const c = client;
      client = null;
      listening = false;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
