/**
 * The statement corpus in ../shared/corpus (read in place, never copied):
 * every camt and MT940 sample parses, and where the corpus ships the output
 * of another parser (genkgo/camt JSON, webschik/mt940-js JSON) our values
 * agree with it, mapped field by field.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../test/support/reference';
import type { ParsedFile, ParsedStatement } from './model';
import { parseStatementBytes } from './parse';
import { isKontorError } from '../../shared/errors';
import { seeded } from '../../test/bench/figure';
import { chunksOf, parseChunks } from './test-helpers';

const CORPUS = join(REFERENCE_DIR, 'corpus');
const haveCorpus = existsSync(CORPUS);
const skipReason = haveCorpus ? '' : ` (skipped: ${CORPUS} not found — the reference folder ../shared beside the repository is missing)`;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    })
    .sort();
}

const statementFiles = haveCorpus ? walk(CORPUS).filter((f) => !f.endsWith('.json') && !f.endsWith('.md')) : [];
const rel = (f: string): string => relative(CORPUS, f);

/** Files the parser must refuse, with the error code. */
const REFUSED: Record<string, string> = {
  // deliberately broken: a camt.053 message without any Stmt
  'camt/genkgo_camt/camt053.v2.wrong.xml': 'statement.noStatement',
  // empty Document elements (namespace tests of camt_parser): no message, no statement
  'camt/viafintech_camt_parser/052/valid_namespace.xml': 'statement.noStatement',
  'camt/viafintech_camt_parser/053/valid_namespace.xml': 'statement.noStatement',
  'camt/viafintech_camt_parser/general/invalid_namespace.xml': 'statement.noStatement',
};

/**
 * Statements in the corpus whose opening + Σ lines ≠ closing as the file
 * stands (synthetic test data): the parser must flag them, not hide it.
 * Key: file, value: statement ids.
 */
const KNOWN_MISMATCH: Record<string, string[]> = {
  'camt/genkgo_camt/camt053.v2.all-balance-types.xml': ['CAMT0532015012200001'], // 1.01 + 8.85 ≠ 4.04
  'camt/genkgo_camt/camt053.v2.five.decimals.xml': ['253EURNL26VAYB8060476890'], // 18.150 + 8.850 ≠ 27.050
  'camt/genkgo_camt/camt053.v2.minimal.xml': ['253EURNL26VAYB8060476890'], // closing is −27 SEK
  'camt/genkgo_camt/camt053.v2.minimal.ultimate.xml': ['253EURNL26VAYB8060476890'],
  'camt/genkgo_camt/camt053.v2.with-party-ids.xml': ['253EURNL26VAYB8060476890'],
  'camt/genkgo_camt/camt053.v3.xml': ['253EURNL26VAYB8060476890'],
  'camt/genkgo_camt/camt053.v4.xml': ['253EURNL26VAYB8060476890'],
  'camt/genkgo_camt/camt053.v8.xml': ['253EURNL26VAYB8060476890'],
  'camt/viafintech_camt_parser/053/valid_example_v8.xml': ['R30B4SA880HMZ9XA'], // an EUR entry in a CHF statement
  'camt/viafintech_camt_parser/053/valid_example_with_batch.xml': ['2019062434566666666666666'],
  'camt/viafintech_camt_parser/053/valid_example_with_debit.xml': ['0352C5320131227220503'],
  'camt/viafintech_camt_parser/053/valid_example_with_instdamt.xml': ['STM-C053-190720325942-06'],
  'mt940/php-mt940/Abn/sample2': ['ABN AMRO BANK NV/17501/1'], // the same line four times
  'mt940/php-mt940/Hsbc/sample': ['AIU0006362100017/00001/00001'],
  'mt940/php-mt940/Ing/sample': ['MPBZ/100'],
  'mt940/php-mt940/Knab/sample': ['B5L04MSAU20N3I99/20/3'], // a 2016 line pasted into a 2015 statement
  'mt940/php-mt940/Knab/sample3': ['C0D28MSTE73HKBCM/108/1'],
  'mt940/php-mt940/Rabo/sample2': ['940A030107/00000/00'],
  'mt940/php-mt940/Rabo/sample3': ['940S130403/0', '940S130404/0'],
  'mt940/php-mt940/Rabo/sample4': ['940S130403/0'],
  'mt940/webschik_mt940js/abn-amro-1.STA': ['ABN AMRO BANK NV/12345/1'],
};
/** Rabobank's old-format sample: 39 one-day statements cut from a longer export, most do not add up on their own. */
const MISMATCH_ALLOWED_FILE = new Set(['mt940/php-mt940/Rabo/sample']);

