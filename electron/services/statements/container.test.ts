import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isKontorError } from '../../../shared/errors';
import { isZip, unpackZip } from './container';

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
});
