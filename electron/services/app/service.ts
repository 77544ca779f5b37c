/**
 * What the app shows about itself, and the ledger's backup.
 */
import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppStatus } from '../../../shared/domain';
import { backupLedger } from '../../ledger/database';
import { archivedImportHashes } from '../../ledger/repos/import-files';
import { archivePath } from '../../statements/archive';
import { statementArchiveDir } from '../statements/store-file';
import { latestVersion, schemaVersion } from '../../ledger/migrate';
import { isTeamLedger, type PgDatabase } from '../../ledger/pg/database';
import { pgSchemaVersion } from '../../ledger/pg/migrate';
import type { ServiceContext } from '../context';
import { APP_VERSION } from '../version';

export function appStatus(ctx: ServiceContext): AppStatus {
  return {
    version: APP_VERSION,
    host: ctx.host,
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    // A team ledger keeps its version in a table (SQLite's user_version pragma has no PostgreSQL meaning).
    schemaVersion: isTeamLedger(ctx.db) ? pgSchemaVersion(ctx.db as unknown as PgDatabase) : schemaVersion(ctx.db),
    latestSchemaVersion: latestVersion(),
    keychain: ctx.keychainStatus(),
    today: ctx.today(),
  };
}

/**
 * A copy of the ledger in `<data folder>/backups`, named by the instant; progress events by page.
 * The statement files the ledger keeps in the archive beside it go along into `<name>.archive/`
 * (the same layout), so the backup holds every raw file its rows name.
 */
export async function backup(ctx: ServiceContext): Promise<{ file: string; pages: number }> {
  const dir = join(ctx.dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `ledger-${ctx.now().replace(/[:.]/g, '-')}.sqlite`);
  const taskId = ctx.events.taskId('backup');
  const progress = (done: number, total: number) => ctx.events.emit('progress', { taskId, label: 'ledger.backup', done, total });
  const { pages } = await backupLedger(ctx.db, file, progress);
  copyArchived(statementArchiveDir(ctx), file.replace(/\.sqlite$/, '.archive'), archivedImportHashes(ctx.db));
  progress(pages, pages);
  return { file, pages };
}

/** Archived files never change (their name is their hash): a hard link is a full copy that costs no space; across devices, a copy. */
function copyArchived(from: string, to: string, hashes: readonly string[]): void {
  for (const hash of hashes) {
    const target = archivePath(to, hash);
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(archivePath(from, hash), target);
    } catch {
      copyFileSync(archivePath(from, hash), target);
    }
  }
}
