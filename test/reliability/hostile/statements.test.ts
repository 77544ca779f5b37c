/**
 * Hostile input, statement parsers: camt and MT940 (parse.ts
 * parseStatementBytes) over mutations of the reference corpus, the
 * repository's generated samples and the demo bank's rendered statements.
 * Every case ends in a result that keeps the statement model's promises or in
 * a KontorError `statement.*`; none hangs (support/wall.ts HANG_GUARD_MS). A
 * quarter of the cases are also streamed in random chunk sizes and must come
 * out the same as in one piece.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import type { ParsedFile } from '../../../electron/statements/model';
import { parseStatementBytes } from '../../../electron/statements/parse';
import { chunksOf, parseChunks } from '../../../electron/statements/test-helpers';
import { captureFromDemoBank, generatedStatements, referenceStatements } from './corpus';
import { FULL, casesPerParser, expectClean, fuzz, fuzzSeed, invariant, isBusinessDate } from './fuzz';

const seed = fuzzSeed();
const cases = casesPerParser();
const reference = referenceStatements();
let camt: Buffer[] = [];
let mt940: Buffer[] = [];

const isCamt = (b: Buffer) => /^\s*(\xef\xbb\xbf)?\s*</.test(b.subarray(0, 64).toString('latin1'));

beforeAll(async () => {
  console.log(`[hostile] statements: seed ${seed} (replay with KONTOR_FUZZ_SEED=${seed}), ${cases} cases per parser, ${FULL ? 'full' : 'short'} mode`);
  if (reference.skipReason) console.log(`[hostile] ${reference.skipReason}`);
  const demo = await captureFromDemoBank();
  const all = [...reference.files, ...generatedStatements(), ...demo.statements];
  camt = all.filter(isCamt);
  mt940 = all.filter((b) => !isCamt(b));
});

const safe = (n: unknown, what: string) => invariant(Number.isSafeInteger(n), `${what} is a safe integer (got ${String(n)})`);

/** The promises of the statement model (model.ts) for a file that parsed. */
export function checkParsedFile(file: ParsedFile, bytes: Buffer): void {
  invariant(file.format === 'camt' || file.format === 'mt940', 'format');
  invariant(Array.isArray(file.statements), 'statements is an array');
  file.statements.forEach((st, i) => {
    invariant(st !== undefined && st !== null, `statement ${i} present`);
    invariant(typeof st.statementId === 'string', 'statementId');
    const noDate = st.warnings.includes('statement.noDate');
    invariant(noDate ? st.periodFrom === '' || isBusinessDate(st.periodFrom) : isBusinessDate(st.periodFrom), `periodFrom ${st.periodFrom}`);
    invariant(st.periodTo === '' ? st.periodFrom === '' : isBusinessDate(st.periodTo), `periodTo ${st.periodTo}`);
    invariant(st.periodTo === '' || st.periodFrom <= st.periodTo, 'period in order');
    for (const b of st.balances) {
      safe(b.amountCents, `balance ${b.type}`);
      invariant(isBusinessDate(b.date), `balance date ${b.date}`);
      invariant(typeof b.currency === 'string', 'balance currency');
    }
    let sumBooked = 0;
    for (const l of st.lines) {
      safe(l.amountCents, 'line amount');
      invariant(isBusinessDate(l.bookingDate), `booking date ${l.bookingDate}`);
      invariant(l.valueDate === undefined || isBusinessDate(l.valueDate), `value date ${l.valueDate}`);
      invariant(typeof l.currency === 'string' && typeof l.status === 'string', 'line currency/status');
      invariant(
        Number.isSafeInteger(l.rawStart) && Number.isSafeInteger(l.rawEnd) && 0 <= l.rawStart && l.rawStart <= l.rawEnd && l.rawEnd <= bytes.length,
        `raw range ${l.rawStart}..${l.rawEnd} of ${bytes.length}`,
      );
      if (l.chargesCents !== undefined) safe(l.chargesCents, 'charges');
      if (l.batchCount !== undefined) safe(l.batchCount, 'batch count');
      for (const t of l.transactions) if (t.amountCents !== undefined) safe(t.amountCents, 'transaction amount');
      if (l.status === 'BOOK') sumBooked += l.amountCents;
    }
    safe(sumBooked, 'sum of booked lines');
    if (st.opening === undefined || st.closing === undefined) {
      invariant(st.balanceCheck === null, 'no balance check without opening and closing');
    } else {
      const c = st.balanceCheck;
      invariant(c !== null, 'balance check with opening and closing');
      invariant(c.openingCents === st.opening.amountCents && c.closingCents === st.closing.amountCents, 'balance check uses the balances');
      invariant(c.sumCents === sumBooked, `balance check sum ${c.sumCents} = Σ booked lines ${sumBooked}`);
      invariant(c.differenceCents === c.closingCents - (c.openingCents + c.sumCents), 'difference = closing − (opening + sum)');
      invariant(c.ok === (c.differenceCents === 0), 'ok iff no difference');
      invariant(c.ok || st.warnings.includes('statement.balanceMismatch'), 'a mismatch is warned about');
    }
  });
}

/** Same file in random chunks: the same statements, or the same error code. */
function outcome(fn: () => ParsedFile): string {
  try {
    return JSON.stringify(fn());
  } catch (e) {
    if (e instanceof KontorError) return `error ${e.code}`;
    throw e;
  }
}

function target(parser: 'camt' | 'mt940', corpus: () => Buffer[]) {
  return {
    parser,
    get corpus() {
      return corpus();
    },
    parse(bytes: Buffer, r: { chance(p: number): boolean; int(n: number): number }) {
      const whole = parseStatementBytes(bytes);
      if (r.chance(0.25)) {
        // Random chunk sizes, but at most ~200 chunks: a line carried over byte by byte costs time quadratic in its
        // length (the parsers copy the carry-over per chunk); production reads 1 MB chunks (fileChunks).
        const max = Math.max(1 + r.int(8192), Math.ceil(bytes.length / 200));
        const streamed = outcome(() => parseChunks(chunksOf(bytes, 'random', 1 + r.int(1000), max)));
        invariant(
          streamed === JSON.stringify(whole),
          `streamed in chunks the result is the same (${streamed.slice(0, 80)} vs ${JSON.stringify(whole).slice(0, 300)})`,
        );
      }
      return whole;
    },
    check: (result: unknown, bytes: Buffer) => checkParsedFile(result as ParsedFile, bytes),
  };
}

describe('hostile statement files', () => {
  it('camt: mutated files end in a valid statement or a typed error, never a crash or a hang', () => {
    expect(camt.length).toBeGreaterThan(5);
    const report = fuzz(
      target('camt', () => camt),
      seed,
      cases,
    );
    expectClean(report, cases);
    expect(report.ok).toBeGreaterThan(0);
    expect(report.typedErrors).toBeGreaterThan(0);
  });

  it('MT940: mutated files end in a valid statement or a typed error, never a crash or a hang', () => {
    expect(mt940.length).toBeGreaterThan(5);
    const report = fuzz(
      target('mt940', () => mt940),
      seed,
      cases,
    );
    expectClean(report, cases);
    expect(report.ok).toBeGreaterThan(0);
    expect(report.typedErrors).toBeGreaterThan(0);
  });
});
