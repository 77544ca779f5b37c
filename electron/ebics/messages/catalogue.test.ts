import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { BUSINESS_PURPOSES, DEFAULT_CATALOGUE, keyManagementOrder, resolveOrder } from './catalogue';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KontorError) return e.code;
    throw e;
  }
  throw new Error('expected a KontorError');
}

describe('order catalogue', () => {
  it('maps the H004 purposes to their order types', () => {
    const expected: Record<string, string> = {
      credit_transfer: 'CCT',
      direct_debit_core: 'CDD',
      direct_debit_b2b: 'CDB',
      statement_eod_camt: 'C53',
      statement_eod_mt940: 'STA',
      intraday_camt: 'C52',
      intraday_mt942: 'VMK',
      notification_camt: 'C54',
      customer_protocol_xml: 'HAC',
      customer_protocol_text: 'PTK',
      bank_params: 'HPD',
      customer_data: 'HKD',
      user_data: 'HTD',
      available_downloads: 'HAA',
      veu_overview: 'HVU',
      veu_overview_details: 'HVZ',
      credit_transfer_vop: 'CTV',
      instant_transfer: 'CIP',
      instant_transfer_vop: 'CIV',
      vop_report: 'VPZ',
    };
    for (const purpose of BUSINESS_PURPOSES) {
      const order = resolveOrder(purpose, 'H004');
      expect(order.version === 'H004' && order.orderType, purpose).toBe(expected[purpose]);
    }
  });

  it('gives uploads OZHNN and downloads DZHNN in H004', () => {
    const up = resolveOrder('credit_transfer', 'H004');
    const down = resolveOrder('statement_eod_camt', 'H004');
    expect(up).toMatchObject({ direction: 'upload', orderAttribute: 'OZHNN' });
    expect(down).toMatchObject({ direction: 'download', orderAttribute: 'DZHNN' });
  });

  it('maps business orders to BTU/BTD services in H005', () => {
    expect(resolveOrder('credit_transfer', 'H005')).toMatchObject({
      adminOrderType: 'BTU',
      service: { serviceName: 'SCT', msgName: 'pain.001', msgVersion: '09' },
    });
    expect(resolveOrder('direct_debit_core', 'H005')).toMatchObject({
      adminOrderType: 'BTU',
      service: { serviceName: 'SDD', serviceOption: 'COR', msgName: 'pain.008' },
    });
    expect(resolveOrder('direct_debit_b2b', 'H005')).toMatchObject({ adminOrderType: 'BTU', service: { serviceName: 'SDD', serviceOption: 'B2B' } });
    expect(resolveOrder('statement_eod_camt', 'H005')).toMatchObject({
      adminOrderType: 'BTD',
      service: { serviceName: 'EOP', container: 'ZIP', msgName: 'camt.053' },
    });
    expect(resolveOrder('intraday_camt', 'H005')).toMatchObject({ adminOrderType: 'BTD', service: { serviceName: 'STM', msgName: 'camt.052' } });
    expect(resolveOrder('notification_camt', 'H005')).toMatchObject({ adminOrderType: 'BTD', service: { serviceName: 'REP', msgName: 'camt.054' } });
    expect(resolveOrder('customer_protocol_xml', 'H005')).toMatchObject({ adminOrderType: 'HAC', service: undefined });
  });

  it('merges a bank override over the defaults without changing the defaults', () => {
    const overrides = {
      statement_eod_camt: { H005: { service: { scope: 'DE', msgVersion: '08' } }, H004: { orderType: 'Z53' } },
    };
    expect(resolveOrder('statement_eod_camt', 'H005', overrides)).toMatchObject({
      adminOrderType: 'BTD',
      service: { serviceName: 'EOP', scope: 'DE', container: 'ZIP', msgName: 'camt.053', msgVersion: '08' },
    });
    expect(resolveOrder('statement_eod_camt', 'H004', overrides)).toMatchObject({ orderType: 'Z53', orderAttribute: 'DZHNN' });
    expect(DEFAULT_CATALOGUE.statement_eod_camt.H005.service).toEqual({ serviceName: 'EOP', container: 'ZIP', msgName: 'camt.053' });
    expect(resolveOrder('statement_eod_camt', 'H005')).toMatchObject({ service: { serviceName: 'EOP' } });
  });

  it('lets an override remove an optional service field with null', () => {
    const order = resolveOrder('statement_eod_camt', 'H005', { statement_eod_camt: { H005: { service: { container: null } } } });
    expect(order.version === 'H005' && order.service).toEqual({ serviceName: 'EOP', msgName: 'camt.053' });
  });

  it('refuses overrides the schema would reject, with a typed error', () => {
    expect(codeOf(() => resolveOrder('credit_transfer', 'H005', { credit_transfer: { H005: { service: { serviceName: 'sct' } } } }))).toBe(
      'ebics.invalidOrderCatalogue',
    );
    expect(codeOf(() => resolveOrder('credit_transfer', 'H004', { credit_transfer: { H004: { orderType: 'CCTX' } } }))).toBe('ebics.invalidOrderCatalogue');
    expect(codeOf(() => resolveOrder('credit_transfer', 'H004', { not_a_purpose: {} }))).toBe('ebics.invalidOrderCatalogue');
    expect(codeOf(() => resolveOrder('credit_transfer', 'H005', { credit_transfer: { H005: { service: null } } }))).toBe('ebics.invalidOrderCatalogue');
    expect(codeOf(() => resolveOrder('credit_transfer', 'H004', 'CCT'))).toBe('ebics.invalidOrderCatalogue');
  });

  it('refuses an unknown purpose', () => {
    expect(codeOf(() => resolveOrder('lottery' as never, 'H004'))).toBe('ebics.unknownPurpose');
  });

  it('key management orders are fixed: PUB/HCA/HCS with ES and order data, SPR signature only', () => {
    expect(keyManagementOrder('PUB', 'H004')).toMatchObject({ orderType: 'PUB', orderAttribute: 'OZHNN', direction: 'upload' });
    expect(keyManagementOrder('HCS', 'H004')).toMatchObject({ orderType: 'HCS', orderAttribute: 'OZHNN' });
    expect(keyManagementOrder('SPR', 'H004')).toMatchObject({ orderType: 'SPR', orderAttribute: 'UZHNN' });
    expect(keyManagementOrder('HCA', 'H005')).toMatchObject({ adminOrderType: 'HCA', orderParams: 'standard' });
  });
});