function parseFile(f: string): ParsedFile {
  return parseStatementBytes(readFileSync(f));
}

describe.skipIf(!haveCorpus)(`statement corpus${skipReason}`, () => {
  it('holds the expected samples', () => {
    expect(statementFiles.length).toBeGreaterThanOrEqual(65);
  });

  for (const f of statementFiles) {
    const name = rel(f);
    const refused = REFUSED[name];
    if (refused !== undefined) {
      it(`${name} is refused with ${refused}`, () => {
        let error: unknown;
        try {
          parseFile(f);
        } catch (e) {
          error = e;
        }
        expect(isKontorError(error)).toBe(true);
        expect((error as { code: string }).code).toBe(refused);
      });
      continue;
    }
    it(`${name} parses, every statement complete and checked`, () => {
      const parsed = parseFile(f);
      expect(parsed.format).toBe(name.startsWith('camt/') ? 'camt' : 'mt940');
      expect(parsed.statements.length).toBeGreaterThan(0);
      const bytes = readFileSync(f);
      for (const st of parsed.statements) {
        expect(st.statementId).not.toBe('');
        expect(st.periodFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(st.periodTo >= st.periodFrom).toBe(true);
        for (const line of st.lines) {
          expect(Number.isSafeInteger(line.amountCents)).toBe(true);
          expect(line.bookingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (line.valueDate !== undefined) expect(line.valueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const raw = bytes.subarray(line.rawStart, line.rawEnd).toString('latin1');
          if (parsed.format === 'camt') expect(raw).toMatch(/^<(?:\w+:)?Ntry>[\s\S]*<\/(?:\w+:)?Ntry>$/);
          else expect(raw.startsWith(':61:')).toBe(true);
        }
        const mismatch = (KNOWN_MISMATCH[name] ?? []).includes(st.statementId);
        if (st.opening !== undefined && st.closing !== undefined) {
          expect(st.balanceCheck).not.toBeNull();
          if (MISMATCH_ALLOWED_FILE.has(name)) {
            expect(st.warnings.includes('statement.balanceMismatch')).toBe(!st.balanceCheck?.ok);
          } else {
            expect({ id: st.statementId, ok: st.balanceCheck?.ok }).toEqual({ id: st.statementId, ok: !mismatch });
            expect(st.warnings.includes('statement.balanceMismatch')).toBe(mismatch);
          }
        } else {
          expect(st.balanceCheck).toBeNull();
          expect(mismatch).toBe(false);
        }
      }
    });
  }
});

// ---------------------------------------------------------------- genkgo

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const cls = (o: Obj): string => (typeof o.__CLASS__ === 'string' ? o.__CLASS__ : '');

interface GenkgoRecord {
  id: string;
  balances: { type: string; amount: string; currency: string; date: string }[];
  entryCount: number;
}
interface GenkgoEntry {
  recordId: string;
  index: number;
  amount: string;
  currency: string;
  bookingDate: string | null;
  valueDate: string | null;
  reversal: boolean;
  accountServicerRef: string | null;
  reference: string | null;
  details: { endToEndId: string | null; remittance: string | null; parties: { role: string; name: string | null; iban: string | null }[] }[];
}

function money(o: Json | undefined): { amount: string; currency: string } {
  if (!isObj(o)) throw new Error('not money');
  const cur = o.getCurrency;
  return { amount: String(o.getAmount), currency: isObj(cur) ? String(cur.getCode) : '' };
}
function date(o: Json | undefined): string | null {
  return isObj(o) && typeof o['0'] === 'string' ? o['0'] : null;
}
function str(o: Json | undefined): string | null {
  return typeof o === 'string' && o !== '__RECURSIVITY__' ? o : null;
}

/** Records (statements/reports/notifications) and entries anywhere in a genkgo dump; back-references are resolved by context. */
function readGenkgo(doc: Json): { records: Map<string, GenkgoRecord>; entries: GenkgoEntry[] } {
  const records = new Map<string, GenkgoRecord>();
  const entries: GenkgoEntry[] = [];
  const visit = (o: Json, recordId: string | null): void => {
    if (Array.isArray(o)) {
      for (const v of o) visit(v, recordId);
      return;
    }
    if (!isObj(o)) return;
    const c = cls(o);
    let ctx = recordId;
    if (/\\(Statement|Report|Notification)$/.test(c) && typeof o.getId === 'string') {
      ctx = o.getId;
      if (!records.has(ctx)) {
        records.set(ctx, {
          id: ctx,
          balances: (Array.isArray(o.getBalances) ? o.getBalances : [])
            .filter(isObj)
            .map((b) => ({ type: String(b.getType), ...money(b.getAmount), date: date(b.getDate) ?? '' })),
          entryCount: Array.isArray(o.getEntries) ? o.getEntries.length : 0,
        });
      }
    }
    if (c.endsWith('DTO\\Entry')) {
      const rec = o.getRecord;
      const entryRecord = isObj(rec) && typeof rec.getId === 'string' ? rec.getId : ctx;
      const details = Array.isArray(o.getTransactionDetails) ? o.getTransactionDetails : [];
      const single = isObj(o.getTransactionDetail) ? o.getTransactionDetail : null;
      const detailObjs = details.map((d) => (isObj(d) ? d : single)).filter((d): d is Obj => d !== null);
      entries.push({
        recordId: entryRecord ?? '',
        index: Number(o.getIndex),
        ...money(o.getAmount),
        bookingDate: date(o.getBookingDate),
        valueDate: date(o.getValueDate),
        reversal: o.getReversalIndicator === true,
        accountServicerRef: str(o.getAccountServicerReference),
        reference: str(o.getReference),
        details: detailObjs.map((d) => {
          const ref = d.getReference;
          const rmt = d.getRemittanceInformation;
          const parties = Array.isArray(d.getRelatedParties) ? d.getRelatedParties.filter(isObj) : [];
          return {
            endToEndId: isObj(ref) ? str(ref.getEndToEndId) : null,
            remittance: isObj(rmt) ? str(rmt.getMessage) : null,
            parties: parties.map((p) => {
              const type = p.getRelatedPartyType;
              const acct = p.getAccount;
              const iban = isObj(acct) && isObj(acct.getIban) ? str(acct.getIban.getIban) : null;
              return { role: isObj(type) ? (cls(type).split('\\').pop() ?? '') : '', name: isObj(type) ? str(type.getName) : null, iban };
            }),
          };
        }),
      });
      if (isObj(rec)) visit(rec, entryRecord);
      for (const d of details) visit(d, entryRecord);
      return;
    }
    for (const v of Object.values(o)) visit(v, ctx);
  };
  visit(doc, null);
  return { records, entries };
}

const GENKGO_TYPES: Record<string, string> = {
  OPBD: 'opening',
  PRCD: 'opening',
  CLBD: 'closing',
  OPAV: 'opening_available',
  CLAV: 'closing_available',
  FWAV: 'forward_available',
  INFO: 'information',
  ITBD: 'interim',
  ITAV: 'interim_available',
  XPCD: 'expected_credit',
};

/** genkgo dates are converted to UTC; ours are the business date as written: equal, or the UTC date is the day before (offset east of UTC). */
function sameBusinessDate(ours: string | undefined, utc: string | null): boolean {
  if (utc === null) return ours === undefined;
  if (ours === undefined) return false;
  const d = utc.slice(0, 10);
  if (d === ours) return true;
  const next = new Date(`${d}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10) === ours && utc.slice(11, 13) >= '12';
}

const genkgoFiles = statementFiles.filter((f) => f.includes('genkgo_camt') && existsSync(f.replace(/\.xml$/, '.json')));

const totals = { entries: 0, parties: 0 };

describe.skipIf(!haveCorpus)(`genkgo/camt expected output${skipReason}`, () => {
  it('has expected output files', () => {
    expect(genkgoFiles.length).toBeGreaterThanOrEqual(25);
  });
  for (const f of genkgoFiles) {
    it(`${rel(f)} agrees with genkgo's JSON`, () => {
      const parsed = parseFile(f);
      const { records, entries } = readGenkgo(JSON.parse(readFileSync(f.replace(/\.xml$/, '.json'), 'utf8')) as Json);
      const byId = new Map<string, ParsedStatement>(parsed.statements.map((s) => [s.statementId, s]));
      expect(records.size).toBeGreaterThan(0);
      for (const rec of records.values()) {
        const st = byId.get(rec.id);
        expect(st, `statement ${rec.id}`).toBeDefined();
        if (st === undefined) continue;
        expect(st.lines.length).toBe(rec.entryCount);
        expect(st.balances.map((b) => ({ type: GENKGO_TYPES[b.type] ?? b.type, amount: String(b.amountCents), currency: b.currency }))).toEqual(
          rec.balances.map((b) => ({ type: b.type, amount: b.amount, currency: b.currency })),
        );
        st.balances.forEach((b, i) => expect(sameBusinessDate(b.date, rec.balances[i]?.date ?? null), `balance ${i} date`).toBe(true));
      }
      let compared = 0;
      let partiesCompared = 0;
      for (const e of entries) {
        const st = byId.get(e.recordId);
        const line = st?.lines[e.index];
        expect(line, `entry ${e.recordId}#${e.index}`).toBeDefined();
        if (line === undefined) continue;
        compared++;
        expect({ amount: String(line.amountCents), currency: line.currency, reversal: line.isReversal }).toEqual({
          amount: e.amount,
          currency: e.currency,
          reversal: e.reversal,
        });
        expect(sameBusinessDate(line.valueDate, e.valueDate), 'value date').toBe(true);
        if (e.bookingDate !== null) expect(sameBusinessDate(line.bookingDate, e.bookingDate), 'booking date').toBe(true);
        expect(line.bankReference ?? null).toBe(e.accountServicerRef);
        expect(line.entryReference ?? null).toBe(e.reference);
        expect(line.transactions.length).toBe(e.details.length);
        e.details.forEach((d, i) => {
          const tx = line.transactions[i];
          expect(tx).toBeDefined();
          if (tx === undefined) return;
          const e2e = d.endToEndId === 'NOTPROVIDED' ? null : d.endToEndId;
          expect(tx.endToEndId ?? null).toBe(e2e);
          if (d.remittance !== null && d.remittance !== '') expect(tx.remittance ?? '').toContain(d.remittance);
          // Credit: the other side is the debtor; debit: the creditor (genkgo keeps both).
          // (the transaction's own direction when it has an amount: v04+ TxDtls carry their own CdtDbtInd)
          const signed = tx.amountCents !== undefined && tx.amountCents !== 0 ? tx.amountCents : line.amountCents;
          const credit = signed >= 0;
          let side = d.parties.find((p) => p.role === (credit !== line.isReversal ? 'Debtor' : 'Creditor'));
          // When that side is our own account, the parser names the other one.
          const own = st?.account.iban;
          const other = d.parties.find((p) => p.role === (credit !== line.isReversal ? 'Creditor' : 'Debtor'));
          if (side?.iban != null && side.iban === own && other !== undefined && other.iban !== own) side = other;
          if (signed !== 0 && side !== undefined && (side.name !== null || side.iban !== null)) {
            expect(tx.counterparty, 'counterparty').toBeDefined();
            expect(tx.counterparty?.name ?? null).toBe(side.name);
            if (side.iban !== null) expect(tx.counterparty?.iban).toBe(side.iban);
            partiesCompared++;
          }
        });
      }
      expect(compared).toBe(entries.length);
      totals.entries += compared;
      totals.parties += partiesCompared;
    });
  }
  it('compared a meaningful number of entries and counterparties', () => {
    expect(totals.entries).toBeGreaterThanOrEqual(20);
    expect(totals.parties).toBeGreaterThanOrEqual(10);
  });
});

