/**
 * Which EBICS order carries which of Kontor's purposes, as data: for H004 an
 * order type (+ attribute), for H005 an admin order type and, for BTU/BTD, a
 * BTF service. Exact BTF values vary by country and bank, so a bank access can
 * override entries with a plain object merged over the defaults.
 *
 * Key management orders (PUB, HCA, HCS, SPR) are protocol, not bank choice:
 * they come from `keyManagementOrder` and cannot be overridden.
 */
import { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import { check, orderTypeSchema } from './params';
import type { EbicsVersion } from './versions';

export const BUSINESS_PURPOSES = [
  'credit_transfer',
  'direct_debit_core',
  'direct_debit_b2b',
  'statement_eod_camt',
  'statement_eod_mt940',
  'intraday_camt',
  'intraday_mt942',
  'notification_camt',
  'customer_protocol_xml',
  'customer_protocol_text',
  'bank_params',
  'customer_data',
  'user_data',
  'available_downloads',
  'veu_overview',
  'veu_overview_details',
  'credit_transfer_vop',
  'instant_transfer',
  'instant_transfer_vop',
  'vop_report',
] as const;
export type Purpose = (typeof BUSINESS_PURPOSES)[number];

export const KEY_MANAGEMENT_ORDERS = ['PUB', 'HCA', 'HCS', 'SPR'] as const;
export type KeyManagementOrder = (typeof KEY_MANAGEMENT_ORDERS)[number];

export type Direction = 'upload' | 'download';
/** H004 order attributes: O = order data + ES, D = order data only, U = ES only. */
export type OrderAttribute = 'OZHNN' | 'DZHNN' | 'UZHNN';
/** Which `OrderParams` element a non-BTF order carries. */
export type OrderParamsKind = 'standard' | 'hvu' | 'hvz';

const code = (min: number, max: number) => z.string().regex(new RegExp(`^[A-Z0-9]{${min},${max}}$`), `must be ${min}-${max} upper-case letters or digits`);
const numString = z.string().regex(/^\d{2,3}$/, 'must be 2 or 3 digits');

/** A BTF `Service` block (RestrictedServiceType of the H005 orders schema). */
export const btfServiceSchema = z
  .object({
    serviceName: code(3, 3),
    scope: code(2, 3).optional(),
    serviceOption: code(3, 10).optional(),
    /** `Container@containerType`, e.g. ZIP. */
    container: code(3, 3).optional(),
    msgName: z.string().regex(/^[a-z.0-9]{1,10}$/, 'must be 1-10 lower-case letters, digits or dots'),
    msgVersion: numString.optional(),
    msgVariant: numString.optional(),
    msgFormat: code(1, 4).optional(),
  })
  .strict();
export type BtfService = z.infer<typeof btfServiceSchema>;

const orderParamsKindSchema = z.enum(['standard', 'hvu', 'hvz']);

const h004EntrySchema = z
  .object({
    orderType: orderTypeSchema,
    orderAttribute: z.enum(['OZHNN', 'DZHNN', 'UZHNN']).optional(),
    orderParams: orderParamsKindSchema.optional(),
  })
  .strict();
const h005EntrySchema = z
  .object({
    adminOrderType: orderTypeSchema,
    service: btfServiceSchema.optional(),
    orderParams: orderParamsKindSchema.optional(),
  })
  .strict()
  .refine((e) => !['BTU', 'BTD'].includes(e.adminOrderType) || e.service !== undefined, 'BTU and BTD need a service')
  .refine((e) => ['BTU', 'BTD'].includes(e.adminOrderType) || e.service === undefined, 'only BTU and BTD carry a service');

export type H004Entry = z.infer<typeof h004EntrySchema>;
export type H005Entry = z.infer<typeof h005EntrySchema>;

export interface CatalogueEntry {
  readonly direction: Direction;
  readonly description: string;
  readonly H004: H004Entry;
  readonly H005: H005Entry;
}

/** The defaults (docs/ebics.md, "What Kontor sends for what"): DE conventions for H004, DK/BTF for H005. */
export const DEFAULT_CATALOGUE: Readonly<Record<Purpose, CatalogueEntry>> = {
  credit_transfer: {
    direction: 'upload',
    description: 'SEPA credit transfer (pain.001)',
    H004: { orderType: 'CCT' },
    H005: { adminOrderType: 'BTU', service: { serviceName: 'SCT', msgName: 'pain.001', msgVersion: '09' } },
  },
  direct_debit_core: {
    direction: 'upload',
    description: 'SEPA core direct debit (pain.008)',
    H004: { orderType: 'CDD' },
    H005: { adminOrderType: 'BTU', service: { serviceName: 'SDD', serviceOption: 'COR', msgName: 'pain.008', msgVersion: '08' } },
  },
  direct_debit_b2b: {
    direction: 'upload',
    description: 'SEPA B2B direct debit (pain.008)',
    H004: { orderType: 'CDB' },
    H005: { adminOrderType: 'BTU', service: { serviceName: 'SDD', serviceOption: 'B2B', msgName: 'pain.008', msgVersion: '08' } },
  },
  statement_eod_camt: {
    direction: 'download',
    description: 'End-of-day statement (camt.053, ZIP)',
    H004: { orderType: 'C53' },
    H005: { adminOrderType: 'BTD', service: { serviceName: 'EOP', container: 'ZIP', msgName: 'camt.053' } },
  },
  statement_eod_mt940: {
    direction: 'download',
    description: 'End-of-day statement (MT940)',
    H004: { orderType: 'STA' },
    H005: { adminOrderType: 'BTD', service: { serviceName: 'EOP', msgName: 'mt940' } },
  },
  intraday_camt: {
    direction: 'download',
    description: 'Intraday report (camt.052, ZIP)',
    H004: { orderType: 'C52' },
    H005: { adminOrderType: 'BTD', service: { serviceName: 'STM', container: 'ZIP', msgName: 'camt.052' } },
  },
  intraday_mt942: {
    direction: 'download',
    description: 'Intraday report (MT942)',
    H004: { orderType: 'VMK' },
    H005: { adminOrderType: 'BTD', service: { serviceName: 'STM', msgName: 'mt942' } },
  },
  notification_camt: {
    direction: 'download',
    description: 'Debit/credit notification (camt.054, ZIP)',
    H004: { orderType: 'C54' },
    H005: { adminOrderType: 'BTD', service: { serviceName: 'REP', container: 'ZIP', msgName: 'camt.054' } },
  },
  customer_protocol_xml: {
    direction: 'download',
    description: 'Customer protocol (HAC, XML)',
    H004: { orderType: 'HAC' },
    H005: { adminOrderType: 'HAC' },
  },
  customer_protocol_text: {
    direction: 'download',
    description: 'Customer protocol (PTK, text)',
    H004: { orderType: 'PTK' },
    H005: { adminOrderType: 'PTK' },
  },
  bank_params: {
    direction: 'download',
    description: 'Bank parameters (HPD)',
    H004: { orderType: 'HPD' },
    H005: { adminOrderType: 'HPD' },
  },
  customer_data: {
    direction: 'download',
    description: 'Customer and account data (HKD)',
    H004: { orderType: 'HKD' },
    H005: { adminOrderType: 'HKD' },
  },
  user_data: {
    direction: 'download',
    description: 'Subscriber data and permissions (HTD)',
    H004: { orderType: 'HTD' },
    H005: { adminOrderType: 'HTD' },
  },
  available_downloads: {
    direction: 'download',
    description: 'Order types with data ready for download (HAA)',
    H004: { orderType: 'HAA' },
    H005: { adminOrderType: 'HAA' },
  },
  veu_overview: {
    direction: 'download',
    description: 'Orders waiting for signatures (HVU)',
    H004: { orderType: 'HVU', orderParams: 'hvu' },
    H005: { adminOrderType: 'HVU', orderParams: 'hvu' },
  },
  veu_overview_details: {
    direction: 'download',
    description: 'Orders waiting for signatures, with details (HVZ)',
    H004: { orderType: 'HVZ', orderParams: 'hvz' },
    H005: { adminOrderType: 'HVZ', orderParams: 'hvz' },
  },
  // Verification of Payee (DK, since October 2025; docs/vop.md): the same pain.001 under an
  // order type / BTF option that asks the bank to check each payee's name first.
  credit_transfer_vop: {
    direction: 'upload',
    description: 'SEPA credit transfer with Verification of Payee (pain.001)',
    H004: { orderType: 'CTV' },
    H005: { adminOrderType: 'BTU', service: { serviceName: 'SCT', serviceOption: 'VOI', msgName: 'pain.001', msgVersion: '09' } },
  },
  instant_transfer: {
    direction: 'upload',
    description: 'SEPA instant credit transfer (pain.001)',
    H004: { orderType: 'CIP' },
    H005: { adminOrderType: 'BTU', service: { serviceName: 'SCI', msgName: 'pain.001', msgVersion: '09' } },
  },
  instant_transfer_vop: {
    direction: 'upload',
    description: 'SEPA instant credit transfer with Verification of Payee (pain.001)',
    H004: { orderType: 'CIV' },
    H005: { adminOrderType: 'BTU', service: { serviceName: 'SCI', serviceOption: 'VOI', msgName: 'pain.001', msgVersion: '09' } },
  },
  vop_report: {
    direction: 'download',
    description: 'Verification of Payee result report (pain.002)',
    H004: { orderType: 'VPZ' },
    H005: { adminOrderType: 'BTD', service: { serviceName: 'REP', serviceOption: 'VOP', container: 'ZIP', msgName: 'pain.002' } },
  },
};

const KEY_MANAGEMENT: Readonly<Record<KeyManagementOrder, { description: string; attribute: OrderAttribute }>> = {
  PUB: { description: 'Change of the signature key', attribute: 'OZHNN' },
  HCA: { description: 'Change of the authentication and encryption keys', attribute: 'OZHNN' },
  HCS: { description: 'Change of all three subscriber keys', attribute: 'OZHNN' },
  // Suspension: only an ES is sent, no order data ("U" = signature only).
  SPR: { description: 'Suspension of the subscriber', attribute: 'UZHNN' },
};

/** An order ready for a builder: everything `OrderDetails` needs, for one version. */
export type ResolvedOrder =
  | {
      readonly version: 'H004';
      readonly label: string;
      readonly direction: Direction;
      readonly orderType: string;
      readonly orderAttribute: OrderAttribute;
      readonly orderParams: OrderParamsKind;
    }
  | {
      readonly version: 'H005';
      readonly label: string;
      readonly direction: Direction;
      readonly adminOrderType: string;
      readonly service?: BtfService | undefined;
      readonly orderParams: OrderParamsKind;
    };

// Overrides: every field optional; `null` removes an optional service field
// (or the whole service).
const nullableService = z
  .object({
    serviceName: code(3, 3),
    scope: code(2, 3).nullable(),
    serviceOption: code(3, 10).nullable(),
    container: code(3, 3).nullable(),
    msgName: z.string().regex(/^[a-z.0-9]{1,10}$/),
    msgVersion: numString.nullable(),
    msgVariant: numString.nullable(),
    msgFormat: code(1, 4).nullable(),
  })
  .partial()
  .strict();

const overrideEntrySchema = z
  .object({
    H004: z
      .object({ orderType: orderTypeSchema, orderAttribute: z.enum(['OZHNN', 'DZHNN', 'UZHNN']) })
      .partial()
      .strict()
      .optional(),
    H005: z.object({ adminOrderType: orderTypeSchema, service: nullableService.nullable() }).partial().strict().optional(),
  })
  .strict();

export const catalogueOverridesSchema = z.partialRecord(z.enum(BUSINESS_PURPOSES), overrideEntrySchema);
/** What a bank access may store to deviate from the defaults. */
export type CatalogueOverrides = z.input<typeof catalogueOverridesSchema>;

function withoutNulls<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };
}

