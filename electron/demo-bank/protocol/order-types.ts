/**
 * What the demo bank offers, per EBICS version: order types (H004) and
 * admin order types with BTF services (H005), and how a request's order is
 * recognised. The HTD/HKD permission lists are written from the same table,
 * so what the bank says it offers and what it accepts never differ.
 */
import type { EbicsVersion } from './versions';
import { Refusal } from './codes';
import type { BtfService, OrderDetails } from './request';

export type StatementKind = 'camt.053' | 'camt.052' | 'camt.054' | 'mt940' | 'mt942';
export type ParameterKind = 'HTD' | 'HKD' | 'HAA' | 'HPD';
export type ProtocolKind = 'HAC' | 'PTK';
export type VeuOverviewKind = 'HVU' | 'HVZ' | 'HVD' | 'HVT';
export type VeuAction = 'HVE' | 'HVS';
export type KeyChange = 'PUB' | 'HCA' | 'HCS';
export type PaymentKind = 'credit_transfer' | 'direct_debit_core' | 'direct_debit_b2b';

/** What an order is, once recognised. */
export type OrderPurpose =
  | { direction: 'upload'; kind: 'payment'; payment: PaymentKind; vop?: boolean; instant?: boolean }
  | { direction: 'upload'; kind: 'keys'; change: KeyChange }
  | { direction: 'upload'; kind: 'suspend' }
  | { direction: 'upload'; kind: 'veu-sign'; action: VeuAction }
  | { direction: 'download'; kind: 'statement'; statement: StatementKind; zip: boolean }
  | { direction: 'download'; kind: 'protocol'; protocol: ProtocolKind }
  | { direction: 'download'; kind: 'veu'; overview: VeuOverviewKind }
  | { direction: 'download'; kind: 'vop-report' }
  | { direction: 'download'; kind: 'parameters'; parameters: ParameterKind };

export interface OfferedOrder {
  /** H004 order type or H005 admin order type. */
  orderType: string;
  service?: BtfService;
  description: string;
  purpose: OrderPurpose;
}

const PAYMENTS_H004: OfferedOrder[] = [
  { orderType: 'CCT', description: 'SEPA credit transfer (pain.001)', purpose: { direction: 'upload', kind: 'payment', payment: 'credit_transfer' } },
  { orderType: 'CDD', description: 'SEPA core direct debit (pain.008)', purpose: { direction: 'upload', kind: 'payment', payment: 'direct_debit_core' } },
  { orderType: 'CDB', description: 'SEPA B2B direct debit (pain.008)', purpose: { direction: 'upload', kind: 'payment', payment: 'direct_debit_b2b' } },
  // Verification of Payee (DK since 5 October 2025): the same pain.001, checked before it waits in the VEU.
  {
    orderType: 'CTV',
    description: 'SEPA credit transfer with verification of payee',
    purpose: { direction: 'upload', kind: 'payment', payment: 'credit_transfer', vop: true },
  },
  {
    orderType: 'CIP',
    description: 'SEPA instant credit transfer',
    purpose: { direction: 'upload', kind: 'payment', payment: 'credit_transfer', instant: true },
  },
  {
    orderType: 'CIV',
    description: 'SEPA instant credit transfer with verification of payee',
    purpose: { direction: 'upload', kind: 'payment', payment: 'credit_transfer', vop: true, instant: true },
  },
  { orderType: 'VPZ', description: 'Verification of payee result report (pain.002)', purpose: { direction: 'download', kind: 'vop-report' } },
];

const STATEMENTS_H004: OfferedOrder[] = [
  {
    orderType: 'C53',
    description: 'End-of-day statement (camt.053, ZIP)',
    purpose: { direction: 'download', kind: 'statement', statement: 'camt.053', zip: true },
  },
  { orderType: 'C52', description: 'Intraday report (camt.052, ZIP)', purpose: { direction: 'download', kind: 'statement', statement: 'camt.052', zip: true } },
  {
    orderType: 'C54',
    description: 'Debit/credit notification (camt.054, ZIP)',
    purpose: { direction: 'download', kind: 'statement', statement: 'camt.054', zip: true },
  },
  { orderType: 'STA', description: 'End-of-day statement (MT940)', purpose: { direction: 'download', kind: 'statement', statement: 'mt940', zip: false } },
  { orderType: 'VMK', description: 'Intraday report (MT942)', purpose: { direction: 'download', kind: 'statement', statement: 'mt942', zip: false } },
];

