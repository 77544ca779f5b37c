import { z } from 'zod';
import { DemoBankOrder, DemoBankStatus } from '../domain';
import { call, none, type CallSpec } from './call';

export const demoBankApi = {
  'demoBank.status': call(none, DemoBankStatus),
  /** Orders at the demo bank, newest first, for the signer's buttons in demo mode. */
  'demoBank.orders': call(none, z.array(DemoBankOrder)),
  /** Plays the authorised signer at the demo bank: release or reject an order. */
  'demoBank.decide': call(z.object({ orderId: z.string().min(1).max(35), decision: z.enum(['release', 'reject']) }), z.array(DemoBankOrder)),
} as const satisfies Record<string, CallSpec>;
