/**
 * A believable, reproducible account history for the demo bank: customers
 * paying invoices (one, several at once, or in parts), supplier payments, a
 * supplier's direct debit, a batch-booked direct-debit collection with two
 * of its debits returned (MS03, AC04) and the return fees, a charge booked in
 * error and reversed, and monthly account fees. Bookings fall on TARGET2
 * business days only; the same seed and options give the same bookings.
 *
 * Every kind of booking occurs in every period with at least one TARGET2 day
 * (with very short periods several land on the same day); random extra
 * payments fill the days in between.
 */
import { formatAmount, sumCents, type Cents } from '../../../shared/money';
import { addDays, compareDates, daysBetween, formatBusinessDate, isBusinessDate, isTarget2Day, nextTarget2Day, type BusinessDate } from '../../../shared/dates';
import { normalizeIban } from '../../../shared/ids';
import type { BankTransactionCode, DemoAccount, DemoBatchItem, DemoBooking, DemoParty } from './model';
import { createRandom, type Random } from './random';

export interface SeedHistoryOptions {
  seed: number;
  from: BusinessDate;
  to: BusinessDate;
  /** Invoice numbers look like `RE-2026-0042`; default `RE`. */
  invoicePrefix?: string;
  /** Who pays us (and whom we collect from); default DEFAULT_CUSTOMERS. */
  customers?: readonly DemoParty[];
  /** Whom we pay; default DEFAULT_SUPPLIERS. */
  suppliers?: readonly DemoParty[];
  /** Our SEPA creditor identifier for collections; default DEMO_CREDITOR_ID. */
  creditorId?: string;
  /** Number of the first invoice issued; default a seeded number from 30 to 60. */
  firstInvoiceNumber?: number;
}

/** The well-known test creditor identifier of the Deutsche Bundesbank. */
export const DEMO_CREDITOR_ID = 'DE98ZZZ09999999999';

// Made-up names; the IBANs carry valid check digits but belong to nobody we know.
export const DEFAULT_CUSTOMERS: readonly DemoParty[] = [
  { name: 'Müller & Söhne GmbH', iban: 'DE44500105175407324931', bic: 'INGDDEFFXXX' },
  { name: 'Bäckerei Weiß OHG', iban: 'DE77100100100123456789', bic: 'PBNKDEFFXXX' },
  { name: 'Schröder Maschinenbau AG', iban: 'DE34200505501234567890', bic: 'HASPDEHHXXX' },
  { name: 'Hofmann Logistik GmbH & Co. KG', iban: 'DE20701500000012345678', bic: 'SSKMDEMMXXX' },
  { name: 'Ökoland Vertrieb eG', iban: 'DE62430609674007654321', bic: 'GENODEM1GLS' },
  { name: 'Jäger Elektrotechnik', iban: 'DE75120300001020304050', bic: 'BYLADEM1001' },
  { name: 'Van der Berg Trading B.V.', iban: 'NL20INGB0001234567', bic: 'INGBNL2A' },
  { name: 'Wiener Feinkost GmbH', iban: 'AT871200052066543301', bic: 'BKAUATWW' },
  { name: 'Société Lumière SARL', iban: 'FR1420041010050500013M02606' },
];

export const DEFAULT_SUPPLIERS: readonly DemoParty[] = [
  { name: 'Bürobedarf Schäfer GmbH', iban: 'DE88600501010002345678', bic: 'SOLADEST600' },
  { name: 'Stadtwerke Musterstadt', iban: 'DE02760501010010203040', bic: 'SSKNDE77XXX' },
  { name: 'IT-Systemhaus Krüger & Partner', iban: 'DE71500700100931234500', bic: 'DEUTDEFFXXX' },
  { name: 'Spedition Özdemir GmbH', iban: 'DE61260500010045678901', bic: 'NOLADE21GOE' },
  { name: 'Reinigungsservice Blitzblank', iban: 'DE27300501100061234567', bic: 'DUSSDEDDXXX' },
];

interface DebitingCreditor extends DemoParty {
  creditorId: string;
  mandateId: string;
  contract: string;
}

