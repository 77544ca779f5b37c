import { describe, expect, it } from 'vitest';
import { generateCamt053, generateMt940 } from '../../test/bench/inputs/statements';
import { tempContext } from '../../test/integration/helpers';
import { statementArchiveDir, storeStatementFile } from '../services/statements/store-file';
import { readArchived } from './archive';
import { CONTROL_WARNING } from './clean';
import { parseStatementBytes } from './parse';
import { chunksOf, kontorErrorOf, parseChunks } from './test-helpers';

const camt = generateCamt053(1, 1).toString('utf8');
const withText = (tag: string, inserted: string) => Buffer.from(camt.replace(`<${tag}>`, `<${tag}>${inserted}`), 'utf8');

const MT940 = (purpose: string, reference = 'KREF-9') =>
  Buffer.from(
    [
      ':20:STARTUMS',
      ':25:37040044/0532013000',
      ':28C:00012/001',
      ':60F:C250302EUR1000,00',
      `:61:2503030303D34,56NDDT${reference}`,
      `:86:105?00SEPA-LASTSCHRIFT?20EREF+E2E-1?21SVWZ+${purpose}?32Stadtwerke`,
      ':62F:C250303EUR965,44',
      '-',
    ].join('\r\n'),
    'latin1',
  );

describe('control characters in statements', () => {
  it('removes NUL, escape, DEL and C1 controls from a camt remittance and notes it on the statement', () => {
    const { statements } = parseStatementBytes(withText('Ustrd', 'Miete\u0000 M\u00e4rz\u001b[2J\u007f\u0085'));
    const line = statements[0]!.lines[0]!;
    expect(line.remittance).toMatch(/^Miete März\[2J/);
    expect(JSON.stringify(statements)).not.toMatch(/\\u00(?:0|1)[0-9a-f]|\\u007f|\\u008|\\u009/);
    expect(statements[0]!.warnings).toContain(CONTROL_WARNING);
  });

  it('removes them from counterparty names, tabs and line breaks becoming spaces', () => {
    const { statements } = parseStatementBytes(withText('Nm', 'A\tB\u0000C'));
    expect(JSON.stringify(statements[0])).toContain('A BC');
  });

  it('refuses a camt file whose end-to-end id holds a NUL, as damaged, naming the field', () => {
    const e = kontorErrorOf(() => parseStatementBytes(withText('EndToEndId', 'E2E\u0000')));
    expect(e.code).toBe('statement.malformed');
    expect(e.params).toMatchObject({ reason: 'controlCharacter', field: 'end-to-end id' });
  });

  it('refuses a camt file whose IBAN holds a control character', () => {
    const bytes = Buffer.from(camt.replace(/<IBAN>DE/, '<IBAN>\u0001DE'), 'utf8');
    expect(kontorErrorOf(() => parseStatementBytes(bytes)).params).toMatchObject({ reason: 'controlCharacter' });
  });

  it('removes NUL from an MT940 purpose, keeps the rest of the text', () => {
    const { statements } = parseStatementBytes(MT940('Strom\u0000 Maerz\u0007'));
    expect(statements[0]!.lines[0]!.remittance).toBe('Strom Maerz');
  });

  it('decodes a Windows-1252 MT940 purpose with € „ “ as those characters, and leaves no C1 control', () => {
    const bytes = MT940('Rabatt 5 X EUR QlowQ high YberZ');
    const text = bytes.toString('latin1');
    const put = (s: string, at: string, byte: number) =>
      Buffer.concat([Buffer.from(s.slice(0, s.indexOf(at)), 'latin1'), Buffer.from([byte]), Buffer.from(s.slice(s.indexOf(at) + 1), 'latin1')]);
    const cp1252 = put(put(put(put(text, 'X', 0x80).toString('latin1'), 'Q', 0x84).toString('latin1'), 'Q', 0x93).toString('latin1'), 'Y', 0xfc);
    const line = parseStatementBytes(cp1252).statements[0]!.lines[0]!;
    expect(line.remittance).toBe('Rabatt 5 € EUR „low“ high überZ');
    expect(line.remittance).not.toMatch(/[\u0080-\u009f]/);
  });

  it('decodes a camt file declared ISO-8859-1 with the € of Windows-1252', () => {
    const latin = camt.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(/<Ustrd>/, '<Ustrd>Preis \u0080 5');
    expect(latin).toContain('ISO-8859-1');
    const { statements } = parseStatementBytes(Buffer.from(latin, 'latin1'));
    expect(statements[0]!.lines[0]!.remittance).toMatch(/^Preis € 5/);
  });

  it('stores no control character in the ledger, and the file as the bank sent it', () => {
    const ctx = tempContext();
    try {
      const bytes = withText('Ustrd', 'Rechnung\u0000 4711\u001b');
      storeStatementFile(ctx, { fileName: 'camt.xml', bytes });
      const texts = ctx.db.prepare('SELECT remittance, counterparty_name AS name, end_to_end_id AS e2e FROM statement_line').all() as Record<
        string,
        string | null
      >[];
      expect(texts).toHaveLength(1);
      // eslint-disable-next-line no-control-regex -- looking for control characters
      for (const v of Object.values(texts[0]!)) expect(v ?? '').not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(texts[0]!.remittance).toMatch(/^Rechnung 4711/);
      const stored = ctx.db.prepare('SELECT sha256 FROM import_file').get() as { sha256: string };
      expect(readArchived(statementArchiveDir(ctx), stored.sha256).equals(bytes)).toBe(true);
    } finally {
      ctx.cleanup();
    }
  });

  // The MT940 parser spares the lines the look for control characters until it has read one anywhere in the file: one
  // far into a long file, after thousands of clean lines, in a chunk of its own, must still be found.
  describe('in a long MT940 file, in its last booking', () => {
    const long = generateMt940(700, 3, 350).toString('latin1');
    const last = long.lastIndexOf('SVWZ+');
    const withPurpose = (inserted: string) => Buffer.from(`${long.slice(0, last + 5)}${inserted}${long.slice(last + 5)}`, 'latin1');
    const lastLine = (bytes: Buffer, chunkSize: number) => {
      const { statements } = parseChunks(chunksOf(bytes, chunkSize));
      expect(statements).toHaveLength(2);
      expect(statements[0]!.warnings).not.toContain(CONTROL_WARNING);
      expect(statements[1]!.warnings).toContain(CONTROL_WARNING);
      return statements[1]!.lines.at(-1)!;
    };

    for (const chunkSize of [7, 65_536, 1 << 20]) {
      it(`finds a tab, a DEL and a C1 control sent as UTF-8 (chunks of ${chunkSize} bytes)`, () => {
        expect(lastLine(withPurpose('A\tB '), chunkSize).remittance).toMatch(/^A B /);
        expect(lastLine(withPurpose('A\u007fB '), chunkSize).remittance).toMatch(/^AB /);
        expect(lastLine(withPurpose('A\u00c2\u0085B '), chunkSize).remittance).toMatch(/^AB /);
      });
    }

    it('refuses a control character in its end-to-end id', () => {
      const eref = long.lastIndexOf('EREF+');
      const bytes = Buffer.from(`${long.slice(0, eref + 5)}\u007f${long.slice(eref + 5)}`, 'latin1');
      expect(kontorErrorOf(() => parseStatementBytes(bytes)).params).toMatchObject({ reason: 'controlCharacter', field: 'end-to-end id' });
    });
  });

  it('leaves a file without control characters exactly as parsed before (no warning)', () => {
    const { statements } = parseStatementBytes(Buffer.from(camt, 'utf8'));
    expect(statements[0]!.warnings).not.toContain(CONTROL_WARNING);
  });
});
