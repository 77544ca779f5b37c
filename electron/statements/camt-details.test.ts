/**
 * camt details real banks send and parsers get wrong ("What was seen" 8 in
 * issue 18), on a German bank's camt.053.001.08 written for this test
 * (samples/camt053-de-v08.xml), and the same bookings in camt.052, .053 and
 * .054 of every version from .02 to .08, in each version's element shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedLine, ParsedStatement } from './model';
import { parseStatementBytes } from './parse';

const st: ParsedStatement = parseStatementBytes(readFileSync(join(import.meta.dirname, 'samples', 'camt053-de-v08.xml'))).statements[0]!;
const [sddReturn, batch, transfer] = st.lines as [ParsedLine, ParsedLine, ParsedLine];

describe('camt what was seen (issue 18, item 8)', () => {
  it('names the original debtor as counterparty of a returned direct debit, not the creditor (us)', () => {
    expect(sddReturn.amountCents).toBe(-5240);
    expect(sddReturn.counterparty).toEqual({ name: 'Erika Mustermann', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' });
  });

  it('keeps a balance without date, dated by the statement and marked', () => {
    expect(st.opening).toEqual({ type: 'PRCD', amountCents: 1000000, currency: 'EUR', date: '2026-03-12' });
    expect(st.balanceCheck).toMatchObject({ ok: true, closingCents: 1143760 });
    expect(st.warnings).toEqual(['statement.balanceDateMissing']);
  });

  it("keeps the German bank's booking id (Refs/Prtry FI-UMSATZ-ID) and a creditor id without scheme name", () => {
    expect(sddReturn.bankTransactionId).toBe('2026-03-12-09.25.19.222641');
    expect(sddReturn.transactions[0]!.proprietaryRefs).toEqual([{ type: 'FI-UMSATZ-ID', ref: '2026-03-12-09.25.19.222641' }]);
    expect(transfer.bankTransactionId).toBe('2026-03-12-11.02.44.100000');
    expect(sddReturn.creditorId).toBe('DE98ZZZ09999999999');
  });

  it('keeps the return reason text and the charges inside the transaction details', () => {
    expect(sddReturn).toMatchObject({ returnReason: 'MD06', returnReasonText: 'Rueckgabe wegen Widerspruchs des Zahlungspflichtigen', chargesCents: 300 });
    expect(sddReturn.transactions[0]).toMatchObject({
      charges: [{ amountCents: 300, currency: 'EUR', included: true, type: 'RUECKGABEENTGELT' }],
      originalAmountCents: 4940,
      originalCurrency: 'EUR',
    });
  });

  it('keeps a bank code that comes without an account number, and the batch with each transaction', () => {
    expect(batch).toMatchObject({ amountCents: 30000, batchCount: 2, batchPaymentInfoId: 'PMTINF-0312' });
    expect(batch.transactions.map((t) => [t.amountCents, t.endToEndId, t.counterparty?.name])).toEqual([
      [20000, 'KONTOR-2026-0051', 'Tischlerei Holzwurm'],
      [10000, 'KONTOR-2026-0052', 'Hans Meier'],
    ]);
    expect(batch.transactions[1]!.counterparty).toEqual({ name: 'Hans Meier', bankCode: '37040044' });
  });

  it('keeps a 16-character reference with a double space whole', () => {
    expect(sddReturn.entryReference).toBe('AB  CD1234567890');
  });
});

type Kind = '052' | '053' | '054';
const ROOTS: Record<Kind, [string, string]> = {
  '052': ['BkToCstmrAcctRpt', 'Rpt'],
  '053': ['BkToCstmrStmt', 'Stmt'],
  '054': ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'],
};

/** The same three bookings in the element shapes of one camt message and version. */
function camt(kind: Kind, v: number): string {
  const [root, rec] = ROOTS[kind];
  const sts = v >= 6 ? '<Sts><Cd>BOOK</Cd></Sts>' : '<Sts>BOOK</Sts>';
  const bic = (b: string) => (v >= 4 ? `<BICFI>${b}</BICFI>` : `<BIC>${b}</BIC>`);
  const who = (role: string, name: string, extra = '') =>
    v >= 8 ? `<${role}><Pty><Nm>${name}</Nm>${extra}</Pty></${role}>` : `<${role}><Nm>${name}</Nm>${extra}</${role}>`;
  const amount = (a: string, cd: string) =>
    v >= 3 ? `<Amt Ccy="EUR">${a}</Amt><CdtDbtInd>${cd}</CdtDbtInd>` : `<AmtDtls><TxAmt><Amt Ccy="EUR">${a}</Amt></TxAmt></AmtDtls>`;
  const charges =
    v === 2
      ? '<Chrgs><Amt Ccy="EUR">2.50</Amt></Chrgs>'
      : '<Chrgs><TtlChrgsAndTaxAmt Ccy="EUR">2.50</TtlChrgsAndTaxAmt><Rcrd><Amt Ccy="EUR">2.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><ChrgInclInd>false</ChrgInclInd></Rcrd></Chrgs>';
  const balances =
    kind === '053'
      ? `<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-12</Dt></Dt></Bal>
         <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1197.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-12</Dt></Dt></Bal>`
      : '';
  const entry = (amt: string, cd: string, inner: string, extra = '') =>
    `<Ntry><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${cd}</CdtDbtInd>${sts}<BookgDt><Dt>2026-03-12</Dt></BookgDt><ValDt><Dt>2026-03-12</Dt></ValDt>${extra}<NtryDtls>${inner}</NtryDtls></Ntry>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${kind}.001.0${v}"><${root}>
<GrpHdr><MsgId>M-${kind}-${v}</MsgId><CreDtTm>2026-03-12T18:00:00</CreDtTm></GrpHdr>
<${rec}><Id>R-${kind}-${v}</Id><CreDtTm>2026-03-12T18:00:00</CreDtTm>
<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>Kontor Demo GmbH</Nm></Ownr></Acct>${balances}
${entry(
  '52.50',
  'DBIT',
  `<TxDtls><Refs><EndToEndId>E2E-RET</EndToEndId><MndtId>M-1</MndtId><Prtry><Tp>FI-UMSATZ-ID</Tp><Ref>U-1</Ref></Prtry></Refs>${amount('52.50', 'DBIT')}${charges}
   <RltdPties>${who('Dbtr', 'Erika Mustermann')}<DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct>${who('Cdtr', 'Kontor Demo GmbH', '<Id><PrvtId><Othr><Id>DE98ZZZ09999999999</Id></Othr></PrvtId></Id>')}</RltdPties>
   <RltdAgts><DbtrAgt><FinInstnId>${bic('BYLADEM1001')}</FinInstnId></DbtrAgt></RltdAgts>
   <RtrInf><Rsn><Cd>AM04</Cd></Rsn><AddtlInf>Deckung unzureichend</AddtlInf></RtrInf></TxDtls>`,
)}
${entry(
  '150.00',
  'CRDT',
  `<Btch><NbOfTxs>2</NbOfTxs></Btch>
   <TxDtls><Refs><EndToEndId>E2E-A</EndToEndId></Refs>${amount('100.00', 'CRDT')}<RltdPties>${who('Dbtr', 'Anna A')}</RltdPties><RmtInf><Ustrd>Rechnung A</Ustrd></RmtInf></TxDtls>
   <TxDtls><Refs><EndToEndId>E2E-B</EndToEndId></Refs>${amount('50.00', 'CRDT')}<RltdPties>${who('Dbtr', 'Bernd B')}</RltdPties><RmtInf><Ustrd>Rechnung B</Ustrd></RmtInf></TxDtls>`,
)}
${entry('100.00', 'CRDT', `<TxDtls><Refs><EndToEndId>E2E-C</EndToEndId></Refs>${amount('100.00', 'CRDT')}<RltdPties>${who('Dbtr', 'Carla C')}</RltdPties></TxDtls>`)}
</${rec}></${root}></Document>`;
}