const PAYMENTS_H005: OfferedOrder[] = [
  {
    orderType: 'BTU',
    service: { serviceName: 'SCT', msgName: 'pain.001' },
    description: 'SEPA credit transfer (pain.001)',
    purpose: { direction: 'upload', kind: 'payment', payment: 'credit_transfer' },
  },
  {
    orderType: 'BTU',
    service: { serviceName: 'SDD', serviceOption: 'COR', msgName: 'pain.008' },
    description: 'SEPA core direct debit (pain.008)',
    purpose: { direction: 'upload', kind: 'payment', payment: 'direct_debit_core' },
  },
  {
    orderType: 'BTU',
    service: { serviceName: 'SDD', serviceOption: 'B2B', msgName: 'pain.008' },
    description: 'SEPA B2B direct debit (pain.008)',
    purpose: { direction: 'upload', kind: 'payment', payment: 'direct_debit_b2b' },
  },
  {
    orderType: 'BTU',
    service: { serviceName: 'SCT', serviceOption: 'VOI', msgName: 'pain.001' },
    description: 'SEPA credit transfer with verification of payee',
    purpose: { direction: 'upload', kind: 'payment', payment: 'credit_transfer', vop: true },
  },
  {
    orderType: 'BTU',
    service: { serviceName: 'SCI', msgName: 'pain.001' },
    description: 'SEPA instant credit transfer',
    purpose: { direction: 'upload', kind: 'payment', payment: 'credit_transfer', instant: true },
  },
  {
    orderType: 'BTU',
    service: { serviceName: 'SCI', serviceOption: 'VOI', msgName: 'pain.001' },
    description: 'SEPA instant credit transfer with verification of payee',
    purpose: { direction: 'upload', kind: 'payment', payment: 'credit_transfer', vop: true, instant: true },
  },
  {
    orderType: 'BTD',
    service: { serviceName: 'REP', serviceOption: 'VOP', container: 'ZIP', msgName: 'pain.002' },
    description: 'Verification of payee result report (pain.002)',
    purpose: { direction: 'download', kind: 'vop-report' },
  },
];

const STATEMENTS_H005: OfferedOrder[] = [
  {
    orderType: 'BTD',
    service: { serviceName: 'EOP', container: 'ZIP', msgName: 'camt.053' },
    description: 'End-of-day statement (camt.053)',
    purpose: { direction: 'download', kind: 'statement', statement: 'camt.053', zip: true },
  },
  {
    orderType: 'BTD',
    service: { serviceName: 'EOP', msgName: 'mt940' },
    description: 'End-of-day statement (MT940)',
    purpose: { direction: 'download', kind: 'statement', statement: 'mt940', zip: false },
  },
  {
    orderType: 'BTD',
    service: { serviceName: 'STM', container: 'ZIP', msgName: 'camt.052' },
    description: 'Intraday report (camt.052)',
    purpose: { direction: 'download', kind: 'statement', statement: 'camt.052', zip: true },
  },
  {
    orderType: 'BTD',
    service: { serviceName: 'STM', msgName: 'mt942' },
    description: 'Intraday report (MT942)',
    purpose: { direction: 'download', kind: 'statement', statement: 'mt942', zip: false },
  },
  {
    orderType: 'BTD',
    service: { serviceName: 'REP', container: 'ZIP', msgName: 'camt.054' },
    description: 'Debit/credit notification (camt.054)',
    purpose: { direction: 'download', kind: 'statement', statement: 'camt.054', zip: true },
  },
];

const COMMON: OfferedOrder[] = [
  { orderType: 'PUB', description: 'Change of the signature key', purpose: { direction: 'upload', kind: 'keys', change: 'PUB' } },
  { orderType: 'HCA', description: 'Change of the authentication and encryption keys', purpose: { direction: 'upload', kind: 'keys', change: 'HCA' } },
  { orderType: 'HCS', description: 'Change of all subscriber keys', purpose: { direction: 'upload', kind: 'keys', change: 'HCS' } },
  { orderType: 'SPR', description: 'Suspension of the subscriber', purpose: { direction: 'upload', kind: 'suspend' } },
  { orderType: 'HAC', description: 'Customer protocol (pain.002)', purpose: { direction: 'download', kind: 'protocol', protocol: 'HAC' } },
  { orderType: 'PTK', description: 'Customer protocol (text)', purpose: { direction: 'download', kind: 'protocol', protocol: 'PTK' } },
  { orderType: 'HVU', description: 'Orders waiting for signatures (VEU overview)', purpose: { direction: 'download', kind: 'veu', overview: 'HVU' } },
  { orderType: 'HVZ', description: 'Orders waiting for signatures, with details', purpose: { direction: 'download', kind: 'veu', overview: 'HVZ' } },
  { orderType: 'HVD', description: 'State and signatures of an order in the VEU', purpose: { direction: 'download', kind: 'veu', overview: 'HVD' } },
  { orderType: 'HVT', description: 'Transactions of an order in the VEU', purpose: { direction: 'download', kind: 'veu', overview: 'HVT' } },
  { orderType: 'HVE', description: 'Sign an order in the VEU', purpose: { direction: 'upload', kind: 'veu-sign', action: 'HVE' } },
  { orderType: 'HVS', description: 'Cancel an order in the VEU', purpose: { direction: 'upload', kind: 'veu-sign', action: 'HVS' } },
  { orderType: 'HTD', description: 'Subscriber data and permissions', purpose: { direction: 'download', kind: 'parameters', parameters: 'HTD' } },
  { orderType: 'HKD', description: 'Customer and account data', purpose: { direction: 'download', kind: 'parameters', parameters: 'HKD' } },
  { orderType: 'HAA', description: 'Order types with data available', purpose: { direction: 'download', kind: 'parameters', parameters: 'HAA' } },
  { orderType: 'HPD', description: 'Bank parameters', purpose: { direction: 'download', kind: 'parameters', parameters: 'HPD' } },
];

