/**
 * Locked-down app in a real browser: Debian's Chromium (through Playwright)
 * opens the real renderer served by the browser host (`npm start`'s process
 * on a fresh data folder). The renderer reaches no Node or Electron API; the
 * CSP the host sends is shared/csp.ts and blocks inline script, remote script,
 * eval and foreign connections (securitypolicyviolation events fire, the
 * foreign server sees nothing); a page of another origin can neither call
 * the API (fetch, form post) nor frame the app, and a window the app opens
 * keeps no handle on it (COOP). Needs `npx electron-vite build` (out/renderer).
 *
 * (The API's refusal of a request with a foreign Origin header and of a
 * caller without the token is test/e2e/host-security.spec.ts; not repeated.)
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRICT_CSP } from '../../../shared/csp';
import { startKontorHost, type KontorHost } from '../../e2e/kontor-host';
import { REPO_ROOT } from '../../support/reference';

const CHROMIUM = process.env.KONTOR_CHROMIUM ?? '/usr/bin/chromium';
const built = existsSync(join(REPO_ROOT, 'out/renderer/index.html'));
const skipReason = !built
  ? 'out/renderer is not built (run `npx electron-vite build`)'
  : !existsSync(CHROMIUM)
    ? `no Chromium at ${CHROMIUM} (set KONTOR_CHROMIUM)`
    : undefined;
if (skipReason && process.env.CI) throw new Error(`renderer lockdown cannot run: ${skipReason}`);

let host: KontorHost;
let browser: Browser;
/** Another origin on this machine: serves the attacker's page and script, and counts what reaches it. */
let foreign: Server;
let foreignOrigin = '';
const foreignHits: string[] = [];

