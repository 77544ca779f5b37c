/**
 * Hostile input, the targeted attacks: XML entity expansion (billion laughs)
 * and external entities (file and http, general and parameter entities, an
 * external DTD) are refused by the statement parser AND by every XML parser
 * that reads what a bank sends (and by the demo bank's request parser); ZIP
 * bombs are refused (statement containers, EBICS order data, the HPB key
 * data); oversized inputs hit their limits (statement files, texts, nesting,
 * MT940 lines, CSV and statement uploads through the API, EBICS messages and
 * HTTP responses, the browser host's 32 MB request body).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDeflate, deflateRawSync, deflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { MAX_IMPORT_BASE64 } from '../../../shared/entry-import';
import { MAX_STATEMENT_IMPORT_BASE64 } from '../../../shared/statements';
import { dispatch } from '../../../electron/services/dispatch';
import { parseRequest } from '../../../electron/demo-bank/protocol/request';
import { buildKeyManagementResponse } from '../../../electron/demo-bank/protocol/response';
import { tempDir, tempLedger } from '../../support/demo-bank';
import { createEbicsClient } from '../../../electron/ebics/client';
import { aesEncrypt, encryptTransactionKey, newTransactionKey } from '../../../electron/ebics/crypto/e002';
import { publicKeyHash } from '../../../electron/ebics/crypto/hashes';
import { MAX_ORDER_DATA_BYTES, packOrderData, unpackOrderData } from '../../../electron/ebics/crypto/pipeline';
import { parseXml } from '../../../electron/ebics/crypto/xml';
import { verifyResponse } from '../../../electron/ebics/crypto/x002';
import { parseHevResponse } from '../../../electron/ebics/messages/hev';
import { parseHpbOrderData } from '../../../electron/ebics/messages/hpb-order-data';
import { parseEbicsResponse } from '../../../electron/ebics/messages/responses';
import { parseXmlSafely } from '../../../electron/ebics/messages/xml-read';
import type { SubscriberKeys } from '../../../electron/ebics/subscriber';
import { createTransport, type Transport } from '../../../electron/ebics/transport';
import { startBrowserHost } from '../../../electron/host/browser-host';
import { ledgerJournal } from '../../../electron/services/bank-access/journal';
import { parseHac } from '../../../electron/services/orders/hac';
import { parseVeuOverview } from '../../../electron/services/orders/hvu';
import { DEFAULT_CONTAINER_LIMITS, unpackZip } from '../../../electron/services/statements/container';
import { parseStatementBytes, streamStatementFile } from '../../../electron/statements/parse';
import { fixedClock } from '../../../shared/dates';
import { tempContext } from '../../integration/helpers';
import { captureFromDemoBank, type Captured } from './corpus';
import { FULL } from './fuzz';
import { subscriberKeysAt } from '../support/subscriber';
import { stopwatch } from '../support/wall';

let captured: Captured;
/** A server that must never be asked anything: external entities and DTDs point at it. */
let trap: Server;
let trapHits = 0;
let trapUrl = '';

beforeAll(async () => {
  captured = await captureFromDemoBank();
  trap = createServer((req, res) => {
    trapHits++;
    res.writeHead(200, { 'content-type': 'application/xml-dtd' }).end('<!ENTITY leak "LEAKED">');
  });
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => trap.close(() => r()));
});

