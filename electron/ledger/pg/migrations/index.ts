import { migrations as sqlite, type Migration } from '../../migrations/index';
import { sql as domain } from './001-domain';
import { sql as indexesAndAuditGuard } from './002-indexes-and-audit-guard';
import { sql as ebicsJournal } from './003-ebics-journal';
import { sql as statements } from './004-statements';
import { sql as orderSignatures } from './005-order-signatures';
import { sql as reconciliation } from './006-reconciliation';
import { sql as statementDialects } from './007-statement-dialects';
import { sql as paymentRuns } from './008-payment-runs';
import { sql as payeeVerification } from './009-payee-verification';
import { sql as settlements } from './010-settlements';
import { sql as peopleRolesAuditChain } from './011-people-roles-audit-chain';
import { sql as statementArchive } from './012-statement-archive';
import { sql as partyPaymentMethod } from './013-party-payment-method';
import { sql as instantTransfers } from './014-instant-transfers';
import { sql as editVersions } from './015-edit-versions';

const texts = [
  domain,
  indexesAndAuditGuard,
  ebicsJournal,
  statements,
  orderSignatures,
  reconciliation,
  statementDialects,
  paymentRuns,
  payeeVerification,
  settlements,
  peopleRolesAuditChain,
  statementArchive,
  partyPaymentMethod,
  instantTransfers,
  editVersions,
];

/**
 * The PostgreSQL twin of every SQLite migration, same number and name. A new
 * SQLite migration without its twin fails here (and in migrate.test.ts), so
 * the engines cannot drift apart unnoticed.
 */
export const pgMigrations: readonly Migration[] = sqlite.map((m, i) => {
  const sql = texts[i];
  if (sql === undefined) throw new Error(`migration ${m.version} (${m.name}) has no PostgreSQL twin in electron/ledger/pg/migrations`);
  return { ...m, sql };
});
