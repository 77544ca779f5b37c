/** The demo bank's persistent state: small repositories of functions taking the database first. */
export { openBankDatabase, BANK_DB_FILE, type Database } from './database';
export * as bankKeys from './bank-keys';
export * as subscribers from './subscribers';
export * as accounts from './accounts';
export * as nonces from './nonces';
export * as transactions from './transactions';
export * as orders from './orders';
export * as protocolLog from './protocol-log';
export * as counters from './counters';
export * as paymentBlocks from './payment-blocks';
export * as bookings from './bookings';
export type { BankKey, BankKeys } from './bank-keys';
export type { SubscriberRow, SubscriberState } from './subscribers';
export type { AccountRow } from './accounts';
export type { TransactionRow } from './transactions';
export type { OrderRow, OrderState } from './orders';
export type { ProtocolEntry } from './protocol-log';
export type { PaymentBlockRow } from './payment-blocks';
