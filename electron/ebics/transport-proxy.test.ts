import { generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDE_VALIDITY } from '../../test/support/clock';
import { createTransport } from './transport';

/** A certificate for a name that does not resolve: only a proxy can reach it. */
function certFor(name: string): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '02';
  // TLS checks validity against the real clock: wide, so the test passes on any date.
  cert.validity.notBefore = WIDE_VALIDITY.notBefore;
  cert.validity.notAfter = WIDE_VALIDITY.notAfter;
  cert.setSubject([{ name: 'commonName', value: name }]);
  cert.setIssuer([{ name: 'commonName', value: name }]);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: name }] }]);
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(pem), forge.md.sha256.create());
  return { key: pem, cert: forge.pki.certificateToPem(cert) };
}

const tls = certFor('bank.kontor.invalid');
const bank = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end('<via-proxy/>'));
});
const tunnels: string[] = [];
const proxy = createHttpServer();
proxy.on('connect', (req, client: Socket, head: Buffer) => {
  tunnels.push(req.url ?? '');
  // Whatever host is asked for, the tunnel leads to the test bank on loopback.
  const upstream = connect((bank.address() as AddressInfo).port, '127.0.0.1', () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
});

const saved = { ...process.env };
beforeAll(async () => {
  await new Promise<void>((r) => bank.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
});
afterAll(() => {
  process.env = saved;
  bank.close();
  proxy.close();
});

describe('EBICS transport behind a proxy', () => {
  it('tunnels through the proxy named in HTTPS_PROXY and still verifies the bank certificate', async () => {
    process.env.HTTPS_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    const port = (bank.address() as AddressInfo).port;
    const trusted = createTransport(`https://bank.kontor.invalid:${port}/ebicsweb`, { ca: tls.cert, timeoutMs: 5000 });
    expect(await trusted.post('<x/>')).toBe('<via-proxy/>');
    expect(tunnels).toContain(`bank.kontor.invalid:${port}`);

    const untrusted = createTransport(`https://bank.kontor.invalid:${port}/ebicsweb`, { timeoutMs: 5000 });
    await expect(untrusted.post('<x/>')).rejects.toMatchObject({ code: 'ebics.tlsUntrusted' });
  });
});
