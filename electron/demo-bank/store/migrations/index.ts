import type { BankMigration } from '../migrate';
import { sql as demoBank } from './001-demo-bank';
import { sql as paymentsAndBookings } from './002-payments-and-bookings';
import { sql as veuSignersAndPayeeRegister } from './003-veu-signers-and-payee-register';
import { sql as bankRules } from './004-bank-rules';

/** The demo bank's migrations. Append only, as for the ledger. */
export const bankMigrations: readonly BankMigration[] = [
  { version: 1, name: 'demo bank', sql: demoBank },
  { version: 2, name: 'payment blocks and bookings', sql: paymentsAndBookings },
  { version: 3, name: 'VEU signers and payee register', sql: veuSignersAndPayeeRegister },
  { version: 4, name: 'bank rules', sql: bankRules },
];
