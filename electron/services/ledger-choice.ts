/**
 * Settings → Ledger: which ledger is open, and which one the next start opens.
 * Choosing a team ledger checks the login and password against it first (it
 * must be a Kontor team ledger at this Kontor's schema), keeps the password in
 * the OS keychain, and writes only the URL without password into the data
 * folder (./ledger-choice-file.ts). The open ledger does not change until
 * Kontor starts again: every service holds the connection it was built with.
 */
import { KontorError, isKontorError } from '../../shared/errors';
import type { LedgerStatus } from '../../shared/ledger-choice';
import { isTeamLedger, redactUrl } from '../ledger/pg/database';
import { openTeamLedger, teamLogin } from '../ledger/pg/open';
import { teamLedgerAccount, type ServiceContext } from './context';
import { databaseFileIn } from './data-dir';
import { readLedgerChoice, writeLedgerChoice } from './ledger-choice-file';

type Parsed = { kind: 'file' } | { kind: 'team'; url: string; password: string };

function where(dataDir: string, url: string | null): LedgerStatus['next'] {
  return url ? { engine: 'team', location: redactUrl(url) } : { engine: 'file', location: databaseFileIn(dataDir) };
}

export function ledgerStatus(ctx: ServiceContext): LedgerStatus {
  const team = isTeamLedger(ctx.db);
  return {
    engine: team ? 'team' : 'file',
    location: ctx.databaseFile,
    login: team ? teamLogin(ctx.db) : null,
    chosenBy: ctx.ledgerChosenBy,
    next: where(ctx.dataDir, readLedgerChoice(ctx.dataDir)),
  };
}

/** Opens the team ledger once with the login and password given, as the next start will, and closes it again. */
function checkTeamLogin(url: string, password: string): void {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  let db;
  try {
    db = openTeamLedger(u.toString());
  } catch (e) {
    if (isKontorError(e) && e.code !== 'ledger.openFailed') throw e;
    const detail = (e as Error).message.replace(/^The team ledger .* could not be opened: /, '');
    throw new KontorError('teamLedger.connectFailed', `Kontor could not open the team ledger ${redactUrl(url)} with this login and password: ${detail}`, {
      location: redactUrl(url),
      detail,
    });
  }
  db.close();
}

export function chooseLedger(ctx: ServiceContext, input: Parsed): LedgerStatus {
  if (input.kind === 'file') {
    writeLedgerChoice(ctx.dataDir, null);
  } else {
    const url = new URL(input.url);
    if (!url.port) url.port = '5432';
    const normalised = url.toString();
    checkTeamLogin(normalised, input.password);
    ctx.secrets().set(teamLedgerAccount(normalised), input.password);
    writeLedgerChoice(ctx.dataDir, normalised);
  }
  return ledgerStatus(ctx);
}
