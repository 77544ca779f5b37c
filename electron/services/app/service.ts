/**
 * What the app shows about itself, and the ledger's backup.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppStatus } from '../../../shared/domain';
import { backupLedger } from '../../ledger/database';
import { latestVersion, schemaVersion } from '../../ledger/migrate';
import type { ServiceContext } from '../context';
import { APP_VERSION } from '../version';

export function appStatus(ctx: ServiceContext): AppStatus {
  return {
    version: APP_VERSION,
    host: ctx.host,
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    schemaVersion: schemaVersion(ctx.db),
    latestSchemaVersion: latestVersion(),
    keychain: ctx.keychainStatus(),
    today: ctx.today(),
  };
}

/** A copy of the ledger in `<data folder>/backups`, named by the instant; progress events by page. */
export async function backup(ctx: ServiceContext): Promise<{ file: string; pages: number }> {
  const dir = join(ctx.dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `ledger-${ctx.now().replace(/[:.]/g, '-')}.sqlite`);
  const taskId = ctx.events.taskId('backup');
  const progress = (done: number, total: number) => ctx.events.emit('progress', { taskId, label: 'ledger.backup', done, total });
  const { pages } = await backupLedger(ctx.db, file, progress);
  progress(pages, pages);
  return { file, pages };
}
