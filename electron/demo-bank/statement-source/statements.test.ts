/**
 * The statements the bank writes from its own books (seeded history plus
 * released orders): which days and kinds it serves, stable statement IDs,
 * balances that chain from day to day, camt versions as data, MT940 in
 * ISO-8859-1, and every camt file valid against the ISO 20022 schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addTarget2Days, compareDates, isTarget2Day, type Clock } from '../../../shared/dates';
import { startDemoBank, type DemoBank } from '../server';
import { accountsOfPartner, type AccountRow } from '../store/accounts';
import { schemaAvailability } from '../../../test/support/iso-xsd';
import { tempDir } from '../../../test/support/demo-bank';
import { createStatementSource } from './source';
import { HISTORY_DAYS_BEFORE_OPENING, seededHistory } from './history';
import { readCamt, readMt, unzipText, validateAllAgainstSchema } from '../../../test/support/served-statements';

function settableClock(day: string): Clock & { set(day: string): void } {
  let current = day;
  return { now: () => new Date(`${current}T09:00:00Z`), today: () => current, set: (d) => (current = d) };
}

const availability = schemaAvailability();
const OPENED = '2026-03-02';
const dir = tempDir('kontor-demo-statements-');
const clock = settableClock(OPENED);
let bank: DemoBank;
let accounts: AccountRow[];
let iban: string;

beforeAll(async () => {
  bank = await startDemoBank({ dataDir: dir.path, clock, log: () => undefined });
  accounts = accountsOfPartner(bank.store.db, 'KONTOR01');
  iban = accounts[0]?.iban ?? '';
});
afterAll(async () => {
  await bank.close();
  dir.remove();
});

const subscriber = () => ({ partnerId: 'KONTOR01', userId: 'USER01', name: 'Kontor Demo GmbH', accounts });
const h004 = { ebicsVersion: 'H004' as const, orderType: 'C53', zip: true };

describe('the seeded history', () => {
  it('starts 90 days before the account was opened and is the same on every call, whatever the bank clock says', () => {
    const account = accounts[0];
    if (!account) throw new Error('no account');
    const history = seededHistory(account, '2026-06-30');
    expect(history.length).toBeGreaterThan(100);
    expect(compareDates(history[0]?.bookingDate ?? '', addDays(OPENED, -HISTORY_DAYS_BEFORE_OPENING))).toBeGreaterThanOrEqual(0);
    expect(history.every((b) => isTarget2Day(b.bookingDate) && compareDates(b.bookingDate, '2026-06-30') <= 0)).toBe(true);
    // A shorter view is a prefix of the longer one: the past never changes as time goes on.
    const earlier = seededHistory(account, '2026-03-31');
    expect(history.slice(0, earlier.length)).toEqual(earlier);
    expect(history[earlier.length]?.bookingDate.slice(0, 7)).toBe('2026-04');
    // Invoice numbers do not repeat across the generator's windows.
    const invoices = history.flatMap((b) => b.remittance?.match(/RE-\d{4}-\d{4}/g) ?? []);
    expect(invoices.length).toBeGreaterThan(50);
    // Each account has its own history.
    const other = accounts[1];
    if (!other) throw new Error('no second account');
    expect(seededHistory(other, '2026-03-31').map((b) => b.amountCents)).not.toEqual(earlier.map((b) => b.amountCents));
  });
});

describe('end-of-day statements', () => {
  it('gives one camt.053 per account and day with bookings, only up to yesterday, chaining the balances', () => {
    const source = createStatementSource({ db: bank.store.db, clock });
    const zip = source(subscriber(), 'camt.053', { start: '2025-12-01', end: '2026-03-31' }, h004);
    expect(zip).not.toBeNull();
    const files = unzipText(zip ?? new Uint8Array());
    const statements = [...files.values()].flatMap((xml) => readCamt(xml).reports).sort((a, b) => a.iban.localeCompare(b.iban) || a.from.localeCompare(b.from));
    expect(new Set(statements.map((s) => s.iban))).toEqual(new Set(accounts.map((a) => a.iban)));
    for (const accountIban of accounts.map((a) => a.iban)) {
      const own = statements.filter((s) => s.iban === accountIban);
      expect(own.length).toBeGreaterThan(40);
      // Up to yesterday of the bank's clock (opened today), nothing before the history.
      expect(own.at(-1)?.from.slice(0, 10)).toBe(addTarget2Days(OPENED, -1));
      expect(compareDates(own[0]?.from.slice(0, 10) ?? '', addDays(OPENED, -HISTORY_DAYS_BEFORE_OPENING))).toBeGreaterThanOrEqual(0);
      own.forEach((s, i) => {
        const sum = s.entries.reduce((total, e) => total + e.amountCents, 0);
        expect(s.entries.length).toBeGreaterThan(0);
        expect(s.closingCents).toBe((s.openingCents ?? NaN) + sum);
        if (i > 0) expect(s.openingCents).toBe(own[i - 1]?.closingCents);
        expect(s.id).toBe(`${accountIban}-${s.from.slice(0, 10).replace(/-/g, '')}`);
        expect(s.legalSequence).toBe(s.sequence);
      });
      // Statement numbers count the days with bookings within the year.
      const firstOf2026 = own.find((s) => s.from.startsWith('2026'));
      expect(firstOf2026?.sequence).toBe('1');
    }
  });

  it('gives the same statements, byte for byte, when a period is fetched again, also days later', () => {
    const source = createStatementSource({ db: bank.store.db, clock });
    const range = { start: '2026-02-02', end: '2026-02-27' };
    const first = unzipText(source(subscriber(), 'camt.053', range, h004) ?? new Uint8Array());
    clock.set('2026-03-20');
    try {
      const again = unzipText(source(subscriber(), 'camt.053', range, h004) ?? new Uint8Array());
      expect([...again.keys()]).toEqual([...first.keys()]);
      expect([...again.values()]).toEqual([...first.values()]);
      const mt1 = bank.statement(iban, 'mt940', range.start, range.end).map((s) => s.content);
      clock.set('2026-05-04');
      expect(bank.statement(iban, 'mt940', range.start, range.end).map((s) => s.content)).toEqual(mt1);
    } finally {
      clock.set(OPENED);
    }
  });

  it('answers a period without bookings, or in the future, with nothing (090005)', () => {
    const source = createStatementSource({ db: bank.store.db, clock });
    // A weekend, a period before the history, and today (end-of-day data only up to yesterday).
    expect(source(subscriber(), 'camt.053', { start: '2026-02-07', end: '2026-02-08' }, h004)).toBeNull();
    expect(source(subscriber(), 'mt940', { start: '2025-01-01', end: '2025-06-30' }, { ...h004, orderType: 'STA', zip: false })).toBeNull();
    expect(source(subscriber(), 'camt.053', { start: OPENED, end: '2026-12-31' }, h004)).toBeNull();
    expect(bank.statement(iban, 'camt.053', '2026-02-07', '2026-02-08')).toEqual([]);
    expect(() => bank.statement('DE89370400440532013000', 'camt.053', '2026-02-02', '2026-02-27')).toThrow(/no account/);
    expect(() => bank.statement(iban, 'camt.053', '2026-02-30', '2026-03-01')).toThrow(/Not a date/);
  });

  it('delivers the last business day without a date range (what is new each morning)', () => {
    const files = unzipText(createStatementSource({ db: bank.store.db, clock })(subscriber(), 'camt.053', undefined, h004) ?? new Uint8Array());
    const days = new Set([...files.values()].flatMap((xml) => readCamt(xml).reports.map((r) => r.from.slice(0, 10))));
    expect([...days]).toEqual([addTarget2Days(OPENED, -1)]);
  });

  it('writes camt.053.001.02 for H004 and .08 for H005, or the version an H005 client asks for', () => {
    const source = createStatementSource({ db: bank.store.db, clock });
    const range = { start: '2026-02-23', end: '2026-02-27' };
    const namespaces = (data: Buffer | null) => new Set([...unzipText(data ?? new Uint8Array()).values()].map((xml) => readCamt(xml).namespace));
    expect(namespaces(source(subscriber(), 'camt.053', range, h004))).toEqual(new Set(['urn:iso:std:iso:20022:tech:xsd:camt.053.001.02']));
    const btd = { ebicsVersion: 'H005' as const, orderType: 'BTD', zip: true, service: { serviceName: 'EOP', container: 'ZIP', msgName: 'camt.053' } };
    expect(namespaces(source(subscriber(), 'camt.053', range, btd))).toEqual(new Set(['urn:iso:std:iso:20022:tech:xsd:camt.053.001.08']));
    expect(namespaces(source(subscriber(), 'camt.053', range, { ...btd, service: { ...btd.service, msgVersion: '02' } }))).toEqual(
      new Set(['urn:iso:std:iso:20022:tech:xsd:camt.053.001.02']),
    );
    const custom = createStatementSource(
      { db: bank.store.db, clock },
      { camtVersions: { H004: { '052': '08', '053': '08', '054': '08' }, H005: { '052': '02', '053': '02', '054': '02' } } },
    );
    expect(namespaces(custom(subscriber(), 'camt.053', range, h004))).toEqual(new Set(['urn:iso:std:iso:20022:tech:xsd:camt.053.001.08']));
  });

  it('writes MT940 as ISO-8859-1 text, one message per account and day, balancing and chaining', () => {
    const data = createStatementSource({ db: bank.store.db, clock })(
      subscriber(),
      'mt940',
      { start: '2026-01-05', end: '2026-02-27' },
      { ...h004, orderType: 'STA', zip: false },
    );
    expect(data).not.toBeNull();
    const bytes = data ?? Buffer.alloc(0);
    // Umlauts of the seeded customers travel as single Latin-1 bytes (ü = 0xFC), never as UTF-8 pairs.
    expect(bytes.includes(Buffer.from([0xc3, 0xbc]))).toBe(false);
    expect(bytes.includes(Buffer.from('M\u00fcller', 'latin1'))).toBe(true);
    const messages = readMt(bytes.toString('latin1'));
    const byAccount = new Map<string, typeof messages>();
    for (const m of messages) byAccount.set(m.account, [...(byAccount.get(m.account) ?? []), m]);
    expect(byAccount.size).toBe(2);
    for (const own of byAccount.values()) {
      expect(own.length).toBeGreaterThan(20);
      own.forEach((m, i) => {
        expect(m.reference).toBe('STARTUMS');
        expect(m.closingCents).toBe((m.openingCents ?? NaN) + m.lines.reduce((t, l) => t + l.amountCents, 0));
        if (i > 0) expect(m.openingCents).toBe(own[i - 1]?.closingCents);
      });
    }
  });
});

describe('intraday reports and notifications', () => {
  it('reports today’s bookings so far in camt.052 and MT942, and nothing for other days', () => {
    const day = '2026-02-26';
    clock.set(day);
    try {
      const source = createStatementSource({ db: bank.store.db, clock });
      const reports = [...unzipText(source(subscriber(), 'camt.052', undefined, { ...h004, orderType: 'C52' }) ?? new Uint8Array()).values()].flatMap(
        (x) => readCamt(x).reports,
      );
      expect(reports.length).toBeGreaterThan(0);
      for (const r of reports) {
        expect(r.entries.every((e) => e.bookingDate === day)).toBe(true);
        expect(r.closingCents).toBe((r.openingCents ?? NaN) + r.entries.reduce((t, e) => t + e.amountCents, 0));
      }
      expect(source(subscriber(), 'camt.052', { start: '2026-02-01', end: '2026-02-25' }, { ...h004, orderType: 'C52' })).toBeNull();
      const mt942 = readMt((source(subscriber(), 'mt942', undefined, { ...h004, orderType: 'VMK', zip: false }) ?? Buffer.alloc(0)).toString('latin1'));
      expect(mt942.map((m) => m.lines.length)).toEqual(reports.map((r) => r.entries.length));
    } finally {
      clock.set(OPENED);
    }
  });

  it('notifies each batch booking and each return in its own camt.054', () => {
    const source = createStatementSource({ db: bank.store.db, clock });
    const files = unzipText(source(subscriber(), 'camt.054', { start: '2025-12-01', end: '2026-03-02' }, { ...h004, orderType: 'C54' }) ?? new Uint8Array());
    const notes = [...files.values()].map((x) => readCamt(x).reports);
    expect(notes.length).toBeGreaterThan(2);
    for (const [note] of notes) {
      expect(note?.entries).toHaveLength(1);
      const entry = note?.entries[0];
      expect(entry?.batch !== undefined || entry?.transactions.some((t) => t.returnReason !== undefined)).toBe(true);
      expect(note?.openingCents).toBeUndefined();
    }
    expect(notes.some(([n]) => n?.entries[0]?.batch !== undefined)).toBe(true);
    expect(notes.some(([n]) => n?.entries[0]?.transactions[0]?.returnReason !== undefined)).toBe(true);
  });
});

describe.skipIf(!availability.available)(
  `every camt file the bank writes against the ISO 20022 schemas${availability.available ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    it.each([
      ['H004', 'camt.053', 'C53'],
      ['H005', 'camt.053', 'BTD'],
      ['H004', 'camt.054', 'C54'],
      ['H005', 'camt.054', 'BTD'],
    ] as const)('%s %s validates', (version, kind, orderType) => {
      const source = createStatementSource({ db: bank.store.db, clock });
      const files = unzipText(
        source(subscriber(), kind, { start: '2025-12-01', end: '2026-03-01' }, { ebicsVersion: version, orderType, zip: true }) ?? new Uint8Array(),
      );
      expect(files.size).toBeGreaterThan(2);
      const result = validateAllAgainstSchema(files, `${kind}.001.${version === 'H004' ? '02' : '08'}.xsd`);
      expect(result.valid, result.output).toBe(true);
    });
  },
);
