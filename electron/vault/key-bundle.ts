/**
 * A subscriber key bundle: all private keys of one bank access, stored as one
 * keychain entry so they are saved, moved and deleted together.
 *
 * Keys are DER in base64, not PEM: the bundle has to stay small because
 * Windows Credential Manager caps one secret at 2560 bytes (see keychain.ts,
 * which refuses larger secrets there instead of truncating them).
 */
import { z } from 'zod';

// Strict objects throughout: a field this version does not know is refused,
// not dropped, so loading and saving again can never lose key material.
const base64 = z.base64().min(1);
const utcInstant = z.iso.datetime();

export const KEY_KINDS = ['A005', 'A006', 'X002', 'E002'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

function storedKey<K extends readonly [KeyKind, ...KeyKind[]]>(kinds: K) {
  return z.strictObject({
    kind: z.enum(kinds),
    /** PKCS#8 DER, base64. */
    privateKeyPkcs8: base64,
    /** X.509 DER, base64; only where the bank works with certificates. */
    certificate: base64.optional(),
    createdAt: utcInstant,
    expiresAt: utcInstant.optional(),
  });
}

// Each slot admits only the key versions EBICS allows for that purpose.
const keySet = z.strictObject({
  signature: storedKey(['A005', 'A006']).optional(),
  authentication: storedKey(['X002']).optional(),
  encryption: storedKey(['E002']).optional(),
});

export const keyBundleSchema = z.strictObject({
  format: z.literal('kontor-key-bundle'),
  version: z.literal(1),
  bankAccessId: z.string().min(1).max(200),
  keys: keySet,
  /** Renewed keys sent to the bank but not yet confirmed; they replace `keys` once it does. */
  pending: keySet.optional(),
});

/** Any stored key; the slots in a bundle narrow `kind` further. */
export const storedKeySchema = storedKey(KEY_KINDS);

export type KeyBundle = z.infer<typeof keyBundleSchema>;
export type KeySet = KeyBundle['keys'];
export type StoredKey = z.infer<typeof storedKeySchema>;