// ---------------------------------------------------------------- webschik

interface WebschikBalance {
  isCredit: boolean;
  date: string;
  currency: string;
  value: number;
}
interface WebschikStatement {
  referenceNumber: string;
  accountId: string;
  number: string;
  openingBalance: WebschikBalance;
  closingBalance: WebschikBalance;
  transactions: {
    code: string;
    isCredit: boolean;
    currency: string;
    description: string;
    amount: number;
    valueDate: string;
    entryDate: string;
    customerReference: string;
    bankReference: string;
  }[];
}

/** Major units as JSON numbers → minor units, via the decimal text (no float arithmetic). */
function minor(value: number): number {
  const [int, frac = ''] = value.toFixed(2).split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0'));
}

const compact = (s: string): string => s.replace(/\s+/g, '');

const webschikFiles = statementFiles.filter((f) => f.includes('webschik_mt940js') && existsSync(f.replace(/\.[^.]+$/, '.json')));

describe.skipIf(!haveCorpus)(`webschik/mt940-js expected output${skipReason}`, () => {
  it('has expected output files', () => {
    expect(webschikFiles.length).toBe(6);
  });
  for (const f of webschikFiles) {
    it(`${rel(f)} agrees with webschik's JSON`, () => {
      const parsed = parseFile(f);
      const bytes = readFileSync(f);
      const expected = JSON.parse(readFileSync(f.replace(/\.[^.]+$/, '.json'), 'utf8')) as WebschikStatement[];
      expect(parsed.statements.length).toBe(expected.length);
      expected.forEach((w, i) => {
        const st = parsed.statements[i] as ParsedStatement;
        expect(st.messageId).toBe(w.referenceNumber);
        expect(st.account.iban ?? st.account.other).toBe(w.accountId);
        expect(st.sequenceNumber?.split('/')[0]).toBe(w.number);
        const bal = (b: WebschikBalance) => ({ amountCents: (b.isCredit ? 1 : -1) * minor(b.value) || 0, currency: b.currency, date: b.date });
        const ours = (b: { amountCents: number; currency: string; date: string } | undefined) =>
          b && { amountCents: b.amountCents, currency: b.currency, date: b.date };
        expect(ours(st.opening)).toEqual(bal(w.openingBalance));
        expect(ours(st.closing)).toEqual(bal(w.closingBalance));
        expect(st.lines.length).toBe(w.transactions.length);
        w.transactions.forEach((t, k) => {
          const line = st.lines[k];
          expect(line).toBeDefined();
          if (line === undefined) return;
          expect(line.amountCents).toBe((t.isCredit ? 1 : -1) * minor(t.amount));
          expect(line.currency).toBe(t.currency);
          expect(line.valueDate).toBe(t.valueDate);
          expect(line.bookingDate).toBe(t.entryDate === '' ? t.valueDate : t.entryDate);
          expect(line.entryReference ?? '').toBe(t.customerReference);
          expect(line.bankReference ?? '').toBe(t.bankReference);
          expect(line.bankTxCode?.split('/')[0]).toBe(t.code);
          if (t.description !== '') {
            // The description is the :86: text; ours is kept raw (rawStart/rawEnd) and read into remittance.
            const raw = bytes.subarray(line.rawStart, line.rawEnd).toString('utf8');
            const info = raw.slice(raw.indexOf(':86:') + 4);
            expect(compact(info)).toBe(compact(t.description));
            expect(line.remittance).toBeDefined();
          }
        });
      });
    });
  }
});

