/**
 * The setup of a bank access (docs/ebics.md, "A bank access, step by step"):
 * letter data → keys → INI → HIA → letter → (bank activates) → HPB → the user
 * compares the bank's hashes → ready. Every step is persisted, so the user can
 * close Kontor after any of them and continue days later.
 */
import type { z } from 'zod';
import type { BankAccessInput, BankKeyHashesInput } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import { parseHevResponse, buildHevRequest, supportedVersions } from '../../ebics/messages/hev';
import { checkHostUrl, createTransport } from '../../ebics/transport';
import { generateSubscriberKeys } from '../../ebics/key-generation';
import * as repo from '../../ledger/repos/bank-access';
import { touchVersion } from '../../ledger/repos/versions';
import { listEntities } from '../../ledger/repos/business-entities';
import type { ServiceContext } from '../context';
import { letterLocale } from '../demo-bank/embedded';
import { EBICS_USER_AGENT } from '../version';
import { requireConfirmation } from './confirmation';
import { accessKeys, audit, clientFor, reload, requireState, type StoredBankKey } from './connection';
import { toKeySet } from './key-store';

type Input = z.output<typeof BankAccessInput>;

function checkInput(v: Input): void {
  checkHostUrl(v.hostUrl, v.isDemo);
}

export async function probe(hostUrl: string, hostId: string, demo: boolean): Promise<{ versions: Array<'H004' | 'H005'> }> {
  const transport = createTransport(hostUrl, { demoBankOnLoopback: demo, timeoutMs: 15_000, userAgent: EBICS_USER_AGENT });
  const hev = parseHevResponse(await transport.post(buildHevRequest({ hostId })));
  return { versions: supportedVersions(hev.versions) };
}

export function create(ctx: ServiceContext, input: Input): repo.BankAccessRow {
  // The demo bank Kontor runs is recognised by its address, however it was typed in.
  const v = { ...input, isDemo: input.isDemo || (ctx.demoBank !== null && input.hostUrl === ctx.demoBank.url) };
  checkInput(v);
  const row = repo.insertBankAccess(ctx.db, v, ctx.now());
  audit(ctx, row.id, 'bankAccess.created', { hostId: v.hostId, partnerId: v.partnerId, userId: v.userId, version: v.ebicsVersion });
  return row;
}

export function update(ctx: ServiceContext, id: number, v: Input): repo.BankAccessRow {
  const row = reload(ctx, id);
  if (row.state !== 'new') {
    throw new KontorError(
      'bankAccess.notEditable',
      'Keys for this bank access exist already; its letter data can no longer change. Set up a new bank access instead.',
    );
  }
  checkInput(v);
  return ctx.db.transaction(() => {
    repo.updateBankAccessDetails(ctx.db, id, v, ctx.now());
    touchVersion(ctx.db, 'bank_access', id, ctx.actor(), ctx.now());
    return reload(ctx, id);
  })();
}

export interface StepProgress {
  (done: number, total: number, label: string): void;
}

