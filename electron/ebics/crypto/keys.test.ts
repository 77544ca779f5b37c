import { X509Certificate, createPublicKey } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import {
  certificatePublicKey,
  exportPrivateDer,
  generateKeyPair,
  importPrivateDer,
  modExpOf,
  publicKeyFromModExp,
  rsaKeyBits,
  selfSignedCertificate,
} from './keys';

const pair = generateKeyPair(2048);
const notBefore = new Date('2025-03-01T00:00:00Z');
const notAfter = new Date('2026-03-01T00:00:00Z');

describe('RSA key pairs', () => {
  it('generates 2048-bit keys with exponent 65537', () => {
    expect(rsaKeyBits(pair.privateKey)).toBe(2048);
    expect(pair.publicKey.asymmetricKeyDetails?.publicExponent).toBe(65537n);
    expect(modExpOf(pair.publicKey).exponent).toEqual(Buffer.from([0x01, 0x00, 0x01]));
  });

  it('refuses key sizes other than 2048, 3072 and 4096', () => {
    expect(() => generateKeyPair(1024 as 2048)).toThrow(RangeError);
  });

  it('round-trips a private key through PKCS#8 DER', () => {
    const der = exportPrivateDer(pair.privateKey);
    expect(der[0]).toBe(0x30);
    const back = importPrivateDer(der);
    expect(back.equals(pair.privateKey)).toBe(true);
  });

  it('reports unreadable stored keys as KontorError', () => {
    expect(() => importPrivateDer(Buffer.from('not a key'))).toThrow(KontorError);
  });

  it('gives modulus and exponent without leading zeros, from public or private key', () => {
    const { modulus, exponent } = modExpOf(pair.publicKey);
    expect(modulus).toHaveLength(256);
    expect(modulus[0]).toBeGreaterThanOrEqual(0x80);
    expect(modExpOf(pair.privateKey)).toEqual({ modulus, exponent });
  });

  it('rebuilds the same public key from modulus and exponent, with or without a sign byte', () => {
    const { modulus, exponent } = modExpOf(pair.publicKey);
    expect(publicKeyFromModExp(modulus, exponent).equals(pair.publicKey)).toBe(true);
    const signed = publicKeyFromModExp(Buffer.concat([Buffer.from([0]), modulus]), Buffer.from([0, 1, 0, 1]));
    expect(signed.equals(pair.publicKey)).toBe(true);
  });

  it('refuses an empty modulus', () => {
    expect(() => publicKeyFromModExp(Buffer.alloc(0), Buffer.from([1, 0, 1]))).toThrow(KontorError);
    expect(() => publicKeyFromModExp(Buffer.alloc(4), Buffer.from([1, 0, 1]))).toThrow(KontorError);
  });
});

describe('self-signed certificates (EBICS 3.0)', () => {
  it('carries the key, subject, validity and a SHA-256 signature that verifies under its own key', () => {
    const der = selfSignedCertificate(pair, {
      commonName: 'Muster GmbH X002',
      organization: 'Muster GmbH',
      country: 'DE',
      notBefore,
      notAfter,
      usage: 'authentication',
    });
    const cert = new X509Certificate(der);
    expect(cert.subject).toBe('CN=Muster GmbH X002\nO=Muster GmbH\nC=DE');
    expect(cert.issuer).toBe(cert.subject);
    expect(new Date(cert.validFrom).getTime()).toBe(notBefore.getTime());
    expect(new Date(cert.validTo).getTime()).toBe(notAfter.getTime());
    expect(cert.publicKey.equals(pair.publicKey)).toBe(true);
    expect(cert.verify(pair.publicKey)).toBe(true);
    expect(cert.ca).toBe(false);
    expect(certificatePublicKey(der).equals(pair.publicKey)).toBe(true);
    const parsed = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
    expect(parsed.siginfo.algorithmOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
  });

  it('sets key usage according to the key it carries', () => {
    const usageOf = (der: Buffer): Record<string, unknown> | undefined =>
      forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary'))).getExtension('keyUsage') as Record<string, unknown> | undefined;
    const base = { commonName: 'K', notBefore, notAfter };
    expect(usageOf(selfSignedCertificate(pair, { ...base, usage: 'encryption' }))).toMatchObject({ keyEncipherment: true, digitalSignature: false });
    expect(usageOf(selfSignedCertificate(pair, { ...base, usage: 'signature' }))).toMatchObject({
      digitalSignature: true,
      nonRepudiation: true,
      keyEncipherment: false,
    });
    expect(usageOf(selfSignedCertificate(pair, { ...base, usage: 'authentication' }))).toMatchObject({ digitalSignature: true, keyEncipherment: false });
    expect(usageOf(selfSignedCertificate(pair, base))).toMatchObject({ digitalSignature: true, keyEncipherment: true });
  });

  it('encodes non-ASCII names as UTF-8', () => {
    const der = selfSignedCertificate(pair, { commonName: 'Müller & Söhne', notBefore, notAfter });
    expect(new X509Certificate(der).subject).toBe('CN=Müller & Söhne');
  });

  it('uses a positive serial: a random one by default, or the given one', () => {
    const a = new X509Certificate(selfSignedCertificate(pair, { commonName: 'K', notBefore, notAfter }));
    const b = new X509Certificate(selfSignedCertificate(pair, { commonName: 'K', notBefore, notAfter }));
    expect(a.serialNumber).not.toBe(b.serialNumber);
    const given = new X509Certificate(selfSignedCertificate(pair, { commonName: 'K', notBefore, notAfter, serial: 'ff01' }));
    expect(given.serialNumber.replace(/^0+/, '').toLowerCase()).toBe('ff01');
  });

  it('refuses inverted validity and malformed country codes', () => {
    expect(() => selfSignedCertificate(pair, { commonName: 'K', notBefore: notAfter, notAfter: notBefore })).toThrow(RangeError);
    expect(() => selfSignedCertificate(pair, { commonName: 'K', country: 'Germany', notBefore, notAfter })).toThrow(RangeError);
  });

  it('reports an unreadable certificate as KontorError', () => {
    expect(() => certificatePublicKey(Buffer.from('nope'))).toThrow(KontorError);
  });

  it('gives the public key from a certificate usable as an RSA key', () => {
    const key = certificatePublicKey(selfSignedCertificate(pair, { commonName: 'K', notBefore, notAfter }));
    expect(createPublicKey(key.export({ type: 'spki', format: 'pem' })).asymmetricKeyType).toBe('rsa');
  });
});
