import { describe, expect, it } from 'vitest';
import { seeded } from '../../test/bench/figure';
import { isKontorError } from '../../shared/errors';
import type { ParsedFile } from './model';
import { detectStatementFormat, parseStatementBytes } from './parse';
import { chunksOf, kontorErrorOf, parseChunks } from './test-helpers';

const NS = (kind: string, v: string) => `urn:iso:std:iso:20022:tech:xsd:${kind}.001.${v}`;

function doc(body: string, opts: { ns?: string; msg?: string; decl?: string; prefix?: string } = {}): string {
  const ns = opts.ns ?? NS('camt.053', '08');
  const msg = opts.msg ?? 'BkToCstmrStmt';
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const xmlns = opts.prefix ? `xmlns:${opts.prefix}` : 'xmlns';
  return `${opts.decl ?? '<?xml version="1.0" encoding="UTF-8"?>'}
<${p}Document ${xmlns}="${ns}">
  <${p}${msg}>
    <${p}GrpHdr><${p}MsgId>MSG-1</${p}MsgId><${p}CreDtTm>2025-03-04T06:00:00+01:00</${p}CreDtTm></${p}GrpHdr>
${body}
  </${p}${msg}>
</${p}Document>
`;
}

const ACCT = `<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>Kontor Demo GmbH</Nm></Ownr><Svcr><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Svcr></Acct>`;
const bal = (code: string, amt: string, cdi = 'CRDT', date = '2025-03-03') =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${cdi}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;

/** A v08 credit with one TxDtls: Pty wrappers, BICFI, SEPA creditor id, two Ustrd lines. */
const CREDIT_V08 = `<Ntry>
  <NtryRef>1</NtryRef>
  <Amt Ccy="EUR">1234.50</Amt>
  <CdtDbtInd>CRDT</CdtDbtInd>
  <RvslInd>false</RvslInd>
  <Sts><Cd>BOOK</Cd></Sts>
  <BookgDt><DtTm>2025-03-03T23:30:00-05:00</DtTm></BookgDt>
  <ValDt><Dt>2025-03-04</Dt></ValDt>
  <AcctSvcrRef>BANKREF-1</AcctSvcrRef>
  <BkTxCd>
    <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
    <Prtry><Cd>NTRF+166+00931</Cd><Issr>DK</Issr></Prtry>
  </BkTxCd>
  <NtryDtls><TxDtls>
    <Refs><EndToEndId>E2E-1</EndToEndId><MndtId>M-1</MndtId><PmtInfId>P-1</PmtInfId><InstrId>I-1</InstrId><UETR>0b0c2a37-1f9e-4b3a-9c1e-3a1b2c3d4e5f</UETR></Refs>
    <Amt Ccy="EUR">1234.50</Amt><CdtDbtInd>CRDT</CdtDbtInd>
    <RltdPties>
      <Dbtr><Pty><Nm>Müller &amp; Söhne</Nm></Pty></Dbtr>
      <DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct>
      <Cdtr><Pty><Nm>Kontor Demo GmbH</Nm><Id><PrvtId><Othr><Id>DE98ZZZ09999999999</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></Pty></Cdtr>
      <CdtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></CdtrAcct>
      <UltmtDbtr><Pty><Nm>Ultimate Payer</Nm></Pty></UltmtDbtr>
    </RltdPties>
    <RltdAgts><DbtrAgt><FinInstnId><BICFI>BYLADEM1001</BICFI></FinInstnId></DbtrAgt></RltdAgts>
    <Purp><Cd>SUPP</Cd></Purp>
    <RmtInf><Ustrd>Rechnung 4711</Ustrd><Ustrd>und 4712</Ustrd><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf>
  </TxDtls></NtryDtls>
  <AddtlNtryInf>SEPA-Gutschrift</AddtlNtryInf>
</Ntry>`;

const DEBIT_RETURN = `<Ntry>
  <Amt Ccy="EUR">50.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
  <BookgDt><Dt>2025-03-03</Dt></BookgDt><ValDt><Dt>2025-03-03</Dt></ValDt>
  <BkTxCd><Prtry><Cd>NRTI+109+00931</Cd><Issr>DK</Issr></Prtry></BkTxCd>
  <Chrgs><Amt Ccy="EUR">3.00</Amt></Chrgs>
  <NtryDtls><TxDtls>
    <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
    <RltdPties><Dbtr><Nm>Payer AG</Nm></Dbtr><DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct><Cdtr><Nm>Kontor Demo GmbH</Nm></Cdtr></RltdPties>
    <RtrInf><Rsn><Cd>MD06</Cd></Rsn></RtrInf>
  </TxDtls></NtryDtls>
</Ntry>`;

