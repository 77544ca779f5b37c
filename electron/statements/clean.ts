/**
 * Control characters never reach the ledger from a statement (issue 15).
 * XML 1.0 forbids most of them and banks do not send them, but a damaged or
 * forged file can carry a NUL or an escape sequence that would then sit in
 * the ledger, the screen and every CSV export. What happens depends on the
 * field:
 *
 * - Text a person reads (names, remittance, booking text, additional
 *   information, MT940 supplementary details): C0 controls, DEL and C1
 *   controls are removed; a tab or line break becomes a space (the parsers
 *   join multi-line texts with spaces already). The statement notes
 *   `statement.controlCharactersRemoved`.
 * - Identifiers (IBAN, BIC, account ids, end-to-end id, mandate id, creditor
 *   id, references, codes, currency, statement and message id): matching
 *   relies on them, and an id with a control character in it is not the id
 *   the payer sent (the SEPA character set has none). The file is refused as
 *   damaged (`statement.malformed`, reason `controlCharacter`) instead of
 *   matching on an altered id.
 *
 * The file itself is stored unchanged as the bank sent it.
 */
import { KontorError } from '../../shared/errors';
import type { StatementWarning } from '../../shared/statements';
import type { ParsedLine, ParsedParty, ParsedStatement, ParsedTransaction } from './model';

/** C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex -- finding control characters is what this module is for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const LINE_SPACE = /[\t\n\r]/g;

export const CONTROL_WARNING: StatementWarning = 'statement.controlCharactersRemoved';

/** Whether the text holds a control character this module removes or refuses. */
export function hasControlCharacter(s: string): boolean {
  return CONTROL.test(s);
}

/**
 * What a parser knows of the text it has read so far: `seen` false only while
 * no control character can have reached a line, so the lines need no
 * cleaning (the MT940 parser keeps it; it turns true and stays true at the
 * first doubt). A parser that does not keep it leaves it true.
 */
export interface ControlScan {
  seen: boolean;
}

/** Where a value came from, for the refusal's words. */
interface Where {
  /** Byte offset in the file of the booking (or 0 for the statement header). */
  byte: number;
  notes: Set<StatementWarning>;
}

function text(value: string | undefined, where: Where): string | undefined {
  if (value === undefined || !CONTROL.test(value)) return value;
  where.notes.add(CONTROL_WARNING);
  return value.replace(LINE_SPACE, ' ').replace(CONTROLS, '');
}

function id(value: string | undefined, field: string, where: Where): string | undefined {
  if (value === undefined || !CONTROL.test(value)) return value;
  throw new KontorError(
    'statement.malformed',
    `The statement file is damaged at byte ${where.byte}: the ${field} contains a control character, which no bank writes into it.`,
    { byte: where.byte, reason: 'controlCharacter', field },
  );
}

function party(p: ParsedParty | undefined, role: string, where: Where): ParsedParty | undefined {
  if (!p) return p;
  const out: ParsedParty = { ...p };
  if (p.name !== undefined) out.name = text(p.name, where)!;
  if (p.iban !== undefined) out.iban = id(p.iban, `${role} IBAN`, where)!;
  if (p.bic !== undefined) out.bic = id(p.bic, `${role} BIC`, where)!;
  if (p.accountOther !== undefined) out.accountOther = id(p.accountOther, `${role} account`, where)!;
  return out;
}

