import type { Database } from 'better-sqlite3';
import { PaymentInstrumentInput } from '../../../shared/domain';
import type { PlannedInstrument } from '../../../shared/entry-import';
import { createInstrument } from '../../ledger/repos/payment-instruments';

/**
 * Writes the instruments an import planned, each once, inside the import's
 * transaction: through the whole PaymentInstrumentInput schema, as if typed
 * on screen (a mandate needs reference, date and scheme, and only collects).
 */
export class InstrumentWriter {
  private readonly written = new Map<string, { id: number; kind: PlannedInstrument['kind'] }>();

  constructor(
    private readonly db: Database,
    private readonly entityId: number,
    private readonly at: string,
  ) {}

  private key(p: PlannedInstrument): string {
    return p.kind === 'sepa_mandate' ? `m:${p.mandateId ?? ''}` : `b:${p.accountNumber}:${p.iban}`;
  }

  write(p: PlannedInstrument, accountId: number): number {
    const key = this.key(p);
    const done = this.written.get(key);
    if (done) return done.id;
    const input = PaymentInstrumentInput.parse({
      accountId,
      entityId: this.entityId,
      kind: p.kind,
      holderName: p.holderName,
      iban: p.iban,
      bic: p.bic,
      mandateId: p.mandateId,
      mandateSignedOn: p.mandateSignedOn,
      scheme: p.scheme,
      mandateType: p.mandateType,
      direction: p.direction,
    });
    const { id } = createInstrument(this.db, input, this.at);
    this.written.set(key, { id, kind: p.kind });
    return id;
  }

  /** The id of a mandate written in this import. */
  mandateId(reference: string): number | null {
    return this.written.get(`m:${reference}`)?.id ?? null;
  }

  count(kind: PlannedInstrument['kind']): number {
    let n = 0;
    for (const w of this.written.values()) if (w.kind === kind) n++;
    return n;
  }
}
