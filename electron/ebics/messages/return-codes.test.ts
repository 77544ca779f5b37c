import { describe, expect, it } from 'vitest';
import { isKontorError } from '../../../shared/errors';
import { EbicsError, RETURN_CODES, checkResponse, describeReturnCode } from './return-codes';

function failureOf(code: string, layer: 'technical' | 'business', download = false): EbicsError {
  const response =
    layer === 'technical'
      ? { technical: { code, reportText: `[X] text ${code}` } }
      : { technical: { code: '000000', reportText: '[EBICS_OK] OK' }, business: { code } };
  try {
    checkResponse(response, { download });
  } catch (e) {
    if (e instanceof EbicsError) return e;
    throw e;
  }
  throw new Error(`expected ${code} to fail`);
}

/** Every error code Kontor knows and the typed error it must become. */
const TABLE: Array<[string, string]> = [
  ['061001', 'ebics.authenticationFailed'],
  ['061002', 'ebics.invalidRequest'],
  ['061101', 'ebics.txRecoverySync'],
  ['090003', 'ebics.authorisationOrderTypeFailed'],
  ['090004', 'ebics.invalidOrderDataFormat'],
  ['090005', 'ebics.noDownloadDataAvailable'],
  ['091002', 'ebics.invalidUserOrUserState'],
  ['091003', 'ebics.userUnknown'],
  ['091004', 'ebics.invalidUserState'],
  ['091008', 'ebics.bankPubkeyUpdateRequired'],
  ['091101', 'ebics.txUnknownTxid'],
  ['091102', 'ebics.txAbort'],
  ['091103', 'ebics.txMessageReplay'],
  ['091105', 'ebics.recoveryNotSupported'],
  ['091115', 'ebics.orderIdAlreadyExists'],
  ['091116', 'ebics.processingError'],
  ['091117', 'ebics.maxOrderDataSizeExceeded'],
  ['091118', 'ebics.maxSegmentsExceeded'],
  ['091219', 'ebics.certificateValidationError'],
  ['091301', 'ebics.signatureVerificationFailed'],
  ['091303', 'ebics.amountCheckFailed'],
];

describe('return codes', () => {
  it.each(TABLE)('%s becomes %s in either layer', (code, errorCode) => {
    for (const layer of ['technical', 'business'] as const) {
      const err = failureOf(code, layer);
      expect(err.code).toBe(errorCode);
      expect(err.ebicsCode).toBe(code);
      expect(err.layer).toBe(layer);
      expect(isKontorError(err)).toBe(true);
      expect(err.params).toMatchObject({ ebicsCode: code, layer });
      expect(err.message).toBe(describeReturnCode(code)?.en);
      expect(err.messageDe).toBe(describeReturnCode(code)?.de);
    }
  });

  it('000000, 011000 and 011001 are success in both layers; 031001 is a warning', () => {
    for (const code of ['000000', '011000', '011001']) {
      expect(checkResponse({ technical: { code }, business: { code } })).toEqual({ noData: false, warnings: [] });
      expect(describeReturnCode(code)?.severity).toBe('ok');
    }
    const r = checkResponse({ technical: { code: '031001' }, business: { code: '000000' } });
    expect(r.warnings.map((w) => w.code)).toEqual(['031001']);
    expect(describeReturnCode('031001')?.severity).toBe('warning');
  });

  it('090005 on a download is no data, in either layer', () => {
    expect(checkResponse({ technical: { code: '000000' }, business: { code: '090005' } }, { download: true }).noData).toBe(true);
    expect(checkResponse({ technical: { code: '090005' } }, { download: true }).noData).toBe(true);
  });

  it('the technical code is checked first, and the body code even when the header is OK', () => {
    expect(() => checkResponse({ technical: { code: '061002' }, business: { code: '091303' } })).toThrow(
      expect.objectContaining({ layer: 'technical', ebicsCode: '061002' }),
    );
    expect(() => checkResponse({ technical: { code: '000000' }, business: { code: '091116' } })).toThrow(
      expect.objectContaining({ layer: 'business', ebicsCode: '091116' }),
    );
  });

  it('the bank-key message tells the user what to do, in English and German', () => {
    const err = failureOf('091008', 'technical');
    expect(err.message).toBe('The bank has new keys. Fetch and check the bank keys again before continuing.');
    expect(err.messageDe).toBe('Die Bank hat neue Schlüssel. Holen und prüfen Sie die Bankschlüssel erneut, bevor Sie fortfahren.');
  });

  it('recovery is marked recoverable', () => {
    expect(failureOf('061101', 'technical').severity).toBe('recoverable');
    expect(failureOf('091301', 'business').severity).toBe('error');
  });

  it('an unknown code still throws, with the raw code and the report text', () => {
    const err = failureOf('091999', 'technical');
    expect(err.code).toBe('ebics.unknownReturnCode');
    expect(err.params).toMatchObject({ ebicsCode: '091999', reportText: '[X] text 091999' });
    expect(err.message).toContain('091999');
    expect(err.message).toContain('[X] text 091999');
    expect(err.messageDe).toContain('091999');
  });

  it('every known code has a name, a severity and distinct English and German text', () => {
    const names = new Set<string>();
    for (const info of RETURN_CODES.values()) {
      expect(info.code).toMatch(/^\d{6}$/);
      expect(info.name).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(names.has(info.name)).toBe(false);
      names.add(info.name);
      expect(['ok', 'warning', 'error', 'recoverable']).toContain(info.severity);
      expect(info.en.length).toBeGreaterThan(10);
      expect(info.de.length).toBeGreaterThan(10);
      expect(info.de).not.toBe(info.en);
    }
  });
});
