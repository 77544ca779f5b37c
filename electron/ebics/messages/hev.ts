/**
 * HEV: which EBICS versions a bank host speaks. Unsigned, in the version-less
 * namespace H000; the setup wizard uses it to preselect H004 or H005.
 */
import { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import { check, hostIdSchema } from './params';
import { checkResponse } from './return-codes';
import { NS, isEbicsVersion, type EbicsVersion } from './versions';
import { childrenNamed, parseXmlSafely, path, text, type ReadOptions } from './xml-read';
import { finish, newDocument, textElement } from './xml-write';

const hevParamsSchema = z.object({ hostId: hostIdSchema });

export function buildHevRequest(params: { hostId: string }): string {
  const p = check(hevParamsSchema, params, 'HEV request');
  const root = newDocument(NS.hev, 'ebicsHEVRequest');
  textElement(root, 'HostID', p.hostId);
  return finish(root);
}

export interface HevVersion {
  /** Schema version, e.g. `H004`. */
  protocol: string;
  /** EBICS release, e.g. `02.50`. */
  version: string;
}

export interface HevResponse {
  returnCode: string;
  reportText: string;
  versions: HevVersion[];
}

/**
 * Reads an `ebicsHEVResponse`. Throws `EbicsError` when the bank reports an
 * error, a typed KontorError when the document is not an HEV response.
 */
export function parseHevResponse(xml: string | Uint8Array, options?: ReadOptions): HevResponse {
  const doc = parseXmlSafely(xml, 'bank response', options);
  const root = doc.documentElement;
  if (!root || root.localName !== 'ebicsHEVResponse' || root.namespaceURI !== NS.hev) {
    throw new KontorError('ebics.responseUnexpected', 'The bank did not answer with an EBICS version list (HEV).', { root: root?.localName ?? '' });
  }
  const returnCode = text(path(root, NS.hev, 'SystemReturnCode', 'ReturnCode'));
  const reportText = text(path(root, NS.hev, 'SystemReturnCode', 'ReportText')) ?? '';
  if (returnCode === undefined) throw new KontorError('ebics.responseMalformed', 'The EBICS version list (HEV) has no return code.', { what: 'HEV response' });
  checkResponse({ technical: { code: returnCode, reportText } });
  const versions = childrenNamed(root, NS.hev, 'VersionNumber').map((el) => ({
    protocol: el.getAttribute('ProtocolVersion') ?? '',
    version: (el.textContent ?? '').trim(),
  }));
  return { returnCode, reportText, versions };
}

/** The versions Kontor can use from an HEV list, newest first. */
export function supportedVersions(versions: readonly HevVersion[]): EbicsVersion[] {
  const found = new Set(versions.map((v) => v.protocol).filter(isEbicsVersion));
  return (['H005', 'H004'] as const).filter((v) => found.has(v));
}
