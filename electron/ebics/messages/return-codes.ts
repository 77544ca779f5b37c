/**
 * EBICS return codes: a name, a severity and a sentence a treasury user
 * understands (English and German) for each code worth handling by name,
 * and `checkResponse`, which reads BOTH the technical code (header) and the
 * business code (body) of a response.
 */
import { KontorError } from '../../../shared/errors';

export type Severity = 'ok' | 'warning' | 'error' | 'recoverable';
export type ReturnCodeLayer = 'technical' | 'business';

export interface ReturnCodeInfo {
  readonly code: string;
  /** camelCase of the EBICS symbolic name; the KontorError code is `ebics.<name>`. */
  readonly name: string;
  readonly symbol: string;
  readonly severity: Severity;
  readonly en: string;
  readonly de: string;
}

type Row = [code: string, symbol: string, severity: Severity, en: string, de: string, name?: string];

const ROWS: Row[] = [
  ['000000', 'EBICS_OK', 'ok', 'The bank accepted the request.', 'Die Bank hat die Anfrage angenommen.'],
  [
    '011000',
    'EBICS_DOWNLOAD_POSTPROCESS_DONE',
    'ok',
    'The bank has registered that the download was received.',
    'Die Bank hat den Empfang der abgeholten Daten vermerkt.',
  ],
  [
    '011001',
    'EBICS_DOWNLOAD_POSTPROCESS_SKIPPED',
    'ok',
    'The bank has registered that the download was not processed; it will offer the data again.',
    'Die Bank hat vermerkt, dass die abgeholten Daten nicht verarbeitet wurden; sie stellt sie erneut bereit.',
  ],
  [
    '031001',
    'EBICS_ORDER_PARAMS_IGNORED',
    'warning',
    'The bank ignored order parameters it does not support (for example the date range).',
    'Die Bank hat Auftragsparameter ignoriert, die sie nicht unterstützt (zum Beispiel den Zeitraum).',
  ],
  [
    '061001',
    'EBICS_AUTHENTICATION_FAILED',
    'error',
    'The bank could not confirm that this request comes from you. Check that the bank has activated your keys and that the bank keys in Kontor are current.',
    'Die Bank konnte nicht bestätigen, dass die Anfrage von Ihnen stammt. Prüfen Sie, ob die Bank Ihre Schlüssel freigeschaltet hat und ob die Bankschlüssel in Kontor aktuell sind.',
  ],
  [
    '061002',
    'EBICS_INVALID_REQUEST',
    'error',
    'The bank rejected the request as invalid. Please report this to Kontor support.',
    'Die Bank hat die Anfrage als ungültig abgelehnt. Bitte melden Sie dies dem Kontor-Support.',
  ],
  [
    '061099',
    'EBICS_INTERNAL_ERROR',
    'recoverable',
    "The bank's EBICS server had an internal error. Try again later.",
    'Der EBICS-Server der Bank hatte einen internen Fehler. Versuchen Sie es später erneut.',
  ],
  [
    '061101',
    'EBICS_TX_RECOVERY_SYNC',
    'recoverable',
    'The bank asks to resume the interrupted transfer where it stopped.',
    'Die Bank bittet darum, die unterbrochene Übertragung an der abgebrochenen Stelle fortzusetzen.',
  ],
  [
    '090003',
    'EBICS_AUTHORISATION_ORDER_TYPE_FAILED',
    'error',
    'Your EBICS user is not authorised for this order type. Ask your bank to enable it.',
    'Ihr EBICS-Teilnehmer ist für diese Auftragsart nicht berechtigt. Bitten Sie Ihre Bank, sie freizuschalten.',
  ],
  [
    '090004',
    'EBICS_INVALID_ORDER_DATA_FORMAT',
    'error',
    'The bank could not read the format of the file. Check the file and the order type; the bank’s customer protocol (HAC/PTK) names the problem.',
    'Die Bank konnte das Format der Datei nicht lesen. Prüfen Sie die Datei und die Auftragsart; das Kundenprotokoll der Bank (HAC/PTK) nennt das Problem.',
  ],
  ['090005', 'EBICS_NO_DOWNLOAD_DATA_AVAILABLE', 'warning', 'The bank has no new data for this request.', 'Die Bank hat für diese Anfrage keine neuen Daten.'],
  [
    '090006',
    'EBICS_UNSUPPORTED_REQUEST_FOR_ORDER_INSTANCE',
    'error',
    'The bank does not support this request for the order.',
    'Die Bank unterstützt diese Anfrage für den Auftrag nicht.',
  ],
  [
    '091002',
    'EBICS_INVALID_USER_OR_USER_STATE',
    'error',
    'The bank does not know this EBICS user or the user is not active. Check the IDs from the bank letter and whether the bank has activated the access.',
    'Die Bank kennt diesen EBICS-Teilnehmer nicht oder er ist nicht aktiv. Prüfen Sie die Kennungen aus dem Bankbrief und ob die Bank den Zugang freigeschaltet hat.',
  ],
  [
    '091003',
    'EBICS_USER_UNKNOWN',
    'error',
    'The bank does not know this EBICS user. Check the partner ID and user ID from the bank letter.',
    'Die Bank kennt diesen EBICS-Teilnehmer nicht. Prüfen Sie Kunden-ID und Teilnehmer-ID aus dem Bankbrief.',
  ],
  [
    '091004',
    'EBICS_INVALID_USER_STATE',
    'error',
    'Your EBICS user is not active at the bank: not yet activated after the initialisation letter, or suspended.',
    'Ihr EBICS-Teilnehmer ist bei der Bank nicht aktiv: noch nicht nach dem Ini-Brief freigeschaltet oder gesperrt.',
  ],
  ['091005', 'EBICS_INVALID_ORDER_TYPE', 'error', 'The bank does not know this order type.', 'Die Bank kennt diese Auftragsart nicht.'],
  ['091006', 'EBICS_UNSUPPORTED_ORDER_TYPE', 'error', 'The bank does not support this order type.', 'Die Bank unterstützt diese Auftragsart nicht.'],
  [
    '091008',
    'EBICS_BANK_PUBKEY_UPDATE_REQUIRED',
    'error',
    'The bank has new keys. Fetch and check the bank keys again before continuing.',
    'Die Bank hat neue Schlüssel. Holen und prüfen Sie die Bankschlüssel erneut, bevor Sie fortfahren.',
  ],
  [
    '091009',
    'EBICS_SEGMENT_SIZE_EXCEEDED',
    'error',
    'A data segment was larger than the bank allows. Please report this to Kontor support.',
    'Ein Datensegment war größer, als die Bank erlaubt. Bitte melden Sie dies dem Kontor-Support.',
  ],
  [
    '091010',
    'EBICS_INVALID_XML',
    'error',
    'The bank could not read the request. Please report this to Kontor support.',
    'Die Bank konnte die Anfrage nicht lesen. Bitte melden Sie dies dem Kontor-Support.',
  ],
  [
    '091011',
    'EBICS_INVALID_HOST_ID',
    'error',
    'The bank does not know this host ID. Check the host ID in the bank letter.',
    'Die Bank kennt diese Host-ID nicht. Prüfen Sie die Host-ID im Bankbrief.',
  ],
  [
    '091101',
    'EBICS_TX_UNKNOWN_TXID',
    'error',
    'The bank no longer knows this transfer (it may have expired). Start the order again.',
    'Die Bank kennt diese Übertragung nicht mehr (sie ist eventuell abgelaufen). Starten Sie den Auftrag erneut.',
  ],
  [
    '091102',
    'EBICS_TX_ABORT',
    'error',
    'The bank aborted the transfer. Start the order again.',
    'Die Bank hat die Übertragung abgebrochen. Starten Sie den Auftrag erneut.',
  ],
  [
    '091103',
    'EBICS_TX_MESSAGE_REPLAY',
    'error',
    "The bank rejected the request as a repeat of an earlier one. Check this computer's clock and try again.",
    'Die Bank hat die Anfrage als Wiederholung einer früheren abgelehnt. Prüfen Sie die Uhrzeit dieses Computers und versuchen Sie es erneut.',
  ],
  [
    '091104',
    'EBICS_TX_SEGMENT_NUMBER_EXCEEDED',
    'error',
    'More data segments were sent than announced. Start the order again.',
    'Es wurden mehr Datensegmente gesendet als angekündigt. Starten Sie den Auftrag erneut.',
  ],
  [
    '091105',
    'EBICS_RECOVERY_NOT_SUPPORTED',
    'error',
    'The bank cannot resume the interrupted transfer. Start the order again.',
    'Die Bank kann die unterbrochene Übertragung nicht fortsetzen. Starten Sie den Auftrag erneut.',
  ],
  [
    '091112',
    'EBICS_INVALID_ORDER_PARAMS',
    'error',
    'The bank rejected the order parameters (for example the date range or the format settings).',
    'Die Bank hat die Auftragsparameter abgelehnt (zum Beispiel den Zeitraum oder die Formateinstellungen).',
  ],
  [
    '091115',
    'EBICS_ORDERID_ALREADY_EXISTS',
    'error',
    'The bank already has an order with this order number. Check the order overview before sending again.',
    'Die Bank hat bereits einen Auftrag mit dieser Auftragsnummer. Prüfen Sie die Auftragsübersicht, bevor Sie erneut senden.',
    'orderIdAlreadyExists',
  ],
  [
    '091116',
    'EBICS_PROCESSING_ERROR',
    'error',
    'The bank could not process the order. The customer protocol (HAC/PTK) has the details.',
    'Die Bank konnte den Auftrag nicht verarbeiten. Einzelheiten stehen im Kundenprotokoll (HAC/PTK).',
  ],
  [
    '091117',
    'EBICS_MAX_ORDER_DATA_SIZE_EXCEEDED',
    'error',
    'The file is larger than the bank accepts. Split it into smaller files.',
    'Die Datei ist größer, als die Bank annimmt. Teilen Sie sie in kleinere Dateien auf.',
  ],
  [
    '091118',
    'EBICS_MAX_SEGMENTS_EXCEEDED',
    'error',
    'The file has more segments than the bank accepts. Split it into smaller files.',
    'Die Datei hat mehr Segmente, als die Bank annimmt. Teilen Sie sie in kleinere Dateien auf.',
  ],
  [
    '091119',
    'EBICS_MAX_TRANSACTIONS_EXCEEDED',
    'recoverable',
    'The bank is handling too many transfers for you at the moment. Try again later.',
    'Die Bank bearbeitet gerade zu viele Übertragungen für Sie. Versuchen Sie es später erneut.',
  ],
  [
    '091120',
    'EBICS_PARTNER_ID_MISMATCH',
    'error',
    'The partner ID in the signature does not match the request.',
    'Die Kunden-ID in der Unterschrift passt nicht zur Anfrage.',
  ],
  [
    '091122',
    'EBICS_ORDER_ALREADY_EXISTS',
    'error',
    'The bank has already received this order. It was not submitted a second time.',
    'Die Bank hat diesen Auftrag bereits erhalten. Er wurde nicht ein zweites Mal eingereicht.',
  ],
  [
    '091219',
    'EBICS_CERTIFICATE_VALIDATION_ERROR',
    'error',
    'The bank could not validate the certificate of your key.',
    'Die Bank konnte das Zertifikat Ihres Schlüssels nicht prüfen.',
  ],
  [
    '091301',
    'EBICS_SIGNATURE_VERIFICATION_FAILED',
    'error',
    'The bank could not verify your electronic signature. Check that your signature key is activated at the bank.',
    'Die Bank konnte Ihre elektronische Unterschrift nicht prüfen. Prüfen Sie, ob Ihr Unterschriftsschlüssel bei der Bank freigeschaltet ist.',
  ],
  [
    '091302',
    'EBICS_ACCOUNT_AUTHORISATION_FAILED',
    'error',
    'You are not authorised to sign for an account in this order.',
    'Sie sind für ein Konto in diesem Auftrag nicht unterschriftsberechtigt.',
  ],
  [
    '091303',
    'EBICS_AMOUNT_CHECK_FAILED',
    'error',
    'The order exceeds the amount limit the bank has set for you.',
    'Der Auftrag überschreitet das Betragslimit, das die Bank für Sie festgelegt hat.',
  ],
  [
    '091007',
    'EBICS_DISTRIBUTED_SIGNATURE_AUTHORISATION_FAILED',
    'error',
    'You may not sign this order in the distributed signature (your signature class or authorisation does not allow it).',
    'Sie dürfen diesen Auftrag in der verteilten elektronischen Unterschrift nicht unterschreiben (Ihre Unterschriftsklasse oder Berechtigung lässt es nicht zu).',
  ],
  [
    '091114',
    'EBICS_ORDERID_UNKNOWN',
    'error',
    'The bank does not know this order number in the distributed signature (it may not be ready yet or was already processed).',
    'Die Bank kennt diese Auftragsnummer in der verteilten elektronischen Unterschrift nicht (der Auftrag ist noch nicht bereit oder schon erledigt).',
  ],
  [
    '091304',
    'EBICS_SIGNER_UNKNOWN',
    'error',
    'The bank does not know you as a signer for this order.',
    'Die Bank kennt Sie nicht als Unterzeichner für diesen Auftrag.',
  ],
  [
    '091305',
    'EBICS_INVALID_SIGNER_STATE',
    'error',
    'Your signing authority at the bank is not active.',
    'Ihre Unterschriftsberechtigung bei der Bank ist nicht aktiv.',
  ],
  ['091306', 'EBICS_DUPLICATE_SIGNATURE', 'error', 'You have already signed this order.', 'Sie haben diesen Auftrag bereits unterschrieben.'],
];

