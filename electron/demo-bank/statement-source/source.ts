/**
 * The demo bank's own statements, the default `statementSource`: for each
 * account of the customer (partner) and each period the bank writes
 *
 * - camt.053 (C53 / BTD EOP) and MT940 (STA / BTD EOP mt940): one statement
 *   per account and business day with bookings, end-of-day data up to
 *   yesterday of the bank's clock. Without a date range: the last TARGET2
 *   day before today (what is new each morning).
 * - camt.052 (C52 / BTD STM) and MT942 (VMK / BTD STM mt942): today's
 *   bookings so far, one report per account; a date range must include today.
 * - camt.054 (C54 / BTD REP): one notification per batch booking (collection
 *   or transfer block) and per return, up to today; without a range today's.
 *
 * camt goes into a ZIP container (one file per statement), MT940/MT942 are
 * plain text in ISO-8859-1, one message per account and day, concatenated.
 * Nothing in the period: null, which the bank answers with 090005.
 *
 * Statement IDs (`Stmt/Id` = IBAN-yyyymmdd), message IDs, statement numbers
 * (`LglSeqNb`, `:28C:`: the n-th day with bookings in the year) and creation
 * times (22:00 German time on the day) depend only on the account and the
 * day: fetching a period again gives byte-identical camt.053 and MT940. The
 * opening balance of a day is the closing balance of the day before.
 *
 * camt versions are data (`DEFAULT_CAMT_VERSIONS`): H004 .02, H005 .08; an
 * H005 client may ask for .02 or .08 with the BTF `MsgVersion`.
 */
import type { Database } from 'better-sqlite3';
import { addDays, addTarget2Days, compareDates, type BusinessDate, type Clock } from '../../../shared/dates';
import { normalizeIban } from '../../../shared/ids';
import { sumCents, type Cents } from '../../../shared/money';
import type { EbicsVersion } from '../protocol/versions';
import type { StatementSource, StatementSubscriber } from '../protocol/context';
import type { StatementKind } from '../protocol/order-types';
import type { DateRange } from '../protocol/request';
import { berlinDateTime } from '../statements/berlin-time';
import { buildCamt, type CamtKind, type CamtVersion } from '../statements/camt';
import { zipStatements, type StatementFile } from '../statements/container';
import type { DemoAccount, DemoBooking } from '../statements/model';
import { buildMt940, buildMt942 } from '../statements/mt940';
import type { AccountRow } from '../store/accounts';
import { accountLedger, type AccountLedger } from './ledger';

export type CamtVersionTable = Readonly<Record<EbicsVersion, Readonly<Record<CamtKind, CamtVersion>>>>;

/** Which camt version each EBICS version gets unless the client asks for another. */
export const DEFAULT_CAMT_VERSIONS: CamtVersionTable = {
  H004: { '052': '02', '053': '02', '054': '02' },
  H005: { '052': '08', '053': '08', '054': '08' },
};

/** A statement as text: camt XML, or MT940/MT942 as a JS string (the caller encodes). */
export interface RenderedStatement {
  name: string;
  /** `Stmt/Id`, `Rpt/Id`, `Ntfctn/Id` or the MT `:20:`/`:28C:` pair. */
  id: string;
  accountIban: string;
  content: string;
}

export interface StatementPeriod {
  from: BusinessDate;
  to: BusinessDate;
}

const CAMT: Partial<Record<StatementKind, CamtKind>> = { 'camt.053': '053', 'camt.052': '052', 'camt.054': '054' };

function compact(d: BusinessDate): string {
  return d.replace(/-/g, '');
}