/** Creditors that collect from us by SEPA direct debit (CORE). */
const DEBITING_CREDITORS: readonly DebitingCreditor[] = [
  {
    name: 'Fernmelde-Service Nord GmbH',
    iban: 'DE18440501990003344556',
    bic: 'DORTDE33XXX',
    creditorId: 'DE76ZZZ00000654321',
    mandateId: 'FSN-000812-01',
    contract: 'Kundenkonto 4400812',
  },
  {
    name: 'Assekuranz Hansa VVaG',
    iban: 'DE23700202700015151515',
    bic: 'HYVEDEMMXXX',
    creditorId: 'DE82ZZZ00000777888',
    mandateId: 'AH-BV-2231977',
    contract: 'Police BV-2231977',
  },
];

type Kind =
  | 'collection'
  | 'invoicePayment'
  | 'consolidated'
  | 'partial'
  | 'restPayment'
  | 'supplierPayment'
  | 'supplierDebit'
  | 'returnMS03'
  | 'returnAC04'
  | 'wrongCharge'
  | 'chargeReversal'
  | 'accountFee';

/** Order of events within one day: a return never comes before its collection. */
const DAY_ORDER: readonly Kind[] = [
  'collection',
  'invoicePayment',
  'consolidated',
  'partial',
  'restPayment',
  'supplierPayment',
  'supplierDebit',
  'returnMS03',
  'returnAC04',
  'wrongCharge',
  'chargeReversal',
  'accountFee',
];

const CODES = {
  creditIn: { domain: 'PMNT', family: 'RCDT', subFamily: 'ESCT', gvc: '166' },
  creditOut: { domain: 'PMNT', family: 'ICDT', subFamily: 'ESCT', gvc: '116' },
  debitedByCreditor: { domain: 'PMNT', family: 'RDDT', subFamily: 'ESDD', gvc: '105' },
  collectionBatch: { domain: 'PMNT', family: 'IDDT', subFamily: 'ESDD', gvc: '192' },
  collectionReturn: { domain: 'PMNT', family: 'IDDT', subFamily: 'UPDD', gvc: '109' },
  charges: { domain: 'ACMT', family: 'MDOP', subFamily: 'CHRG', gvc: '808' },
} satisfies Record<string, BankTransactionCode>;

const MAX_DAYS = 3 * 366;

interface Invoice {
  number: string;
  customer: number;
  amountCents: Cents;
  openCents: Cents;
}

export function seedHistory(account: DemoAccount, options: SeedHistoryOptions): DemoBooking[] {
  const { from, to } = options;
  if (!isBusinessDate(from) || !isBusinessDate(to)) throw new RangeError(`Not business dates: ${from} – ${to}`);
  if (compareDates(from, to) > 0) throw new RangeError(`Period starts after it ends: ${from} > ${to}`);
  if (daysBetween(from, to) > MAX_DAYS) throw new RangeError(`Period longer than ${MAX_DAYS} days: ${from} – ${to}`);
  const customers = options.customers ?? DEFAULT_CUSTOMERS;
  const suppliers = options.suppliers ?? DEFAULT_SUPPLIERS;
  if (customers.length === 0 || suppliers.length === 0) throw new RangeError('Need at least one customer and one supplier');

  const days: BusinessDate[] = [];
  for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) if (isTarget2Day(d)) days.push(d);
  if (days.length === 0) return [];

  const rng = createRandom(options.seed);
  const plan = planEvents(days, rng);
  const gen = new HistoryWriter(account, rng, {
    prefix: options.invoicePrefix ?? 'RE',
    customers,
    suppliers,
    creditorId: options.creditorId ?? DEMO_CREDITOR_ID,
    firstInvoiceNumber: options.firstInvoiceNumber,
  });
  days.forEach((day, i) => {
    const kinds = plan[i] ?? [];
    for (const kind of DAY_ORDER) for (const k of kinds) if (k === kind) gen.run(kind, day);
  });
  return gen.bookings;
}

