import { describe, expect, it } from 'vitest';
import { KontorError } from '../../shared/errors';
import { DEFAULT_SCRYPT, exportKeyFile, importKeyFile } from './key-file';
import { privateKeysOf, testBundle } from './test-bundle';

const bundle = testBundle('ba-1');
const password = 'correct horse battery';
const fast = { scryptN: 2 ** 12 };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof KontorError) return e.code;
    throw e;
  }
  throw new Error('expected a KontorError');
}

type Json = Record<string, unknown> & { kdf: Record<string, unknown> };

async function exportedJson(): Promise<Json> {
  return JSON.parse((await exportKeyFile(bundle, password, fast)).toString('utf8')) as Json;
}

function toFile(json: unknown): Buffer {
  return Buffer.from(JSON.stringify(json), 'utf8');
}

describe('key file', () => {
  it('round-trips a bundle', async () => {
    const file = await exportKeyFile(bundle, password, fast);
    expect(await importKeyFile(file, password)).toEqual(bundle);
  });

  it('round-trips with the default scrypt cost and records it in the header', async () => {
    const file = await exportKeyFile(bundle, password);
    const { kdf } = JSON.parse(file.toString('utf8')) as Json;
    expect(kdf).toMatchObject({ name: 'scrypt', ...DEFAULT_SCRYPT });
    expect(await importKeyFile(file, password)).toEqual(bundle);
  }, 30_000);

  it('writes the documented layout', async () => {
    const json = await exportedJson();
    expect(Object.keys(json).sort()).toEqual(['bankAccessId', 'ciphertext', 'format', 'kdf', 'nonce', 'tag', 'version'].sort());
    expect(json).toMatchObject({ format: 'kontor-key-file', version: 1, bankAccessId: 'ba-1' });
    expect(json.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 12, r: 8, p: 1 });
    expect(Buffer.from(json.kdf['salt'] as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(json['nonce'] as string, 'base64')).toHaveLength(12);
  });

  it('contains no private key, in base64 or otherwise', async () => {
    const text = (await exportKeyFile(bundle, password, fast)).toString('utf8');
    for (const key of privateKeysOf(bundle)) {
      expect(text).not.toContain(key.slice(0, 24));
      expect(text).not.toContain(key.slice(-24));
      expect(text).not.toContain(Buffer.from(key, 'base64').toString('hex').slice(0, 48));
    }
  });

  it('uses a fresh salt and nonce for every export', async () => {
    const [a, b] = [await exportedJson(), await exportedJson()];
    expect(a.kdf['salt']).not.toEqual(b.kdf['salt']);
    expect(a['nonce']).not.toEqual(b['nonce']);
  });

  it('refuses the wrong password', async () => {
    const file = await exportKeyFile(bundle, password, fast);
    expect(await codeOf(importKeyFile(file, 'correct horse battery!'))).toBe('vault.wrongPassword');
  });

  it('refuses a flipped byte in the ciphertext', async () => {
    const json = await exportedJson();
    const ciphertext = Buffer.from(json['ciphertext'] as string, 'base64');
    ciphertext[100] = ciphertext[100]! ^ 0x01;
    const file = toFile({ ...json, ciphertext: ciphertext.toString('base64') });
    expect(await codeOf(importKeyFile(file, password))).toBe('vault.wrongPassword');
  });

  it('refuses a changed tag', async () => {
    const json = await exportedJson();
    const tag = Buffer.from(json['tag'] as string, 'base64');
    tag[0] = tag[0]! ^ 0x80;
    expect(await codeOf(importKeyFile(toFile({ ...json, tag: tag.toString('base64') }), password))).toBe('vault.wrongPassword');
  });

  it('refuses a header whose bank access was changed', async () => {
    const json = await exportedJson();
    expect(await codeOf(importKeyFile(toFile({ ...json, bankAccessId: 'ba-2' }), password))).toBe('vault.wrongPassword');
  });

  it('refuses a header whose nonce was changed', async () => {
    const json = await exportedJson();
    const nonce = Buffer.from(json['nonce'] as string, 'base64');
    nonce[0] = nonce[0]! ^ 0x01;
    expect(await codeOf(importKeyFile(toFile({ ...json, nonce: nonce.toString('base64') }), password))).toBe('vault.wrongPassword');
  });

  it('refuses a shortened authentication tag as a damaged file', async () => {
    const json = await exportedJson();
    const tag = Buffer.from(json['tag'] as string, 'base64')
      .subarray(0, 4)
      .toString('base64');
    expect(await codeOf(importKeyFile(toFile({ ...json, tag }), password))).toBe('vault.badKeyFile');
  });

  it('refuses a password shorter than 10 characters', async () => {
    expect(await codeOf(exportKeyFile(bundle, 'too-short', fast))).toBe('vault.weakPassword');
  });

  it('counts characters, not bytes, for the minimum length', async () => {
    expect(await codeOf(exportKeyFile(bundle, 'äöüäöüäöü', fast))).toBe('vault.weakPassword');
    const file = await exportKeyFile(bundle, 'äöüäöüäöüß', fast);
    expect(await importKeyFile(file, 'äöüäöüäöüß')).toEqual(bundle);
  });

  it('accepts the same password typed in decomposed Unicode', async () => {
    const composed = 'Grüße aus Köln';
    const file = await exportKeyFile(bundle, composed, fast);
    expect(await importKeyFile(file, composed.normalize('NFD'))).toEqual(bundle);
  });

  it('refuses text that is not JSON as vault.badKeyFile', async () => {
    expect(await codeOf(importKeyFile(Buffer.from('-----BEGIN PRIVATE KEY-----'), password))).toBe('vault.badKeyFile');
  });

  it('refuses other JSON as vault.badKeyFile', async () => {
    expect(await codeOf(importKeyFile(toFile({ hello: 'world' }), password))).toBe('vault.badKeyFile');
    expect(await codeOf(importKeyFile(toFile([1, 2, 3]), password))).toBe('vault.badKeyFile');
    expect(await codeOf(importKeyFile(toFile(null), password))).toBe('vault.badKeyFile');
  });

  it('refuses an unsupported version as vault.badKeyFile', async () => {
    const json = await exportedJson();
    expect(await codeOf(importKeyFile(toFile({ ...json, version: 2 }), password))).toBe('vault.badKeyFile');
  });

  it('refuses a huge file without parsing it', async () => {
    expect(await codeOf(importKeyFile(Buffer.alloc(2 * 1024 * 1024, 0x20), password))).toBe('vault.badKeyFile');
  });

  it.each([
    ['N far too large', { N: 2 ** 30 }],
    ['N not a power of two', { N: 100_000 }],
    ['N too small', { N: 2 }],
    ['r huge', { r: 1_000_000 }],
    ['p huge', { p: 1_000_000 }],
    ['memory over the limit', { N: 2 ** 20, r: 8 }],
    ['a negative cost', { r: -8 }],
    ['a fractional cost', { p: 1.5 }],
    ['another KDF', { name: 'pbkdf2' }],
  ])('refuses hostile KDF parameters (%s)', async (_label, change) => {
    const json = await exportedJson();
    const file = toFile({ ...json, kdf: { ...json.kdf, ...change } });
    expect(await codeOf(importKeyFile(file, password))).toBe('vault.badKeyFile');
  });

  it('refuses to export with an unsupported scrypt cost', async () => {
    await expect(exportKeyFile(bundle, password, { scryptN: 3000 })).rejects.toThrow(RangeError);
  });
});