describe('camt .052/.053/.054, versions .02 to .08', () => {
  for (const kind of ['052', '053', '054'] as Kind[]) {
    for (let v = 2; v <= 8; v++) {
      it(`camt.${kind}.001.0${v}: bookings, batch details, return, charges and parties in that version's shapes`, () => {
        const f = parseStatementBytes(Buffer.from(camt(kind, v), 'utf8'));
        const s = f.statements[0]!;
        expect(s).toMatchObject({ kind: `camt.${kind}`, messageName: `camt.${kind}.001.0${v}`, dialect: 'iso20022', encoding: 'utf-8' });
        expect(s.lines.map((l) => l.amountCents)).toEqual([-5250, 15000, 10000]);
        if (kind === '053') expect(s.balanceCheck?.ok).toBe(true);
        else expect(s.balanceCheck).toBeNull();
        const [ret, bat, single] = s.lines as [ParsedLine, ParsedLine, ParsedLine];
        expect(ret).toMatchObject({
          counterparty: { name: 'Erika Mustermann', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
          returnReason: 'AM04',
          returnReasonText: 'Deckung unzureichend',
          chargesCents: 250,
          creditorId: 'DE98ZZZ09999999999',
          bankTransactionId: 'U-1',
          mandateId: 'M-1',
        });
        expect(bat.batchCount).toBe(2);
        expect(bat.transactions.map((t) => [t.amountCents, t.counterparty?.name, t.remittance])).toEqual([
          [10000, 'Anna A', 'Rechnung A'],
          [5000, 'Bernd B', 'Rechnung B'],
        ]);
        expect(single.counterparty).toEqual({ name: 'Carla C' });
        expect(s.warnings).toEqual([]);
      });
    }
  }
});