/** Fixed events spread over the period (so every kind occurs), then random extras per day. */
function planEvents(days: readonly BusinessDate[], rng: Random): Kind[][] {
  const n = days.length;
  const plan: Kind[][] = days.map(() => []);
  const at = (index: number, kind: Kind): void => {
    plan[Math.min(n - 1, Math.max(0, index))]?.push(kind);
  };
  const share = (fraction: number): number => Math.floor(n * fraction);
  const collectionDay = share(0.2);
  at(0, 'invoicePayment');
  at(share(0.1), 'supplierPayment');
  at(collectionDay, 'collection');
  at(share(0.3), 'consolidated');
  at(share(0.45), 'partial');
  at(collectionDay + 2, 'returnMS03');
  at(collectionDay + 3, 'returnAC04');
  at(share(0.6), 'wrongCharge');
  at(share(0.6) + 1, 'chargeReversal');
  at(share(0.7), 'supplierDebit');
  let fees = 0;
  days.forEach((day, i) => {
    if (nextTarget2Day(addDays(day, 1)).slice(0, 7) !== day.slice(0, 7)) {
      at(i, 'accountFee');
      fees++;
    }
  });
  if (fees === 0) at(n - 1, 'accountFee');

  const extras: Array<[Kind, number]> = [
    ['invoicePayment', 0.55],
    ['supplierPayment', 0.3],
    ['consolidated', 0.1],
    ['partial', 0.1],
    ['restPayment', 0.2],
    ['supplierDebit', 0.06],
  ];
  plan.forEach((kinds) => {
    for (const [kind, p] of extras) if (rng.chance(p)) kinds.push(kind);
  });
  return plan;
}

interface WriterConfig {
  prefix: string;
  customers: readonly DemoParty[];
  suppliers: readonly DemoParty[];
  creditorId: string;
  firstInvoiceNumber: number | undefined;
}

interface Collection {
  date: BusinessDate;
  items: DemoBatchItem[];
  returned: number;
}

class HistoryWriter {
  readonly bookings: DemoBooking[] = [];
  private invoiceCounter: number;
  private referenceCounter: number;
  private readonly partials: Invoice[] = [];
  private lastCollection: Collection | undefined;
  private lastWrongCharge: DemoBooking | undefined;

  constructor(
    private readonly account: DemoAccount,
    private readonly rng: Random,
    private readonly config: WriterConfig,
  ) {
    // Drawn even when a first number is given, so the rest of the history stays the same.
    const drawn = rng.int(30, 60);
    this.invoiceCounter = config.firstInvoiceNumber ?? drawn;
    this.referenceCounter = rng.int(100_000, 900_000);
  }

  run(kind: Kind, day: BusinessDate): void {
    switch (kind) {
      case 'invoicePayment':
        return this.invoicePayment(day);
      case 'consolidated':
        return this.consolidatedPayment(day);
      case 'partial':
        return this.partialPayment(day);
      case 'restPayment':
        return this.restPayment(day);
      case 'supplierPayment':
        return this.supplierPayment(day);
      case 'supplierDebit':
        return this.supplierDebit(day);
      case 'collection':
        return this.collection(day);
      case 'returnMS03':
        return this.collectionReturn(day, 'MS03');
      case 'returnAC04':
        return this.collectionReturn(day, 'AC04');
      case 'wrongCharge':
        return this.wrongCharge(day);
      case 'chargeReversal':
        return this.chargeReversal(day);
      case 'accountFee':
        return this.accountFee(day);
    }
  }

  private invoicePayment(day: BusinessDate): void {
    const c = this.rng.int(0, this.config.customers.length - 1);
    const invoice = this.issueInvoice(c, day);
    const issued = formatBusinessDate(addDays(day, -this.rng.int(7, 30)), 'de');
    const text = this.rng.pick([
      invoice.number,
      `Rechnung ${invoice.number}`,
      `${invoice.number} Kd-Nr. ${customerNumber(c)}`,
      `Rg. ${invoice.number} vom ${issued}`,
    ]);
    this.incoming(day, c, invoice.amountCents, text);
  }

  /** One transfer for three invoices; a fourth, in between, belongs to someone else and stays open. */
  private consolidatedPayment(day: BusinessDate): void {
    const count = this.config.customers.length;
    const c = this.rng.int(0, count - 1);
    const first = this.issueInvoice(c, day);
    const second = this.issueInvoice(c, day);
    this.issueInvoice((c + 1) % count, day);
    const third = this.issueInvoice(c, day);
    const paid = [first, second, third];
    const text = paid.map((i) => i.number).join(', ');
    this.incoming(day, c, sumCents(paid.map((i) => i.amountCents)), text);
  }

