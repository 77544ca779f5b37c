/**
 * The distributed signature (VEU) of a bank access: the orders waiting at
 * the bank, one order's signers and transactions, and the signer's own
 * signature or cancellation. Signing and cancelling carry the signer's
 * deliberate confirmation: the order's total typed by hand, or the signing
 * PIN the signer set (kept only as a salted hash).
 */
import { z } from 'zod';
import { IdSchema } from '../domain';
import { call, type CallSpec } from './call';

const OrderIdSchema = z.string().regex(/^[A-Z][A-Z0-9]{3}$/, 'veu.orderId');

export const VeuSigner = z.object({
  partnerId: z.string(),
  userId: z.string(),
  name: z.string().nullable(),
  timestamp: z.string(),
  authorisationLevel: z.enum(['E', 'A', 'B', 'T']),
});
export type VeuSigner = z.infer<typeof VeuSigner>;

export const VeuOrder = z.object({
  orderId: z.string(),
  /** `CCT`, `SCT/VOI pain.001`. */
  label: z.string(),
  submittedBy: z.object({ partnerId: z.string(), userId: z.string(), name: z.string().nullable(), at: z.string() }),
  signatures: z.object({ required: z.number().int(), done: z.number().int(), readyToBeSigned: z.boolean() }),
  signers: z.array(VeuSigner),
  transactions: z.number().int().nullable(),
  totalCents: z.number().int().nullable(),
  currency: z.string().nullable(),
});
export type VeuOrder = z.infer<typeof VeuOrder>;

export const VeuTransaction = z.object({
  payee: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  amountCents: z.number().int(),
  currency: z.string(),
  executionDate: z.string().nullable(),
  purpose: z.string(),
});
export type VeuTransaction = z.infer<typeof VeuTransaction>;

export const VeuOrderDetail = VeuOrder.extend({
  displayFile: z.string(),
  transactions: z.number().int().nullable(),
  items: z.array(VeuTransaction),
});
export type VeuOrderDetail = z.infer<typeof VeuOrderDetail>;

/** What the signer confirms with: the order's total as typed (e.g. `1.234,56`), or the signing PIN. */
export const VeuConfirmation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('total'), typed: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('pin'), pin: z.string().min(1).max(64) }),
]);
export type VeuConfirmation = z.infer<typeof VeuConfirmation>;

export const VeuDecision = z.object({
  orderId: z.string(),
  /** signed: counted, the order still waits for others; released: the bank executes it; alreadySigned: this signer's signature was there before (nothing sent twice counts); cancelled. */
  outcome: z.enum(['signed', 'released', 'alreadySigned', 'cancelled']),
  order: VeuOrder.nullable(),
});
export type VeuDecision = z.infer<typeof VeuDecision>;

const access = { accessId: IdSchema };
const order = z.object({ ...access, orderId: OrderIdSchema }).strict();
const decide = z.object({ ...access, orderId: OrderIdSchema, confirmation: VeuConfirmation }).strict();

export const veuApi = {
  'veu.list': call(z.object(access).strict(), z.array(VeuOrder)),
  'veu.show': call(order, VeuOrderDetail),
  'veu.sign': call(decide, VeuDecision),
  'veu.cancel': call(decide, VeuDecision),
  /** Sets (or changes, with the current one) the signing PIN of this bank access: 6 to 12 digits. */
  'veu.setPin': call(
    z.object({ ...access, pin: z.string().regex(/^\d{6,12}$/, 'veu.pinFormat'), currentPin: z.string().max(64).optional() }).strict(),
    z.object({ pinSet: z.boolean() }),
  ),
} as const satisfies Record<string, CallSpec>;