/** Only the fields present are written back, so a line keeps its shape (no `key: undefined`). */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function transaction(t: ParsedTransaction, where: Where): ParsedTransaction {
  const out: ParsedTransaction = { ...t };
  assign(out, 'currency', id(t.currency, 'currency', where));
  assign(out, 'endToEndId', id(t.endToEndId, 'end-to-end id', where));
  assign(out, 'mandateId', id(t.mandateId, 'mandate reference', where));
  assign(out, 'creditorId', id(t.creditorId, 'creditor identifier', where));
  assign(out, 'paymentInfoId', id(t.paymentInfoId, 'payment information id', where));
  assign(out, 'instructionId', id(t.instructionId, 'instruction id', where));
  assign(out, 'accountServicerRef', id(t.accountServicerRef, 'bank reference', where));
  assign(out, 'uetr', id(t.uetr, 'UETR', where));
  assign(out, 'returnReason', id(t.returnReason, 'return reason', where));
  assign(out, 'purposeCode', id(t.purposeCode, 'purpose code', where));
  assign(out, 'creditorReference', id(t.creditorReference, 'creditor reference', where));
  assign(out, 'remittance', text(t.remittance, where));
  assign(out, 'counterparty', party(t.counterparty, 'counterparty', where));
  assign(out, 'ultimateCounterparty', party(t.ultimateCounterparty, 'ultimate counterparty', where));
  return out;
}

/** Whether any text anywhere in the value (nested objects and arrays too) holds a control character: the common case, none, costs no copy. */
function hasControl(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL.test(value);
  if (Array.isArray(value)) return value.some(hasControl);
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) if (hasControl(v)) return true;
  }
  return false;
}

/** The line without control characters in its texts; throws when an identifier has one. Adds the warning to `notes`. */
export function cleanLine(line: ParsedLine, notes: Set<StatementWarning>): ParsedLine {
  if (!hasControl(line)) return line;
  const where: Where = { byte: line.rawStart, notes };
  const out: ParsedLine = { ...line };
  assign(out, 'currency', id(line.currency, 'currency', where));
  assign(out, 'status', id(line.status, 'status', where));
  assign(out, 'entryReference', id(line.entryReference, 'entry reference', where));
  assign(out, 'bankReference', id(line.bankReference, 'bank reference', where));
  assign(out, 'bankTxCode', id(line.bankTxCode, 'transaction code', where));
  assign(out, 'bankTxCodeProprietary', id(line.bankTxCodeProprietary, 'transaction code', where));
  assign(out, 'endToEndId', id(line.endToEndId, 'end-to-end id', where));
  assign(out, 'mandateId', id(line.mandateId, 'mandate reference', where));
  assign(out, 'creditorId', id(line.creditorId, 'creditor identifier', where));
  assign(out, 'returnReason', id(line.returnReason, 'return reason', where));
  assign(out, 'creditorReference', id(line.creditorReference, 'creditor reference', where));
  assign(out, 'batchPaymentInfoId', id(line.batchPaymentInfoId, 'payment information id', where));
  assign(out, 'bookingText', text(line.bookingText, where));
  assign(out, 'remittance', text(line.remittance, where));
  assign(out, 'supplementaryDetails', text(line.supplementaryDetails, where));
  assign(out, 'counterparty', party(line.counterparty, 'counterparty', where));
  out.transactions = line.transactions.map((t) => transaction(t, where));
  return out;
}

/** The statement's own fields, cleaned the same way (its lines are cleaned one by one as they come). */
export function cleanStatement(s: ParsedStatement, notes: Set<StatementWarning>): ParsedStatement {
  if (!hasControl({ ...s, lines: [] })) return s;
  const where: Where = { byte: 0, notes };
  const out: ParsedStatement = { ...s, account: { ...s.account } };
  out.statementId = id(s.statementId, 'statement id', where)!;
  assign(out, 'messageId', id(s.messageId, 'message id', where));
  assign(out, 'sequenceNumber', id(s.sequenceNumber, 'sequence number', where));
  assign(out.account, 'iban', id(s.account.iban, 'account IBAN', where));
  assign(out.account, 'other', id(s.account.other, 'account number', where));
  assign(out.account, 'currency', id(s.account.currency, 'account currency', where));
  assign(out.account, 'bic', id(s.account.bic, 'account BIC', where));
  assign(out.account, 'name', text(s.account.name, where));
  assign(out.account, 'ownerName', text(s.account.ownerName, where));
  assign(out, 'additionalInfo', text(s.additionalInfo, where));
  for (const b of s.balances) id(b.currency, 'balance currency', where);
  return out;
}