  private partialPayment(day: BusinessDate): void {
    const c = this.rng.int(0, this.config.customers.length - 1);
    const invoice = this.issueInvoice(c, day);
    const part = invoice.amountCents > 200_000 ? 100_000 : Math.floor(invoice.amountCents / 2);
    invoice.openCents -= part;
    this.partials.push(invoice);
    const text = this.rng.pick([`Teilzahlung ${invoice.number}`, `${invoice.number} Teilzahlung`, `Teilzahlung zu Rechnung ${invoice.number}`]);
    this.incoming(day, c, part, text);
  }

  private restPayment(day: BusinessDate): void {
    const invoice = this.partials.shift();
    if (invoice === undefined) return this.invoicePayment(day);
    this.incoming(day, invoice.customer, invoice.openCents, `Restzahlung ${invoice.number}`);
    invoice.openCents = 0;
  }

  private incoming(day: BusinessDate, c: number, amountCents: Cents, remittance: string): void {
    const customer = this.customer(c);
    const endToEndId = this.rng.chance(0.35) ? 'NOTPROVIDED' : `${slug(customer.name)}${compact(day).slice(2)}${this.rng.int(100, 999)}`;
    this.book(day, {
      amountCents,
      ...party(customer),
      remittance,
      endToEndId,
      bankTxCode: CODES.creditIn,
    });
  }

  private supplierPayment(day: BusinessDate): void {
    const supplier = this.rng.pick(this.config.suppliers);
    const year = day.slice(0, 4);
    this.book(day, {
      amountCents: -this.rng.int(4_990, 480_000),
      ...party(supplier),
      remittance: `Rechnung ${year}-${this.rng.int(1000, 9999)} Kundennr. ${this.rng.int(10_000, 99_999)}`,
      endToEndId: `KONTOR-${compact(day)}-${String(this.bookings.length).padStart(4, '0')}`,
      bankTxCode: CODES.creditOut,
    });
  }

  private supplierDebit(day: BusinessDate): void {
    const creditor = this.rng.pick(DEBITING_CREDITORS);
    const month = formatBusinessDate(day, 'de').slice(3);
    this.book(day, {
      amountCents: -this.rng.int(2_990, 45_000),
      ...party(creditor),
      remittance: `${creditor.contract} Rechnung ${month}`,
      endToEndId: `${creditor.mandateId}-${compact(day)}`,
      mandateId: creditor.mandateId,
      creditorId: creditor.creditorId,
      bankTxCode: CODES.debitedByCreditor,
    });
  }

  /** A CORE collection of 3–5 customers booked as one line (BtchBookg=true). */
  private collection(day: BusinessDate): void {
    const all = this.config.customers.map((_, i) => i);
    const chosen: number[] = [];
    const wanted = Math.min(all.length, this.rng.int(3, 5));
    while (chosen.length < wanted) {
      const next = all.splice(this.rng.int(0, all.length - 1), 1)[0];
      if (next !== undefined) chosen.push(next);
    }
    const items: DemoBatchItem[] = chosen.map((c) => {
      const invoice = this.issueInvoice(c, day);
      return {
        amountCents: invoice.amountCents,
        endToEndId: `DD-${invoice.number}`,
        mandateId: `M-${customerNumber(c)}`,
        ...party(this.customer(c)),
        remittance: `Rechnung ${invoice.number}`,
      };
    });
    const paymentInfoId = `DD-${compact(day)}-1`;
    const listing = items.map((i) => `${i.counterpartyName ?? ''} ${i.remittance ?? ''} ${formatAmount(i.amountCents, 'de')} EUR`).join('; ');
    this.book(day, {
      amountCents: sumCents(items.map((i) => i.amountCents)),
      remittance: `SEPA-Sammlereinzug CORE, ${items.length} Posten, Einreichung ${paymentInfoId}: ${listing}`,
      creditorId: this.config.creditorId,
      bankTxCode: CODES.collectionBatch,
      batch: { count: items.length, messageId: `KONTOR-${compact(day)}-DD`, paymentInfoId, items },
    });
    this.lastCollection = { date: day, items, returned: 0 };
  }

