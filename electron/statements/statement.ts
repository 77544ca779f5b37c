/**
 * What both parsers do for every statement: collect its lines' running sum
 * and dates while they stream past, then settle the period and the balance
 * check when the statement ends.
 */
import type { StatementWarning } from '../../shared/statements';
import type { TextEncoding } from './encoding';
import type { ParsedBalance, ParsedLine, ParsedStatement, ReportKind, StatementDialect, StatementFormat } from './model';
import { warningOf, type WarnDeviation } from './tolerance';

export class StatementAccumulator {
  readonly st: ParsedStatement;
  readonly warnings = new Set<StatementWarning>();
  /** Σ of booked lines (see addLine). */
  sumBooked = 0;
  lineCount = 0;
  started = false;
  /** Set when the file gives the period explicitly (camt FrToDt). */
  periodFromFile = false;
  private minBooking: string | undefined;
  private maxBooking: string | undefined;
  private lineCurrencies = new Set<string>();

  constructor(format: StatementFormat, kind: ReportKind, messageName: string, dialect: StatementDialect, encoding: TextEncoding) {
    this.st = {
      format,
      kind,
      messageName,
      dialect,
      encoding,
      statementId: '',
      account: {},
      periodFrom: '',
      periodTo: '',
      balances: [],
      lines: [],
      balanceCheck: null,
      warnings: [],
    };
  }

  /** A deviation the file showed that leaves a warning (tolerance.ts decides which do). */
  warn(d: WarnDeviation): void {
    this.warnings.add(warningOf(d));
  }

  /** A warning code collected elsewhere (the XML tokenizer's). */
  warnCode(code: StatementWarning): void {
    this.warnings.add(code);
  }

  addBalance(b: ParsedBalance, role: 'opening' | 'closing' | 'other'): void {
    this.st.balances.push(b);
    if (role === 'opening' && this.st.opening === undefined) this.st.opening = b;
    if (role === 'closing') this.st.closing = b;
  }

  addLine(line: ParsedLine): void {
    this.lineCount++;
    // Only booked lines move the booked balance: PDNG (pending) and INFO
    // (information only) lines are not part of opening + Σ = closing.
    if (line.status === 'BOOK') this.sumBooked += line.amountCents;
    this.lineCurrencies.add(line.currency);
    const d = line.bookingDate;
    if (this.minBooking === undefined || d < this.minBooking) this.minBooking = d;
    if (this.maxBooking === undefined || d > this.maxBooking) this.maxBooking = d;
  }

  /** A copy of the header as known now, for StatementVisitor.statementStart. */
  header(): ParsedStatement {
    return { ...this.st, account: { ...this.st.account }, balances: [...this.st.balances], lines: [], warnings: [...this.warnings] };
  }

  /** Settles period, balance check and warnings; returns the statement (lines: []). */
  finish(fallbackDate: string | undefined): ParsedStatement {
    const st = this.st;
    if (!this.periodFromFile || st.periodFrom === '' || st.periodTo === '') {
      const balanceDates = st.balances.map((b) => b.date).sort();
      const from = this.minBooking ?? st.closing?.date ?? st.opening?.date ?? balanceDates[0] ?? fallbackDate;
      let to = this.maxBooking ?? st.closing?.date ?? balanceDates[balanceDates.length - 1] ?? fallbackDate;
      if (st.closing !== undefined && to !== undefined && st.closing.date > to) to = st.closing.date;
      if (st.periodFrom === '') st.periodFrom = from ?? to ?? '';
      if (st.periodTo === '') st.periodTo = to ?? st.periodFrom;
      if (st.periodFrom === '') this.warn('noDate');
    }
    if (st.periodFrom > st.periodTo && st.periodTo !== '') {
      const t = st.periodFrom;
      st.periodFrom = st.periodTo;
      st.periodTo = t;
    }
    const opening = st.opening;
    const closing = st.closing;
    if (opening !== undefined && closing !== undefined) {
      const expected = opening.amountCents + this.sumBooked;
      const ok = expected === closing.amountCents;
      st.balanceCheck = {
        ok,
        openingCents: opening.amountCents,
        sumCents: this.sumBooked,
        closingCents: closing.amountCents,
        differenceCents: closing.amountCents - expected,
      };
      if (!ok) this.warn('balanceMismatch');
      for (const c of this.lineCurrencies) if (c !== closing.currency) this.warn('currencyMismatch');
    } else {
      st.balanceCheck = null;
      // End-of-day statements must carry both; intraday reports and notifications need not.
      if (st.kind === 'mt940' || st.kind === 'camt.053') {
        if (opening === undefined) this.warn('openingBalanceMissing');
        if (closing === undefined) this.warn('closingBalanceMissing');
      }
    }
    st.warnings = [...this.warnings];
    st.lines = [];
    return st;
  }
}
