import { describe, expect, it } from 'vitest';
import { orderDataDigest, signOrderData } from '../../ebics/crypto/order-signature';
import { verifyOrderSignature } from '../../ebics/crypto/verify-order-signature';
import { generateSubscriberKeys } from '../../ebics/key-generation';
import { memorySecretStore } from '../../vault/keychain';
import { createVault } from '../../vault/vault';
import { loadKeys, toKeySet } from './key-store';

describe('subscriber keys in the vault', () => {
  it('creates three distinct keys valid for a year and restores usable keys from the keychain', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const dated = await generateSubscriberKeys({ bits: 2048, signatureVersion: 'A006', withCertificates: true, subject: { commonName: 'Muster GmbH' }, now });
    expect(dated.expiresAt).toBe('2027-11-21T10:00:00.000Z');
    const pems = [dated.keys.signature, dated.keys.authentication, dated.keys.encryption].map((k) => k.publicKey.export({ type: 'spki', format: 'pem' }));
    expect(new Set(pems).size).toBe(3);

    const vault = createVault(memorySecretStore());
    vault.save('7', { format: 'kontor-key-bundle', version: 1, bankAccessId: '7', keys: toKeySet(dated) });
    const keys = loadKeys(vault, '7');
    expect(keys.signature.version).toBe('A006');
    expect(keys.encryption.certificate?.equals(dated.keys.encryption.certificate!)).toBe(true);
    const data = Buffer.from('<Document>pain.001</Document>');
    const signature = signOrderData(data, keys.signature.privateKey, 'A006');
    expect(verifyOrderSignature(data, signature, dated.keys.signature.publicKey, 'A006')).toBe(true);
    expect(orderDataDigest(data)).toHaveLength(32);
  });

  it('explains missing keys instead of failing obscurely', () => {
    const vault = createVault(memorySecretStore());
    expect(() => loadKeys(vault, '1')).toThrow(expect.objectContaining({ code: 'keys.missing' }));
  });

  it('refuses an incomplete key set instead of signing with half of it', async () => {
    const vault = createVault(memorySecretStore());
    const dated = await generateSubscriberKeys({
      bits: 2048,
      signatureVersion: 'A005',
      withCertificates: false,
      subject: { commonName: 'Muster GmbH' },
      now: new Date('2026-11-21T10:00:00Z'),
    });
    const { signature: _dropped, ...partial } = toKeySet(dated);
    vault.save('8', { format: 'kontor-key-bundle', version: 1, bankAccessId: '8', keys: partial });
    expect(() => loadKeys(vault, '8')).toThrow(expect.objectContaining({ code: 'keys.incomplete' }));
  });
});
