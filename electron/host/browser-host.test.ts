import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContext } from '../../test/integration/helpers';
import { latestVersion } from '../ledger/migrate';
import { startBrowserHost, type BrowserHost } from './browser-host';

let ctx: ReturnType<typeof tempContext>;
let host: BrowserHost;

beforeAll(async () => {
  ctx = tempContext();
  const rendererDir = mkdtempSync(join(tmpdir(), 'kontor-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kontor</title>');
  host = await startBrowserHost({ ctx, rendererDir });
});
afterAll(async () => {
  await host.close();
  ctx.cleanup();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so the test controls Host and Origin exactly as an attacker's page or rebinding DNS would. */
function send(path: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: o.method ?? 'GET', headers: { Host: `127.0.0.1:${host.port}`, ...o.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (o.body) req.write(o.body);
    req.end();
  });
}

const invoke = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/invoke/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });

describe('browser host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('answers 401 to a request without the token, for the app and the API', async () => {
    expect((await send('/')).status).toBe(401);
    expect((await invoke('app.status', {})).status).toBe(401);
    expect((await invoke('app.status', {}, { 'X-Kontor-Token': 'guessed' })).status).toBe(401);
    expect((await send('/', { headers: { Cookie: 'kontor_token=guessed' } })).status).toBe(401);
  });

  it('answers 403 to a foreign Host or Origin even with the token', async () => {
    const token = { 'X-Kontor-Token': host.token };
    expect((await invoke('app.status', {}, { ...token, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke('app.status', {}, { ...token, Origin: 'null' })).status).toBe(403);
    expect((await invoke('app.status', {}, { ...token, Host: 'evil.example' })).status).toBe(403);
    expect((await invoke('app.status', {}, { ...token, Host: `attacker.example:${host.port}` })).status).toBe(403);
    expect((await invoke('app.status', {}, { ...token, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });

  it('trades the token in the address for an HttpOnly SameSite cookie that then opens the app', async () => {
    const first = await send(`/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await send('/', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Kontor</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the API to a same-origin caller with the token and validates input there', async () => {
    const headers = { 'X-Kontor-Token': host.token, Origin: `http://127.0.0.1:${host.port}` };
    const status = JSON.parse((await invoke('app.status', {}, headers)).body);
    expect(status).toMatchObject({ ok: true, value: { schemaVersion: latestVersion(), host: 'cli' } });
    const refused = JSON.parse((await invoke('entities.create', { name: 123 }, headers)).body);
    expect(refused).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const notJson = await send('/api/invoke/app.status', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('does not serve files outside the renderer folder', async () => {
    const headers = { 'X-Kontor-Token': host.token };
    const r = await send('/..%2f..%2f..%2fetc%2fpasswd', { headers });
    expect(r.body).not.toMatch(/root:/);
    const asset = await send('/assets/missing.js', { headers });
    expect(asset.status).toBe(404);
  });
});