const BATCH = `<Ntry>
  <Amt Ccy="EUR">30.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
  <BookgDt><Dt>2025-03-03</Dt></BookgDt>
  <NtryDtls>
    <Btch><PmtInfId>PMT-BATCH</PmtInfId><NbOfTxs>2</NbOfTxs></Btch>
    <TxDtls><Refs><EndToEndId>A</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Cdtr><Nm>One</Nm></Cdtr><CdtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></CdtrAcct></RltdPties><RmtInf><Ustrd>same text</Ustrd></RmtInf></TxDtls>
    <TxDtls><Refs><EndToEndId>B</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">20.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Cdtr><Nm>Two</Nm></Cdtr></RltdPties><RmtInf><Ustrd>same text</Ustrd></RmtInf></TxDtls>
  </NtryDtls>
</Ntry>`;

const PENDING = `<Ntry><Amt Ccy="EUR">999.99</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2025-03-03</Dt></BookgDt></Ntry>`;

function stmt(entries: string, balances = bal('PRCD', '100.00') + bal('CLBD', '1334.50', 'CRDT', '2025-03-04')): string {
  return `<Stmt><Id>STMT-1</Id><ElctrncSeqNb>17</ElctrncSeqNb><LglSeqNb>3</LglSeqNb><CreDtTm>2025-03-04T06:00:00+01:00</CreDtTm>
${ACCT}${balances}
${entries}
<AddtlStmtInf>Hinweis</AddtlStmtInf></Stmt>`;
}

const parse = (xml: string | Uint8Array): ParsedFile => parseStatementBytes(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml);

