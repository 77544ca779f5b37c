/**
 * A session is not enough to hand the keys out, replace them or block the
 * access at the bank: the person at the keyboard confirms each time, through
 * the host's `confirm` capability. Every answer, and every refusal, is written
 * to the audit log before the call goes on or fails.
 */
import { KontorError } from '../../../shared/errors';
import type { BankAccessRow } from '../../ledger/repos/bank-access';
import { readSetting } from '../../ledger/repos/settings';
import type { ConfirmationOutcome, ConfirmedCall, ServiceContext } from '../context';
import { audit } from './connection';

type Refusal = Extract<ConfirmationOutcome, { result: 'refused' }>['reason'] | 'unavailable';

const REFUSED: Record<Refusal, string> = {
  unavailable:
    'This needs a confirmation by the person at the keyboard, which this way of using Kontor cannot ask for. Use the Kontor window or the kontor command in a terminal.',
  noTerminal:
    'This needs a confirmation typed at the keyboard, and the input here is not a terminal. Run the command in a terminal; there is no option to skip the question.',
  codeWrong: 'The confirmation code is not the one Kontor printed. Check it in the terminal where Kontor runs and type it again.',
  codeExpired: 'The confirmation code has expired. Start again to get a new one.',
  codeSpent: 'This confirmation code cannot be used (any more). Start again to get a new one.',
};

/** A refusal that happened before the service was reached (the CLI without a terminal), on the record like the others. */
export function recordRefusal(ctx: ServiceContext, call: ConfirmedCall, accessId: number, reason: Refusal): KontorError {
  audit(ctx, accessId, 'confirmation.refused', { call, host: ctx.host, reason });
  return new KontorError(reason === 'unavailable' ? 'confirmation.unavailable' : `confirmation.${reason}`, REFUSED[reason]);
}

/** Resolves once the person confirmed; throws a typed error for every other answer. */
export async function requireConfirmation(ctx: ServiceContext, call: ConfirmedCall, row: BankAccessRow, code?: { id: string; code: string }): Promise<void> {
  if (!ctx.confirm) throw recordRefusal(ctx, call, row.id, 'unavailable');
  const outcome = await ctx.confirm({
    call,
    access: { id: row.id, name: row.name, hostId: row.hostId, partnerId: row.partnerId, userId: row.userId },
    locale: readSetting<string>(ctx.db, 'locale', 'en') === 'de' ? 'de' : 'en',
    ...(code ? { code } : {}),
  });
  const base = { call, host: ctx.host };
  switch (outcome.result) {
    case 'confirmed':
      audit(ctx, row.id, 'confirmation.confirmed', base);
      return;
    case 'cancelled':
      audit(ctx, row.id, 'confirmation.cancelled', base);
      throw new KontorError('confirmation.cancelled', 'You cancelled the confirmation; nothing was changed.');
    case 'codeSent':
      audit(ctx, row.id, 'confirmation.codeSent', { ...base, expiresAt: outcome.expiresAt });
      throw new KontorError('confirmation.codeSent', 'Kontor printed a confirmation code in the terminal where it runs. Type it in to continue.', {
        confirmationId: outcome.id,
        expiresAt: outcome.expiresAt,
      });
    case 'refused':
      throw recordRefusal(ctx, call, row.id, outcome.reason);
  }
}
