/**
 * The bank details and SEPA mandates a CSV row brings for its customer or
 * supplier, as the entries import and the parties import both read them:
 * IBAN (checked), BIC (from the cell, else derived from a BIC the ledger or
 * the file already has for the same bank code), a mandate (reference, date
 * of signature, sequence). What is new is planned here and written by the
 * commit; what the ledger knows already is not planned twice.
 *
 * No bank directory (the Bundesbank's BLZ file) ships with Kontor: a BIC is
 * derived only from banks Kontor has seen, and left empty otherwise (SEPA
 * needs no BIC within the EEA).
 */
import { extractIBAN } from 'ibantools';
import type { BusinessDate } from '../../../shared/dates';
import { BicSchema, IbanSchema, SepaIdSchema } from '../../../shared/domain';
import type { CsvDateFormat, PlannedInstrument } from '../../../shared/entry-import';

export type { PlannedInstrument };
import { readDate } from '../../csv/readers';
import { isKontorError } from '../../../shared/errors';

export type BankField = 'iban' | 'bic' | 'mandateId' | 'mandateDate';

/** What the readers need of a row (csv/fields MappedRow fits). */
export interface BankRow {
  cell(field: BankField): string;
  errors: { add(field: BankField, code: string, message: string, params?: Record<string, string | number>): void };
}

/** What the plan reads of the ledger, for one business entity, once per file. */
export interface PartyLedger {
  entityId: number;
  /** A mandate of this entity by its reference. */
  mandate(reference: string): { id: number; accountId: number } | undefined;
  /** Whether the account has an instrument (bank details or mandate) with this IBAN for this entity. */
  hasIban(accountId: number, iban: string): boolean;
  /** The BIC the ledger knows for a bank code (`DE37040044`): own accounts, bank details, mandates. */
  knownBic(bank: string): string | null;
}

/** Country and national bank code of an IBAN (`DE37040044`), the key a BIC is derived by; null where the country has none. */
export function bankKey(iban: string): string | null {
  const parts = extractIBAN(iban);
  return parts.valid && parts.bankIdentifier ? `${parts.countryCode}${parts.bankIdentifier}` : null;
}

/** The instruments one file plans, each once. */
export class InstrumentPlan {
  readonly planned = new Map<string, PlannedInstrument>();
  private readonly bics = new Map<string, string>();

  constructor(readonly ledger: PartyLedger) {}

  /** The BIC for an IBAN's bank: one the file gave before for the same bank, else one the ledger knows. */
  derivedBic(iban: string): string | null {
    const key = bankKey(iban);
    if (key === null) return null;
    return this.bics.get(key) ?? this.ledger.knownBic(key);
  }

  learn(iban: string, bic: string): void {
    const key = bankKey(iban);
    if (key !== null && !this.bics.has(key)) this.bics.set(key, bic);
  }

  key(p: Pick<PlannedInstrument, 'kind' | 'mandateId' | 'accountNumber' | 'iban'>): string {
    return p.kind === 'sepa_mandate' ? `m:${p.mandateId ?? ''}` : `b:${p.accountNumber}:${p.iban}`;
  }

  /** The mandate this file plans under a reference, if any. */
  plannedMandate(reference: string): PlannedInstrument | undefined {
    return this.planned.get(`m:${reference}`);
  }

  add(p: PlannedInstrument): void {
    const key = this.key(p);
    if (!this.planned.has(key)) this.planned.set(key, p);
  }

  count(kind: PlannedInstrument['kind']): number {
    let n = 0;
    for (const p of this.planned.values()) if (p.kind === kind) n++;
    return n;
  }
}

/** IBAN and BIC of a row; null when there is no IBAN or it is refused (recorded). */
export function readBankAccount(plan: InstrumentPlan, r: BankRow): { iban: string; bic: string | null; bicDerived: boolean } | null {
  const ibanText = r.cell('iban');
  const bicText = r.cell('bic');
  if (ibanText === '') {
    if (bicText !== '') r.errors.add('bic', 'import.bicWithoutIban', 'A BIC is given without an IBAN.');
    return null;
  }
  const iban = IbanSchema.safeParse(ibanText);
  if (!iban.success) {
    r.errors.add('iban', 'import.badIban', `"${ibanText}" is not a valid IBAN (its check digits or length do not fit).`, { value: ibanText });
    return null;
  }
  if (bicText === '') {
    const derived = plan.derivedBic(iban.data);
    return { iban: iban.data, bic: derived, bicDerived: derived !== null };
  }
  const bic = BicSchema.safeParse(bicText);
  if (!bic.success) {
    r.errors.add('bic', 'import.badBic', `"${bicText}" is not a valid BIC (8 or 11 letters and digits).`, { value: bicText });
    return null;
  }
  plan.learn(iban.data, bic.data);
  return { iban: iban.data, bic: bic.data, bicDerived: false };
}

/** The mandate reference, checked as SEPA allows it; null when empty or refused (recorded). */
export function readMandateReference(r: BankRow): string | null {
  const text = r.cell('mandateId');
  if (text === '') return null;
  const checked = SepaIdSchema.safeParse(text);
  if (checked.success && checked.data.length <= 35) return checked.data;
  r.errors.add('mandateId', 'import.badMandateReference', `"${text}" cannot be a mandate reference (at most 35 letters, digits and + ? / - : ( ) . , ').`, {
    value: text,
  });
  return null;
}

/** The mandate's date of signature; null when empty or unreadable (recorded). */
export function readMandateDate(r: BankRow, format: CsvDateFormat): BusinessDate | null {
  const text = r.cell('mandateDate');
  if (text === '') return null;
  try {
    return readDate(text, format);
  } catch (e) {
    if (!isKontorError(e)) throw e;
    r.errors.add('mandateDate', e.code, e.message, e.params);
    return null;
  }
}

const SEQUENCE_WORDS: Record<string, 'recurring' | 'one_off'> = {
  rcur: 'recurring',
  frst: 'recurring',
  recurring: 'recurring',
  wiederkehrend: 'recurring',
  dauer: 'recurring',
  ooff: 'one_off',
  oneoff: 'one_off',
  einmalig: 'one_off',
  einmal: 'one_off',
};

/** Recurring or one-off from a sequence cell (`FRST`, `RCUR`, `OOFF`, the German words); null when the text says neither. */
export function readSequence(text: string): 'recurring' | 'one_off' | null {
  return SEQUENCE_WORDS[text.toLowerCase().replace(/[^a-z]/g, '')] ?? null;
}
