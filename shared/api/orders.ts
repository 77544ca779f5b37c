import { z } from 'zod';
import { BusinessDateSchema, EligibilityReport, FileDownload, IdSchema, OrderStatus, PaymentOrder, PaymentOrderDetail, VersionSchema } from '../domain';
import { byId, call, none, type CallSpec } from './call';

export const OrderSummary = z.object({
  id: IdSchema,
  status: OrderStatus,
  kind: z.enum(['credit_transfer', 'direct_debit']),
  /** SEPA Instant: executed within seconds, also on weekends; not to be recalled. */
  instant: z.boolean(),
  count: z.number().int(),
  totalCents: z.number().int(),
  currency: z.string(),
  /** Execution date (transfers) or collection date (direct debits). */
  date: z.string(),
  bankAccountName: z.string(),
  bankAccountIban: z.string(),
  /** The bank the file goes to: the access's name and host; null when the account has no bank access. */
  bank: z.object({ name: z.string(), hostId: z.string(), url: z.string() }).nullable(),
  builtBy: z.string().nullable(),
  /** Whether the person now acting may approve it (not the one who built it). */
  mayApprove: z.boolean(),
  /** Payouts to bank details registered for another business entity than the entry's: approved only when confirmed explicitly. */
  otherEntityDetails: z.array(
    z.object({ paymentId: IdSchema, payee: z.string().nullable(), iban: z.string().nullable(), detailsEntity: z.string(), entryEntity: z.string() }),
  ),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const SentFile = z.object({
  id: IdSchema,
  status: OrderStatus,
  messageId: z.string(),
  sha256: z.string(),
  kind: z.enum(['credit_transfer', 'direct_debit']),
  txCount: z.number().int(),
  controlSumCents: z.number().int(),
  executionDate: z.string(),
  sentAt: z.string().nullable(),
});

/** Payment orders: SEPA files built from eligible entries, approved, uploaded or exported, and followed at the bank. */
export const ordersApi = {
  /** Which open entries would become payments today, and why the others would not. */
  'orders.eligibility': call(none, EligibilityReport),
  /**
   * Builds draft payment orders (one file per bank account, kind and scheme; split where the access's amount
   * limit would be exceeded) from the chosen eligible entries, or all eligible ones.
   */
  'orders.build': call(
    z
      .object({
        entryIds: z.array(IdSchema).min(1).max(100_000).optional(),
        /** SEPA Instant for the run's credit transfers (only where the bank access offers it; direct debits are left out). */
        instant: z.boolean().optional(),
      })
      .strict(),
    z.object({ orders: z.array(PaymentOrder), report: EligibilityReport }),
  ),
  /**
   * Takes an entry out of a draft, or puts an eligible one in: the draft is rebuilt (a new order replaces it; none when it is empty).
   * `version` is the draft's as loaded: refused with `edit.changedMeanwhile` when someone changed, approved or canceled it meanwhile.
   */
  'orders.changeDraft': call(
    z
      .object({ id: IdSchema, version: VersionSchema, remove: z.array(IdSchema).max(100_000).default([]), add: z.array(IdSchema).max(100_000).default([]) })
      .strict(),
    z.object({ orders: z.array(PaymentOrder) }),
  ),
  /** What a person confirms before approving or uploading: count, total, date, account and bank. */
  'orders.summary': call(byId, OrderSummary),
  /** The control list for the signer (PDF). */
  'orders.controlList': call(byId, FileDownload),
  /** The hand-off for other software: the payment file and its control list in one ZIP. */
  'orders.handoff': call(byId, FileDownload),
  /** Every file that left Kontor (uploaded or exported), newest first. */
  'orders.archive': call(none, z.array(SentFile)),
  /** Settled entries for the ERP (entry number, date paid, amount, bank reference) as CSV. */
  'orders.erpExport': call(
    z.object({ from: BusinessDateSchema.optional(), to: BusinessDateSchema.optional(), separator: z.enum([';', ',']).default(';') }).strict(),
    FileDownload.extend({ rows: z.number().int() }),
  ),
  /** Asks the bank now about every order it has not decided on (all accesses, or one). */
  'orders.follow': call(
    z.object({ bankAccessId: IdSchema.optional() }).strict(),
    z.object({
      accesses: z.array(
        z.object({
          bankAccessId: IdSchema,
          updated: z.number().int(),
          expired: z.number().int(),
          error: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      ),
    }),
  ),
  'orders.list': call(z.object({ status: OrderStatus.optional() }), z.array(PaymentOrder)),
  'orders.get': call(byId, PaymentOrderDetail),
  /** `confirmOtherEntityDetails`: the approver has seen the payouts to another entity's bank details (orders.summary) and accepts them. */
  'orders.approve': call(z.object({ id: IdSchema, confirmOtherEntityDetails: z.literal(true).optional() }).strict(), PaymentOrder),
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
