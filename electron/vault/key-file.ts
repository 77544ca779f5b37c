/**
 * Password-protected key file, to move a bank access's keys to another
 * workstation. scrypt makes guessing the password expensive; AES-256-GCM
 * makes any change to the file, header included, detectable.
 *
 * Both functions are async: scrypt at the default cost takes a noticeable
 * fraction of a second and must not block the main process while it runs.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { KontorError } from '../../shared/errors';
import { keyBundleSchema, type KeyBundle } from './key-bundle';

const FORMAT = 'kontor-key-file';
const VERSION = 1;
const MIN_PASSWORD_LENGTH = 10;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** A real key file is a few tens of kilobytes; anything far larger is not one. */
const MAX_FILE_BYTES = 1024 * 1024;

export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/**
 * What an imported file may ask for. The header is read before anything is
 * authenticated, so a hostile file must not be able to demand gigabytes of
 * memory or minutes of CPU. The lower bound only keeps test-sized costs legal.
 */
const LIMITS = { minLogN: 10, maxLogN: 20, maxR: 16, maxP: 4, maxMemoryBytes: 256 * 1024 * 1024 };

const base64 = z.base64().min(1);

const kdfSchema = z.strictObject({
  name: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: base64,
});

const keyFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  kdf: kdfSchema,
  nonce: base64,
  ciphertext: base64,
  tag: base64,
  bankAccessId: z.string().min(1).max(200),
});

type KeyFile = z.infer<typeof keyFileSchema>;
type Kdf = KeyFile['kdf'];

export async function exportKeyFile(bundle: KeyBundle, password: string, options: { scryptN?: number } = {}): Promise<Buffer> {
  const valid = keyBundleSchema.parse(bundle);
  if ([...password.normalize('NFC')].length < MIN_PASSWORD_LENGTH) {
    throw new KontorError('vault.weakPassword', `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, { minLength: MIN_PASSWORD_LENGTH });
  }
  const kdf: Kdf = {
    name: 'scrypt',
    ...DEFAULT_SCRYPT,
    N: options.scryptN ?? DEFAULT_SCRYPT.N,
    salt: randomBytes(SALT_BYTES).toString('base64'),
  };
  const problem = kdfProblem(kdf);
  if (problem !== null) throw new RangeError(`Unsupported scrypt parameter: ${problem}`);
  const nonce = randomBytes(NONCE_BYTES);

  const key = await deriveKey(passwordBytes(password), kdf);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(headerBytes(kdf, nonce.toString('base64'), valid.bankAccessId));
  const plaintext = Buffer.from(JSON.stringify(valid), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  key.fill(0);
  plaintext.fill(0);

  const file: KeyFile = {
    format: FORMAT,
    version: VERSION,
    kdf,
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    bankAccessId: valid.bankAccessId,
  };
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
}

export async function importKeyFile(file: Buffer, password: string): Promise<KeyBundle> {
  const header = readHeader(file);
  const salt = Buffer.from(header.kdf.salt, 'base64');
  const nonce = Buffer.from(header.nonce, 'base64');
  const tag = Buffer.from(header.tag, 'base64');
  // GCM would accept a shortened tag, which is easier to forge; insist on the full one.
  if (salt.length !== SALT_BYTES || nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) {
    throw badKeyFile('The key file is damaged.');
  }

  const key = await deriveKey(passwordBytes(password), header.kdf);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(headerBytes(header.kdf, header.nonce, header.bankAccessId));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(Buffer.from(header.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new KontorError('vault.wrongPassword', 'The password is wrong or the file was changed.');
  } finally {
    key.fill(0);
  }

  // Authentic from here on, so a bad payload means a buggy writer, not an attacker.
  let json: unknown;
  try {
    json = JSON.parse(plaintext.toString('utf8'));
  } catch {
    json = undefined;
  } finally {
    plaintext.fill(0);
  }
  const bundle = keyBundleSchema.safeParse(json);
  if (!bundle.success || bundle.data.bankAccessId !== header.bankAccessId) {
    throw badKeyFile('The key file contains keys this version of Kontor cannot read.');
  }
  return bundle.data;
}

function readHeader(file: Buffer): KeyFile {
  if (file.length > MAX_FILE_BYTES) throw badKeyFile('This is not a Kontor key file.');
  let json: unknown;
  try {
    json = JSON.parse(file.toString('utf8'));
  } catch {
    throw badKeyFile('This is not a Kontor key file.');
  }
  const intro = z.looseObject({ format: z.literal(FORMAT), version: z.unknown() }).safeParse(json);
  if (!intro.success) throw badKeyFile('This is not a Kontor key file.');
  if (intro.data.version !== VERSION) {
    throw badKeyFile('This key file was made by a different version of Kontor and cannot be read here.');
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw badKeyFile('The key file is damaged.');
  const problem = kdfProblem(parsed.data.kdf);
  if (problem !== null) throw badKeyFile(`The key file asks for unsafe key derivation settings (${problem}).`);
  return parsed.data;
}

function kdfProblem({ N, r, p }: Kdf): string | null {
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < LIMITS.minLogN || logN > LIMITS.maxLogN) return 'N';
  if (r < 1 || r > LIMITS.maxR) return 'r';
  if (p < 1 || p > LIMITS.maxP) return 'p';
  if (scryptMemory({ N, r, p }) > LIMITS.maxMemoryBytes) return 'memory';
  return null;
}

/** What OpenSSL allocates for scrypt: the N-block table plus p blocks. */
function scryptMemory({ N, r, p }: { N: number; r: number; p: number }): number {
  return 128 * r * (N + p + 2);
}

function deriveKey(password: Buffer, kdf: Kdf): Promise<Buffer> {
  const { N, r, p } = kdf;
  const options = { N, r, p, maxmem: scryptMemory(kdf) + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password, Buffer.from(kdf.salt, 'base64'), 32, options, (error, key) => {
      password.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** Everything in the header that decryption depends on, in a fixed order, as the AAD. */
function headerBytes(kdf: Kdf, nonce: string, bankAccessId: string): Buffer {
  return Buffer.from(JSON.stringify([FORMAT, VERSION, kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt, nonce, bankAccessId]), 'utf8');
}

/** NFC, so the same password typed on macOS and Windows gives the same bytes. */
function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

function badKeyFile(message: string): KontorError {
  return new KontorError('vault.badKeyFile', message);
}