/** Keys (once), INI (once), HIA (once). Each step is recorded before the next, so a retry resumes. */
export async function initialise(ctx: ServiceContext, id: number, progress: StepProgress = () => undefined): Promise<repo.BankAccessRow> {
  let row = reload(ctx, id);
  if (['hia_sent', 'bank_keys_fetched', 'ready'].includes(row.state)) return row;
  requireState(row, ['new', 'keys_created', 'ini_sent'], 'be initialised');
  const vault = accessKeys(ctx, id);
  progress(0, 3, 'keys');
  if (row.state === 'new') {
    const entity = listEntities(ctx.db)[0];
    const dated = await generateSubscriberKeys({
      bits: row.keySize,
      signatureVersion: row.signatureVersion,
      withCertificates: row.ebicsVersion === 'H005',
      subject: { commonName: `${row.partnerId} ${row.userId}`, ...(entity ? { organization: entity.name, country: entity.country } : {}) },
      now: ctx.clock.now(),
    });
    vault.save({ format: 'kontor-key-bundle', version: 1, bankAccessId: vault.key, keys: toKeySet(dated) });
    ctx.db.transaction(() => {
      repo.setKeyDates(ctx.db, id, dated.createdAt, dated.expiresAt, ctx.now());
      repo.setState(ctx.db, id, 'keys_created', ctx.now());
      audit(ctx, id, 'keys.created', { bits: row.keySize, signatureVersion: row.signatureVersion, expiresAt: dated.expiresAt });
    })();
    row = reload(ctx, id);
  }
  const keys = vault.current();
  const client = clientFor(ctx, row, keys);
  progress(1, 3, 'ini');
  if (row.state === 'keys_created') {
    await client.sendIni();
    repo.setState(ctx.db, id, 'ini_sent', ctx.now());
    audit(ctx, id, 'ini.sent');
  }
  progress(2, 3, 'hia');
  row = reload(ctx, id);
  if (row.state === 'ini_sent') {
    await client.sendHia();
    repo.setState(ctx.db, id, 'hia_sent', ctx.now());
    audit(ctx, id, 'hia.sent');
  }
  progress(3, 3, 'done');
  return reload(ctx, id);
}

export async function letter(
  ctx: ServiceContext,
  id: number,
  locale: 'de' | 'en',
  place?: string,
): Promise<{ fileName: string; mimeType: string; base64: string }> {
  const row = reload(ctx, id);
  requireState(row, ['keys_created', 'ini_sent', 'hia_sent', 'bank_keys_fetched', 'ready'], 'print its letter');
  const keys = accessKeys(ctx, id).current();
  const entity = listEntities(ctx.db)[0];
  // pdf-lib and fontkit take a fifth of a second to load: only when a letter is printed, not at every start.
  const { buildInitialisationLetter } = await import('../../letters');
  const pdf = await buildInitialisationLetter({
    locale,
    ebicsVersion: row.ebicsVersion,
    bankName: row.name,
    hostId: row.hostId,
    hostUrl: row.hostUrl,
    partnerId: row.partnerId,
    userId: row.userId,
    ...(entity ? { customerName: entity.name } : {}),
    date: ctx.today(),
    ...(place ? { place } : {}),
    keys: [
      {
        purpose: 'signature',
        version: row.signatureVersion,
        publicKey: keys.signature.publicKey,
        ...(keys.signature.certificate ? { certificate: keys.signature.certificate } : {}),
      },
      {
        purpose: 'authentication',
        version: 'X002',
        publicKey: keys.authentication.publicKey,
        ...(keys.authentication.certificate ? { certificate: keys.authentication.certificate } : {}),
      },
      {
        purpose: 'encryption',
        version: 'E002',
        publicKey: keys.encryption.publicKey,
        ...(keys.encryption.certificate ? { certificate: keys.encryption.certificate } : {}),
      },
    ],
  });
  audit(ctx, id, 'letter.printed', { locale });
  const safe = `${row.partnerId}-${row.userId}`.replace(/[^A-Za-z0-9-]/g, '_');
  return {
    fileName: `EBICS-${locale === 'de' ? 'Initialisierungsbrief' : 'initialisation-letter'}-${safe}.pdf`,
    mimeType: 'application/pdf',
    base64: Buffer.from(pdf).toString('base64'),
  };
}

/** H005 banks differ in which hash they print and expect: certificate (default) or public key. */
function bankDigestMode(row: repo.BankAccessRow): 'certificate' | 'publicKey' {
  if (row.ebicsVersion === 'H004') return 'publicKey';
  const settings = JSON.parse(row.settings || '{}') as { bankDigest?: 'certificate' | 'publicKey' };
  return settings.bankDigest ?? 'certificate';
}

