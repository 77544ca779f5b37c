/**
 * The demo bank keeps browsers out (issue 15, item 6): a web page can send
 * `text/plain` cross-site without a preflight, and a rebinding page reaches
 * 127.0.0.1 under its own name. Each refusal is proven over real HTTP with
 * an INI for a new subscriber — the request a foreign page would send to
 * plant its own keys — and the subscriber's keys stay unset; the same INI
 * with the headers of an EBICS client goes through. Kontor's transport and a
 * client sending `text/xml; charset=ISO-8859-1` or `application/xml` still
 * work.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/dates';
import { generateKeyPairAsync, modExpOf } from '../ebics/crypto/keys';
import { buildHevRequest } from '../ebics/messages/hev';
import { buildIniRequest } from '../ebics/messages/key-management';
import { createTransport } from '../ebics/transport';
import { mediaType, parseHost, refuseRequest } from './http-guard';
import { startDemoBank, type DemoBank } from './server';
import { findSubscriber } from './store/subscribers';
import { snapshot, tempDir } from '../../test/support/demo-bank';

const clock = fixedClock('2026-11-23T08:00:00Z');

/** One raw HTTP POST to the bank's socket with exactly these headers (fetch would add or forbid some). */
function post(bank: DemoBank, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: bank.port, path: '/ebicsweb', method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the demo bank over HTTP refuses what a browser sends', () => {
  const dir = tempDir('kontor-demo-guard-');
  let bank: DemoBank;
  let ini: string;
  let host: string;

  beforeAll(async () => {
    bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock, log: () => undefined, hostNames: ['ebics.demo.internal'] });
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
    host = `127.0.0.1:${bank.port}`;
  }, 60_000);
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  const subscriber = () => findSubscriber(bank.store.db, 'KONTOR09', 'USER09')!;

  it.each([
    ['text/plain (a form post or no-cors fetch)', { 'content-type': 'text/plain' }, 415],
    ['text/plain with an xml parameter (no preflight either)', { 'content-type': 'text/plain; charset=xml' }, 415],
    ['text/plain;a=text/xml', { 'content-type': 'text/plain;a=text/xml' }, 415],
    ['application/x-www-form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['multipart/form-data', { 'content-type': 'multipart/form-data; boundary=x' }, 415],
    ['no Content-Type', {}, 415],
    ['text/xml from a page of another origin', { 'content-type': 'text/xml', origin: 'http://evil.example' }, 403],
    ['an opaque origin (sandboxed frame, file page)', { 'content-type': 'text/xml', origin: 'null' }, 403],
    ['a browser request without Origin but with Sec-Fetch-Site', { 'content-type': 'text/xml', 'sec-fetch-site': 'cross-site' }, 403],
    ['a rebinding page under its own name', { 'content-type': 'text/xml', host: 'evil.example:PORT' }, 421],
    ['the right name on another port', { 'content-type': 'text/xml', host: '127.0.0.1:1' }, 421],
    ['a host name that merely starts like ours', { 'content-type': 'text/xml', host: 'localhost.evil.example:PORT' }, 421],
  ])('refuses INI sent as %s, and the subscriber keeps no key', async (_what, headers: Record<string, string>, status) => {
    const before = snapshot(bank.store.db);
    const withHost = { host, ...headers };
    if (withHost.host) withHost.host = withHost.host.replace('PORT', String(bank.port));
    const res = await post(bank, ini, withHost);
    expect(res.status).toBe(status);
    expect(subscriber()).toMatchObject({ state: 'new', signatureKeyDer: null });
    expect(snapshot(bank.store.db)).toEqual(before);
  });

  it('takes the same INI from an EBICS client: localhost, its configured name, text/xml with a charset, application/xml', async () => {
    for (const name of ['localhost', 'LOCALHOST', '[::1]', 'ebics.demo.internal']) {
      const hev = await post(bank, buildHevRequest({ hostId: bank.hostId }), { host: `${name}:${bank.port}`, 'content-type': 'application/xml' });
      expect(hev.status, name).toBe(200);
    }
    const hev = await post(bank, buildHevRequest({ hostId: bank.hostId }), { host, 'content-type': 'text/xml; charset=ISO-8859-1' });
    expect(hev.text).toContain('<ReturnCode>000000</ReturnCode>');
    const res = await post(bank, ini, { host, 'content-type': 'Text/XML;charset=UTF-8' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<ReturnCode>000000</ReturnCode>');
    expect(subscriber().state).toBe('ini_received');
  });

  it("Kontor's own transport and Node's fetch (which sends Sec-Fetch-Mode) still get through", async () => {
    const transport = createTransport(bank.url, { demoBankOnLoopback: true });
    expect(await transport.post(buildHevRequest({ hostId: bank.hostId }))).toContain('<ReturnCode>000000</ReturnCode>');
    const viaFetch = await fetch(bank.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: buildHevRequest({ hostId: bank.hostId }) });
    expect(viaFetch.status).toBe(200);
  });
});

describe('the guard as a function', () => {
  it('reads the media type without its parameters', () => {
    expect(mediaType('text/xml; charset=UTF-8')).toBe('text/xml');
    expect(mediaType(' Application/XML ')).toBe('application/xml');
    expect(mediaType('text/plain;a=xml')).toBe('text/plain');
    expect(mediaType('xml')).toBeNull();
    expect(mediaType(undefined)).toBeNull();
  });

  it('reads host and port', () => {
    expect(parseHost('127.0.0.1:17617')).toEqual({ name: '127.0.0.1', port: 17617 });
    expect(parseHost('[::1]:80')).toEqual({ name: '[::1]', port: 80 });
    expect(parseHost('Localhost')).toEqual({ name: 'localhost', port: 80 });
    expect(parseHost('a b:1')).toBeNull();
    expect(parseHost('user@127.0.0.1:1')).toBeNull();
  });

  it('checks Origin before Host before Content-Type', () => {
    const o = { port: 5 };
    expect(refuseRequest({ origin: 'x', host: 'evil:5', 'content-type': 'text/plain' }, o)?.status).toBe(403);
    expect(refuseRequest({ host: 'evil:5', 'content-type': 'text/plain' }, o)?.status).toBe(421);
    expect(refuseRequest({ host: '127.0.0.1:5', 'content-type': 'text/plain' }, o)?.status).toBe(415);
    expect(refuseRequest({ host: '127.0.0.1:5', 'content-type': 'text/xml' }, o)).toBeNull();
    expect(refuseRequest({ 'content-type': 'text/xml' }, o)?.status).toBe(421);
  });
});
