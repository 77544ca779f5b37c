/**
 * Test helper: validates a document against the official EBICS schemas in
 * `../shared/xsd/ebics` (beside the repository) with xmllint. Nothing is
 * copied into the repository.
 *
 * - `../shared` missing: validation is skipped (`skipReason` says why).
 * - xmllint missing: skipped locally, an error when `CI` is set.
 */
import { join } from 'node:path';
import { REFERENCE_DIR, xmllintErrors, xmllintErrorsAll, xmllintSkipReason } from './reference';

export const sharedDir = REFERENCE_DIR;
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

/** Why schema validation cannot run here, or undefined when it can. */
export const xsdSkipReason: string | undefined = xmllintSkipReason(ebicsXsd);
if (xsdSkipReason) console.warn(`EBICS ${xsdSkipReason}`);

/** Validates `xml` against `schema`; returns xmllint's error lines (empty when the document validates). */
export function xsdErrors(xml: string, schema: SchemaName): string[] {
  if (xsdSkipReason) throw new Error(xsdSkipReason);
  return xmllintErrors(xml, SCHEMAS[schema]);
}

/** Validates many documents against one schema in one xmllint run; error lines start with the document's name. */
export function xsdErrorsAll(documents: ReadonlyArray<{ name: string; xml: string }>, schema: SchemaName): string[] {
  if (xsdSkipReason) throw new Error(xsdSkipReason);
  return xmllintErrorsAll(documents, SCHEMAS[schema]);
}