export async function fetchBankKeys(ctx: ServiceContext, id: number): Promise<repo.BankAccessRow> {
  const row = reload(ctx, id);
  requireState(row, ['hia_sent', 'bank_keys_fetched'], 'fetch the bank keys');
  const keys = accessKeys(ctx, id).current();
  const fetched = await clientFor(ctx, row, keys).fetchBankKeys();
  const mode = bankDigestMode(row);
  const hashOf = (k: typeof fetched.authentication) =>
    (mode === 'certificate' && k.certificateHash ? k.certificateHash : k.publicKeyHash).toString('hex').toUpperCase();
  const stored = (k: typeof fetched.authentication): string =>
    JSON.stringify({
      spki: k.key.export({ type: 'spki', format: 'der' }).toString('base64'),
      ...(k.certificate ? { certificate: k.certificate.toString('base64') } : {}),
    } satisfies StoredBankKey);
  ctx.db.transaction(() => {
    repo.setBankKeys(
      ctx.db,
      id,
      {
        authKey: stored(fetched.authentication),
        encryptionKey: stored(fetched.encryption),
        authHash: hashOf(fetched.authentication),
        encryptionHash: hashOf(fetched.encryption),
      },
      ctx.now(),
    );
    repo.setState(ctx.db, id, 'bank_keys_fetched', ctx.now());
    audit(ctx, id, 'bankKeys.fetched', { authenticationHash: hashOf(fetched.authentication), encryptionHash: hashOf(fetched.encryption) });
  })();
  return reload(ctx, id);
}

/** What a user types or pastes: spaces, colons and case are not part of a hash. */
export function normaliseHash(text: string): string {
  return text.replace(/[\s:]/g, '').toUpperCase();
}

export function acceptBankKeys(ctx: ServiceContext, v: z.output<typeof BankKeyHashesInput>): repo.BankAccessRow {
  const row = reload(ctx, v.id);
  requireState(row, ['bank_keys_fetched'], 'accept bank keys');
  const checks = [
    ['authentication', row.bankAuthHash, normaliseHash(v.authenticationHash)],
    ['encryption', row.bankEncryptionHash, normaliseHash(v.encryptionHash)],
  ] as const;
  for (const [which, expected, given] of checks) {
    if (!expected || expected !== given) {
      audit(ctx, v.id, 'bankKeys.refused', { which });
      throw new KontorError(
        'bankAccess.hashMismatch',
        `The ${which} key hash you entered does not match the key the bank sent. Do not continue: check the letter and call your bank.`,
        { which },
      );
    }
  }
  ctx.db.transaction(() => {
    repo.trustBankKeys(ctx.db, v.id, ctx.now());
    audit(ctx, v.id, 'bankKeys.accepted', { authenticationHash: row.bankAuthHash, encryptionHash: row.bankEncryptionHash });
  })();
  return reload(ctx, v.id);
}

export function demoActivate(ctx: ServiceContext, id: number): { confirmationLetter: string } {
  const row = reload(ctx, id);
  if (row.isDemo !== 1)
    throw new KontorError(
      'bankAccess.notDemo',
      'Only the demo bank can be activated from Kontor; a real bank activates your access after it has received your letter.',
    );
  if (!ctx.demoBank) throw new KontorError('demoBank.notRunning', 'The demo bank is not running.');
  return { confirmationLetter: ctx.demoBank.activate(row.partnerId, row.userId, letterLocale(ctx)) };
}

/** After expiry or suspension, and once the person at the keyboard confirmed: forget the old keys and start the initialisation again. */
export async function reinitialise(ctx: ServiceContext, id: number, code?: { id: string; code: string }): Promise<repo.BankAccessRow> {
  const row = reload(ctx, id);
  requireState(row, ['expired', 'suspended'], 'be initialised again');
  await requireConfirmation(ctx, 'bankAccess.reinitialise', row, code);
  accessKeys(ctx, id).remove();
  ctx.db.transaction(() => {
    repo.setKeyDates(ctx.db, id, null, null, ctx.now());
    repo.setBankKeys(ctx.db, id, { authKey: null, encryptionKey: null, authHash: null, encryptionHash: null }, ctx.now());
    repo.setState(ctx.db, id, 'new', ctx.now());
    audit(ctx, id, 'bankAccess.reinitialised', { from: row.state });
  })();
  return reload(ctx, id);
}