function earlier(a: BusinessDate, b: BusinessDate): BusinessDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/** The days a request covers, or null when it covers none. */
export function periodFor(kind: StatementKind, range: DateRange | undefined, today: BusinessDate): StatementPeriod | null {
  let period: StatementPeriod;
  if (kind === 'camt.053' || kind === 'mt940') {
    period = range ? { from: range.start, to: earlier(range.end, addDays(today, -1)) } : { from: addTarget2Days(today, -1), to: addTarget2Days(today, -1) };
  } else if (kind === 'camt.052' || kind === 'mt942') {
    if (range && (compareDates(range.start, today) > 0 || compareDates(range.end, today) < 0)) return null;
    period = { from: today, to: today };
  } else {
    period = range ? { from: range.start, to: earlier(range.end, today) } : { from: today, to: today };
  }
  return compareDates(period.from, period.to) <= 0 ? period : null;
}

function demoAccount(a: AccountRow): DemoAccount {
  return { iban: normalizeIban(a.iban), bic: a.bic, currency: a.currency, ownerName: a.ownerName };
}

/** At most 35 characters: `DE…-20260302`, shortened for long foreign IBANs. */
function identifier(...parts: string[]): string {
  const id = parts.join('-');
  return id.length <= 35 ? id : id.replace(/-/g, '').slice(-35);
}

function isNotified(b: DemoBooking): boolean {
  return b.batch !== undefined || b.returnReason !== undefined;
}

interface Day {
  date: BusinessDate;
  bookings: DemoBooking[];
  openingCents: Cents;
  /** The n-th day with bookings in its year: the statement number. */
  number: number;
}

/** The account's days with bookings in the period, with opening balances and statement numbers. */
function daysIn(ledger: AccountLedger, period: StatementPeriod): Day[] {
  const days: Day[] = [];
  let balance = ledger.startCents;
  let year = '';
  let number = 0;
  let current: Day | undefined;
  for (const b of ledger.bookings) {
    if (compareDates(b.bookingDate, period.to) > 0) break;
    if (current?.date !== b.bookingDate) {
      if (b.bookingDate.slice(0, 4) !== year) {
        year = b.bookingDate.slice(0, 4);
        number = 0;
      }
      number++;
      current = { date: b.bookingDate, bookings: [], openingCents: balance, number };
      if (compareDates(b.bookingDate, period.from) >= 0) days.push(current);
    }
    current.bookings.push(b);
    balance = sumCents([balance, b.amountCents]);
  }
  return days;
}

/** What the bank has for one account, kind and period. */
export function renderAccountStatements(
  ledger: AccountLedger,
  kind: StatementKind,
  period: StatementPeriod,
  o: { camtVersion: CamtVersion; now: string },
): RenderedStatement[] {
  const account = demoAccount(ledger.account);
  const iban = account.iban;
  const days = daysIn(ledger, period);
  const v = o.camtVersion;
  switch (kind) {
    case 'camt.053':
      return days.map((d) => {
        const id = identifier(iban, compact(d.date));
        return {
          name: `${iban}_${d.date}_camt.053.001.${v}_${String(d.number).padStart(3, '0')}.xml`,
          id,
          accountIban: iban,
          content: buildCamt('053', v, {
            account,
            bookings: d.bookings,
            from: d.date,
            to: d.date,
            statementId: id,
            sequenceNumber: d.number,
            openingCents: d.openingCents,
            messageId: identifier('C53', compact(d.date), iban),
            createdAt: berlinDateTime(d.date, '22:00:00'),
          }),
        };
      });
    case 'mt940':
      return days.map((d) => ({
        name: `${iban}_${d.date}_mt940.txt`,
        id: `${iban}/${d.date.slice(0, 4)}/${d.number}`,
        accountIban: iban,
        content: buildMt940({
          account,
          bookings: d.bookings,
          from: d.date,
          to: d.date,
          statementNumber: d.number,
          openingCents: d.openingCents,
          transactionReference: 'STARTUMS',
        }),
      }));
    case 'camt.052':
      return days.map((d) => {
        const id = identifier(iban, compact(d.date), String(d.bookings.length));
        return {
          name: `${iban}_${d.date}_camt.052.001.${v}.xml`,
          id,
          accountIban: iban,
          content: buildCamt('052', v, {
            account,
            bookings: d.bookings,
            from: d.date,
            to: d.date,
            statementId: id,
            sequenceNumber: d.number,
            openingCents: d.openingCents,
            messageId: identifier('C52', compact(d.date), String(d.bookings.length), iban),
            createdAt: o.now,
          }),
        };
      });
    case 'mt942':
      return days.map((d) => ({
        name: `${iban}_${d.date}_mt942.txt`,
        id: `${iban}/${d.date}/${d.bookings.length}`,
        accountIban: iban,
        content: buildMt942({
          account,
          bookings: d.bookings,
          from: d.date,
          to: d.date,
          statementNumber: d.number,
          transactionReference: 'STARTDISPE',
          createdAt: o.now,
        }),
      }));
    case 'camt.054': {
      const out: RenderedStatement[] = [];
      let year = '';
      let number = 0;
      for (const b of ledger.bookings) {
        if (compareDates(b.bookingDate, period.to) > 0) break;
        if (!isNotified(b)) continue;
        if (b.bookingDate.slice(0, 4) !== year) {
          year = b.bookingDate.slice(0, 4);
          number = 0;
        }
        number++;
        if (compareDates(b.bookingDate, period.from) < 0) continue;
        const id = identifier('NTF', b.bankReference);
        out.push({
          name: `${iban}_${b.bookingDate}_camt.054.001.${v}_${b.bankReference}.xml`,
          id,
          accountIban: iban,
          content: buildCamt('054', v, {
            account,
            bookings: [b],
            from: b.bookingDate,
            to: b.bookingDate,
            statementId: id,
            sequenceNumber: number,
            messageId: identifier('C54', b.bankReference),
            createdAt: berlinDateTime(b.bookingDate, '06:00:00'),
          }),
        });
      }
      return out;
    }
  }
}

