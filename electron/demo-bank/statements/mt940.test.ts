import { describe, expect, it } from 'vitest';
import { buildMt940, buildMt942, mtAmount, swiftText, type Mt940Options } from './mt940';
import { ACCOUNT, booking, HISTORY, PERIOD } from './test-fixtures';

const OPENING = -12_345;

function mt940(overrides: Partial<Mt940Options> = {}): string {
  return buildMt940({
    account: ACCOUNT,
    bookings: HISTORY,
    ...PERIOD,
    statementNumber: 42,
    openingCents: OPENING,
    transactionReference: 'STARTUMS',
    ...overrides,
  });
}

/** Fields of one message in order, continuation lines joined back on. */
function fields(text: string): Array<{ tag: string; value: string }> {
  const out: Array<{ tag: string; value: string }> = [];
  for (const line of text.split('\r\n')) {
    const m = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    const last = out[out.length - 1];
    if (m) out.push({ tag: m[1] ?? '', value: m[2] ?? '' });
    else if (line !== '-' && line !== '' && last) last.value += line;
  }
  return out;
}

function balanceCents(value: string): number {
  const m = /^([CD])\d{6}[A-Z]{3}(\d+),(\d{2})$/.exec(value);
  if (!m) throw new Error(`bad balance ${value}`);
  const cents = Number(`${m[2]}${m[3]}`);
  return m[1] === 'D' ? -cents : cents;
}

function statementLine(value: string) {
  const m = /^(\d{6})(\d{4})(RC|RD|C|D)(\d+),(\d{2})N([A-Z]{3})(.*?)(?:\/\/(.*))?$/.exec(value);
  if (!m) throw new Error(`bad :61: ${value}`);
  const cents = Number(`${m[4]}${m[5]}`);
  const mark = m[3] ?? '';
  return { valueDate: m[1], entryDate: m[2], mark, cents: mark === 'C' || mark === 'RD' ? cents : -cents, type: m[6], customerRef: m[7], bankRef: m[8] };
}

/** `?20` → content for one :86:. */
function subfields(value: string): { gvc: string; sub: Array<[string, string]> } {
  const parts = value.slice(3).split(/\?(\d{2})/);
  const sub: Array<[string, string]> = [];
  for (let i = 1; i < parts.length; i += 2) sub.push([parts[i] ?? '', parts[i + 1] ?? '']);
  return { gvc: value.slice(0, 3), sub };
}

function onlyBooking(b: ReturnType<typeof booking>) {
  const f = fields(mt940({ bookings: [b], from: b.bookingDate, to: b.bookingDate }));
  const line = f.find((x) => x.tag === '61');
  const info = f.find((x) => x.tag === '86');
  if (!line || !info) throw new Error('no :61:/:86:');
  return { line: statementLine(line.value), info: subfields(info.value) };
}

