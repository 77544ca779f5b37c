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

export interface Migration {
  /** 1-based; the database's user_version after this migration ran. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Append only: never edit a migration that has shipped, add the next one. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'domain', sql: domain },
  { version: 2, name: 'indexes and audit guard', sql: indexesAndAuditGuard },
  { version: 3, name: 'EBICS transaction journal', sql: ebicsJournal },
  { version: 4, name: 'statements', sql: statements },
  { version: 5, name: 'order signatures', sql: orderSignatures },
  { version: 6, name: 'reconciliation', sql: reconciliation },
  { version: 7, name: 'statement dialects and encodings', sql: statementDialects },
  { version: 8, name: 'payment runs: builder and status follow-up', sql: paymentRuns },
  { version: 9, name: 'payee verification', sql: payeeVerification },
  { version: 10, name: 'settlements without a bank line, fees and refunds', sql: settlements },
  { version: 11, name: 'people, roles, four eyes and the audit hash chain', sql: peopleRolesAuditChain },
  { version: 12, name: 'statement files in the archive beside the ledger', sql: statementArchive },
  { version: 13, name: 'party payment method', sql: partyPaymentMethod },
  { version: 14, name: 'SEPA Instant transfers', sql: instantTransfers },
  { version: 15, name: 'optimistic versions on edited records', sql: editVersions },
];
