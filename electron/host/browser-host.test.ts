import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContext } from '../../test/integration/helpers';
import { toInstantIso, type Clock } from '../../shared/dates';
import { latestVersion } from '../ledger/migrate';
import { accessKeys } from '../services/bank-access/connection';
import { testBundle } from '../vault/test-bundle';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { CODE_VALID_SECONDS, confirmationCodes, MAX_WRONG_TRIES } from './confirmation-codes';

let ctx: ReturnType<typeof tempContext>;
let host: BrowserHost;
let rendererDir: string;

beforeAll(async () => {
  ctx = tempContext();
  rendererDir = mkdtempSync(join(tmpdir(), 'kontor-renderer-'));
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
function send(path: string, o: { method?: string; headers?: Record<string, string>; body?: string; to?: BrowserHost } = {}): Promise<Reply> {
  const port = (o.to ?? host).port;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: o.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...o.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (o.body) req.write(o.body);
    req.end();
  });
}

const invoke = (name: string, input: unknown, headers: Record<string, string> = {}, to?: BrowserHost) =>
  send(`/api/invoke/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
    ...(to ? { to } : {}),
  });

/** What the page does once with the token from the printed address. */
async function newSession(to: BrowserHost = host): Promise<string> {
  const reply = await send('/api/session', { method: 'POST', headers: { 'X-Kontor-Token': to.token }, to });
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body) as { session: string }).session;
}

/** Opens the event stream and resolves with the first event after `trigger` ran, or the refusal. */
function firstEvent(headers: Record<string, string>, trigger: () => void): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let text = '';
      if (res.statusCode !== 200) {
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        return;
      }
      res.on('data', (c) => {
        text += c;
        if (text.includes(': connected\n\n') && !text.includes('event:')) trigger();
        if (/event: progress\ndata: .*\n\n/.test(text)) {
          req.destroy();
          resolve({ status: 200, text });
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('serves the app shell without a secret, since it holds none, and sets no cookie, even for the printed address', async () => {
    const page = await send(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Kontor</title>');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send('/')).status).toBe(200);
  });

  it('answers 401 to API calls and the event stream without a secret in a header; a cookie is no credential', async () => {
    expect((await invoke('app.status', {})).status).toBe(401);
    expect((await invoke('app.status', {}, { 'X-Kontor-Token': 'guessed' })).status).toBe(401);
    expect((await invoke('app.status', {}, { 'X-Kontor-Session': 'guessed' })).status).toBe(401);
    // What the old design's cookie carried, sent as a cookie: no longer accepted.
    expect((await invoke('app.status', {}, { Cookie: `kontor_token=${host.token}` })).status).toBe(401);
    expect((await send('/api/events')).status).toBe(401);
    expect((await send(`/api/events?token=${host.token}`)).status).toBe(401);
  });

  it('answers 403 to a foreign Host or Origin even with the token', async () => {
    const token = { 'X-Kontor-Token': host.token };
    expect((await invoke('app.status', {}, { ...token, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke('app.status', {}, { ...token, Origin: 'null' })).status).toBe(403);
    expect((await invoke('app.status', {}, { ...token, Host: 'evil.example' })).status).toBe(403);
    expect((await invoke('app.status', {}, { ...token, Host: `attacker.example:${host.port}` })).status).toBe(403);
    expect((await invoke('app.status', {}, { ...token, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await send('/api/session', { method: 'POST', headers: { ...token, Origin: `http://127.0.0.1:${host.port + 1}` } })).status).toBe(403);
  });

  it('trades the start token for a session of each tab, which opens the API and the event stream', async () => {
    const first = await newSession();
    const second = await newSession();
    expect(second).not.toBe(first);
    expect(first).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    for (const session of [first, second]) {
      const status = await invoke('app.status', {}, { 'X-Kontor-Session': session, Origin: `http://127.0.0.1:${host.port}` });
      expect(status.status).toBe(200);
      expect(JSON.parse(status.body)).toMatchObject({ ok: true });
    }
    const events = await firstEvent({ 'X-Kontor-Session': first }, () =>
      ctx.events.emit('progress', { taskId: 't1', label: 'ledger.backup', done: 1, total: 2 }),
    );
    expect(events.status).toBe(200);
    expect(events.text).toContain('"taskId":"t1"');
  });

  it('mints sessions only for the start token, only by POST', async () => {
    const session = await newSession();
    expect((await send('/api/session', { method: 'POST' })).status).toBe(401);
    expect((await send('/api/session', { method: 'POST', headers: { 'X-Kontor-Session': session } })).status).toBe(401);
    expect((await send('/api/session', { headers: { 'X-Kontor-Token': host.token } })).status).toBe(405);
    expect((await send(`/api/session?token=${host.token}`, { method: 'POST' })).status).toBe(401);
  });

  it('knows the sessions of this start only: after a restart the tab has to open the new address', async () => {
    const session = await newSession();
    const restarted = await startBrowserHost({ ctx, rendererDir });
    try {
      expect((await invoke('app.status', {}, { 'X-Kontor-Session': session }, restarted)).status).toBe(401);
      expect((await invoke('app.status', {}, { 'X-Kontor-Token': host.token }, restarted)).status).toBe(401);
      expect((await invoke('app.status', {}, { 'X-Kontor-Session': await newSession(restarted) }, restarted)).status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('serves the API to a script with the start token and validates input there', async () => {
    const headers = { 'X-Kontor-Token': host.token, Origin: `http://127.0.0.1:${host.port}` };
    const status = JSON.parse((await invoke('app.status', {}, headers)).body);
    expect(status).toMatchObject({ ok: true, value: { schemaVersion: latestVersion(), host: 'cli' } });
    const refused = JSON.parse((await invoke('entities.create', { name: 123 }, headers)).body);
    expect(refused).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const notJson = await send('/api/invoke/app.status', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await send('/..%2f..%2f..%2fetc%2fpasswd');
    expect(r.body).not.toMatch(/root:/);
    const asset = await send('/assets/missing.js');
    expect(asset.status).toBe(404);
    expect((await send('/api/unknown', { headers: { 'X-Kontor-Token': host.token } })).status).toBe(404);
  });
});

/** A clock the test moves on by seconds: code expiry without waiting. */
function secondsClock(start: string): Clock & { advanceSeconds(n: number): void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), today: () => toInstantIso(new Date(t)).slice(0, 10), advanceSeconds: (n) => void (t += n * 1000) };
}

describe('browser host: key export needs the code it prints on its terminal', () => {
  const clock = secondsClock('2026-11-21T09:00:00Z');
  const printed: string[] = [];
  let codeCtx: ReturnType<typeof tempContext>;
  let codeHost: BrowserHost;
  let session: string;
  let accessId: number;
  let otherAccessId: number;
  let exportedFile = '';
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    codeCtx = tempContext(clock);
    codeCtx.confirm = confirmationCodes({ clock, print: (text) => printed.push(text) });
    codeHost = await startBrowserHost({ ctx: codeCtx, rendererDir });
    session = await newSession(codeHost);
    const bundle = testBundle('placeholder');
    const create = async (userId: string) => {
      const created = await call('bankAccess.create', {
        name: 'Hausbank',
        hostUrl: 'https://ebics.bank.example/ebicsweb',
        hostId: 'HOSTID',
        partnerId: 'PARTNER1',
        userId,
        ebicsVersion: 'H005',
      });
      const id = (created as { ok: true; value: { id: number } }).value.id;
      accessKeys(codeCtx, id).save(bundle);
      return id;
    };
    accessId = await create('USER1');
    otherAccessId = await create('USER2');
  });
  afterAll(async () => {
    await codeHost.close();
    codeCtx.cleanup();
  });

  async function call(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; params?: Record<string, string> } }> {
    const reply = await invoke(name, input, { 'X-Kontor-Session': session }, codeHost);
    expect(reply.status).toBe(200);
    return JSON.parse(reply.body) as never;
  }

  /** What the person reads off the terminal: the last code printed, and the id the page got for it. */
  async function askForCode(
    name = 'bankAccess.exportKeys',
    input: Record<string, unknown> = { id: accessId, password },
  ): Promise<{ id: string; code: string }> {
    const before = printed.length;
    const sent = await call(name, input);
    expect(sent).toMatchObject({ ok: false, error: { code: 'confirmation.codeSent' } });
    expect(printed.length).toBe(before + 1);
    const code = /code: (\d{4} \d{4})/.exec(printed.at(-1)!)?.[1];
    expect(code).toBeDefined();
    return { id: sent.error!.params!.confirmationId!, code: code! };
  }

  const exportWith = (confirmation: { id: string; code: string }) => call('bankAccess.exportKeys', { id: accessId, password, confirmation });
  const wrongCode = (code: string) => (code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`);

  it('refuses the export outright, with no file, when the host has no way to ask the person', async () => {
    const confirm = codeCtx.confirm;
    codeCtx.confirm = null;
    try {
      const refused = await call('bankAccess.exportKeys', { id: accessId, password });
      expect(refused).toMatchObject({ ok: false, error: { code: 'confirmation.unavailable' } });
      expect(refused.value).toBeUndefined();
    } finally {
      codeCtx.confirm = confirm;
    }
  });

  it('answers the first request with "code sent" and prints the code, naming the access, on its terminal only', async () => {
    const { id } = await askForCode();
    const terminal = printed.at(-1)!;
    expect(terminal).toContain('Export the private keys of “Hausbank” (partner PARTNER1, user USER1)');
    expect(terminal).toContain(`valid for ${CODE_VALID_SECONDS / 60} minutes, once`);
    // The page learns the id of the code, never the code.
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const answer = JSON.stringify(await call('bankAccess.get', { id: accessId }));
    expect(answer).not.toMatch(/\d{4} \d{4}/);
  });

  it('exports with the right code, once: the same code again is refused', async () => {
    const proof = await askForCode();
    const file = await exportWith(proof);
    expect(file).toMatchObject({ ok: true, value: { fileName: 'PARTNER1-USER1.kontor-keys' } });
    exportedFile = (file.value as { base64: string }).base64;
    expect(await exportWith(proof)).toMatchObject({ ok: false, error: { code: 'confirmation.codeSpent' } });
  });

  it('refuses a wrong code, and after a few wrong tries the right one too', async () => {
    const proof = await askForCode();
    for (let i = 1; i <= MAX_WRONG_TRIES; i++) {
      expect(await exportWith({ ...proof, code: wrongCode(proof.code) })).toMatchObject({ ok: false, error: { code: 'confirmation.codeWrong' } });
    }
    expect(await exportWith(proof)).toMatchObject({ ok: false, error: { code: 'confirmation.codeSpent' } });
  });

  it('refuses an expired code', async () => {
    const proof = await askForCode();
    clock.advanceSeconds(CODE_VALID_SECONDS + 1);
    expect(await exportWith(proof)).toMatchObject({ ok: false, error: { code: 'confirmation.codeExpired' } });
  });

  it('refuses a code for another call or another access, and one the host never printed', async () => {
    const proof = await askForCode();
    const importing = await call('bankAccess.importKeys', { id: accessId, password, base64: exportedFile, confirmation: proof });
    expect(importing).toMatchObject({ ok: false, error: { code: 'confirmation.codeSpent' } });
    const otherAccess = await call('bankAccess.exportKeys', { id: otherAccessId, password, confirmation: proof });
    expect(otherAccess).toMatchObject({ ok: false, error: { code: 'confirmation.codeSpent' } });
    expect(await exportWith({ id: 'madeUpId12345678', code: proof.code })).toMatchObject({ ok: false, error: { code: 'confirmation.codeSpent' } });
    // Still good for what it was printed for.
    expect(await exportWith(proof)).toMatchObject({ ok: true });
  });

  it('writes every request, refusal and confirmation to the audit log', () => {
    const rows = codeCtx.db.prepare("SELECT action, details FROM audit_log WHERE action LIKE 'confirmation.%' ORDER BY id").all() as Array<{
      action: string;
      details: string;
    }>;
    const summary = rows.map(
      (r) => `${r.action}${(JSON.parse(r.details) as { reason?: string }).reason ? `:${(JSON.parse(r.details) as { reason: string }).reason}` : ''}`,
    );
    expect(summary).toEqual([
      'confirmation.refused:unavailable',
      'confirmation.codeSent',
      'confirmation.codeSent',
      'confirmation.confirmed',
      'confirmation.refused:codeSpent',
      'confirmation.codeSent',
      ...Array<string>(MAX_WRONG_TRIES).fill('confirmation.refused:codeWrong'),
      'confirmation.refused:codeSpent',
      'confirmation.codeSent',
      'confirmation.refused:codeExpired',
      'confirmation.codeSent',
      'confirmation.refused:codeSpent',
      'confirmation.refused:codeSpent',
      'confirmation.refused:codeSpent',
      'confirmation.confirmed',
    ]);
    expect(rows.every((r) => JSON.parse(r.details).host === 'cli')).toBe(true);
  });
});