  /** Returns the next debit of the last collection, value-dated like the collection, plus the bank's fee. */
  private collectionReturn(day: BusinessDate, reason: string): void {
    const collection = this.lastCollection;
    if (collection === undefined) return;
    const item = collection.items[collection.returned];
    if (item === undefined) return;
    collection.returned++;
    this.book(day, {
      amountCents: -item.amountCents,
      valueDate: collection.date,
      counterpartyName: item.counterpartyName,
      counterpartyIban: item.counterpartyIban,
      counterpartyBic: item.counterpartyBic,
      remittance: item.remittance,
      endToEndId: item.endToEndId,
      mandateId: item.mandateId,
      creditorId: this.config.creditorId,
      returnReason: reason,
      bankTxCode: CODES.collectionReturn,
    });
    this.book(day, {
      amountCents: -this.rng.pick([300, 350, 450]),
      remittance: `Entgelt Rücklastschrift ${item.endToEndId ?? ''}`.trim(),
      bankTxCode: CODES.charges,
    });
  }

  private wrongCharge(day: BusinessDate): void {
    this.lastWrongCharge = this.book(day, {
      amountCents: -2_500,
      remittance: 'Entgelt Auslandszahlung',
      bankTxCode: CODES.charges,
    });
  }

  private chargeReversal(day: BusinessDate): void {
    const wrong = this.lastWrongCharge;
    if (wrong === undefined) return;
    this.lastWrongCharge = undefined;
    this.book(day, {
      amountCents: -wrong.amountCents,
      valueDate: wrong.valueDate,
      remittance: `Storno Entgelt Auslandszahlung vom ${formatBusinessDate(wrong.bookingDate, 'de')}`,
      reversal: true,
      bankTxCode: CODES.charges,
    });
  }

  private accountFee(day: BusinessDate): void {
    this.book(day, {
      amountCents: -this.rng.pick([1_290, 1_490, 1_990]),
      remittance: `Entgelte Kontoführung ${formatBusinessDate(day, 'de').slice(3)}`,
      bankTxCode: CODES.charges,
    });
  }

  private issueInvoice(customer: number, day: BusinessDate): Invoice {
    const net = this.rng.int(8_000, 850_000);
    const gross = net + roundedPercent(net, 19);
    const number = `${this.config.prefix}-${day.slice(0, 4)}-${String(this.invoiceCounter++).padStart(4, '0')}`;
    return { number, customer, amountCents: gross, openCents: gross };
  }

  private customer(index: number): DemoParty {
    const c = this.config.customers[index];
    if (c === undefined) throw new RangeError(`No customer ${index}`);
    return c;
  }

  private book(
    day: BusinessDate,
    fields: Omit<DemoBooking, 'id' | 'accountIban' | 'bookingDate' | 'valueDate' | 'currency' | 'bankReference'> & {
      valueDate?: BusinessDate;
    },
  ): DemoBooking {
    const sameDay = this.bookings.filter((b) => b.bookingDate === day).length;
    const booking: DemoBooking = {
      id: `${normalizeIban(this.account.iban).slice(-4)}-${compact(day)}-${String(sameDay + 1).padStart(3, '0')}`,
      accountIban: normalizeIban(this.account.iban),
      bookingDate: day,
      currency: this.account.currency,
      bankReference: `${compact(day).slice(2)}${String(this.referenceCounter++).padStart(10, '0')}`,
      ...withoutUndefined(fields),
      valueDate: fields.valueDate ?? day,
    };
    this.bookings.push(booking);
    return booking;
  }
}

function party(p: DemoParty): Pick<DemoBooking, 'counterpartyName' | 'counterpartyIban' | 'counterpartyBic'> {
  return { counterpartyName: p.name, counterpartyIban: normalizeIban(p.iban), ...(p.bic !== undefined ? { counterpartyBic: p.bic } : {}) };
}

/** Drops keys whose value is undefined, so histories compare and serialise cleanly. */
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** `value * percent / 100`, rounded half up, in integers only. */
function roundedPercent(value: Cents, percent: number): Cents {
  const scaled = value * percent + 50;
  return (scaled - (scaled % 100)) / 100;
}

function customerNumber(index: number): string {
  return String(10_001 + index);
}

function compact(day: BusinessDate): string {
  return day.replace(/-/g, '');
}

/** First four ASCII letters of a name, for made-up references. */
function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 4)
      .toUpperCase() || 'KUND'
  ).padEnd(4, 'X');
}
