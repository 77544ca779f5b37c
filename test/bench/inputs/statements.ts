/**
 * Deterministic bank statements for the statement parser benchmarks: the
 * same seed gives the same bytes on every run and machine.
 *
 * - generateCamt053: camt.053.001.08, one `Stmt`, n `Ntry`, pretty-printed as
 *   banks send it (about 2.3 KB an entry), with references, parties with IBAN
 *   and BIC, unstructured remittance, ISO and DK bank transaction codes, some
 *   batch bookings, some direct debits (mandate, creditor id), names with
 *   umlauts and `&amp;`; opening + Σ entries = closing.
 * - generateMt940: German MT940 (`:20:STARTUMS`, `:25:BLZ/account`), several
 *   statements of 1,000 lines each, `:61:` + `:86:` with GVC, `?00`, `?10`,
 *   SEPA keywords split over 27-character `?2x` sub-fields and lines wrapped
 *   at 65 characters, `?30`–`?32`; Latin-1 bytes as German banks deliver
 *   them; every statement adds up and the next opens with its closing.
 */
import { closeSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { seeded } from '../figure';

const FIRST_NAMES = ['Anna', 'Jürgen', 'Sophie', 'Mehmet', 'Lukas', 'Marie', 'Björn', 'Elif', 'Paul', 'Zoë'];
const LAST_NAMES = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann'];
const COMPANIES = [
  'Stadtwerke Nord GmbH',
  'Schmidt & Söhne KG',
  'Bäckerei Krüger e.K.',
  'Nordlicht Energie AG',
  'Müller Logistik GmbH & Co. KG',
  'Telekom Deutschland GmbH',
];
const BICS = ['COBADEFFXXX', 'DEUTDEFFXXX', 'GENODEF1PFK', 'BYLADEM1001', 'HASPDEHHXXX', 'INGDDEFFXXX', 'SSKMDEMMXXX'];
const PURPOSES = ['Rechnung', 'Miete', 'Beitrag', 'Abschlag Strom', 'Bestellung', 'Gutschrift', 'Kundennummer'];

/** German IBAN with correct check digits for an 8-digit BLZ and 10-digit account. */
function germanIban(blz: string, account: string): string {
  const bban = blz + account;
  // "DE00" moved to the end, D=13, E=14.
  const digits = `${bban}131400`;
  let rem = 0;
  for (let i = 0; i < digits.length; i++) rem = (rem * 10 + (digits.charCodeAt(i) - 48)) % 97;
  const check = 98 - rem;
  return `DE${check < 10 ? '0' : ''}${check}${bban}`;
}

function digitsOf(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rand() * 10));
  return s;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function money(cents: number): string {
  const a = Math.abs(cents);
  const frac = a % 100;
  return `${Math.floor(a / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}

function isoDay(start: number, offset: number): string {
  return new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
}

interface Party {
  name: string;
  iban: string;
  bic: string;
}

function parties(rand: () => number, count: number): Party[] {
  const out: Party[] = [];
  for (let i = 0; i < count; i++) {
    const name = rand() < 0.3 ? pick(rand, COMPANIES) : `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`;
    out.push({ name, iban: germanIban(digitsOf(rand, 8), digitsOf(rand, 10)), bic: pick(rand, BICS) });
  }
  return out;
}

const OUR_IBAN = 'DE89370400440532013000';
const OUR_BIC = 'COBADEFFXXX';
const CREDITOR_ID = 'DE98ZZZ09999999999';

/** camt.053.001.08, one statement with n entries (see the file comment). */
export function generateCamt053(n: number, seed: number): Buffer {
  const chunks: Buffer[] = [];
  const { head, tail } = camt053Entries(n, seed, (b) => chunks.push(b));
  return Buffer.concat([head, ...chunks, tail]);
}

/**
 * The same bytes as generateCamt053 into a file, without holding them: the
 * entries go to a side file first (the header carries the closing balance,
 * known only after the last entry), then header, entries and tail are joined.
 */
export function writeCamt053File(path: string, n: number, seed: number): void {
  const body = `${path}.entries`;
  const fd = openSync(body, 'w');
  let parts: { head: Buffer; tail: Buffer };
  try {
    parts = camt053Entries(n, seed, (b) => writeSync(fd, b));
  } finally {
    closeSync(fd);
  }
  writeFileSync(path, parts.head);
  const out = openSync(path, 'a');
  const from = openSync(body, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 << 20);
    for (let got = readSync(from, buf); got > 0; got = readSync(from, buf)) writeSync(out, buf, 0, got);
    writeSync(out, parts.tail);
  } finally {
    closeSync(from);
    closeSync(out);
    rmSync(body);
  }
}

/** The German MT940 of generateMt940 into a file, a thousand lines at a time. */
export function writeMt940File(path: string, n: number, seed: number, linesPerStatement = 1000): void {
  const fd = openSync(path, 'w');
  try {
    mt940Chunks(n, seed, linesPerStatement, (b) => writeSync(fd, b));
  } finally {
    closeSync(fd);
  }
}

function camt053Entries(n: number, seed: number, sink: (chunk: Buffer) => void): { head: Buffer; tail: Buffer } {
  const rand = seeded(seed);
  const people = parties(rand, 500);
  const start = Date.UTC(2025, 2, 3);
  const days = Math.max(1, Math.min(28, Math.ceil(n / 5000)));
  const opening = 100_000_000 + Math.floor(rand() * 1_000_000);
  let sum = 0;
  const entries: string[] = [];
  const flush = (): void => {
    sink(Buffer.from(entries.join(''), 'utf8'));
    entries.length = 0;
  };
  for (let i = 0; i < n; i++) {
    const day = isoDay(start, Math.floor((i * days) / n));
    const credit = rand() < 0.6;
    const directDebit = !credit && rand() < 0.5;
    const batch = rand() < 0.05;
    const txCount = batch ? 2 + Math.floor(rand() * 3) : 1;
    const txs: string[] = [];
    let total = 0;
    for (let k = 0; k < txCount; k++) {
      const cents = 100 + Math.floor(rand() * 500_000);
      total += cents;
      const other = pick(rand, people);
      const ref = `${pick(rand, PURPOSES)} ${digitsOf(rand, 8)} vom ${day}`;
      const e2e = rand() < 0.1 ? 'NOTPROVIDED' : `E2E-${seed}-${i}-${k}`;
      const debtor = credit ? other : { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC };
      const creditor = credit ? { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC } : other;
      const cdtrId = directDebit
        ? `
                <Id>
                  <PrvtId>
                    <Othr>
                      <Id>${CREDITOR_ID}</Id>
                      <SchmeNm>
                        <Prtry>SEPA</Prtry>
                      </SchmeNm>
                    </Othr>
                  </PrvtId>
                </Id>`
        : '';
      txs.push(`
          <TxDtls>
            <Refs>
              <AcctSvcrRef>TX${digitsOf(rand, 12)}</AcctSvcrRef>
              <PmtInfId>PMT-${Math.floor(i / 100)}</PmtInfId>
              <InstrId>INSTR-${i}-${k}</InstrId>
              <EndToEndId>${e2e}</EndToEndId>
              <UETR>${uuid(rand)}</UETR>${
                directDebit
                  ? `
              <MndtId>MANDATE-${digitsOf(rand, 6)}</MndtId>`
                  : ''
              }
            </Refs>
            <Amt Ccy="EUR">${money(cents)}</Amt>
            <CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>
            <RltdPties>
              <Dbtr>
                <Pty>
                  <Nm>${xmlEscape(debtor.name)}</Nm>
                  <PstlAdr>
                    <Ctry>DE</Ctry>
                  </PstlAdr>
                </Pty>
              </Dbtr>
              <DbtrAcct>
                <Id>
                  <IBAN>${debtor.iban}</IBAN>
                </Id>
              </DbtrAcct>
              <Cdtr>
                <Pty>
                  <Nm>${xmlEscape(creditor.name)}</Nm>${cdtrId}
                </Pty>
              </Cdtr>
              <CdtrAcct>
                <Id>
                  <IBAN>${creditor.iban}</IBAN>
                </Id>
              </CdtrAcct>
            </RltdPties>
            <RltdAgts>
              <DbtrAgt>
                <FinInstnId>
                  <BICFI>${debtor.bic}</BICFI>
                </FinInstnId>
              </DbtrAgt>
              <CdtrAgt>
                <FinInstnId>
                  <BICFI>${creditor.bic}</BICFI>
                </FinInstnId>
              </CdtrAgt>
            </RltdAgts>
            <RmtInf>
              <Ustrd>${xmlEscape(ref)}</Ustrd>
            </RmtInf>
          </TxDtls>`);
    }
    sum += credit ? total : -total;
    const gvc = credit ? '166' : directDebit ? '105' : '116';
    entries.push(`
      <Ntry>
        <NtryRef>${i + 1}</NtryRef>
        <Amt Ccy="EUR">${money(total)}</Amt>
        <CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>
        <Sts>
          <Cd>BOOK</Cd>
        </Sts>
        <BookgDt>
          <Dt>${day}</Dt>
        </BookgDt>
        <ValDt>
          <Dt>${day}</Dt>
        </ValDt>
        <AcctSvcrRef>${digitsOf(rand, 16)}</AcctSvcrRef>
        <BkTxCd>
          <Domn>
            <Cd>PMNT</Cd>
            <Fmly>
              <Cd>${credit ? 'RCDT' : directDebit ? 'RDDT' : 'ICDT'}</Cd>
              <SubFmlyCd>${credit ? 'ESCT' : directDebit ? 'ESDD' : 'ESCT'}</SubFmlyCd>
            </Fmly>
          </Domn>
          <Prtry>
            <Cd>NTRF+${gvc}+00931</Cd>
            <Issr>DK</Issr>
          </Prtry>
        </BkTxCd>
        <NtryDtls>${
          batch
            ? `
          <Btch>
            <NbOfTxs>${txCount}</NbOfTxs>
          </Btch>`
            : ''
        }${txs.join('')}
        </NtryDtls>
        <AddtlNtryInf>${credit ? 'SEPA-Gutschrift' : directDebit ? 'SEPA-Lastschrift' : 'SEPA-Überweisung'}</AddtlNtryInf>
      </Ntry>`);
    if (entries.length === 1000) flush();
  }
  if (entries.length > 0) flush();
  const closing = opening + sum;
  const lastDay = isoDay(start, days - 1);
  const firstDay = isoDay(start, 0);
  const balance = (code: string, cents: number, date: string): string => `
      <Bal>
        <Tp>
          <CdOrPrtry>
            <Cd>${code}</Cd>
          </CdOrPrtry>
        </Tp>
        <Amt Ccy="EUR">${money(cents)}</Amt>
        <CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>
        <Dt>
          <Dt>${date}</Dt>
        </Dt>
      </Bal>`;
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>KONTOR-BENCH-${seed}</MsgId>
      <CreDtTm>${lastDay}T22:05:00+01:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>STMT-${seed}-${n}</Id>
      <ElctrncSeqNb>${1 + (seed % 300)}</ElctrncSeqNb>
      <CreDtTm>${lastDay}T22:05:00+01:00</CreDtTm>
      <FrToDt>
        <FrDtTm>${firstDay}T00:00:00+01:00</FrDtTm>
        <ToDtTm>${lastDay}T23:59:59+01:00</ToDtTm>
      </FrToDt>
      <Acct>
        <Id>
          <IBAN>${OUR_IBAN}</IBAN>
        </Id>
        <Ccy>EUR</Ccy>
        <Ownr>
          <Nm>Kontor Demo GmbH</Nm>
        </Ownr>
        <Svcr>
          <FinInstnId>
            <BICFI>${OUR_BIC}</BICFI>
          </FinInstnId>
        </Svcr>
      </Acct>${balance('PRCD', opening, firstDay)}${balance('CLBD', closing, lastDay)}
      <TxsSummry>
        <TtlNtries>
          <NbOfNtries>${n}</NbOfNtries>
        </TtlNtries>
      </TxsSummry>`;
  const tail = `
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
  return { head: Buffer.from(head, 'utf8'), tail: Buffer.from(tail, 'utf8') };
}

function uuid(rand: () => number): string {
  const hex = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < 32; i++) {
    s += i === 12 ? '4' : i === 16 ? hex[8 + Math.floor(rand() * 4)] : hex[Math.floor(rand() * 16)];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}

/** MT940 amount: `1234,56`. */
function mtAmount(cents: number): string {
  const a = Math.abs(cents);
  const frac = a % 100;
  return `${Math.floor(a / 100)},${frac < 10 ? '0' : ''}${frac}`;
}

function yymmdd(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

/** Splits text into `?nn` sub-fields of at most 27 characters, numbered from `first`. */
function subfields(text: string, first: number, last: number): string {
  let out = '';
  let code = first;
  for (let i = 0; i < text.length && code <= last; i += 27, code = code === 29 ? 60 : code + 1) out += `?${code}${text.slice(i, i + 27)}`;
  return out;
}

/** Wraps a field at 65 characters, as German banks do (inside words and tags). */
function wrap65(field: string): string {
  let out = '';
  for (let i = 0; i < field.length; i += 65) out += `${i === 0 ? '' : '\r\n'}${field.slice(i, i + 65)}`;
  return out;
}

/** German MT940, statements of 1,000 lines each (see the file comment); Latin-1, CRLF. */
export function generateMt940(n: number, seed: number, linesPerStatement = 1000): Buffer {
  const chunks: Buffer[] = [];
  mt940Chunks(n, seed, linesPerStatement, (b) => chunks.push(b));
  return Buffer.concat(chunks);
}

function mt940Chunks(n: number, seed: number, linesPerStatement: number, sink: (chunk: Buffer) => void): void {
  const rand = seeded(seed);
  const people = parties(rand, 500);
  const start = Date.UTC(2024, 11, 2);
  const parts: string[] = [];
  let balance = 5_000_000 + Math.floor(rand() * 100_000);
  let written = 0;
  for (let s = 0; written < n || (n === 0 && s === 0); s++) {
    const day = isoDay(start, s);
    const count = Math.min(linesPerStatement, n - written);
    const open = balance;
    parts.push(
      `:20:STARTUMS\r\n:25:37040044/0532013000\r\n:28C:${String(s + 1).padStart(5, '0')}/001\r\n:60F:${open < 0 ? 'D' : 'C'}${yymmdd(day)}EUR${mtAmount(open)}\r\n`,
    );
    for (let i = 0; i < count; i++) {
      const credit = rand() < 0.6;
      const directDebit = !credit && rand() < 0.5;
      const cents = 1 + Math.floor(rand() * 2_000_000);
      balance += credit ? cents : -cents;
      const other = pick(rand, people);
      const gvc = credit ? '166' : directDebit ? '105' : '116';
      const text = credit ? 'SEPA-GUTSCHRIFT' : directDebit ? 'SEPA-LASTSCHRIFT' : 'SEPA-UEBERWEISUNG';
      const purpose =
        `EREF+E2E-${seed}-${written + i}` +
        (directDebit ? `MREF+MANDATE-${digitsOf(rand, 6)}CRED+${CREDITOR_ID}` : '') +
        `SVWZ+${pick(rand, PURPOSES)} ${digitsOf(rand, 8)} vom ${day} Kunde ${digitsOf(rand, 6)}`;
      // The entry date rolls over the year end for statements dated 31 December (value date stays).
      const entry = day.slice(5, 7) + day.slice(8, 10);
      const field86 = `${gvc}?00${text}?10${931}${subfields(purpose, 20, 63)}?30${other.bic}?31${other.iban}?32${other.name.slice(0, 27)}`;
      parts.push(`:61:${yymmdd(day)}${entry}${credit ? 'C' : 'D'}${mtAmount(cents)}NTRFNONREF//${digitsOf(rand, 10)}\r\n:86:${wrap65(field86)}\r\n`);
    }
    written += count;
    parts.push(`:62F:${balance < 0 ? 'D' : 'C'}${yymmdd(day)}EUR${mtAmount(balance)}\r\n-\r\n`);
    if (parts.length > 2000) {
      sink(Buffer.from(parts.join(''), 'latin1'));
      parts.length = 0;
    }
  }
  sink(Buffer.from(parts.join(''), 'latin1'));
}
