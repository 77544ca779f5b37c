/**
 * Test support: validates XML against the ISO 20022 schemas beside the
 * repository (`../shared/xsd/iso`) with libxml2's `xmllint`. The schemas are
 * read in place, never copied into the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const ISO_SCHEMA_DIR = join(resolve(REPO_ROOT, '..', 'shared'), 'xsd', 'iso');

export type SchemaAvailability =
  | { available: true }
  | { available: false; reason: string; /** On CI a missing xmllint is a failure, not a skip. */ mustFail: boolean };

export function schemaAvailability(): SchemaAvailability {
  if (!existsSync(ISO_SCHEMA_DIR)) {
    return { available: false, reason: `the reference schemas are not at ${ISO_SCHEMA_DIR}`, mustFail: false };
  }
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    const ci = process.env.CI !== undefined && process.env.CI !== '';
    return { available: false, reason: 'xmllint is not installed (Debian/Ubuntu package libxml2-utils)', mustFail: ci };
  }
  return { available: true };
}

/** Runs `xmllint --nonet --noout --schema <xsd>` on the document; `output` holds xmllint's messages. */
export function validateAgainstSchema(xml: string, schemaFile: string): { valid: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-xsd-'));
  try {
    const file = join(dir, 'document.xml');
    writeFileSync(file, xml, 'utf8');
    const run = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(ISO_SCHEMA_DIR, schemaFile), file], {
      encoding: 'utf8',
    });
    return { valid: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
