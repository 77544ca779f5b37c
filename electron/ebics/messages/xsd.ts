/**
 * Test helper: validates a document against the official EBICS schemas in
 * `../shared/xsd/ebics` (beside the repository) with xmllint. Nothing is
 * copied into the repository.
 *
 * - `../shared` missing: validation is skipped (`skipReason` says why).
 * - xmllint missing: skipped locally, an error when `CI` is set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../..');
export const sharedDir = resolve(repoRoot, '..', 'shared');
const ebicsXsd = join(sharedDir, 'xsd', 'ebics');

export const SCHEMAS = {
  /** Protocol messages and order data in urn:org:ebics:H004. */
  H004: join(ebicsXsd, 'H004', 'ebics_H004.xsd'),
  H005: join(ebicsXsd, 'H005', 'ebics_H005.xsd'),
  /** UserSignatureData / SignaturePubKeyOrderData, http://www.ebics.org/S001. */
  S001: join(ebicsXsd, 'H004', 'ebics_signature.xsd'),
  S002: join(ebicsXsd, 'H005', 'ebics_signature_S002.xsd'),
  HEV: join(ebicsXsd, 'H005', 'ebics_hev.xsd'),
} as const;
export type SchemaName = keyof typeof SCHEMAS;

function findXmllint(): boolean {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

function computeSkipReason(): string | undefined {
  if (!existsSync(SCHEMAS.H004) || !existsSync(SCHEMAS.H005)) {
    return `EBICS schema validation skipped: ${ebicsXsd} not found (the reference folder ../shared beside the repository is missing).`;
  }
  if (!findXmllint()) {
    const msg = 'EBICS schema validation skipped: xmllint not found (install libxml2-utils).';
    if (process.env.CI) throw new Error(`${msg} CI is set, so this is an error.`);
    return msg;
  }
  return undefined;
}

/** Why schema validation cannot run here, or undefined when it can. */
export const xsdSkipReason: string | undefined = computeSkipReason();
if (xsdSkipReason) console.warn(xsdSkipReason);

/**
 * Validates `xml` against `schema`; returns xmllint's error lines (empty when
 * the document validates).
 */
export function xsdErrors(xml: string, schema: SchemaName): string[] {
  if (xsdSkipReason) throw new Error(xsdSkipReason);
  const dir = mkdtempSync(join(tmpdir(), 'kontor-xsd-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml, 'utf8');
    const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', SCHEMAS[schema], file], { encoding: 'utf8' });
    if (r.status === 0) return [];
    const lines = `${r.stderr}`
      .split('\n')
      .map((l) => l.replace(file, 'doc.xml'))
      .filter((l) => l.trim() !== '' && !l.endsWith('fails to validate'));
    return lines.length > 0 ? lines : [`xmllint exited with ${r.status}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
