import { z } from 'zod';
import { DemoBankOrder, DemoBankStatus } from '../domain';
import { call, none, type CallSpec } from './call';

export const DemoBankRegister = z.object({
  holders: z.array(z.object({ iban: z.string(), name: z.string() })),
  signers: z.array(z.object({ partnerId: z.string(), userId: z.string(), name: z.string(), signatureClass: z.enum(['T', 'E', 'A', 'B']), ready: z.boolean() })),
});
export type DemoBankRegister = z.infer<typeof DemoBankRegister>;

export const demoBankApi = {
  'demoBank.status': call(none, DemoBankStatus),
  /** Orders at the demo bank, newest first, for the signer's buttons in demo mode. */
  'demoBank.orders': call(none, z.array(DemoBankOrder)),
  /** Plays the authorised signer at the demo bank: release or reject an order. */
  'demoBank.decide': call(z.object({ orderId: z.string().min(1).max(35), decision: z.enum(['release', 'reject']) }), z.array(DemoBankOrder)),
  /** Demo mode: the payee register the verification of payee uses, and the signers with their classes. */
  'demoBank.register': call(none, DemoBankRegister),
  'demoBank.addHolder': call(z.object({ iban: z.string().min(15).max(40), name: z.string().trim().min(1).max(140) }).strict(), DemoBankRegister),
} as const satisfies Record<string, CallSpec>;
