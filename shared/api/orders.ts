import { z } from 'zod';
import { EligibilityReport, FileDownload, IdSchema, OrderStatus, PaymentOrder, PaymentOrderDetail } from '../domain';
import { byId, call, none, type CallSpec } from './call';

/** Payment orders: SEPA files built from eligible entries, approved, uploaded or exported, and followed at the bank. */
export const ordersApi = {
  /** Which open entries would become payments today, and why the others would not. */
  'orders.eligibility': call(none, EligibilityReport),
  /** Builds draft payment orders (one file per bank account, kind and scheme) from the eligible entries. */
  'orders.build': call(none, z.object({ orders: z.array(PaymentOrder), report: EligibilityReport })),
  'orders.list': call(z.object({ status: OrderStatus.optional() }), z.array(PaymentOrder)),
  'orders.get': call(byId, PaymentOrderDetail),
  'orders.approve': call(byId, PaymentOrder),
  'orders.cancel': call(byId, PaymentOrder),
  /** Uploads under the transport signature; progress events. `override` resends a file that may have gone out before. */
  'orders.upload': call(
    z.object({
      id: IdSchema,
      override: z.object({ confirm: z.literal(true), reason: z.string().trim().min(5, 'text.required').max(200) }).optional(),
      /** Verification of payee (credit transfers): true with the check, false waived; absent the bank access's default. */
      vop: z.boolean().optional(),
    }),
    PaymentOrder,
  ),
  'orders.export': call(byId, FileDownload),
  /** HAC: the bank's protocol tells which uploaded orders were released or rejected. */
  'orders.refreshStatus': call(z.object({ bankAccessId: IdSchema }), z.object({ updated: z.number().int() })),
  /** Interrupted uploads (`uploading`): the journal, then HVU/HAC, then EBICS recovery or a new upload where the rules allow it. */
  'orders.recover': call(
    z.object({ bankAccessId: IdSchema }),
    z.object({
      updated: z.number().int(),
      bankAsked: z.boolean(),
      bankError: z.object({ code: z.string(), message: z.string() }).optional(),
      orders: z.array(
        z.object({
          orderId: z.number().int(),
          action: z.enum(['confirmed', 'resumed', 'resent', 'waiting', 'failed']),
          rule: z.string(),
          status: OrderStatus,
          notBefore: z.string().nullable().optional(),
          error: z.object({ code: z.string(), message: z.string() }).optional(),
        }),
      ),
    }),
  ),
} as const satisfies Record<string, CallSpec>;
