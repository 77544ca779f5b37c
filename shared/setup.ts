/**
 * The first-run checklist: the steps from an empty ledger to a first payment
 * run, each done or not as the ledger says, in the order a new user takes them.
 */
import { z } from 'zod';

export const SETUP_STEPS = ['entity', 'bankAccounts', 'bankAccess', 'linked', 'parties', 'entries'] as const;
export const SetupStepId = z.enum(SETUP_STEPS);
export type SetupStepId = z.infer<typeof SetupStepId>;

export const SetupStep = z.object({
  id: SetupStepId,
  done: z.boolean(),
  /** How many there are (entities, accounts, ready accesses, linked accounts, parties, entries). */
  count: z.number().int().min(0),
  /** For `linked`: own accounts not yet reachable through a ready bank access. */
  missing: z.number().int().min(0),
});
export type SetupStep = z.infer<typeof SetupStep>;

export const SetupChecklist = z.object({
  steps: z.array(SetupStep),
  /** Every step done. */
  complete: z.boolean(),
  /** Nothing entered yet: the window opens on the checklist instead of an empty screen. */
  firstStart: z.boolean(),
});
export type SetupChecklist = z.infer<typeof SetupChecklist>;
