import { generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDE_VALIDITY } from '../../test/support/clock';
import { createTransport, DEFAULT_USER_AGENT } from './transport';

function selfSigned(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  // TLS checks validity against the real clock: wide, so the test passes on any date.
  cert.validity.notBefore = WIDE_VALIDITY.notBefore;
  cert.validity.notAfter = WIDE_VALIDITY.notAfter;
  const attrs = [{ name: 'commonName', value: 'localhost' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]);
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(pem), forge.md.sha256.create());
  return { key: pem, cert: forge.pki.certificateToPem(cert) };
}

const seen: Array<{ ua?: string; type?: string; body: string }> = [];
function echo(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ ua: req.headers['user-agent'], type: req.headers['content-type'], body });
    if (body === 'fail') {
      res.writeHead(500).end('oops');
      return;
    }
    if (body === 'slow') return void setTimeout(() => res.end('<late/>'), 2000);
    res.writeHead(200, { 'content-type': 'text/xml' }).end(`<echo>${body.length}</echo>`);
  });
}

const tls = selfSigned();
const https = createHttpsServer({ key: tls.key, cert: tls.cert }, echo);
const http = createHttpServer(echo);
let httpsUrl = '';
let httpUrl = '';

beforeAll(async () => {
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}/ebicsweb`;
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/ebics`;
});
afterAll(() => {
  https.close();
  http.close();
});

describe('EBICS transport', () => {
  it('verifies the bank certificate by default and refuses an untrusted one before sending', async () => {
    const before = seen.length;
    const t = createTransport(httpsUrl);
    expect(t.tlsVerified).toBe(true);
    await expect(t.post('<x/>')).rejects.toMatchObject({ code: 'ebics.tlsUntrusted' });
    expect(seen.length).toBe(before);
  });

  it('talks to a server whose certificate chains to a trusted CA, with the User-Agent its caller names', async () => {
    const t = createTransport(httpsUrl, { ca: tls.cert, userAgent: 'Kontor/9.8.7 (EBICS client)' });
    expect(await t.post('<hello/>')).toBe('<echo>8</echo>');
    expect(seen.at(-1)).toMatchObject({ ua: 'Kontor/9.8.7 (EBICS client)', type: 'text/xml; charset=UTF-8' });
  });

  it('names Kontor in the User-Agent when the caller names nothing', async () => {
    await createTransport(httpsUrl, { ca: tls.cert }).post('<hello/>');
    expect(seen.at(-1)?.ua).toBe(DEFAULT_USER_AGENT);
  });

  it('refuses plain http for a bank, and the demo exception anywhere but loopback', () => {
    expect(() => createTransport('http://bank.example/ebics')).toThrow(expect.objectContaining({ code: 'ebics.insecureHostUrl' }));
    expect(() => createTransport(httpUrl)).toThrow(expect.objectContaining({ code: 'ebics.insecureHostUrl' }));
    expect(() => createTransport('http://bank.example/ebics', { demoBankOnLoopback: true })).toThrow(expect.objectContaining({ code: 'ebics.demoNotLocal' }));
  });

  it('allows the explicit demo-bank exception on loopback and marks it unverified', async () => {
    const t = createTransport(httpUrl, { demoBankOnLoopback: true });
    expect(t.tlsVerified).toBe(false);
    expect(await t.post('<a/>')).toBe('<echo>4</echo>');
  });

  it('reports HTTP errors and timeouts as typed errors', async () => {
    const t = createTransport(httpUrl, { demoBankOnLoopback: true, timeoutMs: 300 });
    await expect(t.post('fail')).rejects.toMatchObject({ code: 'ebics.httpError', params: { status: 500 } });
    await expect(t.post('slow')).rejects.toMatchObject({ code: 'ebics.timeout' });
  });

  it('reports an unreachable host in words', async () => {
    const t = createTransport('http://127.0.0.1:1/ebics', { demoBankOnLoopback: true, timeoutMs: 2000 });
    await expect(t.post('<a/>')).rejects.toMatchObject({ code: 'ebics.unreachable' });
  });
});
