/** `kontor statements parse|import|list` on a temporary data folder, as a script or scheduler runs them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { testClock } from '../../test/support/clock';

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-statements-cli-'));
  dataDir = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A German MT940 as a Sparkasse writes it: BLZ/account, two bookings with SEPA keywords, balances that add up. */
const MT940 = [
  ':20:STARTUMS',
  ':25:37040044/0532013000',
  ':28C:00012/001',
  ':60F:C261119EUR1000,00',
  ':61:2611201120CR250,00NTRFNONREF//4711',
  ':86:166?00SEPA-GUTSCHRIFT?10931?20EREF+RE-2026-0042?21SVWZ+Rechnung RE-2026-0042?30COBADEFFXXX?31DE02120300000000202051?32Müller & Söhne KG',
  ':61:2611201120DR100,50NDDTNONREF',
  ':86:105?00SEPA-LASTSCHRIFT?20EREF+KONTOR-1-1?21MREF+M-7?22CRED+DE98ZZZ09999999999?23SVWZ+Strom November?32Stadtwerke',
  ':62F:C261120EUR1149,50',
  '-',
].join('\r\n');

/** A camt.053 with one booking. */
const CAMT = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-12</Dt></BookgDt></Ntry>
</Stmt></BkToCstmrStmt></Document>`;

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('kontor statements', () => {
  it('parse prints the normalised model of a file and stores nothing', async () => {
    const path = file('umsatz.sta', MT940);
    const r = await cli('statements', 'parse', path, '--json');
    expect(r.code).toBe(0);
    const [parsed] = JSON.parse(r.out) as {
      format: string;
      statements: { account: { other?: string }; lines: { amountCents: number; endToEndId?: string; raw: string }[]; balanceCheck: { ok: boolean } }[];
    }[];
    expect(parsed!.format).toBe('mt940');
    const s = parsed!.statements[0]!;
    expect(s.balanceCheck.ok).toBe(true);
    expect(s.lines.map((l) => l.amountCents)).toEqual([25000, -10050]);
    expect(s.lines[0]!.endToEndId).toBe('RE-2026-0042');
    expect(s.lines[1]!.raw).toMatch(/^:61:2611201120DR100,50/);

    const text = await cli('statements', 'parse', path);
    expect(text.out).toMatch(/2 lines .*adds up/);
    expect((await cli('statements', 'list')).out).toBe('No statements stored yet.');
  });

  it('import stores a file (also inside a ZIP) once and names the account by its IBAN', async () => {
    const zip = file('download.zip', zipSync({ 'umsatz.sta': strToU8(MT940) }));
    const first = await cli('statements', 'import', zip);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^1 statement\(s\) stored\./);
    // BLZ 37040044, account 0532013000: the IBAN DE89 3704 0044 0532 0130 00.
    expect(first.out).toContain('DE89370400440532013000');
    // The same statement with other line endings: another file, the same statement.
    const again = await cli('statements', 'import', file('copy.sta', MT940.replace(/\r\n/g, '\n')));
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^0 statement\(s\) stored, 1 already stored before\./);
    // The same content, in its ZIP or on its own, whatever the name: refused.
    for (const path of [zip, file('renamed.txt', MT940)]) {
      const same = await cli('statements', 'import', path);
      expect(same.code).toBe(1);
      expect(same.err).toMatch(/imported before/);
    }
    const list = await cli('statements', 'list', '--json');
    expect((JSON.parse(list.out) as unknown[]).length).toBe(1);
  });

  it('says clearly what is wrong with a file that is no statement', async () => {
    const r = await cli('statements', 'parse', file('notes.txt', 'Einkaufsliste: Milch, Brot'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Error: notes\.txt: .*\[statement\.notAStatement\]$/);
    expect((await cli('statements', 'parse', join(dir, 'missing.xml'))).err).toMatch(/could not be read/);
    expect((await cli('statements', 'fetch', '--from', '2026-13-01')).err).toMatch(/--from must be a date/);
  });
});

describe('kontor statements: errors a script can read', () => {
  it('prints {error: {code, message, file, line, byte}} on stdout with --json and exits 1', async () => {
    const broken = MT940.replace(':61:2611201120DR100,50', ':61:2611201120XR100,50');
    const r = await cli('statements', 'parse', file('broken.sta', broken), '--json');
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.out) as { error: { code: string; message: string; file: string; line: number | null; byte: number | null } };
    expect(error).toMatchObject({ code: 'statement.malformed', file: 'broken.sta', line: 7 });
    expect(error.byte).toBeGreaterThan(0);
    expect(error.message).toContain('credit/debit mark');
    const text = await cli('statements', 'parse', file('broken.sta', broken));
    expect(text.err).toMatch(/^Error: broken\.sta, line 7: .*\[statement\.malformed\]$/);
    const missing = await cli('statements', 'parse', join(dir, 'nowhere.sta'), '--json');
    expect(JSON.parse(missing.out)).toMatchObject({ error: { code: 'cli.unreadableFile', file: 'nowhere.sta' } });
  });

  it('names what a cut-off file lacks', async () => {
    const cut = MT940.slice(0, MT940.indexOf(':62F:'));
    const r = await cli('statements', 'parse', file('cut.sta', cut), '--json');
    const { error } = JSON.parse(r.out) as { error: { code: string; message: string } };
    expect(error.code).toBe('statement.truncated');
    expect(error.message).toContain('the closing balance :62F: of statement 1 (:20:STARTUMS, account 37040044/0532013000) is missing');
    const xml = await cli('statements', 'parse', file('cut.xml', CAMT.slice(0, CAMT.indexOf('</Ntry>'))), '--json');
    expect((JSON.parse(xml.out) as { error: { message: string } }).error.message).toContain('booking 1 of statement 1');
  });

  it('tells a fragment of bookings, a payment status report and a pain file without namespace from a statement', async () => {
    const fragment = await cli('statements', 'parse', file('part.sta', MT940.slice(MT940.indexOf(':61:'))), '--json');
    expect(JSON.parse(fragment.out)).toMatchObject({ error: { code: 'statement.mt940Fragment', file: 'part.sta' } });
    const pain002 = '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"><CstmrPmtStsRpt/></Document>';
    const status = await cli('statements', 'parse', file('status.xml', pain002), '--json');
    const statusError = (JSON.parse(status.out) as { error: { code: string; message: string } }).error;
    expect(statusError.code).toBe('statement.unsupportedMessage');
    expect(statusError.message).toContain('payment status report');
    expect(statusError.message).not.toContain('payment order (');
    const bare = '<?xml version="1.0"?><Document><CstmrCdtTrfInitn><GrpHdr><MsgId>X</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>';
    const order = await cli('statements', 'parse', file('order.xml', bare), '--json');
    const orderError = (JSON.parse(order.out) as { error: { code: string; message: string } }).error;
    expect(orderError.code).toBe('statement.unsupportedMessage');
    expect(orderError.message).toContain('payment order');
    expect(orderError.message).not.toContain('camt');
  });

  it('import reports a bad file the same way and stores nothing', async () => {
    const r = await cli('statements', 'import', file('part.sta', MT940.slice(MT940.indexOf(':61:'))), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ error: { code: 'statement.mt940Fragment', file: 'part.sta' } });
    expect((await cli('statements', 'list')).out).toBe('No statements stored yet.');
  });
});
