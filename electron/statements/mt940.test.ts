import { describe, expect, it } from 'vitest';
import type { ParsedFile } from './model';
import { parseStatementBytes } from './parse';
import { parse86 } from './mt940-86';
import { chunksOf, kontorErrorOf, parseChunks } from './test-helpers';

const parse = (text: string | Uint8Array): ParsedFile => parseStatementBytes(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);

/** A German statement: the purpose runs over ?20–?24 with `SVWZ+` cut as `SV` / `WZ+`, and the field wraps at 65 characters inside `?21`. */
const GERMAN_86_LINES = [
  '166?00SEPA-GUTSCHRIFT?10931?20EREF+RE-2025-0815-AB?21MREF+M',
  'ANDAT-77CRED+DE98ZZZ0999?229999999SV?23WZ+Rechnung 2025-0815 vo?24m',
  ' 03.03.2025 Kunde 4711?30BYLADEM1001?31DE02120300000000202051?32M',
  'üller & Söhne GmbH Handel?33sgesellschaft',
];
const GERMAN = [
  ':20:STARTUMS',
  ':25:37040044/0532013000',
  ':28C:00012/001',
  ':60F:C250302EUR1000,00',
  ':61:2503030303C1234,56NTRFNONREF//BANK-1',
  `:86:${GERMAN_86_LINES.join('\n')}`,
  ':61:2503030303D34,56NDDTKREF-9',
  ':86:105?00SEPA-LASTSCHRIFT?20EREF+NOTPROVIDED?21SVWZ+Strom Maerz?32Stadtwerke',
  ':62F:C250303EUR2200,00',
  '-',
].join('\n');