describe('MT940', () => {
  const text = mt940();

  it('keeps lines within 65 characters, ends each with CRLF and the message with "-"', () => {
    expect(text.endsWith('\r\n-\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Array.from(line).length, line).toBeLessThanOrEqual(65);
    expect(lines.slice(1).filter((l) => l === '-')).toEqual(['-']);
  });

  it('opens with :20:, :25: BLZ/account and :28C:, and adds up: :60F: plus the :61: lines is :62F:', () => {
    const f = fields(text);
    expect(f.slice(0, 4).map((x) => x.tag)).toEqual(['20', '25', '28C', '60F']);
    expect(f[1]?.value).toBe('37040044/0532013000');
    expect(f[2]?.value).toBe('00042/001');
    const opening = balanceCents(f.find((x) => x.tag === '60F')?.value ?? '');
    const closing = balanceCents(f.find((x) => x.tag === '62F')?.value ?? '');
    const lines = f.filter((x) => x.tag === '61').map((x) => statementLine(x.value));
    expect(lines).toHaveLength(HISTORY.length);
    expect(opening).toBe(OPENING);
    expect(closing).toBe(opening + lines.reduce((s, l) => s + l.cents, 0));
    expect(f.filter((x) => x.tag === '86')).toHaveLength(HISTORY.length);
  });

  it('writes the IBAN into :25: on request', () => {
    expect(fields(mt940({ accountId: 'iban' }))[1]?.value).toBe(ACCOUNT.iban);
  });

  it('keeps every :86: subfield within 27 characters and starts it with the GVC', () => {
    for (const info of fields(text).filter((x) => x.tag === '86')) {
      const { gvc, sub } = subfields(info.value);
      expect(gvc).toMatch(/^\d{3}$/);
      expect(sub[0]?.[0]).toBe('00');
      for (const [key, content] of sub) expect(Array.from(content).length, `?${key}${content}`).toBeLessThanOrEqual(27);
    }
  });

  it('writes the SEPA keywords into the purpose and the counterparty into ?30–?33', () => {
    const { line, info } = onlyBooking(
      booking({
        mandateId: 'M-1',
        creditorId: 'DE98ZZZ09999999999',
        bankTxCode: { domain: 'PMNT', family: 'RDDT', subFamily: 'ESDD', gvc: '105' },
        amountCents: -5_000,
      }),
    );
    const sub = new Map(info.sub);
    expect(line.mark).toBe('D');
    expect(line.type).toBe('DDT');
    expect(line.customerRef).toBe('E2E-42');
    expect(info.gvc).toBe('105');
    expect([sub.get('20'), sub.get('21'), sub.get('22'), sub.get('23')]).toEqual(['EREF+E2E-42', 'MREF+M-1', 'CRED+DE98ZZZ09999999999', 'SVWZ+RE-2026-0042']);
    expect(sub.get('30')).toBe('INGDDEFFXXX');
    expect(sub.get('31')).toBe('DE44500105175407324931');
    expect(sub.get('32')).toBe('Muster AG');
  });

  it('splits a long remittance over ?20–?29 and continues it in ?60 onwards', () => {
    const remittance = `RE-2026-0100 ${'Lieferung vom Maerz, '.repeat(15)}`;
    const { info } = onlyBooking(booking({ endToEndId: 'NOTPROVIDED', remittance }));
    const keys = info.sub.map(([k]) => k);
    for (const k of ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60']) expect(keys).toContain(k);
    const purpose = info.sub
      .filter(([k]) => /^[26]\d$/.test(k))
      .map(([, v]) => v)
      .join('');
    expect(purpose.startsWith('SVWZ+RE-2026-0100 Lieferung')).toBe(true);
    expect(remittance.startsWith(purpose.slice(5))).toBe(true);
    expect(keys).toEqual([...keys].sort());
  });

  it('cuts off purpose text beyond ?63 (camt carries it in full)', () => {
    const { info } = onlyBooking(booking({ remittance: 'x'.repeat(600) }));
    const purposeKeys = info.sub.map(([k]) => k).filter((k) => /^[26]\d$/.test(k));
    expect(purposeKeys).toEqual(['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63']);
  });

  it('marks a return of a collection RC with the reason in ?34, and a returned transfer RD', () => {
    const returned = HISTORY.find((b) => b.returnReason === 'MS03');
    if (returned === undefined) throw new Error('no MS03 return in the history');
    const out = onlyBooking(returned);
    expect(out.line.mark).toBe('RC');
    expect(out.line.cents).toBe(returned.amountCents);
    expect(out.line.type).toBe('RTI');
    expect(out.info.gvc).toBe('109');
    expect(new Map(out.info.sub).get('34')).toBe('MS03');

    const back = onlyBooking(
      booking({ amountCents: 9_900, returnReason: 'AC04', bankTxCode: { domain: 'PMNT', family: 'ICDT', subFamily: 'RRTN', gvc: '159' } }),
    );
    expect(back.line.mark).toBe('RD');
    expect(back.line.cents).toBe(9_900);
    expect(new Map(back.info.sub).get('34')).toBe('AC04');
  });

  it('marks a reversal RD when it gives money back and RC when it takes it', () => {
    const reversal = HISTORY.find((b) => b.reversal === true);
    if (reversal === undefined) throw new Error('no reversal in the history');
    expect(onlyBooking(reversal).line.mark).toBe('RD');
    expect(onlyBooking(booking({ reversal: true, amountCents: -700 })).line.mark).toBe('RC');
    expect(onlyBooking(booking()).line.mark).toBe('C');
  });

  it('falls back to NONREF when the end-to-end id is missing, NOTPROVIDED or longer than 16 characters', () => {
    expect(onlyBooking(booking({ endToEndId: 'NOTPROVIDED' })).line.customerRef).toBe('NONREF');
    expect(onlyBooking(booking({ endToEndId: undefined })).line.customerRef).toBe('NONREF');
    expect(onlyBooking(booking({ endToEndId: 'A-VERY-LONG-END-TO-END-ID' })).line.customerRef).toBe('NONREF');
  });

  it('keeps umlauts, maps & to + and never lets a ? into subfield content', () => {
    const { info } = onlyBooking(booking({ counterpartyName: 'Müller & Söhne?', remittance: 'Größe ä? <1> 10 € @ Café' }));
    const sub = new Map(info.sub);
    expect(sub.get('32')).toBe('Müller + Söhne.');
    expect(sub.get('20')).toBe('EREF+E2E-42');
    expect(sub.get('21')).toBe('SVWZ+Größe ä. (1) 10 EUR (a');
    expect(sub.get('22')).toBe('t) Cafe');
    expect(text).toMatch(/^[\r\nA-Za-z0-9/\-?:().,'+ ÄÖÜäöüß]*$/);
  });

  it('never starts a continuation line with ":" or "-"', () => {
    const tricky = booking({ remittance: `${'x'.repeat(34)}::--::--${'-'.repeat(60)}:` });
    const lines = mt940({ bookings: [tricky], from: '2026-03-10', to: '2026-03-10' }).split('\r\n');
    const body = lines.slice(
      lines.findIndex((l) => l.startsWith(':86:')) + 1,
      lines.findIndex((l) => l.startsWith(':62F:')),
    );
    expect(body.length).toBeGreaterThan(0);
    for (const l of body) expect(l[0], l).not.toMatch(/[:-]/);
  });

  it('formats amounts with a decimal comma from integer cents', () => {
    expect(mtAmount(0)).toBe('0,00');
    expect(mtAmount(5)).toBe('0,05');
    expect(mtAmount(-123_456)).toBe('1234,56');
    expect(swiftText('Straße {1}; a_b')).toBe('Straße (1), a-b');
  });
});

describe('MT942', () => {
  const day = HISTORY.find((b) => b.bookingDate >= '2026-04-01')?.bookingDate ?? PERIOD.to;
  const report = (floorLimitCents?: number) =>
    buildMt942({
      account: ACCOUNT,
      bookings: HISTORY,
      from: day,
      to: day,
      statementNumber: 7,
      transactionReference: 'STARTDISP',
      createdAt: `${day}T08:05:00Z`,
      floorLimitCents,
    });

  it('reports floor limit, German local time and counts and sums of debits and credits', () => {
    const f = fields(report());
    expect(f.map((x) => x.tag).slice(0, 5)).toEqual(['20', '25', '28C', '34F', '13D']);
    expect(f.find((x) => x.tag === '34F')?.value).toBe('EUR0,00');
    expect(f.find((x) => x.tag === '13D')?.value).toBe(`${day.slice(2).replace(/-/g, '')}1005+0200`);
    expect(f.some((x) => x.tag === '60F' || x.tag === '62F')).toBe(false);
    const lines = f.filter((x) => x.tag === '61').map((x) => statementLine(x.value));
    const expected = HISTORY.filter((b) => b.bookingDate === day);
    expect(lines.map((l) => l.cents)).toEqual(expected.map((b) => b.amountCents));
    const debits = lines.filter((l) => l.cents < 0);
    const credits = lines.filter((l) => l.cents > 0);
    expect(f.find((x) => x.tag === '90D')?.value).toBe(`${debits.length}EUR${mtAmount(debits.reduce((s, l) => s - l.cents, 0))}`);
    expect(f.find((x) => x.tag === '90C')?.value).toBe(`${credits.length}EUR${mtAmount(credits.reduce((s, l) => s + l.cents, 0))}`);
  });

  it('leaves out bookings below the floor limit', () => {
    const limit = 100_000;
    const f = fields(report(limit));
    expect(f.find((x) => x.tag === '34F')?.value).toBe('EUR1000,00');
    for (const l of f.filter((x) => x.tag === '61').map((x) => statementLine(x.value))) expect(Math.abs(l.cents)).toBeGreaterThanOrEqual(limit);
  });
});