describe('camt: the model', () => {
  it('reads a v08 statement: header, balances, a credit with Pty wrappers and BICFI', () => {
    const xml = doc(stmt(CREDIT_V08));
    const { format, statements } = parse(xml);
    expect(format).toBe('camt');
    expect(statements).toHaveLength(1);
    const st = statements[0]!;
    expect(st).toMatchObject({
      format: 'camt',
      kind: 'camt.053',
      messageName: 'camt.053.001.08',
      messageId: 'MSG-1',
      statementId: 'STMT-1',
      sequenceNumber: '17',
      createdAt: '2025-03-04T05:00:00.000Z',
      account: { iban: 'DE89370400440532013000', currency: 'EUR', ownerName: 'Kontor Demo GmbH', bic: 'COBADEFFXXX' },
      opening: { type: 'PRCD', amountCents: 10000, currency: 'EUR', date: '2025-03-03' },
      closing: { type: 'CLBD', amountCents: 133450, date: '2025-03-04' },
      balanceCheck: { ok: true, openingCents: 10000, sumCents: 123450, closingCents: 133450, differenceCents: 0 },
      periodFrom: '2025-03-03',
      periodTo: '2025-03-04',
      additionalInfo: 'Hinweis',
      warnings: [],
    });
    const line = st.lines[0]!;
    // The booking date is the business date as written, not converted to UTC (that would be 4 March).
    expect(line).toMatchObject({
      bookingDate: '2025-03-03',
      valueDate: '2025-03-04',
      amountCents: 123450,
      currency: 'EUR',
      isReversal: false,
      status: 'BOOK',
      entryReference: '1',
      bankReference: 'BANKREF-1',
      bankTxCode: 'PMNT/RCDT/ESCT',
      bankTxCodeProprietary: 'DK:NTRF+166+00931',
      bookingText: 'SEPA-Gutschrift',
      counterparty: { name: 'Müller & Söhne', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
      remittance: 'Rechnung 4711 und 4712 RF18539007547034',
      creditorReference: 'RF18539007547034',
      endToEndId: 'E2E-1',
      mandateId: 'M-1',
      creditorId: 'DE98ZZZ09999999999',
    });
    expect(line.batchCount).toBeUndefined();
    expect(line.transactions).toEqual([
      {
        amountCents: 123450,
        currency: 'EUR',
        endToEndId: 'E2E-1',
        mandateId: 'M-1',
        paymentInfoId: 'P-1',
        instructionId: 'I-1',
        uetr: '0b0c2a37-1f9e-4b3a-9c1e-3a1b2c3d4e5f',
        counterparty: { name: 'Müller & Söhne', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
        ultimateCounterparty: { name: 'Ultimate Payer' },
        creditorId: 'DE98ZZZ09999999999',
        remittance: 'Rechnung 4711 und 4712 RF18539007547034',
        creditorReference: 'RF18539007547034',
        purposeCode: 'SUPP',
      },
    ]);
    // The raw range is exactly the <Ntry> element.
    const raw = Buffer.from(xml, 'utf8').subarray(line.rawStart, line.rawEnd).toString('utf8');
    expect(raw).toBe(CREDIT_V08);
  });

  it('reads reversals, returns, charges and NOTPROVIDED', () => {
    const st = parse(doc(stmt(DEBIT_RETURN, bal('OPBD', '100.00') + bal('CLBD', '50.00')))).statements[0]!;
    const line = st.lines[0]!;
    expect(line).toMatchObject({ amountCents: -5000, isReversal: true, chargesCents: 300, returnReason: 'MD06', bankTxCode: 'DK:NRTI+109+00931' });
    expect(line.endToEndId).toBeUndefined();
    // A reversed credit: the other side is the original debtor.
    expect(line.counterparty).toEqual({ name: 'Payer AG', iban: 'DE02120300000000202051' });
    expect(st.balanceCheck?.ok).toBe(true);
  });

  it('reads a batch: count, payment information id and only the common fields', () => {
    const st = parse(doc(stmt(BATCH, bal('OPBD', '100.00') + bal('CLBD', '70.00')))).statements[0]!;
    const line = st.lines[0]!;
    expect(line.batchCount).toBe(2);
    expect(line.batchPaymentInfoId).toBe('PMT-BATCH');
    expect(line.remittance).toBe('same text');
    expect(line.endToEndId).toBeUndefined();
    expect(line.counterparty).toBeUndefined();
    expect(line.transactions.map((t) => [t.amountCents, t.endToEndId, t.counterparty?.name])).toEqual([
      [-1000, 'A', 'One'],
      [-2000, 'B', 'Two'],
    ]);
  });

  it('leaves pending lines out of the balance check', () => {
    const st = parse(doc(stmt(CREDIT_V08 + PENDING))).statements[0]!;
    expect(st.lines.map((l) => l.status)).toEqual(['BOOK', 'PDNG']);
    expect(st.balanceCheck).toMatchObject({ ok: true, sumCents: 123450 });
  });

  it('flags a statement that does not add up, without throwing', () => {
    const st = parse(doc(stmt(CREDIT_V08, bal('OPBD', '100.00') + bal('CLBD', '1334.49')))).statements[0]!;
    expect(st.balanceCheck).toMatchObject({ ok: false, differenceCents: -1 });
    expect(st.warnings).toContain('statement.balanceMismatch');
  });

  it('camt.052 and camt.054 without closing balance: no check; several reports per file', () => {
    const rpt = (id: string) => `<Rpt><Id>${id}</Id>${ACCT}${bal('ITBD', '5.00')}${CREDIT_V08}</Rpt>`;
    const f = parse(doc(rpt('R1') + rpt('R2'), { ns: NS('camt.052', '02'), msg: 'BkToCstmrAcctRpt' }));
    expect(f.statements.map((s) => [s.kind, s.messageName, s.statementId, s.balanceCheck, s.lines.length])).toEqual([
      ['camt.052', 'camt.052.001.02', 'R1', null, 1],
      ['camt.052', 'camt.052.001.02', 'R2', null, 1],
    ]);
    const n = parse(doc(`<Ntfctn><Id>N1</Id>${ACCT}${CREDIT_V08}</Ntfctn>`, { ns: NS('camt.054', '10'), msg: 'BkToCstmrDbtCdtNtfctn' }));
    expect(n.statements[0]).toMatchObject({ kind: 'camt.054', messageName: 'camt.054.001.10', balanceCheck: null });
  });

  it('matches elements by local name (namespace prefixes), and reads version 01 message names', () => {
    const a = parse(doc(stmt(CREDIT_V08), { prefix: 'ns2' }));
    const b = parse(doc(stmt(CREDIT_V08)));
    expect(a.statements[0]!.lines[0]!.amountCents).toBe(123450);
    expect({ ...a.statements[0], lines: [] }).toEqual({ ...b.statements[0], lines: [] });
    const v1 = parse(doc(stmt(CREDIT_V08), { ns: NS('camt.053', '01'), msg: 'BkToCstmrStmtV01' }));
    expect(v1.statements[0]!.messageName).toBe('camt.053.001.01');
  });

  it('keeps amounts in ISO 4217 minor units and flags lost precision', () => {
    const entry = (amt: string, ccy: string) => `<Ntry><Amt Ccy="${ccy}">${amt}</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2025-03-03</Dt></BookgDt></Ntry>`;
    const st = parse(doc(stmt(entry('2700', 'JPY') + entry('1.234', 'KWD') + entry('8.850', 'EUR'), ''))).statements[0]!;
    expect(st.lines.map((l) => l.amountCents)).toEqual([2700, 1234, 885]);
    expect(st.warnings).not.toContain('statement.amountPrecision');
    const lossy = parse(doc(stmt(entry('5442.09500', 'RON'), ''))).statements[0]!;
    expect(lossy.lines[0]!.amountCents).toBe(544210); // rounded half up
    expect(lossy.warnings).toContain('statement.amountPrecision');
  });

  it('tolerates odd timestamps, a missing booking date and misplaced elements', () => {
    const entry = `<Ntry><NtryDtls><TxDtls><Refs><EndToEndId>X</EndToEndId></Refs></TxDtls></NtryDtls><CdtDbtInd>DBIT</CdtDbtInd><ValDt><Dt>2019-07-19</Dt></ValDt><Amt Ccy="EUR">5.00</Amt><NtryRef>late</NtryRef></Ntry>`;
    const body = `<Stmt><Id>S</Id><CreDtTm>2019-08-09T11:17:11:735</CreDtTm>${ACCT}${entry}</Stmt>`;
    const st = parse(doc(body)).statements[0]!;
    expect(st.createdAt).toBe('2019-08-09T11:17:11.735Z');
    expect(st.lines[0]).toMatchObject({ bookingDate: '2019-07-19', amountCents: -500, entryReference: 'late', endToEndId: 'X' });
    expect(st.warnings).toContain('statement.bookingDateMissing');
    const nine = parse(doc(`<Stmt><Id>S</Id>${bal('OPBD', '1.00').replace('<Dt>2025-03-03</Dt>', '<DtTm>2025-07-23T00:00:00.000000000</DtTm>')}</Stmt>`))
      .statements[0]!;
    expect(nine.opening?.date).toBe('2025-07-23');
  });

  it('honours an ISO-8859-1 declaration', () => {
    const xml = doc(stmt(CREDIT_V08), { decl: '<?xml version="1.0" encoding="ISO-8859-1"?>' });
    const st = parse(Buffer.from(xml, 'latin1')).statements[0]!;
    expect(st.lines[0]!.counterparty?.name).toBe('Müller & Söhne');
  });

  it('strips a BOM and keeps byte offsets exact with multi-byte characters before an entry', () => {
    const xml = doc(stmt(CREDIT_V08));
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]);
    const line = parse(bytes).statements[0]!.lines[0]!;
    expect(bytes.subarray(line.rawStart, line.rawEnd).toString('utf8')).toBe(CREDIT_V08);
  });

  it('reads CDATA, comments, processing instructions, single-quoted attributes and character references', () => {
    const entry = `<Ntry><!-- a comment with <Amt> inside --><Amt Ccy='EUR'>1.00</Amt><?bank note?><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2025-03-03</Dt></BookgDt>
      <NtryDtls><TxDtls><RmtInf><Ustrd><![CDATA[a <b> & c]]> &#x20AC;&#8364;&lt;&gt;&quot;&apos;</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
    const line = parse(doc(stmt(entry, ''))).statements[0]!.lines[0]!;
    expect(line.remittance).toBe('a <b> & c €€<>"\'');
  });

  it('keeps an unknown entity as written, with a warning', () => {
    const entry = `<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2025-03-03</Dt></BookgDt><NtryDtls><TxDtls><RmtInf><Ustrd>A&nbsp;B & C</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
    const st = parse(doc(stmt(entry, ''))).statements[0]!;
    expect(st.lines[0]!.remittance).toBe('A&nbsp;B & C');
    expect(st.warnings).toContain('statement.unknownEntity');
  });

  it('detects the format from the first bytes', () => {
    expect(detectStatementFormat(Buffer.from('\ufeff  <?xml version="1.0"?><Document/>'))).toBe('camt');
    expect(detectStatementFormat(Buffer.from('ABNANL2A\r\n940\r\nABNANL2A\r\n:20:ABN AMRO BANK NV\r\n'))).toBe('mt940');
    expect(detectStatementFormat(Buffer.from('{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{3:}{4:\n:20:1'))).toBe('mt940');
    expect(detectStatementFormat(Buffer.from('<!DOCTYPE html><html>'))).toBeNull();
    expect(detectStatementFormat(Buffer.from('Datum;Betrag\n'))).toBeNull();
    expect(detectStatementFormat(new Uint8Array(0))).toBeNull();
  });
});

