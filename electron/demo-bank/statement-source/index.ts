/**
 * The demo bank's statements from its own books: the seeded history of each
 * account plus the bookings of released orders and returns, as camt.052/053/054,
 * MT940 and MT942. `createStatementSource` is the server's default source.
 */
export {
  createStatementSource,
  renderStatements,
  renderAccountStatements,
  packStatements,
  periodFor,
  camtVersionFor,
  DEFAULT_CAMT_VERSIONS,
  type CamtVersionTable,
  type RenderedStatement,
  type StatementPeriod,
  type StatementSourceOptions,
} from './source';
export { accountLedger, balanceAt, type AccountLedger } from './ledger';
export { seededHistory, historyStart, openingDate, startingBalance, HISTORY_DAYS_BEFORE_OPENING, HISTORY_WINDOW_DAYS, type HistoryAccount } from './history';
