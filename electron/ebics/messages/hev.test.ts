import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { buildHevRequest, parseHevResponse, supportedVersions } from './hev';
import { EbicsError } from './return-codes';
import { parse, textAt } from './test-fixtures';
import { NS } from './versions';
import { xsdErrors, xsdSkipReason } from '../../../test/support/ebics-xsd';

function hevResponse(code: string, versions: Array<[string, string]>): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.hev, 'ebicsHEVResponse');
  const rc = root.ele('SystemReturnCode');
  rc.ele('ReturnCode').txt(code);
  rc.ele('ReportText').txt(code === '000000' ? '[EBICS_OK] OK' : '[EBICS_INVALID_HOST_ID] Invalid host ID');
  for (const [protocol, version] of versions) root.ele('VersionNumber', { ProtocolVersion: protocol }).txt(version);
  return root.end();
}

describe('HEV', () => {
  it.skipIf(xsdSkipReason)('the request validates against ebics_hev.xsd', () => {
    expect(xsdErrors(buildHevRequest({ hostId: 'EXAMPLEH' }), 'HEV')).toEqual([]);
  });

  it('the request is ebicsHEVRequest in the H000 namespace with the host ID', () => {
    const root = parse(buildHevRequest({ hostId: 'EXAMPLEH' }));
    expect(root.localName).toBe('ebicsHEVRequest');
    expect(root.namespaceURI).toBe('http://www.ebics.org/H000');
    expect(textAt(root, 'HostID')).toBe('EXAMPLEH');
  });

  it.skipIf(xsdSkipReason)('the test response is a valid ebicsHEVResponse', () => {
    expect(xsdErrors(hevResponse('000000', [['H004', '02.50']]), 'HEV')).toEqual([]);
  });

  it('reads the supported versions', () => {
    const r = parseHevResponse(
      hevResponse('000000', [
        ['H003', '02.40'],
        ['H004', '02.50'],
        ['H005', '03.00'],
      ]),
    );
    expect(r.versions).toEqual([
      { protocol: 'H003', version: '02.40' },
      { protocol: 'H004', version: '02.50' },
      { protocol: 'H005', version: '03.00' },
    ]);
    expect(supportedVersions(r.versions)).toEqual(['H005', 'H004']);
  });

  it('a host with only EBICS 2.4 offers nothing Kontor can use', () => {
    expect(supportedVersions(parseHevResponse(hevResponse('000000', [['H003', '02.40']])).versions)).toEqual([]);
  });

  it('an error code becomes a typed EbicsError', () => {
    let err: unknown;
    try {
      parseHevResponse(hevResponse('091011', []));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EbicsError);
    expect((err as EbicsError).code).toBe('ebics.invalidHostId');
    expect((err as EbicsError).reportText).toContain('Invalid host ID');
  });

  it('refuses a document that is not an HEV response', () => {
    expect(() => parseHevResponse('<?xml version="1.0"?><html><body>Bad gateway</body></html>')).toThrow(KontorError);
  });
});
