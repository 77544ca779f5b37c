/**
 * What happens to uploaded payment orders: the pain file is read and
 * checked when the upload completes (a requested date the bank does not
 * execute rejects the order in processing), its blocks wait for the VEU, and
 * released blocks are booked on their date (with direct-debit returns).
 */
export {
  readPaymentFile,
  checkPaymentOrder,
  dateRejection,
  PaymentFileError,
  PaymentAccountError,
  PAIN_NAMESPACES,
  type PaymentFile,
  type PaymentBlock,
  type PaymentTransaction,
  type PaymentParty,
  type PaymentOrderRules,
  type DateRejection,
  type PainMessage,
  type DirectDebitScheme,
  type SequenceType,
} from './pain';
export {
  bookDueOrders,
  queuePaymentBlocks,
  bookingDateOf,
  checkReturnPercent,
  DEFAULT_RETURN_PERCENT,
  PAYMENT_CODES,
  RETURN_REASONS,
  type BookingOptions,
  type BookingRun,
  type BookedBlock,
} from './booking';
