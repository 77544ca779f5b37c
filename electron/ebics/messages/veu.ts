/**
 * The distributed signature (VEU, in EBICS 3.0 "EDS") orders that name one
 * order waiting at the bank: HVD (its state and signatures), HVT (its
 * transactions), HVE (add a signature) and HVS (cancel it).
 *
 * The referenced order is named by the partner that submitted it, its order
 * type (H004 `OrderType`) or BTF service (H005 `Service`, copied as the bank
 * reported it in HVU/HVZ) and its order ID: `HVRequestStructure` of the
 * orders schemas. HVD and HVT are downloads (the usual phases); HVE and HVS
 * carry only an electronic signature over the referenced order's data
 * digest: one initialisation request, H004 order attribute UZHNN, no order
 * data segments (NumSegments 0), H005 with that digest in `DataDigest`.
 * HVS sends no `HVSRequestOrderData`: the signature over the cancelled
 * order's digest is what the bank checks.
 */
import { z } from 'zod';
import { btfServiceSchema, type BtfService } from './catalogue';
import {
  bankKeyDigestsSchema,
  check,
  nonEmptyBytesSchema,
  orderTypeSchema,
  securedFields,
  sha256Schema,
  signatureVersionSchema,
  subscriberIdSchema,
} from './params';
import { initialisationRequest, writeService, writeSignedDataTransfer } from './transfers';
import { element, finish, textElement, type XMLBuilder } from './xml-write';

export const VEU_ORDER_TYPES = ['HVD', 'HVT', 'HVE', 'HVS'] as const;
export type VeuOrderType = (typeof VEU_ORDER_TYPES)[number];

/** OrderIDType of both schemas: a letter, then three letters or digits. */
export const veuOrderIdSchema = z.string().regex(/^[A-Z][A-Z0-9]{3}$/, 'must be a letter and three letters or digits');

/** The order a VEU request is about. */
export const veuOrderRefSchema = z
  .object({
    partnerId: subscriberIdSchema,
    orderId: veuOrderIdSchema,
    /** H004: the order type it was submitted with (CCT, CTV, …). */
    orderType: orderTypeSchema.optional(),
    /** H005: its BTF service. */
    service: btfServiceSchema.optional(),
  })
  .strict();
export type VeuOrderRef = z.infer<typeof veuOrderRefSchema>;

const hvtFlagsSchema = z.object({
  /** Transaction details as XML (`false`), never the original file: Kontor shows the details. */
  fetchLimit: z.number().int().min(0).max(9_999_999_999).default(0),
  fetchOffset: z.number().int().min(0).max(9_999_999_999).default(0),
});

const veuDownloadSchema = z
  .object({
    ...securedFields,
    orderType: z.enum(['HVD', 'HVT']),
    ref: veuOrderRefSchema,
    bankKeyDigests: bankKeyDigestsSchema,
    flags: hvtFlagsSchema.optional(),
  })
  .superRefine(refFitsVersion);
export type VeuDownloadParams = z.input<typeof veuDownloadSchema>;

const veuSignatureSchema = z
  .object({
    ...securedFields,
    orderType: z.enum(['HVE', 'HVS']),
    ref: veuOrderRefSchema,
    bankKeyDigests: bankKeyDigestsSchema,
    transactionKey: nonEmptyBytesSchema,
    signatureData: nonEmptyBytesSchema,
    /** The referenced order's data digest the signature covers (H005 `DataDigest`; not sent in H004). */
    dataDigest: z.object({ signatureVersion: signatureVersionSchema, digest: sha256Schema }),
  })
  .superRefine(refFitsVersion);
export type VeuSignatureParams = z.input<typeof veuSignatureSchema>;

function refFitsVersion(p: { version: string; ref: VeuOrderRef }, ctx: z.RefinementCtx): void {
  if (p.version === 'H004' && !p.ref.orderType) ctx.addIssue({ code: 'custom', path: ['ref', 'orderType'], message: 'is required for H004' });
  if (p.version === 'H005' && !p.ref.service) ctx.addIssue({ code: 'custom', path: ['ref', 'service'], message: 'is required for H005' });
}

/** `HVxOrderParams` with `HVRequestStructure` (and for HVT the `OrderFlags`). */
function writeVeuParams(details: XMLBuilder, orderType: VeuOrderType, ref: VeuOrderRef, flags?: z.output<typeof hvtFlagsSchema>): void {
  const params = details.ele(`${orderType}OrderParams`);
  textElement(params, 'PartnerID', ref.partnerId);
  if (ref.service) writeService(params, ref.service as BtfService);
  else textElement(params, 'OrderType', ref.orderType ?? '');
  textElement(params, 'OrderID', ref.orderId);
  if (orderType === 'HVT') {
    const f = flags ?? { fetchLimit: 0, fetchOffset: 0 };
    element(params, 'OrderFlags', { completeOrderData: 'false', fetchLimit: String(f.fetchLimit), fetchOffset: String(f.fetchOffset) });
  }
}

function veuOrderDetails(version: string, orderType: VeuOrderType, ref: VeuOrderRef, flags?: z.output<typeof hvtFlagsSchema>) {
  return (st: XMLBuilder): void => {
    const details = st.ele('OrderDetails');
    if (version === 'H004') {
      textElement(details, 'OrderType', orderType);
      // D = order data only (downloads), U = signature only (HVE, HVS).
      textElement(details, 'OrderAttribute', orderType === 'HVD' || orderType === 'HVT' ? 'DZHNN' : 'UZHNN');
    } else {
      textElement(details, 'AdminOrderType', orderType);
    }
    writeVeuParams(details, orderType, ref, flags);
  };
}

/** HVD or HVT, Initialisation phase of the download. */
export function buildVeuDownloadInitialisation(params: VeuDownloadParams): string {
  const p = check(veuDownloadSchema, params, `${String(params.orderType)} request`);
  const root = initialisationRequest(p, veuOrderDetails(p.version, p.orderType, p.ref, p.flags));
  root.ele('body');
  return finish(root);
}

/** HVE or HVS: the signature over the referenced order's digest, in one request without order data. */
export function buildVeuSignatureRequest(params: VeuSignatureParams): string {
  const p = check(veuSignatureSchema, params, `${String(params.orderType)} request`);
  const root = initialisationRequest(p, veuOrderDetails(p.version, p.orderType, p.ref), 0);
  writeSignedDataTransfer(root, p);
  return finish(root);
}