function camelName(symbol: string): string {
  return symbol
    .replace(/^EBICS_/, '')
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export const RETURN_CODES: ReadonlyMap<string, ReturnCodeInfo> = new Map(
  ROWS.map(([code, symbol, severity, en, de, name]) => [code, Object.freeze({ code, name: name ?? camelName(symbol), symbol, severity, en, de })]),
);

/** Codes that mean success; 031001 is a success with a warning. */
const SUCCESS = new Set(['000000', '011000', '011001']);
const WARNING = new Set(['031001']);
const NO_DATA = '090005';

export function describeReturnCode(code: string): ReturnCodeInfo | undefined {
  return RETURN_CODES.get(code);
}

/** A refusal by the bank, named by its EBICS return code. */
export class EbicsError extends KontorError {
  readonly ebicsCode: string;
  readonly layer: ReturnCodeLayer;
  readonly severity: Severity;
  readonly reportText: string | undefined;
  /** The same message in German, for the UI. */
  readonly messageDe: string;

  constructor(ebicsCode: string, layer: ReturnCodeLayer, reportText?: string) {
    const info = RETURN_CODES.get(ebicsCode);
    const en = info?.en ?? `The bank refused the request with EBICS code ${ebicsCode}${reportText ? ` (${reportText})` : ''}.`;
    const de = info?.de ?? `Die Bank hat die Anfrage mit EBICS-Code ${ebicsCode} abgelehnt${reportText ? ` (${reportText})` : ''}.`;
    super(info ? `ebics.${info.name}` : 'ebics.unknownReturnCode', en, { ebicsCode, layer, reportText: reportText ?? '' });
    this.name = 'EbicsError';
    this.ebicsCode = ebicsCode;
    this.layer = layer;
    this.severity = info?.severity ?? 'error';
    this.reportText = reportText;
    this.messageDe = de;
  }
}

export function isEbicsError(e: unknown): e is EbicsError {
  return e instanceof EbicsError;
}

/** The two codes of a parsed response (see `parseEbicsResponse`). */
export interface ResponseCodes {
  technical: { code: string; reportText?: string | undefined };
  business?: { code: string } | undefined;
}

export interface CheckResult {
  /** 090005 on a download: the bank has nothing for us. Not an error. */
  noData: boolean;
  /** Success codes that still deserve a line in the log (031001). */
  warnings: Array<{ code: string; layer: ReturnCodeLayer; info: ReturnCodeInfo | undefined }>;
}

/**
 * Reads the technical (header) and the business (body) return code. Returns
 * when both are success (000000, 011000, 011001) or a warning (031001), or
 * with `noData` for 090005 on a download; throws `EbicsError` otherwise,
 * technical layer first. A header OK with a failing body is a failure.
 */
export function checkResponse(response: ResponseCodes, options: { download?: boolean } = {}): CheckResult {
  const result: CheckResult = { noData: false, warnings: [] };
  const layers: Array<[ReturnCodeLayer, string | undefined, string | undefined]> = [
    ['technical', response.technical.code, response.technical.reportText],
    // The report text belongs to the header; it describes the technical code only.
    ['business', response.business?.code, undefined],
  ];
  for (const [layer, code, reportText] of layers) {
    if (code === undefined || SUCCESS.has(code)) continue;
    if (WARNING.has(code)) {
      result.warnings.push({ code, layer, info: RETURN_CODES.get(code) });
      continue;
    }
    if (code === NO_DATA && options.download) {
      result.noData = true;
      continue;
    }
    throw new EbicsError(code, layer, reportText);
  }
  return result;
}
