/**
 * Verification of payee: each payment's result of an order uploaded with
 * the check, counts and sums per result, taking the name the payee's bank
 * holds into the supplier's bank details after a close match, and the
 * per-access default (check, or waive it).
 */
import { z } from 'zod';
import { IdSchema } from '../domain';
import { call, type CallSpec } from './call';

export const VopResultKind = z.enum(['match', 'closeMatch', 'noMatch', 'notPossible', 'pending']);
export type VopResultKind = z.infer<typeof VopResultKind>;

export const VopPayment = z.object({
  endToEndId: z.string(),
  result: VopResultKind,
  /** RCVC, RVMC, RVNM, RVNA, PDNG as the bank sent it. */
  code: z.string(),
  submittedName: z.string().nullable(),
  /** Close match: the name the payee's bank holds. */
  bankName: z.string().nullable(),
  reason: z.string().nullable(),
  iban: z.string().nullable(),
  amountCents: z.number().int().nullable(),
  /** Close match: whether the supplier's bank details can take the bank's name (they are known and differ). */
  canTakeName: z.boolean(),
});
export type VopPayment = z.infer<typeof VopPayment>;

export const VopOrderResults = z.object({
  orderId: IdSchema,
  ebicsOrderId: z.string().nullable(),
  verification: z.enum(['with', 'waived']).nullable(),
  /** ready: the bank's report is in; notYet: the bank has not delivered it yet. */
  status: z.enum(['ready', 'notYet', 'notChecked']),
  receivedAt: z.string().nullable(),
  payments: z.array(VopPayment),
  summary: z.record(VopResultKind, z.object({ count: z.number().int(), amountCents: z.number().int() })).nullable(),
});
export type VopOrderResults = z.infer<typeof VopOrderResults>;

export const vopApi = {
  /** The results of a payment order's payee verification; fetches new reports from the bank first (VPZ / BTD REP VOP). */
  'vop.results': call(z.object({ id: IdSchema }).strict(), VopOrderResults),
  /** After a close match: the supplier's bank details take the name the payee's bank holds. */
  'vop.takeBankName': call(
    z.object({ id: IdSchema, endToEndId: z.string().min(1).max(35) }).strict(),
    z.object({ instrumentId: IdSchema, holderName: z.string() }),
  ),
  'vop.default': call(z.object({ bankAccessId: IdSchema }).strict(), z.object({ bankAccessId: IdSchema, choice: z.enum(['with', 'waived']) })),
  'vop.setDefault': call(
    z.object({ bankAccessId: IdSchema, choice: z.enum(['with', 'waived']) }).strict(),
    z.object({ bankAccessId: IdSchema, choice: z.enum(['with', 'waived']) }),
  ),
} as const satisfies Record<string, CallSpec>;
