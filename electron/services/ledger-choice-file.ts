/**
 * The ledger chosen in the window for the next start, kept in the data folder
 * as `team-ledger.json`: the team ledger's URL with the login and without the
 * password (that one is in the OS keychain). No file: the data folder's own
 * ledger file. KONTOR_DATABASE_URL and `--database` outrank it.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KontorError } from '../../shared/errors';
import { TeamLedgerUrl } from '../../shared/ledger-choice';

export function ledgerChoiceFile(dataDir: string): string {
  return join(dataDir, 'team-ledger.json');
}

/** The team ledger's URL chosen in the window, or null for the file; a damaged choice is refused with its path, never guessed. */
export function readLedgerChoice(dataDir: string): string | null {
  const file = ledgerChoiceFile(dataDir);
  if (!existsSync(file)) return null;
  let url: unknown;
  try {
    url = (JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown }).url;
  } catch {
    url = undefined;
  }
  const parsed = TeamLedgerUrl.safeParse(url);
  if (!parsed.success) {
    throw new KontorError(
      'teamLedger.choiceDamaged',
      `The team ledger chosen in ${file} cannot be read. Delete the file to open this computer's ledger file.`,
      {
        file,
      },
    );
  }
  return parsed.data;
}

/** Writes the choice whole or not at all (a new file renamed over the old), or removes it to go back to the file. */
export function writeLedgerChoice(dataDir: string, url: string | null): void {
  const file = ledgerChoiceFile(dataDir);
  if (url === null) {
    rmSync(file, { force: true });
    return;
  }
  writeFileSync(`${file}.new`, `${JSON.stringify({ url }, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.new`, file);
}
