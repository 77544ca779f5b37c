/**
 * The browser host's events (text/event-stream) read with fetch instead of
 * EventSource, because EventSource cannot send the session header and the
 * host has no cookie to fall back on.
 */

export interface StreamEvent {
  event: string;
  data: string;
}

/** Whole events from the text received so far, and the unfinished rest to prepend to the next chunk. */
export function parseEventStream(text: string): { events: StreamEvent[]; rest: string } {
  const normalised = text.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: StreamEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

export interface EventStreamOptions {
  url: string;
  /** The credential headers, or null when the tab has no session. */
  headers: () => Promise<Record<string, string> | null>;
  onEvent: (e: StreamEvent) => void;
  /** The host does not know this tab (any more): no retry. */
  onUnauthorised: () => void;
  retryMs?: number;
}

async function readAll(response: Response, onEvent: (e: StreamEvent) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const parsed = parseEventStream(rest + value);
    rest = parsed.rest;
    for (const e of parsed.events) onEvent(e);
  }
}

/** Keeps one stream open (again after a dropped connection) until the returned function is called. */
export function openEventStream(o: EventStreamOptions): () => void {
  const controller = new AbortController();
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, o.retryMs ?? 2000));
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const headers = await o.headers();
        if (headers === null) return o.onUnauthorised();
        const response = await fetch(o.url, { headers, credentials: 'omit', cache: 'no-store', signal: controller.signal });
        if (response.status === 401) return o.onUnauthorised();
        if (response.ok) await readAll(response, o.onEvent);
      } catch {
        // Dropped or not reachable: try again after a pause, unless closed.
      }
      if (!controller.signal.aborted) await pause();
    }
  })();
  return () => controller.abort();
}