describe('camt: refused and hostile files', () => {
  const good = doc(stmt(CREDIT_V08 + DEBIT_RETURN + BATCH, bal('OPBD', '100.00') + bal('CLBD', '1254.50')));

  it('refuses any DOCTYPE: billion laughs and external entities', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Document xmlns="${NS('camt.053', '08')}">&lol2;</Document>`;
    expect(kontorErrorOf(() => parse(laughs)).code).toBe('statement.entitiesRefused');
    const external = `<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document xmlns="${NS('camt.053', '08')}"><BkToCstmrStmt><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr></BkToCstmrStmt></Document>`;
    expect(kontorErrorOf(() => parse(external)).code).toBe('statement.entitiesRefused');
    const inside = doc(stmt(`<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">${CREDIT_V08}`));
    expect(kontorErrorOf(() => parse(inside)).code).toBe('statement.entitiesRefused');
  });

  it('refuses a truncated file at every cut point with a typed error, never a partial result', () => {
    const bytes = Buffer.from(good, 'utf8');
    const end = good.lastIndexOf('</Document>');
    for (let cut = 1; cut < end; cut += 7) {
      const e = kontorErrorOf(() => parse(bytes.subarray(0, cut)));
      expect(['statement.truncated', 'statement.malformed', 'statement.notAStatement', 'statement.noStatement'], `cut at ${cut}: ${e.code}`).toContain(e.code);
    }
    for (const cut of [good.indexOf('</Ntry>') + 3, good.indexOf('<Stmt>') + 3, end + 4]) {
      expect(kontorErrorOf(() => parse(bytes.subarray(0, cut))).code).toMatch(/^statement\.(truncated|malformed)$/);
    }
  });

  it('enforces the limits: bytes, depth, text length', () => {
    const bytes = Buffer.from(good, 'utf8');
    expect(kontorErrorOf(() => parseStatementBytes(bytes, { limits: { maxBytes: 1000 } })).code).toBe('statement.tooLarge');
    expect(kontorErrorOf(() => parseChunks(chunksOf(bytes, 100), { maxBytes: 1000 })).code).toBe('statement.tooLarge');
    const deep = doc(stmt(`<Ntry>${'<X>'.repeat(200)}${'</X>'.repeat(200)}</Ntry>`));
    expect(kontorErrorOf(() => parse(deep)).code).toBe('statement.tooDeep');
    const long = doc(stmt(`<Ntry><AddtlNtryInf>${'x'.repeat(5000)}</AddtlNtryInf></Ntry>`));
    expect(kontorErrorOf(() => parseStatementBytes(Buffer.from(long), { limits: { maxTextLength: 1000 } })).code).toBe('statement.textTooLong');
    const longComment = doc(stmt(`<!--${'x'.repeat(20_000)}`));
    expect(kontorErrorOf(() => parseChunks(chunksOf(Buffer.from(longComment), 64), { maxTextLength: 1000 })).code).toBe('statement.textTooLong');
  });

  it('reads text that is not the UTF-8 it declares in the code page its bytes fit, with a warning; refuses UTF-16 and unknown encodings', () => {
    const bytes = Buffer.from(good, 'utf8');
    const at = bytes.indexOf('Müller');
    const latin = Buffer.concat([bytes.subarray(0, at + 1), Buffer.from([0xfc]), bytes.subarray(at + 3)]);
    const st = parse(latin).statements[0]!;
    expect(JSON.stringify(st.lines)).toContain('Müller');
    expect(st.warnings).toContain('statement.encodingMismatch');
    expect(st.encoding).toBe('windows-1252');
    expect(kontorErrorOf(() => parse(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]))).code).toBe('statement.encoding');
    expect(kontorErrorOf(() => parse(good.replace('UTF-8', 'x-unknown-charset'))).code).toBe('statement.encoding');
  });

  it('refuses what is not a statement', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    expect(kontorErrorOf(() => parse(png)).code).toBe('statement.notAStatement');
    const rand = seeded(7);
    const random = Buffer.from(Array.from({ length: 5000 }, () => Math.floor(rand() * 256)));
    expect(kontorErrorOf(() => parse(random)).code).toBe('statement.notAStatement');
    expect(kontorErrorOf(() => parse('')).code).toBe('statement.notAStatement');
    expect(kontorErrorOf(() => parse('<html><body>Login</body></html>')).code).toBe('statement.notAStatement');
    expect(kontorErrorOf(() => parse('<?xml version="1.0"?><Invoice/>')).code).toBe('statement.notAStatement');
    const pain = doc('<PmtInf/>', { ns: NS('pain.001', '09'), msg: 'CstmrCdtTrfInitn' });
    expect(kontorErrorOf(() => parse(pain))).toMatchObject({ code: 'statement.unsupportedMessage', params: { messageName: 'pain.001.001.09' } });
    expect(kontorErrorOf(() => parse(doc(stmt(CREDIT_V08), { ns: NS('camt.053', '13') }))).code).toBe('statement.unsupportedMessage');
    expect(kontorErrorOf(() => parse(doc('', {}))).code).toBe('statement.noStatement');
  });

  it('refuses malformed XML', () => {
    const cases = [
      doc(stmt(CREDIT_V08)).replace('</NtryRef>', '</NtryRf>'),
      doc(stmt(CREDIT_V08)).replace('<Amt Ccy="EUR">1234.50</Amt>', '<Amt Ccy=EUR>1234.50</Amt>'),
      `${doc(stmt(CREDIT_V08))}<Document/>`,
      doc(stmt(CREDIT_V08)).replace('&amp;', '&#0;'),
      doc(stmt(CREDIT_V08)).replace('<Amt Ccy="EUR">1234.50</Amt>', '<Amt Ccy="EUR">12x4.50</Amt>'),
      doc(stmt(CREDIT_V08)).replace('<CdtDbtInd>CRDT</CdtDbtInd>\n  <RvslInd>', '<RvslInd>'),
      // never dropped silently: bookings where no booking belongs
      doc(stmt('') + CREDIT_V08),
      doc(stmt(`<Wrapper>${CREDIT_V08}</Wrapper>`)),
    ];
    for (const xml of cases) expect(kontorErrorOf(() => parse(xml)).code).toBe('statement.malformed');
  });

  it('mini-fuzz: 300 seeded mutations only ever end in a KontorError or a result', () => {
    const base = Buffer.from(good, 'utf8');
    const rand = seeded(20250304);
    const pieces = ['<', '>', '</', '/>', '&', '&amp;', '&#', ']]>', '<![CDATA[', '<!--', '"', "'", '=', '\u00e4', '<Ntry>', '</Ntry>', '<Stmt>', '\0'];
    let errors = 0;
    for (let k = 0; k < 300; k++) {
      let m: Buffer = Buffer.from(base);
      const ops = 1 + Math.floor(rand() * 4);
      for (let o = 0; o < ops; o++) {
        const at = Math.floor(rand() * m.length);
        const kind = rand();
        if (kind < 0.3) m[at] = Math.floor(rand() * 256);
        else if (kind < 0.55) m = Buffer.concat([m.subarray(0, at), m.subarray(Math.min(m.length, at + 1 + Math.floor(rand() * 40)))]);
        else if (kind < 0.85) m = Buffer.concat([m.subarray(0, at), Buffer.from(pieces[Math.floor(rand() * pieces.length)]!, 'utf8'), m.subarray(at)]);
        else m = m.subarray(0, at);
      }
      try {
        const f = parseChunks(chunksOf(m, 'random', k, 300));
        expect(f.statements.length).toBeGreaterThan(0);
      } catch (e) {
        if (!isKontorError(e)) throw e;
        expect(e.code).toMatch(/^statement\./);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });
});

describe('camt: chunk boundaries', () => {
  const xml = Buffer.from(doc(stmt(CREDIT_V08 + DEBIT_RETURN + BATCH + PENDING, bal('OPBD', '100.00') + bal('CLBD', '1254.50'))), 'utf8');
  const whole = parse(xml);
  for (const size of [1, 2, 3, 7, 64] as const) {
    it(`gives the same result fed in ${size}-byte chunks`, () => {
      expect(parseChunks(chunksOf(xml, size))).toEqual(whole);
    });
  }
  it('gives the same result fed in random-size chunks', () => {
    for (let seed = 1; seed <= 20; seed++) expect(parseChunks(chunksOf(xml, 'random', seed))).toEqual(whole);
  });
});