/** Everything the bank has for these accounts, kind and period (after the period rules of `periodFor`). */
export function renderStatements(
  db: Database,
  clock: Clock,
  accounts: readonly AccountRow[],
  kind: StatementKind,
  range: DateRange | undefined,
  camtVersion: CamtVersion,
): RenderedStatement[] {
  const today = clock.today();
  const period = periodFor(kind, range, today);
  if (!period) return [];
  const now = clock.now().toISOString();
  return accounts.flatMap((a) => renderAccountStatements(accountLedger(db, a, period.to), kind, period, { camtVersion, now }));
}

/** The camt version for a request: the client's BTF `MsgVersion` if the bank writes it, else the table's. */
export function camtVersionFor(
  kind: CamtKind,
  ebicsVersion: EbicsVersion,
  asked: string | undefined,
  table: CamtVersionTable = DEFAULT_CAMT_VERSIONS,
): CamtVersion {
  if (asked === '02' || asked === '08') return asked;
  return table[ebicsVersion][kind];
}

/** The files as the bank delivers them: camt in a ZIP container, MT940/MT942 as ISO-8859-1 text. */
export function packStatements(kind: StatementKind, files: readonly RenderedStatement[]): Buffer {
  if (CAMT[kind] !== undefined) return Buffer.from(zipStatements(files.map((f): StatementFile => ({ name: f.name, content: f.content }))));
  return Buffer.from(files.map((f) => f.content).join(''), 'latin1');
}

export interface StatementSourceOptions {
  camtVersions?: CamtVersionTable;
}

/** The default statement source: the bank's own accounts and bookings. */
export function createStatementSource(bank: { db: Database; clock: Clock }, options: StatementSourceOptions = {}): StatementSource {
  return (subscriber: StatementSubscriber, kind, range, details) => {
    const camt = CAMT[kind];
    const version = camtVersionFor(camt ?? '053', details.ebicsVersion, details.service?.msgVersion, options.camtVersions);
    const files = renderStatements(bank.db, bank.clock, subscriber.accounts, kind, range, version);
    if (files.length === 0) return null;
    if (camt !== undefined && !details.zip && files.length === 1) return Buffer.from(files[0]?.content ?? '', 'utf8');
    return packStatements(kind, files);
  };
}