describe('MT940: German layout', () => {
  it('reads header, balances, lines and the :86: sub-fields with SEPA keywords across sub-field and line boundaries', () => {
    const { format, statements } = parse(GERMAN);
    expect(format).toBe('mt940');
    expect(statements).toHaveLength(1);
    const st = statements[0]!;
    expect(st).toMatchObject({
      format: 'mt940',
      kind: 'mt940',
      messageName: 'MT940',
      messageId: 'STARTUMS',
      statementId: 'STARTUMS/00012/001',
      sequenceNumber: '00012/001',
      account: { other: '37040044/0532013000', currency: 'EUR' },
      opening: { type: 'OPBD', amountCents: 100000, currency: 'EUR', date: '2025-03-02' },
      closing: { type: 'CLBD', amountCents: 220000, currency: 'EUR', date: '2025-03-03' },
      balanceCheck: { ok: true, sumCents: 120000, differenceCents: 0 },
      periodFrom: '2025-03-03',
      periodTo: '2025-03-03',
      warnings: [],
    });
    const [credit, debit] = st.lines;
    expect(credit).toMatchObject({
      bookingDate: '2025-03-03',
      valueDate: '2025-03-03',
      amountCents: 123456,
      currency: 'EUR',
      isReversal: false,
      status: 'BOOK',
      bankReference: 'BANK-1',
      bankTxCode: 'NTRF/166',
      bookingText: 'SEPA-GUTSCHRIFT',
      endToEndId: 'RE-2025-0815-AB',
      mandateId: 'MANDAT-77',
      creditorId: 'DE98ZZZ09999999999',
      remittance: 'Rechnung 2025-0815 vom 03.03.2025 Kunde 4711',
      counterparty: { name: 'Müller & Söhne GmbH Handelsgesellschaft', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
    });
    expect(credit!.entryReference).toBeUndefined();
    expect(credit!.transactions).toHaveLength(1);
    expect(debit).toMatchObject({
      amountCents: -3456,
      entryReference: 'KREF-9',
      bankTxCode: 'NDDT/105',
      remittance: 'Strom Maerz',
      counterparty: { name: 'Stadtwerke' },
    });
    expect(debit!.endToEndId).toBeUndefined();
    // raw range: the :61: and its :86:
    const bytes = Buffer.from(GERMAN, 'utf8');
    expect(bytes.subarray(credit!.rawStart, credit!.rawEnd).toString('utf8')).toBe(
      `:61:2503030303C1234,56NTRFNONREF//BANK-1\n:86:${GERMAN_86_LINES.join('\n')}`,
    );
  });

  it('reads Latin-1 (German downloads) as well as UTF-8', () => {
    const latin = parse(Buffer.from(GERMAN, 'latin1'));
    const utf8 = parse(GERMAN);
    expect(latin.statements[0]!.lines[0]!.counterparty?.name).toBe('Müller & Söhne GmbH Handelsgesellschaft');
    // Same content; the byte offsets differ by the umlauts' encodings, and each says what it was read in.
    expect(latin.statements[0]!.encoding).toBe('windows-1252');
    expect(utf8.statements[0]!.encoding).toBe('utf-8');
    const strip = (f: ParsedFile) => f.statements.map((s) => ({ ...s, encoding: '', lines: s.lines.map((l) => ({ ...l, rawStart: 0, rawEnd: 0 })) }));
    expect(strip(latin)).toEqual(strip(utf8));
  });

  it('rolls the entry date over the year end in both directions', () => {
    const text = [
      ':20:X',
      ':25:DE89370400440532013000',
      ':28C:1',
      ':60F:C251230EUR0,00',
      ':61:2512310102C1,00NTRFNONREF',
      ':61:2601021231D1,00NTRFNONREF',
      ':62F:C260102EUR0,00',
    ].join('\r\n');
    const st = parse(text).statements[0]!;
    expect(st.lines.map((l) => [l.valueDate, l.bookingDate])).toEqual([
      ['2025-12-31', '2026-01-02'],
      ['2026-01-02', '2025-12-31'],
    ]);
    expect(st.account.iban).toBe('DE89370400440532013000');
    expect(st.balanceCheck?.ok).toBe(true);
  });

  it('clamps a 30 February value date with a warning', () => {
    const st = parse([':20:X', ':25:1', ':60F:C250228EUR0,00', ':61:2502300230C1,00NTRFNONREF', ':62F:C250228EUR1,00'].join('\n')).statements[0]!;
    expect(st.lines[0]).toMatchObject({ valueDate: '2025-02-28', bookingDate: '2025-02-28' });
    expect(st.warnings).toContain('statement.dateAdjusted');
  });

  it('reads RC/RD reversals: RC is booked as a debit, RD as a credit', () => {
    const st = parse(
      [
        ':20:X',
        ':25:1',
        ':60F:C250301EUR100,00',
        ':61:250303RC10,00NTRFNONREF',
        ':61:250303RD2,50NTRFNONREF',
        ':61:250303CR1,NTRFNONREF',
        ':62F:C250303EUR93,50',
      ].join('\n'),
    ).statements[0]!;
    expect(st.lines.map((l) => [l.amountCents, l.isReversal])).toEqual([
      [-1000, true],
      [250, true],
      [100, false], // C with funds code R
    ]);
    expect(st.balanceCheck?.ok).toBe(true);
  });

  it('refuses a :61: whose amount is not a number, naming the line', () => {
    const e = kontorErrorOf(() => parse([':20:X', ':25:1', ':60F:C250301EUR0,00', ':61:250303CNTRFNONREF', ':62F:C250303EUR0,00'].join('\n')));
    expect(e.code).toBe('statement.malformed');
    expect(e.params.line).toBe(4);
    const bal = kontorErrorOf(() => parse([':20:X', ':25:1', ':60F:C250301EURabc', ':62F:C250303EUR0,00'].join('\n')));
    expect(bal).toMatchObject({ code: 'statement.malformed', params: { line: 3 } });
  });

  it('refuses a file cut before its closing balance, and files without a statement', () => {
    expect(kontorErrorOf(() => parse(GERMAN.slice(0, GERMAN.indexOf(':62F:')))).code).toBe('statement.truncated');
    expect(kontorErrorOf(() => parse(GERMAN.slice(0, GERMAN.indexOf(':61:') + 9))).code).toMatch(/^statement\.(truncated|malformed)$/);
    expect(kontorErrorOf(() => parse(':20:X\n')).code).toBe('statement.noStatement');
    expect(kontorErrorOf(() => parseStatementBytes(Buffer.from(GERMAN), { limits: { maxBytes: 100 } })).code).toBe('statement.tooLarge');
  });
});

describe('MT940: bank wrappers and dialects', () => {
  it('skips SWIFT blocks, ABN/ING header lines, trailers, a Ctrl-Z, soft hyphens and blank lines (CRLF)', () => {
    const text = [
      'ABNANL2A',
      '940',
      'ABNANL2A',
      ':20:ABN AMRO BANK NV',
      ':25:517852257',
      ':28:19321/1',
      ':60F:C110522EUR3236,28',
      '',
      ':61:1105240524D9,N192NONREF',
      ':86:GIRO   428428 KPN BV 10\u00ad-06\u00ad-2010',
      ':62F:C110524EUR3227,28',
      '-',
      '{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{3:}{4:',
      ':20:0000000000',
      ':25:NL53ASNB0781269733',
      ':28C:2/1',
      ':60F:C200102EUR13290,34',
      ':61:2001020102D2000,00NOVBNL29INGB0006475121',
      'j blom',
      ':86:NL29INGB0006475121 j blom',
      ':62F:C200102EUR11290,34',
      '-}{5:}',
      '\u001a',
    ].join('\r\n');
    const f = parse(text);
    expect(f.statements.map((s) => [s.statementId, s.lines.length, s.balanceCheck?.ok])).toEqual([
      ['ABN AMRO BANK NV/19321/1', 1, true],
      ['0000000000/2/1', 1, true],
    ]);
    expect(f.statements[0]!.lines[0]!.remittance).toBe('GIRO   428428 KPN BV 10-06-2010');
    expect(f.statements[1]!.lines[0]).toMatchObject({ entryReference: 'NL29INGB0006475121', supplementaryDetails: 'j blom', bankTxCode: 'NOVB' });
  });

  it('reads MT942: intraday kind, creation time, no balance check', () => {
    const text = [
      ':20:INTRADAY',
      ':25:DE89370400440532013000',
      ':28C:5/1',
      ':34F:EURD0,',
      ':13D:2503031405+0100',
      ':61:250303C5,00NTRFNONREF',
      ':86:166?20Teilzahlung',
      ':90C:1EUR5,00',
      '-',
    ].join('\n');
    const st = parse(text).statements[0]!;
    expect(st).toMatchObject({ kind: 'mt942', messageName: 'MT942', createdAt: '2025-03-03T13:05:00.000Z', balanceCheck: null, periodFrom: '2025-03-03' });
    expect(st.lines[0]).toMatchObject({ amountCents: 500, currency: 'EUR', remittance: 'Teilzahlung' });
  });

  it('reads the Dutch /TAG/ layout, joined across lines cut anywhere', () => {
    const info = parse86(
      [
        '/TRTP/SEPA INCASSO ALGEMEEN DOORLOPEND/CSID/NL36ZZZ123456780000',
        '/NAME/XXXXXXXX B.V./MARF/000000059990/REMI//INV/1511682351 1.1',
        '2.2016/IBAN/NL37DEUT0123456789/BIC/DEUTNL2AXXX/EREF/0123456789123',
        '61000',
      ],
      false,
    );
    expect(info).toMatchObject({
      bookingText: 'SEPA INCASSO ALGEMEEN DOORLOPEND',
      creditorId: 'NL36ZZZ123456780000',
      mandateId: '000000059990',
      remittance: '/INV/1511682351 1.12.2016',
      endToEndId: '012345678912361000',
      counterparty: { name: 'XXXXXXXX B.V.', iban: 'NL37DEUT0123456789', bic: 'DEUTNL2AXXX' },
    });
    expect(parse86(['/EREF/NOTPROVIDED/REMI/x'], true).endToEndId).toBeUndefined();
    // A tag that occurs twice is ambiguous: neither value is used.
    expect(parse86(['/NAME/A/NAME/B/REMI/x'], true).counterparty).toBeUndefined();
  });

  it('keeps other :86: texts as remittance: free text joined at short lines with a space, at full lines without', () => {
    expect(parse86(['/OCMT/USD2853,12/', 'PAYMENT OF INVOICES'], false).remittance).toBe('/OCMT/USD2853,12/PAYMENT OF INVOICES');
    expect(parse86(['PAYMENT OF INVOICES 204011665', 'BENEFICIARY INFO'], false).remittance).toBe('PAYMENT OF INVOICES 204011665 BENEFICIARY INFO');
    const full = 'A'.repeat(64) + 'B';
    expect(parse86([full, 'CDE'], false).remittance).toBe(`${full}CDE`);
    expect(parse86(['999SEPA_CREDIT_TRANSFER:Rechnung 7983'], true)).toEqual({ gvc: '999', remittance: 'SEPA_CREDIT_TRANSFER:Rechnung 7983' });
  });

  it('reads old German purpose lines with spaces and finds the ISO reason of a return', () => {
    expect(parse86(['051?00Gutschrift?10931?20SOME DESCRIPTION?21MORE DESC?3020010020?310012345678?32MEYER'], true)).toMatchObject({
      gvc: '051',
      remittance: 'SOME DESCRIPTION MORE DESC',
      counterparty: { name: 'MEYER', accountOther: '20010020/0012345678' },
    });
    expect(parse86(['109?00RUECKLASTSCHRIFT?20EREF+E2E-1 SVWZ+RUECKGABE?21GRUND AC04 KONTO ERLOSCHEN?34901'], true)).toMatchObject({
      gvc: '109',
      endToEndId: 'E2E-1',
      returnReason: 'AC04',
    });
    expect(parse86(['159?00RETOURE?20SVWZ+Retoure?34MD07'], true).returnReason).toBe('MD07');
    // ABWA+: ultimate debtor of a credit
    expect(parse86(['166?20EREF+1ABWA+Max Mustermann?21SVWZ+Miete'], true)).toMatchObject({
      ultimateCounterparty: { name: 'Max Mustermann' },
      remittance: 'Miete',
    });
  });

  it('finds SEPA keywords only where one ends at a +, BIC too, and joins a repeated one', () => {
    const de = { dialect: 'de-dk' } as const;
    expect(parse86(['166?20EREF+E2E-7XBIC+COBADEFFXXX?21SVWZ+Miete Mai?22IBAN+DE89 3704 0044 0532 0130 00'], true, de)).toEqual({
      gvc: '166',
      endToEndId: 'E2E-7X',
      remittance: 'Miete Mai',
      counterparty: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    });
    // EREF without + is text before BIC+; a keyword met again continues the first, an empty one adds nothing.
    expect(parse86(['105?20EREFBIC+GENODEF1PFK?21EREF+A?22EREF+B?23SVWZ+x+EREF+'], true, de)).toEqual({
      gvc: '105',
      endToEndId: 'AB',
      remittance: 'x+',
      counterparty: { bic: 'GENODEF1PFK' },
    });
    expect(parse86(['166?20SVWZ+Rechnung 42 KREF+K-1 ABWA+Max?21MREF+M-9CRED+DE98ZZZ09999999999'], true, de)).toEqual({
      gvc: '166',
      mandateId: 'M-9',
      creditorId: 'DE98ZZZ09999999999',
      paymentInfoId: 'K-1',
      ultimateCounterparty: { name: 'Max' },
      remittance: 'Rechnung 42',
    });
  });
});

describe('MT940: chunk boundaries', () => {
  const bytes = Buffer.from(GERMAN.replace(/\n/g, '\r\n'), 'latin1');
  const whole = parse(bytes);
  for (const size of [1, 2, 7, 64] as const) {
    it(`gives the same result fed in ${size}-byte chunks`, () => {
      expect(parseChunks(chunksOf(bytes, size))).toEqual(whole);
    });
  }
  it('gives the same result fed in random-size chunks', () => {
    for (let seed = 1; seed <= 20; seed++) expect(parseChunks(chunksOf(bytes, 'random', seed, 40))).toEqual(whole);
  });
});

describe('MT940: old Mac line ends (CR alone)', () => {
  const lines = [
    ':20:STARTUMS',
    ':25:DE89370400440532013000',
    ':28C:1/1',
    ':60F:C261119EUR0,00',
    ':61:2611201120C10,00NTRFNONREF',
    ':86:166?00GUTSCHRIFT?20RE-2026-1 und?21RE-2026-2',
    ':61:2611201120D2,50NMSCNONREF',
    ':86:805?00ENTGELT',
    ':62F:C261120EUR7,50',
    '-',
  ];
  const crlf = parseStatementBytes(new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1')));
  const crOnly = new Uint8Array(Buffer.from(lines.join('\r'), 'latin1'));
  const withoutRaw = (f: ParsedFile) => f.statements.map((s) => ({ ...s, lines: s.lines.map(({ rawStart: _s, rawEnd: _e, ...l }) => l) }));

  it('reads a file whose lines end in CR alone like the same file with CRLF', () => {
    expect(withoutRaw(parseStatementBytes(crOnly))).toEqual(withoutRaw(crlf));
    expect(crlf.statements[0]!.lines.map((l) => l.amountCents)).toEqual([1000, -250]);
  });

  it('gives the same result when a chunk ends right after a CR', () => {
    const whole = parseStatementBytes(crOnly);
    for (let size = 1; size <= 40; size++) expect(parseChunks(chunksOf(crOnly, size))).toEqual(whole);
  });
});
