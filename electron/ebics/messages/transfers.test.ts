import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { customOrder, keyManagementOrder, resolveOrder } from './catalogue';
import { at, authenticated, bankKeyDigests, childNames, has, header, parse, textAt, TX_ID, uploadCrypto } from './test-fixtures';
import {
  SPR_SIGNED_DATA,
  buildDownloadInitialisation,
  buildDownloadTransfer,
  buildReceipt,
  buildSuspensionRequest,
  buildUploadInitialisation,
  buildUploadTransfer,
} from './transfers';
import { EBICS_VERSIONS, NS, type EbicsVersion } from './versions';
import { xsdErrors, xsdSkipReason } from '../../../test/support/ebics-xsd';

const uploadInit = (version: EbicsVersion, order = resolveOrder('credit_transfer', version), numSegments = 3) =>
  buildUploadInitialisation({ ...header(version), order, bankKeyDigests, numSegments, ...uploadCrypto });
const follow = (version: EbicsVersion) => ({ version, hostId: 'EXAMPLEH', transactionId: TX_ID });
const range = { start: '2024-01-01', end: '2024-01-14' };

describe.each(EBICS_VERSIONS)('transaction messages, %s', (version) => {
  describe('against the official schema', () => {
    const cases: Array<[string, () => string]> = [
      ['upload initialisation (credit transfer)', () => uploadInit(version)],
      ['upload initialisation (B2B direct debit)', () => uploadInit(version, resolveOrder('direct_debit_b2b', version))],
      ['upload transfer', () => buildUploadTransfer({ ...follow(version), segmentNumber: 2, numSegments: 3, orderData: 'AAECAw==' })],
      [
        'download initialisation with date range (camt.053)',
        () => buildDownloadInitialisation({ ...header(version), order: resolveOrder('statement_eod_camt', version), bankKeyDigests, dateRange: range }),
      ],
      [
        'download initialisation without date range (MT940)',
        () => buildDownloadInitialisation({ ...header(version), order: resolveOrder('statement_eod_mt940', version), bankKeyDigests }),
      ],
      [
        'download initialisation with date range (HAC)',
        () => buildDownloadInitialisation({ ...header(version), order: resolveOrder('customer_protocol_xml', version), bankKeyDigests, dateRange: range }),
      ],
      [
        'download initialisation (HKD)',
        () => buildDownloadInitialisation({ ...header(version), order: resolveOrder('customer_data', version), bankKeyDigests }),
      ],
      [
        'download initialisation (HVU)',
        () => buildDownloadInitialisation({ ...header(version), order: resolveOrder('veu_overview', version), bankKeyDigests }),
      ],
      [
        'download initialisation (HVZ)',
        () => buildDownloadInitialisation({ ...header(version), order: resolveOrder('veu_overview_details', version), bankKeyDigests }),
      ],
      ['download transfer', () => buildDownloadTransfer({ ...follow(version), segmentNumber: 2, numSegments: 2 })],
      ['receipt', () => buildReceipt({ ...follow(version), receiptCode: 0 })],
      ['PUB upload initialisation', () => uploadInit(version, keyManagementOrder('PUB', version), 1)],
      ['HCA upload initialisation', () => uploadInit(version, keyManagementOrder('HCA', version), 1)],
      ['HCS upload initialisation', () => uploadInit(version, keyManagementOrder('HCS', version), 1)],
      ['SPR (suspension)', () => buildSuspensionRequest({ ...header(version), bankKeyDigests, ...uploadCrypto })],
    ];
    it.skipIf(xsdSkipReason).each(cases)('%s validates', (_name, build) => {
      expect(xsdErrors(build(), version)).toEqual([]);
    });
  });

  it('upload initialisation authenticates header, DataEncryptionInfo and SignatureData, and nothing else', () => {
    const root = parse(uploadInit(version));
    expect(childNames(root)).toEqual(['header', 'AuthSignature', 'body']);
    expect(authenticated(root)).toEqual(['header', 'DataEncryptionInfo', 'SignatureData']);
  });

  it('upload initialisation carries the bank key digests, number of segments and encrypted data', () => {
    const root = parse(uploadInit(version));
    const st = at(root, 'header', 'static');
    expect(Buffer.from(textAt(st, 'BankPubKeyDigests', 'Authentication'), 'base64')).toEqual(bankKeyDigests.authentication.digest);
    expect(at(st, 'BankPubKeyDigests', 'Authentication').getAttribute('Version')).toBe('X002');
    expect(at(st, 'BankPubKeyDigests', 'Encryption').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
    expect(textAt(st, 'NumSegments')).toBe('3');
    expect(textAt(root, 'header', 'mutable', 'TransactionPhase')).toBe('Initialisation');
    const dt = at(root, 'body', 'DataTransfer');
    expect(Buffer.from(textAt(dt, 'DataEncryptionInfo', 'EncryptionPubKeyDigest'), 'base64')).toEqual(bankKeyDigests.encryption.digest);
    expect(at(dt, 'DataEncryptionInfo', 'EncryptionPubKeyDigest').getAttribute('Version')).toBe('E002');
    expect(Buffer.from(textAt(dt, 'DataEncryptionInfo', 'TransactionKey'), 'base64')).toEqual(uploadCrypto.transactionKey);
    expect(Buffer.from(textAt(dt, 'SignatureData'), 'base64')).toEqual(uploadCrypto.signatureData);
  });

  it('transfer and receipt requests carry only HostID and TransactionID in the static header', () => {
    for (const xml of [
      buildUploadTransfer({ ...follow(version), segmentNumber: 1, numSegments: 1, orderData: 'AAAA' }),
      buildDownloadTransfer({ ...follow(version), segmentNumber: 2, numSegments: 4 }),
      buildReceipt({ ...follow(version), receiptCode: 1 }),
    ]) {
      const root = parse(xml);
      expect(childNames(at(root, 'header', 'static'))).toEqual(['HostID', 'TransactionID']);
      expect(textAt(root, 'header', 'static', 'TransactionID')).toBe(TX_ID);
      expect(has(root, 'AuthSignature', 'SignedInfo')).toBe(true);
    }
  });

  it('upload transfer marks the last segment and sends the segment as OrderData', () => {
    const middle = parse(buildUploadTransfer({ ...follow(version), segmentNumber: 2, numSegments: 3, orderData: 'AAAA' }));
    const last = parse(buildUploadTransfer({ ...follow(version), segmentNumber: 3, numSegments: 3, orderData: 'BBBB' }));
    expect(textAt(middle, 'header', 'mutable', 'TransactionPhase')).toBe('Transfer');
    expect(at(middle, 'header', 'mutable', 'SegmentNumber').getAttribute('lastSegment')).toBe('false');
    expect(textAt(last, 'header', 'mutable', 'SegmentNumber')).toBe('3');
    expect(at(last, 'header', 'mutable', 'SegmentNumber').getAttribute('lastSegment')).toBe('true');
    expect(textAt(last, 'body', 'DataTransfer', 'OrderData')).toBe('BBBB');
    expect(authenticated(last)).toEqual(['header']);
  });

  it('download transfer asks for segment n with an empty body', () => {
    const root = parse(buildDownloadTransfer({ ...follow(version), segmentNumber: 4, numSegments: 4 }));
    expect(textAt(root, 'header', 'mutable', 'SegmentNumber')).toBe('4');
    expect(at(root, 'header', 'mutable', 'SegmentNumber').getAttribute('lastSegment')).toBe('true');
    expect(childNames(at(root, 'body'))).toEqual([]);
  });

  it('receipt sends the receipt code in an authenticated TransferReceipt', () => {
    for (const receiptCode of [0, 1] as const) {
      const root = parse(buildReceipt({ ...follow(version), receiptCode }));
      expect(textAt(root, 'header', 'mutable', 'TransactionPhase')).toBe('Receipt');
      expect(has(root, 'header', 'mutable', 'SegmentNumber')).toBe(false);
      expect(textAt(root, 'body', 'TransferReceipt', 'ReceiptCode')).toBe(String(receiptCode));
      expect(authenticated(root)).toEqual(['header', 'TransferReceipt']);
    }
  });

  it('download initialisation has no NumSegments and no DataTransfer', () => {
    const root = parse(
      buildDownloadInitialisation({ ...header(version), order: resolveOrder('statement_eod_camt', version), bankKeyDigests, dateRange: range }),
    );
    expect(has(root, 'header', 'static', 'NumSegments')).toBe(false);
    expect(childNames(at(root, 'body'))).toEqual([]);
    expect(authenticated(root)).toEqual(['header']);
  });

  it('sends no OrderID: the bank assigns it', () => {
    const root = parse(uploadInit(version));
    expect(has(root, 'header', 'static', 'OrderDetails', 'OrderID')).toBe(false);
  });

  it('SPR sends the signature only: zero segments', () => {
    const root = parse(buildSuspensionRequest({ ...header(version), bankKeyDigests, ...uploadCrypto }));
    const details = at(root, 'header', 'static', 'OrderDetails');
    expect(textAt(root, 'header', 'static', 'NumSegments')).toBe('0');
    expect(textAt(details, version === 'H004' ? 'OrderType' : 'AdminOrderType')).toBe('SPR');
    if (version === 'H004') expect(textAt(details, 'OrderAttribute')).toBe('UZHNN');
    expect(has(root, 'body', 'DataTransfer', 'SignatureData')).toBe(true);
    expect(has(root, 'body', 'DataTransfer', 'OrderData')).toBe(false);
  });

  it('refuses an order built for the other version or direction', () => {
    const other: EbicsVersion = version === 'H004' ? 'H005' : 'H004';
    expect(() => uploadInit(version, resolveOrder('credit_transfer', other))).toThrow(/order/);
    expect(() => uploadInit(version, resolveOrder('statement_eod_camt', version))).toThrow(/not a upload/);
    expect(() => buildDownloadInitialisation({ ...header(version), order: resolveOrder('credit_transfer', version), bankKeyDigests })).toThrow(KontorError);
  });

  it('refuses a segment number beyond the number of segments, an inverted date range and a short digest', () => {
    expect(() => buildDownloadTransfer({ ...follow(version), segmentNumber: 3, numSegments: 2 })).toThrow(/segmentNumber/);
    expect(() =>
      buildDownloadInitialisation({
        ...header(version),
        order: resolveOrder('statement_eod_camt', version),
        bankKeyDigests,
        dateRange: { start: '2024-02-01', end: '2024-01-01' },
      }),
    ).toThrow(/dateRange/);
    expect(() =>
      buildUploadInitialisation({
        ...header(version),
        order: resolveOrder('credit_transfer', version),
        bankKeyDigests: { ...bankKeyDigests, encryption: { digest: Buffer.alloc(31) } },
        numSegments: 1,
        ...uploadCrypto,
      }),
    ).toThrow(/32-byte/);
    expect(() =>
      buildDownloadInitialisation({
        ...header(version),
        order: resolveOrder('statement_eod_camt', version),
        bankKeyDigests,
        dateRange: { start: '2024-02-30', end: '2024-03-01' },
      }),
    ).toThrow(/calendar/);
  });
});

describe('H004 order addressing', () => {
  it('uploads use OrderType + OZHNN + StandardOrderParams', () => {
    const details = at(parse(uploadInit('H004', resolveOrder('direct_debit_core', 'H004'))), 'header', 'static', 'OrderDetails');
    expect(childNames(details)).toEqual(['OrderType', 'OrderAttribute', 'StandardOrderParams']);
    expect(textAt(details, 'OrderType')).toBe('CDD');
    expect(textAt(details, 'OrderAttribute')).toBe('OZHNN');
  });

  it('downloads use DZHNN and put the date range into StandardOrderParams', () => {
    const details = at(
      parse(buildDownloadInitialisation({ ...header('H004'), order: resolveOrder('statement_eod_camt', 'H004'), bankKeyDigests, dateRange: range })),
      'header',
      'static',
      'OrderDetails',
    );
    expect(textAt(details, 'OrderType')).toBe('C53');
    expect(textAt(details, 'OrderAttribute')).toBe('DZHNN');
    expect(textAt(details, 'StandardOrderParams', 'DateRange', 'Start')).toBe('2024-01-01');
    expect(textAt(details, 'StandardOrderParams', 'DateRange', 'End')).toBe('2024-01-14');
  });

  it('ignores a DataDigest for H004 (the schema has none)', () => {
    expect(has(parse(uploadInit('H004')), 'body', 'DataTransfer', 'DataDigest')).toBe(false);
  });
});

describe('H005 order addressing', () => {
  it('uploads use BTU with the BTF service and the signature flag', () => {
    const xml = buildUploadInitialisation({
      ...header('H005'),
      order: resolveOrder('direct_debit_core', 'H005'),
      bankKeyDigests,
      numSegments: 1,
      ...uploadCrypto,
      fileName: 'lastschrift.xml',
      requestEDS: true,
    });
    const details = at(parse(xml), 'header', 'static', 'OrderDetails');
    expect(textAt(details, 'AdminOrderType')).toBe('BTU');
    const params = at(details, 'BTUOrderParams');
    expect(params.getAttribute('fileName')).toBe('lastschrift.xml');
    expect(textAt(params, 'Service', 'ServiceName')).toBe('SDD');
    expect(textAt(params, 'Service', 'ServiceOption')).toBe('COR');
    expect(textAt(params, 'Service', 'MsgName')).toBe('pain.008');
    expect(at(params, 'Service', 'MsgName').getAttribute('version')).toBe('08');
    expect(at(params, 'SignatureFlag').getAttribute('requestEDS')).toBe('true');
  });

  it('downloads use BTD with service, container and date range', () => {
    const xml = buildDownloadInitialisation({ ...header('H005'), order: resolveOrder('statement_eod_camt', 'H005'), bankKeyDigests, dateRange: range });
    const params = at(parse(xml), 'header', 'static', 'OrderDetails', 'BTDOrderParams');
    expect(childNames(params)).toEqual(['Service', 'DateRange']);
    expect(textAt(params, 'Service', 'ServiceName')).toBe('EOP');
    expect(at(params, 'Service', 'Container').getAttribute('containerType')).toBe('ZIP');
    expect(textAt(params, 'Service', 'MsgName')).toBe('camt.053');
    expect(textAt(params, 'DateRange', 'Start')).toBe('2024-01-01');
  });

  it('admin downloads (HAC) use AdminOrderType with StandardOrderParams', () => {
    const details = at(
      parse(buildDownloadInitialisation({ ...header('H005'), order: resolveOrder('customer_protocol_xml', 'H005'), bankKeyDigests })),
      'header',
      'static',
      'OrderDetails',
    );
    expect(childNames(details)).toEqual(['AdminOrderType', 'StandardOrderParams']);
    expect(textAt(details, 'AdminOrderType')).toBe('HAC');
  });

  it('the upload carries DataDigest with the signature version after SignatureData', () => {
    const dt = at(parse(uploadInit('H005')), 'body', 'DataTransfer');
    expect(childNames(dt)).toEqual(['DataEncryptionInfo', 'SignatureData', 'DataDigest']);
    expect(at(dt, 'DataDigest').getAttribute('SignatureVersion')).toBe('A006');
    expect(Buffer.from(textAt(dt, 'DataDigest'), 'base64')).toEqual(uploadCrypto.dataDigest.digest);
  });

  it('refuses an H005 upload without DataDigest', () => {
    expect(() =>
      buildUploadInitialisation({
        ...header('H005'),
        order: resolveOrder('credit_transfer', 'H005'),
        bankKeyDigests,
        numSegments: 1,
        transactionKey: uploadCrypto.transactionKey,
        signatureData: uploadCrypto.signatureData,
      }),
    ).toThrow(/dataDigest/);
  });

  it('SPR signs a single space; its H005 DataDigest is that space hashed', () => {
    expect(SPR_SIGNED_DATA).toBe(' ');
    const digest = createHash('sha256').update(SPR_SIGNED_DATA).digest();
    const xml = buildSuspensionRequest({ ...header('H005'), bankKeyDigests, ...uploadCrypto, dataDigest: { signatureVersion: 'A005', digest } });
    expect(Buffer.from(textAt(parse(xml), 'body', 'DataTransfer', 'DataDigest'), 'base64')).toEqual(digest);
  });
});

describe('custom orders', () => {
  it.skipIf(xsdSkipReason)('an H004 order type outside the catalogue validates', () => {
    const order = customOrder('H004', 'download', { orderType: 'Z53' });
    expect(xsdErrors(buildDownloadInitialisation({ ...header('H004'), order, bankKeyDigests }), 'H004')).toEqual([]);
  });

  it('refuses an H005 BTD without service', () => {
    expect(() => customOrder('H005', 'download', { adminOrderType: 'BTD' })).toThrow(/service/);
  });
});

describe('schema check', () => {
  it.skipIf(xsdSkipReason)('reports an element the schema does not allow (the validator is not vacuous)', () => {
    const xml = buildReceipt({ version: 'H004', hostId: 'EXAMPLEH', transactionId: TX_ID, receiptCode: 0 })
      .replace('<ReceiptCode>', '<ReceiptCod>')
      .replace('</ReceiptCode>', '</ReceiptCod>');
    expect(xsdErrors(xml, 'H004').join('\n')).toMatch(/ReceiptCod/);
  });

  it('AuthSignature has the skeleton the X002 signer expects', () => {
    const sig = at(parse(uploadInit('H004')), 'AuthSignature');
    const info = at(sig, 'SignedInfo');
    expect(info.namespaceURI).toBe(NS.ds);
    expect(at(info, 'CanonicalizationMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/TR/2001/REC-xml-c14n-20010315');
    expect(at(info, 'SignatureMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(at(info, 'Reference').getAttribute('URI')).toBe("#xpointer(//*[@authenticate='true'])");
    expect(at(info, 'Reference', 'Transforms', 'Transform').getAttribute('Algorithm')).toBe('http://www.w3.org/TR/2001/REC-xml-c14n-20010315');
    expect(at(info, 'Reference', 'DigestMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
    expect(textAt(info, 'Reference', 'DigestValue')).toBe('');
    expect(childNames(sig)).toEqual(['SignedInfo', 'SignatureValue']);
    expect(textAt(sig, 'SignatureValue')).toBe('');
  });
});
