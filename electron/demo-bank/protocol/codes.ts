/**
 * The EBICS return codes the demo bank answers with: symbol, the short text
 * that goes into ReportText, and the layer it belongs to.
 *
 * Layer (EBICS Annex 1): technical codes go into the header
 * (`header/mutable/ReturnCode`, body 000000); business codes (order-related:
 * 0900xx, order data and key management 0912xx, signature 0913xx, …) go into
 * `body/ReturnCode` with a header of 000000.
 */
export type CodeLayer = 'technical' | 'business';

interface CodeInfo {
  symbol: string;
  text: string;
  layer: CodeLayer;
}

const T: CodeLayer = 'technical';
const B: CodeLayer = 'business';

export const CODES = {
  '000000': { symbol: 'EBICS_OK', text: 'OK', layer: T },
  '011000': { symbol: 'EBICS_DOWNLOAD_POSTPROCESS_DONE', text: 'Positive acknowledgement received', layer: T },
  '011001': { symbol: 'EBICS_DOWNLOAD_POSTPROCESS_SKIPPED', text: 'Negative acknowledgement received', layer: T },
  '061001': { symbol: 'EBICS_AUTHENTICATION_FAILED', text: 'Authentication signature error', layer: T },
  '061002': { symbol: 'EBICS_INVALID_REQUEST', text: 'Message not EBICS-conformant', layer: T },
  '061099': { symbol: 'EBICS_INTERNAL_ERROR', text: 'Internal EBICS error', layer: T },
  '061101': { symbol: 'EBICS_TX_RECOVERY_SYNC', text: 'Synchronisation necessary', layer: T },
  '090003': { symbol: 'EBICS_AUTHORISATION_ORDER_TYPE_FAILED', text: 'Subscriber is not authorised for this order', layer: B },
  '090004': { symbol: 'EBICS_INVALID_ORDER_DATA_FORMAT', text: 'Invalid order data format', layer: B },
  '090005': { symbol: 'EBICS_NO_DOWNLOAD_DATA_AVAILABLE', text: 'No data are available at present for the selected download order type', layer: B },
  '091002': { symbol: 'EBICS_INVALID_USER_OR_USER_STATE', text: 'Subscriber unknown or subscriber state inadmissible', layer: T },
  '091003': { symbol: 'EBICS_USER_UNKNOWN', text: 'Subscriber unknown', layer: T },
  '091004': { symbol: 'EBICS_INVALID_USER_STATE', text: 'Subscriber state inadmissible for this order type', layer: T },
  '091005': { symbol: 'EBICS_INVALID_ORDER_TYPE', text: 'Order type inadmissible', layer: T },
  '091006': { symbol: 'EBICS_UNSUPPORTED_ORDER_TYPE', text: 'Order type not supported', layer: T },
  '091007': { symbol: 'EBICS_DISTRIBUTED_SIGNATURE_AUTHORISATION_FAILED', text: 'No authorisation of signature for the referenced order', layer: T },
  '091008': { symbol: 'EBICS_BANK_PUBKEY_UPDATE_REQUIRED', text: 'Bank key digests do not match the current bank keys', layer: T },
  '091009': { symbol: 'EBICS_SEGMENT_SIZE_EXCEEDED', text: 'Segment size exceeded', layer: T },
  '091010': { symbol: 'EBICS_INVALID_XML', text: 'XML invalid according to EBICS XML schema', layer: T },
  '091011': { symbol: 'EBICS_INVALID_HOST_ID', text: 'The transmitted HostID is unknown on the bank side', layer: T },
  '091101': { symbol: 'EBICS_TX_UNKNOWN_TXID', text: 'Supplied transaction ID is invalid', layer: T },
  '091103': { symbol: 'EBICS_TX_MESSAGE_REPLAY', text: 'Nonce already used or timestamp outside the tolerance period', layer: T },
  '091104': { symbol: 'EBICS_TX_SEGMENT_NUMBER_EXCEEDED', text: 'Segment number exceeded', layer: T },
  '091111': { symbol: 'EBICS_INVALID_SIGNATURE_FILE_FORMAT', text: 'Invalid order signature file format', layer: B },
  '091113': { symbol: 'EBICS_INVALID_REQUEST_CONTENT', text: 'Request content could not be processed', layer: T },
  '091112': { symbol: 'EBICS_INVALID_ORDER_PARAMS', text: 'Invalid order parameters', layer: T },
  '091114': { symbol: 'EBICS_ORDERID_UNKNOWN', text: 'The submitted order number is unknown', layer: B },
  '091115': { symbol: 'EBICS_ORDERID_ALREADY_FINAL', text: 'The order is already released or cancelled', layer: B },
  '091117': { symbol: 'EBICS_MAX_ORDER_DATA_SIZE_EXCEEDED', text: 'Maximum order data size exceeded', layer: T },
  '091118': { symbol: 'EBICS_MAX_SEGMENTS_EXCEEDED', text: 'Maximum number of segments exceeded', layer: T },
  '091120': { symbol: 'EBICS_PARTNER_ID_MISMATCH', text: 'Partner ID of the order data does not match the request', layer: B },
  '091121': { symbol: 'EBICS_INCOMPATIBLE_ORDER_ATTRIBUTE', text: 'Order attribute incompatible with the order type', layer: B },
  '091201': { symbol: 'EBICS_KEYMGMT_UNSUPPORTED_VERSION_SIGNATURE', text: 'Signature version not supported', layer: B },
  '091202': { symbol: 'EBICS_KEYMGMT_UNSUPPORTED_VERSION_AUTHENTICATION', text: 'Authentication version not supported', layer: B },
  '091203': { symbol: 'EBICS_KEYMGMT_UNSUPPORTED_VERSION_ENCRYPTION', text: 'Encryption version not supported', layer: B },
  '091204': { symbol: 'EBICS_KEYMGMT_KEYLENGTH_ERROR_SIGNATURE', text: 'Signature key length not supported', layer: B },
  '091205': { symbol: 'EBICS_KEYMGMT_KEYLENGTH_ERROR_AUTHENTICATION', text: 'Authentication key length not supported', layer: B },
  '091206': { symbol: 'EBICS_KEYMGMT_KEYLENGTH_ERROR_ENCRYPTION', text: 'Encryption key length not supported', layer: B },
  '091208': { symbol: 'EBICS_X509_CERTIFICATE_EXPIRED', text: 'Certificate expired', layer: B },
  '091209': { symbol: 'EBICS_X509_CERTIFICATE_NOT_VALID_YET', text: 'Certificate not valid yet', layer: B },
  '091218': { symbol: 'EBICS_KEYMGMT_DUPLICATE_KEY', text: 'The same key is used for more than one purpose', layer: B },
  '091219': { symbol: 'EBICS_CERTIFICATES_VALIDATION_ERROR', text: 'Certificate does not match the public key', layer: B },
  '091301': { symbol: 'EBICS_SIGNATURE_VERIFICATION_FAILED', text: 'Verification of the order signature failed', layer: B },
  '091302': { symbol: 'EBICS_ACCOUNT_AUTHORISATION_FAILED', text: 'Preliminary verification of the account authorisation failed', layer: B },
  '091306': { symbol: 'EBICS_DUPLICATE_SIGNATURE', text: 'The signatory has already signed the order', layer: B },
} as const satisfies Record<string, CodeInfo>;

