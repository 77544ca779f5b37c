/** SEPA payment files: model, transliteration, grouping, identifiers, building. */
export * from './model';
export { toSepaText, previewTransliteration } from './transliterate';
export type { SepaTextOptions, SepaTextResult, SepaTextChange, TransliterationItem, TransliterationPreview } from './transliterate';
export { groupCreditTransfers, groupDirectDebits } from './group';
export type { CreditTransferLine, DirectDebitLine, GroupOptions, CreditTransferFileBlocks, DirectDebitFileBlocks } from './group';
export { sepaId, childId, SepaIdSequence, sepaIdProblem, assertSepaId, checkFileIds, FileIdChecker } from './ids';
export type { SepaIdReason } from './ids';
export { buildPaymentFile, writePaymentFile, previewPaymentFileText, paymentFileTexts, DEFAULT_SERIALIZER } from './build';
export type { BuildOptions, BuiltPaymentFile, PaymentFileSummary } from './build';
export type { XmlSerializer } from './xml-out';
export { isCleanSepaText } from './transliterate';
export { checkIban } from './iban';
export { MAX_LISTED_CHANGES } from './warnings';
export type { FileWarning, TextChangePreview } from './warnings';
export { streamPaymentFile } from './stream';
export type { StreamedPaymentFileInput, StreamedTransferBlock, StreamedDebitBlock, TransactionSource } from './stream';
