/**
 * The demo bank in a real browser (issue 15, item 6): a page of another
 * origin, open in Chromium on the same computer, tries to send INI with its
 * own key for a subscriber of the demo bank — the ways a browser sends a
 * POST cross-site without a preflight: fetch no-cors with `text/plain`
 * (also with a parameter naming xml), a form posting `text/plain`, and a
 * CORS fetch with `text/xml` (preflighted). A recorder on another port
 * proves Chromium really sends these requests with
 * the INI as the body; the bank refuses them all and the subscriber stays
 * without keys. Needs Chromium (KONTOR_CHROMIUM, default /usr/bin/chromium).
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/dates';
import { startDemoBank, type DemoBank } from '../../../electron/demo-bank/server';
import { findSubscriber } from '../../../electron/demo-bank/store/subscribers';
import { snapshot, tempDir } from '../../support/demo-bank';
import { generateKeyPairAsync, modExpOf } from '../../../electron/ebics/crypto/keys';
import { buildIniRequest } from '../../../electron/ebics/messages/key-management';

const CHROMIUM = process.env.KONTOR_CHROMIUM ?? '/usr/bin/chromium';
const skipReason = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (set KONTOR_CHROMIUM)`;
if (skipReason && process.env.CI) throw new Error(`demo bank cross-site check cannot run: ${skipReason}`);

const clock = fixedClock('2026-11-23T08:00:00Z');
const dir = tempDir('kontor-demo-cross-site-');
let bank: DemoBank;
let browser: Browser;
let ini = '';
/** Serves the attacker's page; the recorder (another port) logs what Chromium sends. */
let foreign: Server;
let recorder: Server;
let foreignOrigin = '';
let recorderUrl = '';
const recorded: Array<{ method: string; headers: IncomingHttpHeaders; body: string }> = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** The attack against `target`: every cross-site POST a page can make without a preflight, and one with. */
function attackPage(target: string): string {
  // A text/plain form posts `name=value\r\n`: split the XML at an attribute's `=` and the body is the INI again.
  const cut = ini.indexOf('=');
  const field = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
  return `<!doctype html><html><body>
<form id="form" method="POST" action="${target}" enctype="text/plain" target="sink"><input name='${field(ini.slice(0, cut))}' value='${field(ini.slice(cut + 1))}'></form>
<iframe name="sink"></iframe>
<script>
const ini = ${JSON.stringify(ini)};
const target = ${JSON.stringify(target)};
window.results = {};
const note = (k) => [(r) => (window.results[k] = 'sent ' + r.type), (e) => (window.results[k] = 'blocked ' + e.name)];
fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: ini }).then(...note('plain'));
fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain;charset=xml' }, body: ini }).then(...note('plainXmlParameter'));
fetch(target, { method: 'POST', mode: 'no-cors', body: ini }).then(...note('noType'));
fetch(target, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: ini }).then(...note('corsXml'));
document.getElementById('form').submit();
window.results.form = 'submitted';
</script></body></html>`;
}

beforeAll(async () => {
  if (skipReason) return;
  bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock, log: () => undefined });
  bank.addSubscriber({ partnerId: 'KONTOR09', userId: 'USER09', name: 'Ziel GmbH' });
  const attackerKey = await generateKeyPairAsync(2048);
  ini = buildIniRequest({
    version: 'H004',
    hostId: bank.hostId,
    partnerId: 'KONTOR09',
    userId: 'USER09',
    signatureVersion: 'A006',
    key: modExpOf(attackerKey.publicKey),
    timestamp: clock.now().toISOString(),
  });
  recorder = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      recorded.push({ method: req.method ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('recorded');
    });
  });
  recorderUrl = `http://127.0.0.1:${await listen(recorder)}/ebicsweb`;
  foreign = createServer((req, res) => {
    const target = req.url === '/record.html' ? recorderUrl : bank.url;
    res.writeHead(200, { 'content-type': 'text/html' }).end(attackPage(target));
  });
  foreignOrigin = `http://localhost:${await listen(foreign)}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bank?.close();
  for (const s of [foreign, recorder]) if (s) await new Promise<void>((r) => s.close(() => r()));
  dir.remove();
});

async function attack(path: string): Promise<Record<string, string>> {
  const page = await browser.newPage();
  await page.goto(`${foreignOrigin}${path}`);
  await page.waitForFunction(() => {
    const r = (window as unknown as { results: Record<string, string> }).results;
    return ['plain', 'plainXmlParameter', 'noType', 'corsXml'].every((k) => r[k] !== undefined);
  });
  // The form's answer lands in the frame; wait until it has loaded something other than about:blank.
  await page
    .waitForFunction(() => (document.querySelector('iframe[name=sink]') as HTMLIFrameElement | null)?.contentWindow?.location.href !== 'about:blank')
    .catch(() => undefined);
  const results = await page.evaluate(() => (window as unknown as { results: Record<string, string> }).results);
  await page.close();
  return results;
}

describe.skipIf(skipReason !== undefined)(`the demo bank and a page of another origin${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('Chromium does send the INI cross-site without a preflight (recorded at a stand-in server)', async () => {
    await attack('/record.html');
    const posts = recorded.filter((r) => r.method === 'POST');
    // no-cors text/plain, text/plain with a parameter, no type, and the form: four POSTs with the INI, each with an Origin.
    expect(posts.length).toBe(4);
    for (const p of posts) {
      expect(p.headers.origin).toBe(foreignOrigin);
      expect(p.body.trim()).toBe(ini.trim());
    }
    expect(posts.map((p) => p.headers['content-type']).sort()).toEqual(['text/plain', 'text/plain', 'text/plain;charset=UTF-8', 'text/plain;charset=xml']);
    // The text/xml fetch was preflighted: an OPTIONS, never its POST.
    expect(recorded.some((r) => r.method === 'OPTIONS')).toBe(true);
  });

  it('the bank refuses every one of them: the subscriber stays without keys and nothing in the bank changes', async () => {
    const before = snapshot(bank.store.db);
    const results = await attack('/bank.html');
    console.log(`[lockdown] cross-site INI against the demo bank: ${JSON.stringify(results)}`);
    expect(results.corsXml).toMatch(/^blocked/);
    expect(findSubscriber(bank.store.db, 'KONTOR09', 'USER09')).toMatchObject({ state: 'new', signatureKeyDer: null });
    expect(snapshot(bank.store.db)).toEqual(before);
  });
});