function kontorErrorOf(fn: () => unknown): KontorError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KontorError) return e;
    throw new Error(`expected a KontorError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a refusal, the document was accepted');
}

const LAUGHS = (() => {
  const defs = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return defs.join('');
})();

/** DOCTYPE attacks: [name, doctype (with %ROOT% for the root element), entity reference to put into the first text]. */
function attacks(): Array<[string, string, string]> {
  return [
    ['billion laughs', `<!DOCTYPE %ROOT% [${LAUGHS}]>`, '&lol9;'],
    ['external entity (file)', '<!DOCTYPE %ROOT% [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'],
    ['external entity (http)', `<!DOCTYPE %ROOT% [<!ENTITY xxe SYSTEM "${trapUrl}/xxe">]>`, '&xxe;'],
    ['parameter entity (http)', `<!DOCTYPE %ROOT% [<!ENTITY % p SYSTEM "${trapUrl}/p.dtd"> %p;]>`, '&leak;'],
    ['external DTD', `<!DOCTYPE %ROOT% SYSTEM "${trapUrl}/x.dtd">`, '&leak;'],
    ['lower-case doctype', `<!doctype %ROOT% [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`, '&xxe;'],
    ['doctype after a line break and comment', `\n<!-- x -->\n<!DOCTYPE\n%ROOT%\n[<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`, '&xxe;'],
  ];
}

/** The sample with the DOCTYPE after its XML declaration and the entity reference in its first text. */
function armed(xml: string, doctype: string, ref: string): string {
  const rootName = /<([A-Za-z_][\w:.-]*)[\s>]/.exec(xml.replace(/^<\?xml[^>]*\?>/, ''))?.[1] ?? 'Document';
  const decl = /^\s*<\?xml[^>]*\?>/.exec(xml)?.[0] ?? '';
  const body = xml.slice(decl.length).replace(/>([^<\s][^<]*)</, (_m, t: string) => `>${ref}${t}<`);
  return `${decl}${doctype.replace('%ROOT%', rootName)}${body}`;
}

describe('XML entities and DTDs are refused everywhere', () => {
  const parsers = (): Array<[string, string, (xml: string) => unknown]> => [
    ['statement parser (camt)', captured.statements[0]!.toString('utf8'), (x) => parseStatementBytes(Buffer.from(x, 'utf8'))],
    ['EBICS crypto parseXml', captured.responses[5]!.toString('utf8'), (x) => parseXml(x)],
    ['EBICS parseXmlSafely', captured.responses[5]!.toString('utf8'), (x) => parseXmlSafely(x, 'bank response')],
    ['EBICS response', captured.responses[5]!.toString('utf8'), (x) => parseEbicsResponse(x)],
    ['EBICS response X002 verification', captured.responses[5]!.toString('utf8'), (x) => verifyResponse(x, captured.bankAuthKey!)],
    ['HEV', captured.hev[0]!.toString('utf8'), (x) => parseHevResponse(x)],
    ['HPB order data', captured.hpb[1]!.toString('utf8'), (x) => parseHpbOrderData(x)],
    ['HAC (pain.002)', captured.hac[0]!.toString('utf8'), (x) => parseHac(x)],
    ['HVU', captured.hvu[0]!.toString('utf8'), (x) => parseVeuOverview(x)],
    [
      'demo bank request parser',
      captured.responses[5]!.toString('utf8'),
      (x) => {
        const r = parseRequest(x);
        if (r.ok) throw new Error('the demo bank accepted a request with a DOCTYPE');
        throw new KontorError('demoBank.refused', r.refusal.message);
      },
    ],
  ];

  it('every parser accepts the untouched sample (so a refusal below is the DOCTYPE’s doing)', () => {
    for (const [name, sample, parse] of parsers()) {
      if (name === 'demo bank request parser') continue;
      expect(() => parse(sample), name).not.toThrow();
    }
  });

  it('refuses each attack with a typed error, expands nothing, reads no file and fetches nothing', () => {
    const rows: string[] = [];
    for (const [parser, sample, parse] of parsers()) {
      for (const [attack, doctype, ref] of attacks()) {
        const xml = armed(sample, doctype, ref);
        expect(xml).toMatch(/<!doctype/i);
        const e = kontorErrorOf(() => parse(xml));
        expect(e.message, `${parser} / ${attack}`).not.toMatch(/root:|LEAKED|lollol/);
        rows.push(`${parser} / ${attack}: ${e.code}`);
        if (parser.startsWith('statement')) expect(e.code).toBe('statement.entitiesRefused');
      }
    }
    console.log(`[lockdown-xml] ${rows.length} refusals:\n${rows.join('\n')}`);
    expect(trapHits).toBe(0);
  });

  it('an undeclared entity in a statement is kept as written (warning), never resolved', () => {
    const xml = captured.statements[0]!.toString('utf8').replace(/<Ustrd>/, '<Ustrd>&xxe;&lol9; ');
    expect(xml).toContain('&xxe;');
    const file = parseStatementBytes(Buffer.from(xml, 'utf8'));
    const st = file.statements[0]!;
    expect(st.warnings).toContain('statement.unknownEntity');
    expect(JSON.stringify(file)).toContain('&xxe;&lol9;');
  });

  it('EBICS parsers refuse a reference to an undeclared entity as not well-formed', () => {
    const xml = captured.responses[5]!.toString('utf8').replace(/<ReportText>/, '<ReportText>&xxe;');
    expect(kontorErrorOf(() => parseEbicsResponse(xml)).code).toBe('ebics.responseMalformed');
    expect(kontorErrorOf(() => parseXml(xml)).code).toBe('ebics.badXml');
  });
});

/** A ZIP with `files` entries, each `size` zero bytes deflated: a few hundred KB that claim gigabytes. */
function zipBomb(files: number, size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size), { level: 9 });
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < files; i++) {
    const name = Buffer.from(`statement-${i}.xml`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 14); // CRC left 0: the limit must strike before any check at the end
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files, 8);
  end.writeUInt16LE(files, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, end]);
}

/** zlib stream of `total` zero bytes, built in pieces so the test never holds them. */
async function deflatedZeros(total: number): Promise<Buffer> {
  const d = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((r) => d.on('end', () => r()));
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  for (let n = 0; n < total; n += chunk.length) {
    if (!d.write(chunk.subarray(0, Math.min(chunk.length, total - n)))) await new Promise<void>((r) => d.once('drain', () => r()));
  }
  d.end();
  await done;
  return Buffer.concat(out);
}

describe('ZIP bombs are refused', () => {
  it('a statement ZIP that unpacks to more than the limit: refused while inflating, through the API nothing is stored', async () => {
    // 12 × 64 MB = 768 MB claimed by 0.8 MB of file; the default limit is 512 MB.
    const bomb = zipBomb(12, 64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const small = kontorErrorOf(() => unpackZip(bomb, { maxTotalBytes: 8 * 1024 * 1024, maxFiles: 100 }));
    expect(small.code).toBe('statement.zipTooLarge');

    const ctx = tempContext();
    try {
      const elapsed = stopwatch();
      const result = await dispatch(ctx, 'statements.import', { fileName: 'kontoauszuege.zip', base64: bomb.toString('base64') });
      const ms = elapsed.ms();
      expect(result).toMatchObject({ ok: false, error: { code: 'statement.zipTooLarge' } });
      for (const table of ['statement', 'statement_line', 'import_file']) {
        expect((ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
      }
      console.log(
        `[hostile] ZIP bomb (${bomb.length} bytes claiming ${12 * 64} MB) refused through statements.import in ${ms.toFixed(0)} ms; limit ${DEFAULT_CONTAINER_LIMITS.maxTotalBytes / 1024 / 1024} MB`,
      );
    } finally {
      ctx.cleanup();
    }
  });

  it('a ZIP of more files than the limit is refused; one of many small files within it is read', () => {
    const fine = zipSync(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`st-${i}.xml`, new Uint8Array(1)])));
    expect(unpackZip(fine)).toHaveLength(2000);
    const many = zipSync(Object.fromEntries(Array.from({ length: DEFAULT_CONTAINER_LIMITS.maxFiles + 1 }, (_, i) => [`st-${i}.xml`, new Uint8Array(1)])));
    expect(kontorErrorOf(() => unpackZip(many)).code).toBe('statement.zipTooManyFiles');
  });

  it('EBICS download: order data that inflates beyond maxBytes is refused (ebics.tooLarge)', async () => {
    const txKey = newTransactionKey();
    const packed = packOrderData(Buffer.alloc(32 * 1024 * 1024), txKey);
    expect(kontorErrorOf(() => unpackOrderData(packed.segments, txKey, { maxBytes: 4 * 1024 * 1024 })).code).toBe('ebics.tooLarge');
    // The default ceiling, with a stream claiming more (full mode only: it inflates 500 MB before refusing).
    expect(MAX_ORDER_DATA_BYTES).toBe(500 * 1024 * 1024);
    if (FULL) {
      const compressed = await deflatedZeros(MAX_ORDER_DATA_BYTES + 1024 * 1024);
      const segments = [aesEncrypt(compressed, txKey).toString('base64')];
      expect(kontorErrorOf(() => unpackOrderData(segments, txKey)).code).toBe('ebics.tooLarge');
    }
  });

  describe('HPB: the bank key data the client decrypts and inflates before anything is trusted', () => {
    let keys: SubscriberKeys;
    let dir: ReturnType<typeof tempDir>;
    beforeAll(async () => {
      keys = await subscriberKeysAt('H004', fixedClock('2026-11-23T08:00:00Z'));
      dir = tempDir('kontor-hpb-');
    });
    afterAll(() => dir.remove());

    /** A client whose "bank" answers HPB with `orderData` (already compressed or not) encrypted for our key. */
    function clientAnswering(plain: Buffer) {
      const txKey = newTransactionKey();
      const xml = buildKeyManagementResponse({
        version: 'H004',
        code: '000000',
        dataTransfer: {
          encryptionPubKeyDigest: publicKeyHash(keys.encryption.publicKey),
          transactionKey: encryptTransactionKey(txKey, keys.encryption.publicKey),
          orderData: aesEncrypt(plain, txKey).toString('base64'),
        },
      });
      const transport: Transport = { url: 'https://bank.example/ebics', tlsVerified: true, post: () => Promise.resolve(xml) };
      const ledger = tempLedger(dir.path);
      return {
        client: createEbicsClient({
          version: 'H004',
          hostId: 'KONTORDEMO',
          partnerId: 'KONTOR01',
          userId: 'USER01',
          transport,
          keys,
          clock: fixedClock('2026-11-23T08:00:00Z'),
          journal: ledgerJournal(ledger),
        }),
        ledger,
      };
    }

    it.each([
      ['a deflate bomb (64 MB of zeros)', () => deflateSync(Buffer.alloc(64 * 1024 * 1024))],
      ['bytes that are not deflate data', () => Buffer.from('this is not zlib data at all')],
      ['deflate data that ends early', () => deflateSync(Buffer.from(captured.hpb[0]!)).subarray(0, 40)],
    ])('%s: refused with a typed error', async (_name, data) => {
      const { client, ledger } = clientAnswering(data());
      try {
        const e = await client.fetchBankKeys().then(
          () => new Error('accepted'),
          (err: unknown) => err,
        );
        expect(e).toBeInstanceOf(KontorError);
        expect((e as KontorError).code).toMatch(/^ebics\./);
      } finally {
        ledger.close();
      }
    });
  });
});

describe('oversized inputs hit their limits', () => {
  const camtHead = Buffer.from('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>');
  const visitor = { statementStart() {}, line() {}, statementEnd() {} };

  it('a statement file beyond maxBytes (512 MB) is refused as it streams, reading no further than the limit', () => {
    const spaces = Buffer.alloc(1024 * 1024, 0x20);
    let pulled = 0;
    function* chunks() {
      yield camtHead;
      for (let i = 0; i < 520; i++) {
        pulled += 1;
        yield spaces;
      }
    }
    expect(kontorErrorOf(() => streamStatementFile(chunks(), visitor)).code).toBe('statement.tooLarge');
    console.log(`[hostile] 520 MB statement stream refused after reading ${pulled} MB (limit 512 MB)`);
    // The work is bounded by the limit: the parser stops at the chunk that crosses 512 MB, not at the end of the stream.
    expect(pulled).toBeLessThanOrEqual(513);
    expect(kontorErrorOf(() => parseStatementBytes(Buffer.concat([camtHead, Buffer.alloc(2048, 0x20)]), { limits: { maxBytes: 1024 } })).code).toBe(
      'statement.tooLarge',
    );
  });

  it('texts, attributes, nesting and MT940 lines beyond their limits', () => {
    const ustrd = Buffer.from(captured.statements[0]!.toString('utf8').replace(/<Ustrd>/, `<Ustrd>${'A'.repeat(1024 * 1024 + 1)}`));
    expect(kontorErrorOf(() => parseStatementBytes(ustrd)).code).toBe('statement.textTooLong');
    const attr = Buffer.concat([camtHead, Buffer.from(`<Stmt x="${'y'.repeat(1024 * 1024 + 1)}">`)]);
    expect(kontorErrorOf(() => parseStatementBytes(attr)).code).toBe('statement.textTooLong');
    const deep = Buffer.concat([camtHead, Buffer.from('<a>'.repeat(100))]);
    expect(kontorErrorOf(() => parseStatementBytes(deep)).code).toBe('statement.tooDeep');
    const mt = Buffer.from(
      `:20:STMT\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C261101EUR1,00\r\n:86:${'X'.repeat(1024 * 1024 + 1)}\r\n:62F:C261101EUR1,00\r\n`,
      'latin1',
    );
    expect(kontorErrorOf(() => parseStatementBytes(mt)).code).toBe('statement.textTooLong');
    // Whitespace longer than any text between two elements is no text: fine, and not carried from chunk to chunk.
    const ws = Buffer.from(captured.statements[0]!.toString('utf8').replace(/<Ustrd>/, `${' '.repeat(2 * 1024 * 1024)}<Ustrd>`));
    expect(parseStatementBytes(ws).statements.length).toBeGreaterThan(0);
  });

  it('API uploads beyond their limits are refused before any work (CSV 20 MB, statements 30 MB base64)', async () => {
    const ctx = tempContext();
    try {
      const csv = await dispatch(ctx, 'entries.importPreview', { fileName: 'big.csv', base64: 'A'.repeat(MAX_IMPORT_BASE64 + 4), entityId: 1 });
      expect(csv).toMatchObject({
        ok: false,
        error: { code: 'input.invalid', issues: [expect.objectContaining({ path: 'base64', message: 'import.tooLarge' })] },
      });
      const st = await dispatch(ctx, 'statements.import', { fileName: 'big.xml', base64: 'A'.repeat(MAX_STATEMENT_IMPORT_BASE64 + 4) });
      expect(st).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    } finally {
      ctx.cleanup();
    }
  });

  it('EBICS messages beyond their limits: XML size and the HTTP response cap', async () => {
    const big = `<a>${'x'.repeat(9 * 1024 * 1024)}</a>`;
    expect(kontorErrorOf(() => parseXmlSafely(big, 'bank response')).code).toBe('ebics.responseTooLarge');
    expect(kontorErrorOf(() => parseEbicsResponse(big)).code).toBe('ebics.responseTooLarge');
    expect(kontorErrorOf(() => parseXml(`<a>${'x'.repeat(17 * 1024 * 1024)}</a>`)).code).toBe('ebics.badXml');
    // A "bank" that answers without end: cut at 64 MB.
    const flood = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      let sent = 0;
      const pump = () => {
        while (sent < 80 && res.write(chunk)) sent++;
        if (sent >= 80) res.end();
        else res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((r) => flood.listen(0, '127.0.0.1', r));
    try {
      const t = createTransport(`http://127.0.0.1:${(flood.address() as AddressInfo).port}/ebicsweb`, { demoBankOnLoopback: true });
      await expect(t.post('<x/>')).rejects.toMatchObject({ code: 'ebics.responseTooLarge' });
    } finally {
      flood.closeAllConnections();
      await new Promise<void>((r) => flood.close(() => r()));
    }
  });

  it('the browser host refuses a 40 MB request body and keeps serving', async () => {
    const ctx = tempContext();
    const dir = tempDir('kontor-host-');
    const host = await startBrowserHost({ ctx, rendererDir: dir.path });
    try {
      const call = (body: string | Uint8Array<ArrayBuffer>) =>
        fetch(`http://127.0.0.1:${host.port}/api/invoke/app.status`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Kontor-Token': host.token },
          body,
        });
      const huge = new Uint8Array(40 * 1024 * 1024).fill(0x20);
      const status = await call(huge).then(
        (r) => r.status,
        () => 0, // the host may also cut the connection: refused either way
      );
      console.log(`[hostile] browser host: 40 MB body answered with ${status === 0 ? 'a closed connection' : `HTTP ${status}`}`);
      expect(status === 0 || status === 413 || status === 400).toBe(true);
      const after = await call('{}');
      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({ ok: true });
    } finally {
      await host.close();
      ctx.cleanup();
      dir.remove();
    }
  });
});
