/**
 * Test support: validates XML against the ISO 20022 schemas beside the
 * repository (`../shared/xsd/iso`) with libxml2's `xmllint`. The schemas are
 * read in place, never copied into the repository.
 */
import { join } from 'node:path';
import { REFERENCE_DIR, xmllintErrors, xmllintSkipReason } from './reference';

export const ISO_SCHEMA_DIR = join(REFERENCE_DIR, 'xsd', 'iso');

export type SchemaAvailability =
  { available: true } | { available: false; reason: string; /** On CI a missing xmllint is a failure, not a skip. */ mustFail: boolean };

export function schemaAvailability(): SchemaAvailability {
  try {
    const reason = xmllintSkipReason(ISO_SCHEMA_DIR);
    return reason ? { available: false, reason, mustFail: false } : { available: true };
  } catch (e) {
    return { available: false, reason: (e as Error).message, mustFail: true };
  }
}

/** Runs `xmllint --nonet --noout --schema <xsd>` on the document; `output` holds xmllint's messages. */
export function validateAgainstSchema(xml: string, schemaFile: string): { valid: boolean; output: string } {
  const errors = xmllintErrors(xml, join(ISO_SCHEMA_DIR, schemaFile));
  return { valid: errors.length === 0, output: errors.length === 0 ? 'document.xml validates' : errors.join('\n') };
}
