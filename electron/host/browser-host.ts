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
  readonly token: string;
  /** The URL to open, token included; the host swaps it for a cookie on first load. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 32 * 1024 * 1024;
const COOKIE = 'kontor_token';
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

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
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
 * Three locks: it listens on 127.0.0.1, every request needs the per-start
 * token (query on first load, then an HttpOnly SameSite=Strict cookie, or the
 * X-Kontor-Token header), and a Host or Origin naming anything but this
 * server is refused, which stops DNS rebinding and cross-site requests.
 */
export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const token = o.token ?? randomBytes(24).toString('base64url');
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
    const queryToken = url.searchParams.get('token') ?? undefined;
    const headerToken = req.headers['x-kontor-token'];
    const presented = (typeof headerToken === 'string' ? headerToken : undefined) ?? queryToken ?? cookieToken(req);
    if (!sameSecret(presented, token)) return send(res, 401, 'Unauthorized: open the URL Kontor printed, with its token.');

    if (queryToken !== undefined && req.method === 'GET') {
      // Swap the token in the address bar for a cookie so it does not linger in history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: url.pathname + url.search,
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }

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
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    return serveStatic(url.pathname, res);
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
