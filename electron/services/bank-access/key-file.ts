import { KontorError } from '../../../shared/errors';
import { exportKeyFile, importKeyFile } from '../../vault/key-file';
import * as repo from '../../ledger/repos/bank-access';
import type { ServiceContext } from '../context';
import { requireConfirmation } from './confirmation';
import { accessKeys, audit, reload } from './connection';

type Code = { id: string; code: string } | undefined;

/** The keys, encrypted under the caller's password, after the person at the keyboard confirmed. */
export async function exportKeys(ctx: ServiceContext, id: number, password: string, code?: Code) {
  const row = reload(ctx, id);
  const bundle = accessKeys(ctx, id).load();
  if (!bundle) throw new KontorError('keys.missing', 'This bank access has no keys to export yet.');
  await requireConfirmation(ctx, 'bankAccess.exportKeys', row, code);
  const file = await exportKeyFile(bundle, password);
  audit(ctx, id, 'keys.exported');
  return {
    fileName: `${row.partnerId}-${row.userId}.kontor-keys`.replace(/[^A-Za-z0-9.-]/g, '_'),
    mimeType: 'application/octet-stream',
    base64: file.toString('base64'),
  };
}

/**
 * Keys moved from another workstation. The bank knows them already, so an
 * access that was only just created continues at "fetch the bank keys".
 */
export async function importKeys(ctx: ServiceContext, id: number, password: string, base64: string, code?: Code): Promise<repo.BankAccessRow> {
  const row = reload(ctx, id);
  const bundle = await importKeyFile(Buffer.from(base64, 'base64'), password);
  const keys = bundle.keys;
  if (!keys.signature || !keys.authentication || !keys.encryption) {
    throw new KontorError('vault.badKeyFile', 'This key file does not hold all three keys of a bank access.');
  }
  if (keys.signature.kind !== row.signatureVersion) {
    throw new KontorError(
      'bankAccess.keyMismatch',
      `The key file holds a ${keys.signature.kind} signature key, but this bank access uses ${row.signatureVersion}.`,
    );
  }
  // Asked only for a file that opened: a wrong password must not cost a confirmation.
  await requireConfirmation(ctx, 'bankAccess.importKeys', row, code);
  accessKeys(ctx, id).save(bundle);
  ctx.db.transaction(() => {
    repo.setKeyDates(ctx.db, id, keys.signature!.createdAt, keys.signature!.expiresAt ?? null, ctx.now());
    if (['new', 'keys_created', 'ini_sent'].includes(row.state)) repo.setState(ctx.db, id, 'hia_sent', ctx.now());
    audit(ctx, id, 'keys.imported');
  })();
  return reload(ctx, id);
}