export type ReturnCode = keyof typeof CODES;

export function codeInfo(code: ReturnCode): CodeInfo {
  return CODES[code];
}

/** `[EBICS_OK] OK`: the ReportText banks send. */
export function reportText(code: ReturnCode, detail?: string): string {
  const info = CODES[code];
  const text = `[${info.symbol}] ${info.text}${detail ? `: ${detail}` : ''}`;
  // ReportText is a normalizedString of at most 256 characters.
  return text.replace(/[\t\r\n]+/g, ' ').slice(0, 256);
}

/** An order the bank refused, for the customer protocol: ISO status reason code and text. */
export interface RejectedOrder {
  subscriberId: number;
  orderId: string;
  orderType: string;
  reasonCode: string;
  text: string;
}

/**
 * A request the bank refuses. Thrown anywhere in request handling; the
 * handler rolls back everything the request did and answers with `code`.
 */
export class Refusal extends Error {
  readonly code: ReturnCode;
  readonly detail: string | undefined;
  /** For 061101: the last segment the bank has (the recovery point). */
  readonly recoveryPoint: number | undefined;
  /**
   * A refused order the customer protocol (HAC/PTK) still reports, written
   * after the rollback: the reason a refused payment file was refused.
   */
  readonly rejection: RejectedOrder | undefined;

  constructor(code: ReturnCode, detail?: string, options: { recoveryPoint?: number; rejection?: RejectedOrder } = {}) {
    super(`${code} ${CODES[code].symbol}${detail ? `: ${detail}` : ''}`);
    this.name = 'Refusal';
    this.code = code;
    this.detail = detail;
    this.recoveryPoint = options.recoveryPoint;
    this.rejection = options.rejection;
  }
}

export function isRefusal(e: unknown): e is Refusal {
  return e instanceof Refusal;
}