function invalidCatalogue(purpose: string, reason: string): KontorError {
  return new KontorError('ebics.invalidOrderCatalogue', `The order settings of this bank access for "${purpose}" are invalid: ${reason}.`, { purpose });
}

/**
 * The order for `purpose` in `version`, with the bank access's overrides
 * (unchecked input, e.g. from the database) merged over the defaults.
 */
export function resolveOrder(purpose: Purpose, version: EbicsVersion, overrides?: unknown): ResolvedOrder {
  const entry = DEFAULT_CATALOGUE[purpose] as CatalogueEntry | undefined;
  if (!entry) throw new KontorError('ebics.unknownPurpose', `Kontor has no EBICS order for "${String(purpose)}".`, { purpose: String(purpose) });
  const parsed = catalogueOverridesSchema.safeParse(overrides ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidCatalogue(String(issue?.path[0] ?? purpose), `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const override = parsed.data[purpose];
  const label = `${purpose}`;

  if (version === 'H004') {
    const merged = h004EntrySchema.safeParse({ ...entry.H004, ...withoutNulls(override?.H004 ?? {}) });
    if (!merged.success) throw invalidCatalogue(purpose, merged.error.issues[0]?.message ?? 'invalid');
    const e = merged.data;
    return {
      version,
      label,
      direction: entry.direction,
      orderType: e.orderType,
      orderAttribute: e.orderAttribute ?? (entry.direction === 'upload' ? 'OZHNN' : 'DZHNN'),
      orderParams: e.orderParams ?? 'standard',
    };
  }

  const o = override?.H005;
  let service: BtfService | undefined = entry.H005.service;
  if (o?.service === null) service = undefined;
  else if (o?.service) service = { ...(service ?? {}), ...o.service } as BtfService;
  const candidate = { ...entry.H005, ...(o?.adminOrderType ? { adminOrderType: o.adminOrderType } : {}), service: service ? withoutNulls(service) : undefined };
  if (candidate.service === undefined) delete candidate.service;
  const merged = h005EntrySchema.safeParse(candidate);
  if (!merged.success) {
    const issue = merged.error.issues[0];
    throw invalidCatalogue(purpose, `${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  const e = merged.data;
  return { version, label, direction: entry.direction, adminOrderType: e.adminOrderType, service: e.service, orderParams: e.orderParams ?? 'standard' };
}

/** PUB, HCA, HCS (uploads with order data and ES) and SPR (ES only). */
export function keyManagementOrder(kind: KeyManagementOrder, version: EbicsVersion): ResolvedOrder {
  const k = KEY_MANAGEMENT[kind] as (typeof KEY_MANAGEMENT)[KeyManagementOrder] | undefined;
  if (!k) throw new KontorError('ebics.unknownPurpose', `Kontor has no EBICS key management order "${String(kind)}".`, { purpose: String(kind) });
  if (version === 'H004') {
    return { version, label: kind, direction: 'upload', orderType: kind, orderAttribute: k.attribute, orderParams: 'standard' };
  }
  return { version, label: kind, direction: 'upload', adminOrderType: kind, orderParams: 'standard' };
}

/**
 * An order not in the catalogue, named directly (e.g. a bank-specific H004
 * order type from HAA/HTD). Checked like catalogue entries.
 */
export function customOrder(
  version: EbicsVersion,
  direction: Direction,
  spec: { orderType?: string; orderAttribute?: OrderAttribute; adminOrderType?: string; service?: BtfService },
): ResolvedOrder {
  if (version === 'H004') {
    const e = check(h004EntrySchema, { orderType: spec.orderType, ...(spec.orderAttribute ? { orderAttribute: spec.orderAttribute } : {}) }, 'order');
    return {
      version,
      label: e.orderType,
      direction,
      orderType: e.orderType,
      orderAttribute: e.orderAttribute ?? (direction === 'upload' ? 'OZHNN' : 'DZHNN'),
      orderParams: 'standard',
    };
  }
  const e = check(h005EntrySchema, { adminOrderType: spec.adminOrderType, ...(spec.service ? { service: spec.service } : {}) }, 'order');
  return {
    version,
    label: e.service ? `${e.adminOrderType} ${e.service.serviceName}` : e.adminOrderType,
    direction,
    adminOrderType: e.adminOrderType,
    service: e.service,
    orderParams: 'standard',
  };
}