// ---------------------------------------------------------------- chunks and mutations

describe.skipIf(!haveCorpus)(`corpus fed in chunks${skipReason}`, () => {
  for (const f of statementFiles) {
    const name = rel(f);
    if (REFUSED[name] !== undefined) continue;
    it(`${name}: 1-byte, 7-byte and random chunks give the same result`, () => {
      const bytes = readFileSync(f);
      const whole = parseStatementBytes(bytes);
      expect(parseChunks(chunksOf(bytes, 1))).toEqual(whole);
      expect(parseChunks(chunksOf(bytes, 7))).toEqual(whole);
      for (let seed = 1; seed <= 3; seed++) expect(parseChunks(chunksOf(bytes, 'random', seed, 500))).toEqual(whole);
    });
  }
});

describe.skipIf(!haveCorpus)(`corpus mini-fuzz${skipReason}`, () => {
  for (const name of ['camt/genkgo_camt/camt053.v8.xml', 'mt940/php-mt940/Spk/sample']) {
    it(`${name}: 300 seeded mutations end in a result or a KontorError`, () => {
      const base = readFileSync(join(CORPUS, name));
      const rand = seeded(4711);
      let failures = 0;
      for (let k = 0; k < 300; k++) {
        let m = Buffer.from(base);
        for (let o = 0, ops = 1 + Math.floor(rand() * 3); o < ops; o++) {
          const at = Math.floor(rand() * m.length);
          const r = rand();
          if (r < 0.4) m[at] = Math.floor(rand() * 256);
          else if (r < 0.7) m = Buffer.concat([m.subarray(0, at), m.subarray(Math.min(m.length, at + 1 + Math.floor(rand() * 30)))]);
          else if (r < 0.9) m = Buffer.concat([m.subarray(0, at), m.subarray(Math.floor(rand() * m.length), Math.floor(rand() * m.length)), m.subarray(at)]);
          else m = m.subarray(0, at);
        }
        try {
          parseChunks(chunksOf(m, 'random', k, 200));
        } catch (e) {
          if (!isKontorError(e)) throw new Error(`mutation ${k}: ${String(e)}`, { cause: e });
          failures++;
        }
      }
      expect(failures).toBeGreaterThan(0);
    });
  }
});
