import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { STRICT_CSP } from '../../shared/csp';
import type { ServiceContext } from '../services/context';
import { dispatch } from '../services/dispatch';

export interface BrowserHostOptions {
  ctx: ServiceContext;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** For tests that need to know it in advance; normally random per start. */
  token?: string;
}

export interface BrowserHost {
  readonly port: number;
  /** The start token: printed on the terminal, never sent by the browser on its own. */
  readonly token: string;
  /** The URL to open, token included; the page trades it for a session of its own tab. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 32 * 1024 * 1024;
/** The start token, for the page's one exchange and for scripts that read the terminal. */
export const TOKEN_HEADER = 'x-kontor-token';
/** The session of one browser tab. */
export const SESSION_HEADER = 'x-kontor-session';
/** Far more tabs than anyone opens; the oldest session goes beyond it. */
const MAX_SESSIONS = 256;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': STRICT_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves the built renderer and the API to a browser on this machine only.
 * Locks: it listens on 127.0.0.1; a Host or Origin naming anything but this
 * server is refused (DNS rebinding, cross-site requests); every API call and
 * event stream needs a secret in a header, which a browser never sends on its
 * own: no cookie, so another server on 127.0.0.1 that the browser is sent to
 * receives nothing. The page reads the start token from the printed address
 * once, trades it (POST /api/session) for a session secret it keeps in its
 * tab's sessionStorage (per tab and per origin, port included), and removes
 * the token from the address bar. The app shell (HTML, script, styles) holds
 * no secret and no data and is served without one.
 */
export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const sessions = new Set<string>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const sse = new Set<ServerResponse>();
  const unlisten = o.ctx.events.listen((event, payload) => {
    const line = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sse) res.write(line);
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hosts = allowedHosts();
    if (!hosts.has(req.headers.host ?? '')) return send(res, 403, 'Forbidden: unknown Host');
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'Forbidden: foreign Origin');
    if (req.headers['sec-fetch-site'] === 'cross-site') return send(res, 403, 'Forbidden: cross-site request');

    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      return serveStatic(url.pathname, res);
    }

    const startToken = sameSecret(header(req, TOKEN_HEADER), token);
    if (url.pathname === '/api/session') {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
      if (!startToken) return send(res, 401, 'Unauthorized: open the address Kontor printed, with its token.');
      return send(res, 200, JSON.stringify({ session: newSession() }), 'application/json');
    }
    // Scripts that read the terminal may send the start token itself; pages send their tab's session.
    const session = header(req, SESSION_HEADER);
    if (!startToken && !(session !== undefined && knownSession(session)))
      return send(res, 401, 'Unauthorized: open the address Kontor printed, with its token.');

    if (url.pathname.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Expected application/json');
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'input.notJson', message: 'The request was not valid JSON.' } }), 'application/json');
      }
      const name = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
      const result = await dispatch(o.ctx, name, input);
      return send(res, 200, JSON.stringify(result), 'application/json');
    }

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return send(res, 405, 'Method not allowed');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    return send(res, 404, 'Not found');
  }

  function newSession(): string {
    const secret = randomBytes(32).toString('base64url');
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.values().next().value!);
    sessions.add(secret);
    return secret;
  }

  function knownSession(presented: string): boolean {
    for (const s of sessions) if (sameSecret(presented, s)) return true;
    return false;
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const root = normalize(o.rendererDir);
    let file = normalize(join(root, decodeURIComponent(pathname)));
    if (!file.startsWith(root + sep) && file !== root) return send(res, 404, 'Not found');
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // Client-side routes fall back to the app; missing assets stay 404.
      if (extname(pathname)) return send(res, 404, 'Not found');
      file = join(root, 'index.html');
      if (!existsSync(file)) return send(res, 500, 'The renderer is not built: run `npm run build` first.');
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      unlisten();
      for (const res of sse) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
