/**
 * Test support: the reference material beside the repository (`../shared`:
 * schemas, known-answer vectors, statement corpus) and xmllint to validate
 * against its schemas. Read in place, never copied into the repository; a
 * user's clone has no `../shared`, so callers skip with the reason given here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const REFERENCE_DIR = resolve(REPO_ROOT, '..', 'shared');

/** Why schema validation cannot run here (undefined when it can); throws on CI, which promises xmllint. */
export function xmllintSkipReason(schemaDir: string): string | undefined {
  if (!existsSync(schemaDir)) return `schema validation skipped: ${schemaDir} not found (the reference folder ../shared beside the repository is missing)`;
  if (spawnSync('xmllint', ['--version']).error !== undefined) {
    const reason = 'schema validation skipped: xmllint not found (install libxml2-utils)';
    if (process.env.CI) throw new Error(`${reason}; CI is set, so this is an error`);
    return reason;
  }
  return undefined;
}

/**
 * `xmllint --nonet --noout --schema`: the error lines, empty when the
 * document validates. `stream` validates while reading (`--stream`), without
 * building the document tree: for files of thousands of payments.
 */
export function xmllintErrors(xml: string, schemaFile: string, options: { stream?: boolean } = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-xsd-'));
  try {
    const file = join(dir, 'document.xml');
    writeFileSync(file, xml, 'utf8');
    const r = spawnSync('xmllint', ['--nonet', '--noout', ...(options.stream ? ['--stream'] : []), '--schema', schemaFile, file], { encoding: 'utf8' });
    if (r.status === 0) return [];
    const lines = `${r.stdout}${r.stderr}`
      .split('\n')
      .map((l) => l.replaceAll(file, 'document.xml'))
      .filter((l) => l.trim() !== '' && !l.endsWith('fails to validate'));
    return lines.length > 0 ? lines : [`xmllint exited with ${r.status}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Validates many documents against one schema in a single xmllint run (the
 * schema is read once, not once per document): the error lines, each starting
 * with the document's name, empty when all validate.
 */
export function xmllintErrorsAll(documents: ReadonlyArray<{ name: string; xml: string }>, schemaFile: string): string[] {
  if (documents.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'kontor-xsd-all-'));
  try {
    const files = documents.map((d, i) => {
      const file = join(dir, `${String(i).padStart(5, '0')}.xml`);
      writeFileSync(file, d.xml, 'utf8');
      return { file, name: d.name };
    });
    const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schemaFile, ...files.map((f) => f.file)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${r.stdout}${r.stderr}`.split('\n');
    if (r.status === 0 && output.filter((l) => l.endsWith(' validates')).length === files.length) return [];
    const lines = output
      .filter((l) => l.trim() !== '' && !l.endsWith(' validates') && !l.endsWith('fails to validate'))
      .map((l) => files.reduce((line, f) => line.replaceAll(f.file, f.name), l));
    return lines.length > 0 ? lines : [`xmllint exited with ${r.status}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