/** Everything the bank offers in `version`, in the order HTD lists it. */
export function offeredOrders(version: EbicsVersion): readonly OfferedOrder[] {
  return version === 'H004' ? [...PAYMENTS_H004, ...STATEMENTS_H004, ...COMMON] : [...PAYMENTS_H005, ...STATEMENTS_H005, ...COMMON];
}

/** Known EBICS order types the demo bank does not offer (091006 rather than 091005). */
const KNOWN_UNSUPPORTED = new Set(['H3K', 'FUL', 'FDL', 'HEV', 'HSA', 'HPB', 'INI', 'HIA']);

function serviceMatches(offered: BtfService, asked: BtfService): boolean {
  return (
    offered.serviceName === asked.serviceName &&
    offered.msgName === asked.msgName &&
    (offered.serviceOption ?? '') === (asked.serviceOption ?? '') &&
    // A container the bank offers may be asked for or left out; one it does not offer may not be asked for.
    (asked.container === undefined || asked.container === offered.container)
  );
}

/**
 * The offered order a request names, or a Refusal: unknown order type
 * 091005, known but not offered 091006, a BTF service the bank does not
 * offer 090003, an H004 order attribute that does not fit 091121.
 */
export function recogniseOrder(version: EbicsVersion, order: OrderDetails): OfferedOrder {
  const candidates = offeredOrders(version).filter((o) => o.orderType === order.orderType);
  if (candidates.length === 0) {
    throw new Refusal(KNOWN_UNSUPPORTED.has(order.orderType) ? '091006' : '091005', order.orderType);
  }
  let found: OfferedOrder | undefined;
  if (version === 'H005' && (order.orderType === 'BTU' || order.orderType === 'BTD')) {
    const expected = order.orderType === 'BTU' ? 'BTUOrderParams' : 'BTDOrderParams';
    if (order.params !== expected || !order.service) throw new Refusal('061002', `${order.orderType} needs ${expected}`);
    const service = order.service;
    found = candidates.find((o) => o.service !== undefined && serviceMatches(o.service, service));
    if (!found) throw new Refusal('090003', `service ${service.serviceName}/${service.serviceOption ?? '-'}/${service.msgName} is not offered`);
  } else {
    found = candidates[0];
    // The HVx orders carry their own parameters (both versions); everything else StandardOrderParams (checked for H005).
    const own = found?.purpose.kind === 'veu' || found?.purpose.kind === 'veu-sign';
    const params = own ? `${found?.orderType ?? ''}OrderParams` : 'StandardOrderParams';
    if ((version === 'H005' || own) && order.params !== params) throw new Refusal('061002', `${order.orderType} takes ${params}`);
    if (own && ['HVD', 'HVT', 'HVE', 'HVS'].includes(order.orderType) && !order.veu) throw new Refusal('061002', `${order.orderType} names no order`);
  }
  if (!found) throw new Refusal('091005', order.orderType);
  if (version === 'H004') {
    // SPR, HVE and HVS carry a signature only: UZHNN (OZHNN tolerated, as some clients send it).
    const signatureOnly = found.purpose.kind === 'suspend' || found.purpose.kind === 'veu-sign';
    const expected = signatureOnly ? ['UZHNN', 'OZHNN'] : found.purpose.direction === 'upload' ? ['OZHNN'] : ['DZHNN'];
    if (!expected.includes(order.orderAttribute ?? '')) throw new Refusal('091121', `${order.orderType} with ${order.orderAttribute ?? '-'}`);
  }
  return found;
}

/** A short label for logs and protocols: `CCT`, `BTU SCT pain.001`. */
export function orderLabel(orderType: string, service?: BtfService | null): string {
  if (!service) return orderType;
  return [orderType, service.serviceName, service.serviceOption, service.msgName].filter((p) => p !== undefined && p !== '').join(' ');
}
