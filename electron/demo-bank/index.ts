/**
 * The demo bank: an EBICS 2.5 (H004) and 3.0 (H005) server on loopback with
 * its own state, for users without a bank contract and for every test that
 * needs a bank. Plain Node, no Electron.
 */
export { startDemoBank, DEFAULT_PARTNER_ID, DEFAULT_USER_ID } from './server';
export type { DemoBank, DemoBankOptions, DemoBankStore, ExchangeRecord } from './server';
export { createFaults, FAULT_NAMES } from './faults';
export type { Faults, FaultName, FaultKind, FaultOptions, ActiveFault } from './faults';
export {
  addSubscriber,
  activate,
  suspend,
  release,
  reject,
  signAtBank,
  setSignerClass,
  userLetter,
  bankKeyLetter,
  bookDueOrders,
  statement,
} from './subscribers';
export type { AddSubscriberInput, BankAdmin, SignOutcome, SignatureClass } from './subscribers';
export { DEMO_HOST_ID, DEMO_BIC, DEMO_BANK_CODE, germanIban, orderIdFor } from './ids';
export { noStatements, DEFAULT_LIMITS } from './protocol/context';
export type { StatementSource, StatementSubscriber, StatementRequestDetails, Limits } from './protocol/context';
export type { StatementKind } from './protocol/order-types';
export { REQUEST_KINDS, type RequestKind } from './protocol/handler';
export {
  readPaymentFile,
  checkPaymentOrder,
  PaymentFileError,
  PaymentAccountError,
  DEFAULT_RETURN_PERCENT,
  PAYMENT_CODES,
  RETURN_REASONS,
  type PaymentFile,
  type BookingRun,
  type BookedBlock,
  type BookingOptions,
} from './orders/index';
export {
  createStatementSource,
  DEFAULT_CAMT_VERSIONS,
  type CamtVersionTable,
  type RenderedStatement,
  type StatementSourceOptions,
} from './statement-source/index';
export { CODES as RETURN_CODES, type ReturnCode } from './protocol/codes';
export * as bankStore from './store/index';
