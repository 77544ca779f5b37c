/**
 * The demo bank's statement side: a seeded booking history and the files a
 * German bank delivers for it (camt.052/053/054 .02/.08, MT940/942, ZIP).
 */
export type { BankTransactionCode, DemoAccount, DemoBatch, DemoBatchItem, DemoBooking, DemoParty } from './model';
export { DEFAULT_CUSTOMERS, DEFAULT_SUPPLIERS, DEMO_CREDITOR_ID, seedHistory, type SeedHistoryOptions } from './history';
export { buildCamt, camtNamespace, type CamtKind, type CamtOptions, type CamtVersion } from './camt';
export { buildMt940, buildMt942, mtAmount, swiftText, type Mt940AccountId, type Mt940Options, type Mt942Options } from './mt940';
export { zipStatements, type StatementFile } from './container';
export { balanceBefore, bookingsInPeriod, sumAmounts } from './period';