beforeAll(async () => {
  if (skipReason) return;
  host = await startKontorHost();
  foreign = createServer((req, res) => {
    foreignHits.push(`${req.method} ${req.url}`);
    if (req.url === '/x.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.__remote = 1;');
    if (req.url === '/attack.html') {
      const api = `${host.origin}/api/invoke/entities.create`;
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><body>
<iframe id="frame" src="${host.origin}/"></iframe>
<form id="form" method="POST" action="${api}" enctype="text/plain" target="sink"><input name='{"name":"Evil GmbH","x":"' value='"}'></form>
<iframe name="sink"></iframe>
<script>
window.results = {};
fetch(${JSON.stringify(api)}, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Evil GmbH' }) })
  .then((r) => (window.results.fetch = 'status ' + r.status), (e) => (window.results.fetch = 'blocked: ' + e.name));
fetch(${JSON.stringify(api)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ name: 'Evil GmbH' }) })
  .then((r) => (window.results.noCors = 'opaque ' + r.type), (e) => (window.results.noCors = 'blocked: ' + e.name));
document.getElementById('form').submit();
</script></body></html>`);
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('foreign');
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (foreign) await new Promise<void>((r) => foreign.close(() => r()));
});

async function openApp(): Promise<{ page: Page; csp: string | undefined }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const docs: Array<{ url: string; csp: string | undefined }> = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document') docs.push({ url: r.url(), csp: r.headers()['content-security-policy'] });
  });
  await page.goto(host.url);
  await page.getByRole('navigation').waitFor();
  return { page, csp: docs.at(-1)?.csp };
}

describe.skipIf(skipReason !== undefined)(`the renderer in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('reaches no Node or Electron API, and no bridge beyond invoke/subscribe', async () => {
    const { page } = await openApp();
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const kontor = w.kontor as Record<string, unknown> | undefined;
      return {
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        exports: typeof w.exports,
        global: typeof w.global,
        Buffer: typeof w.Buffer,
        __dirname: typeof w.__dirname,
        electron: typeof w.electron,
        ipcRenderer: typeof w.ipcRenderer,
        nodeRequire: typeof (w as { process?: { mainModule?: unknown } }).process?.mainModule,
        kontorKeys: kontor === undefined ? null : Object.keys(kontor).sort(),
        names: Object.getOwnPropertyNames(window),
      };
    });
    // The baseline: an empty page of another local origin in the same browser (a secure context too, like 127.0.0.1).
    const blankPage = await browser.newPage();
    await blankPage.goto(`${foreignOrigin}/blank`);
    const blank = await blankPage.evaluate(() => Object.getOwnPropertyNames(window));
    await blankPage.close();
    const extra = globals.names.filter((n) => !blank.includes(n));
    console.log(`[lockdown] renderer globals beyond a blank page: ${JSON.stringify(extra)}; window.kontor: ${JSON.stringify(globals.kontorKeys)}`);
    expect({ ...globals, names: undefined }).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      exports: 'undefined',
      global: 'undefined',
      Buffer: 'undefined',
      __dirname: 'undefined',
      electron: 'undefined',
      ipcRenderer: 'undefined',
      nodeRequire: 'undefined',
      // The browser host's client keeps its bridge to itself; in Electron the preload's is invoke/subscribe (electron-window.test.ts).
      kontorKeys: globals.kontorKeys === null ? null : ['invoke', 'subscribe'],
      names: undefined,
    });
    expect(
      extra.filter(
        (n) => /^(require|process|module|exports|global|Buffer|electron|ipcRenderer|__dirname|__filename|kontor)$/i.test(n) || /ipc|electron|node/i.test(n),
      ),
    ).toEqual([]);
    await page.context().close();
  });

  it('gets exactly shared/csp.ts from the host (header and meta), which blocks inline and remote script, eval and foreign connections', async () => {
    const { page, csp } = await openApp();
    expect(csp).toBe(STRICT_CSP);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(STRICT_CSP);

    const before = foreignHits.length;
    const outcome = await page.evaluate(async (origin) => {
      const violations: Array<{ directive: string; blocked: string }> = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
      const w = window as unknown as Record<string, unknown>;
      const inline = document.createElement('script');
      inline.textContent = 'window.__inline = 1;';
      document.body.append(inline);
      const remote = document.createElement('script');
      remote.src = `${origin}/x.js`;
      const remoteDone = new Promise((r) => ((remote.onerror = () => r('error')), (remote.onload = () => r('load'))));
      document.body.append(remote);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handler = 1');
      img.src = 'data:,not-an-image';
      document.body.append(img);
      // DevTools' own evaluation may use eval whatever the page's policy says; the page's code runs in later tasks, so eval is tried there.
      const later = <T>(fn: () => T) =>
        new Promise<string>((r) =>
          setTimeout(() => {
            try {
              r(String(fn()));
            } catch (e) {
              r((e as Error).name);
            }
          }, 0),
        );
      // eslint-disable-next-line no-eval -- the point: the page's CSP must refuse it
      const evalResult = await later(() => (0, eval)('1 + 1'));
      // eslint-disable-next-line no-new-func -- likewise
      const fnResult = await later(() => new Function('return 2')());
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__timeoutString = 1', 0);
      let fetchResult: string;
      try {
        fetchResult = `status ${(await fetch(`${origin}/data`)).status}`;
      } catch (e) {
        fetchResult = (e as Error).name;
      }
      const remoteResult = await remoteDone;
      await new Promise((r) => setTimeout(r, 300));
      return {
        inline: w.__inline,
        remote: w.__remote,
        handler: w.__handler,
        timeoutString: w.__timeoutString,
        remoteResult,
        evalResult,
        fnResult,
        fetchResult,
        violations,
      };
    }, foreignOrigin);
    console.log(`[lockdown] CSP violations: ${JSON.stringify(outcome.violations)}`);
    expect(outcome).toMatchObject({
      inline: undefined,
      remote: undefined,
      handler: undefined,
      timeoutString: undefined,
      remoteResult: 'error',
      evalResult: 'EvalError',
      fnResult: 'EvalError',
      fetchResult: 'TypeError',
    });
    const directives = outcome.violations.map((v) => v.directive);
    expect(directives).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'script-src', 'connect-src']));
    expect(outcome.violations.filter((v) => v.directive === 'script-src-elem').map((v) => v.blocked)).toEqual(
      expect.arrayContaining(['inline', `${foreignOrigin}/x.js`]),
    );
    // Blocked before any request: the foreign server never heard of it.
    expect(foreignHits.slice(before)).toEqual([]);
    await page.context().close();
  });

  it('a page of another origin can neither call the API (fetch, no-cors, form post) nor frame the app', async () => {
    const before = await host.invoke('entities.list', {});
    expect(before.ok).toBe(true);
    const context = await browser.newContext();
    const page = await context.newPage();
    // The user has the app open in the same browser: the session cookie exists.
    await page.goto(host.url);
    await page.getByRole('navigation').waitFor();
    const attack = await context.newPage();
    await attack.goto(`${foreignOrigin}/attack.html`);
    await attack.waitForFunction(() => {
      const r = (window as unknown as { results: Record<string, string> }).results;
      return r.fetch !== undefined && r.noCors !== undefined;
    });
    await attack.waitForTimeout(500);
    const results = await attack.evaluate(() => (window as unknown as { results: Record<string, string> }).results);
    const frameText = await attack
      .frame({ url: (u) => u.origin === host.origin })
      ?.evaluate(() => document.body?.innerText ?? '')
      .catch(() => 'inaccessible');
    console.log(`[lockdown] foreign page: ${JSON.stringify(results)}; framed app: ${JSON.stringify(frameText ?? 'no frame')}`);
    expect(results.fetch).toMatch(/^blocked/);
    // Nothing was created, by any of the three.
    expect(await host.invoke('entities.list', {})).toEqual(before);
    // The app never renders inside a foreign frame (frame-ancestors 'none', X-Frame-Options DENY).
    expect(frameText ?? '').not.toMatch(/Kontor|Settings|Banks/);
    await context.close();
  });

  it('a window the app opens gets no handle back on it (Cross-Origin-Opener-Policy)', async () => {
    const { page } = await openApp();
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.evaluate((url) => void window.open(url), `${foreignOrigin}/popup`)]);
    await popup!.waitForLoadState();
    expect(await popup!.evaluate(() => window.opener === null)).toBe(true);
    await page.context().close();
  });
});
