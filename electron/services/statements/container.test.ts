import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isKontorError, type KontorError } from '../../../shared/errors';
import { generateCamt053 } from '../../../test/bench/inputs/statements';
import { tempContext } from '../../../test/integration/helpers';
import { DEFAULT_CONTAINER_LIMITS, isZip, unpackZip, zipMembers } from './container';
import { storeStatementFile } from './store-file';

const MB = 1024 * 1024;
/** What one 16 KB slice of deflate data can inflate to at most (deflate's ratio is at most 1032:1): the overshoot past any limit. */
const ONE_SLICE = 1032 * 16 * 1024;

const errorOf = (fn: () => unknown): KontorError => {
  try {
    fn();
  } catch (e) {
    if (isKontorError(e)) return e;
    throw e;
  }
  throw new Error('no error');
};

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return isKontorError(e) ? e.code : `untyped: ${String(e)}`;
  }
  return 'no error';
};

describe('statement containers', () => {
  it('unpacks the files of a ZIP in order and leaves directories and macOS metadata out', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a/>'), 'dir/': new Uint8Array(0), '__MACOSX/._a.xml': strToU8('x'), 'b.xml': strToU8('<b>ü</b>') });
    expect(isZip(zip)).toBe(true);
    const files = unpackZip(zip);
    expect(files.map((f) => f.name)).toEqual(['a.xml', 'b.xml']);
    expect(new TextDecoder().decode(files[1]!.bytes)).toBe('<b>ü</b>');
  });

  it('recognises a ZIP by its signature, not its name', () => {
    expect(isZip(strToU8('<?xml version="1.0"?>'))).toBe(false);
    expect(isZip(strToU8('PK'))).toBe(false);
  });

  it('stops a ZIP bomb at the limit while inflating, whatever the directory claims', () => {
    const bomb = zipSync({ 'statement.xml': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(codeOf(() => unpackZip(bomb, { maxTotalBytes: 1024 * 1024, maxFiles: 10 }))).toBe('statement.zipTooLarge');
  });

  it('counts all files together against the limit', () => {
    const many = zipSync({ 'a.xml': new Uint8Array(600_000), 'b.xml': new Uint8Array(600_000) });
    expect(codeOf(() => unpackZip(many, { maxTotalBytes: 1_000_000, maxFiles: 10 }))).toBe('statement.zipTooLarge');
    expect(unpackZip(many, { maxTotalBytes: 1_300_000, maxFiles: 10 })).toHaveLength(2);
  });

  it('refuses too many files', () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.xml`, strToU8('<x/>')]));
    expect(codeOf(() => unpackZip(zipSync(files), { maxTotalBytes: 1e9, maxFiles: 10 }))).toBe('statement.zipTooManyFiles');
  });

  it('refuses a truncated or damaged ZIP with a typed error', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a>'.repeat(10_000)) });
    expect(codeOf(() => unpackZip(zip.subarray(0, zip.length / 2)))).toBe('statement.zipBroken');
    const damaged = zip.slice();
    for (let i = 60; i < 200; i++) damaged[i] = 0xff;
    expect(codeOf(() => unpackZip(damaged))).toBe('statement.zipBroken');
  });

  it('stops a file that inflates over 100 times its packed size once past a few MB, with the default limits, after inflating little more than that', () => {
    // 16 MB in ~16 KB, the shape of a 480 MB camt packed into 490 KB.
    const bomb = zipSync({ 'statement.xml': new Uint8Array(16 * MB) }, { level: 9 });
    const e = errorOf(() => unpackZip(bomb));
    expect(e.code).toBe('statement.zipTooLarge');
    expect(e.params).toMatchObject({ reason: 'ratio', file: 'statement.xml', maxRatio: 100 });
    expect(e.params!.inflatedBytes).toBeGreaterThan(DEFAULT_CONTAINER_LIMITS.ratioFloorBytes);
    expect(e.params!.inflatedBytes).toBeLessThanOrEqual(DEFAULT_CONTAINER_LIMITS.ratioFloorBytes + ONE_SLICE);
  });

  it('stops at the total limit having inflated at most one slice past it', () => {
    const bomb = zipSync({ 'a.xml': new Uint8Array(20 * MB), 'b.xml': new Uint8Array(20 * MB) }, { level: 9 });
    const e = errorOf(() => unpackZip(bomb, { maxTotalBytes: 24 * MB, maxRatio: Infinity }));
    expect(e.code).toBe('statement.zipTooLarge');
    expect(e.params!.inflatedBytes).toBeLessThanOrEqual(24 * MB + ONE_SLICE);
  });

  it('refuses one file larger than a statement file may be, naming it', () => {
    const zip = zipSync({ 'ok.xml': new Uint8Array(MB), 'big.xml': new Uint8Array(3 * MB) });
    const e = errorOf(() => unpackZip(zip, { maxEntryBytes: 2 * MB }));
    expect(e.code).toBe('statement.tooLarge');
    expect(e.params).toMatchObject({ file: 'big.xml', maxBytes: 2 * MB });
    expect(e.params!.inflatedBytes).toBeLessThanOrEqual(3 * MB + ONE_SLICE);
  });

  it('reads a camt statement at its usual compression (about 20:1) well within the ratio', () => {
    const camt = generateCamt053(2000, 7);
    const zip = zipSync({ 'camt053.xml': camt }, { level: 9 });
    expect(camt.length / zip.length).toBeGreaterThan(10);
    const [file] = unpackZip(zip, { ratioFloorBytes: MB });
    expect(Buffer.from(file!.bytes).equals(camt)).toBe(true);
  });

  it('hands out each file as soon as it is complete, before inflating the next', () => {
    const first = generateCamt053(200, 5);
    const zip = zipSync({ 'first.xml': first, 'bomb.xml': new Uint8Array(16 * MB) }, { level: 9 });
    const seen: string[] = [];
    const e = errorOf(() => {
      for (const f of zipMembers(zip)) seen.push(f.name);
    });
    expect(seen).toEqual(['first.xml']);
    expect(e.params).toMatchObject({ reason: 'ratio', file: 'bomb.xml' });
  });
});

describe('storing a statement ZIP', () => {
  it('stores nothing when a later file of the container is refused', () => {
    const ctx = tempContext();
    try {
      const zip = zipSync({ 'good.xml': generateCamt053(20, 3), 'bomb.xml': new Uint8Array(16 * MB) }, { level: 9 });
      const e = errorOf(() => storeStatementFile(ctx, { fileName: 'auszuege.zip', bytes: zip }));
      expect(e.code).toBe('statement.zipTooLarge');
      for (const table of ['statement', 'statement_line', 'import_file']) {
        expect((ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
      }
      const stored = storeStatementFile(ctx, { fileName: 'auszuege.zip', bytes: zipSync({ 'good.xml': generateCamt053(20, 3) }) });
      expect(stored).toMatchObject({ files: 1, duplicateFiles: 0 });
      expect(stored.stored).toHaveLength(1);
    } finally {
      ctx.cleanup();
    }
  });

  it('refuses an empty container', () => {
    const ctx = tempContext();
    try {
      expect(codeOf(() => storeStatementFile(ctx, { fileName: 'leer.zip', bytes: zipSync({ 'dir/': new Uint8Array(0) }) }))).toBe('statement.emptyContainer');
    } finally {
      ctx.cleanup();
    }
  });
});
