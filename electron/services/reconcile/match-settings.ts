/**
 * Which keys the matcher may use and its date window, for all own accounts
 * and per own account (a bank whose bookings come weeks late, an account
 * whose counterparties' names are useless). Kept as one setting; the matcher
 * reads it on every run. Without settings the matcher runs as it always did.
 */
import type { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import { DEFAULT_MATCH_PROFILE, type MatchProfile, type MatchSettings, type SetMatchSettingsInput } from '../../../shared/reconcile';
import { appendAudit } from '../../ledger/repos/audit-log';
import { listBankAccounts } from '../../ledger/repos/bank-accounts';
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import type { MatchOptions } from '../../reconcile/match';
import type { ServiceContext } from '../context';

const KEY = 'reconcile.matching';

interface Stored {
  defaults?: MatchProfile;
  accounts?: Record<string, MatchProfile>;
}

export function matchSettings(ctx: ServiceContext): MatchSettings {
  const stored = readSetting<Stored>(ctx.db, KEY, {});
  return {
    defaults: stored.defaults ?? DEFAULT_MATCH_PROFILE,
    accounts: Object.entries(stored.accounts ?? {}).map(([iban, p]) => ({ iban, ...p })),
  };
}

export function setMatchSettings(ctx: ServiceContext, input: z.output<typeof SetMatchSettingsInput>): MatchSettings {
  const { iban, profile } = input;
  if (profile && !profile.fields.reference && !profile.fields.iban && !profile.fields.name)
    throw new KontorError('reconcile.noMatchFields', 'Keep at least one of reference, IBAN and name for matching.');
  if (iban !== null && !listBankAccounts(ctx.db).some((a) => a.iban === iban))
    throw new KontorError('reconcile.unknownAccount', `${iban} is not one of your own accounts.`, { iban });
  ctx.db.transaction(() => {
    const stored = readSetting<Stored>(ctx.db, KEY, {});
    const accounts = { ...(stored.accounts ?? {}) };
    if (iban === null) {
      if (profile) stored.defaults = profile;
      else delete stored.defaults;
    } else if (profile) accounts[iban] = profile;
    else delete accounts[iban];
    writeSetting(ctx.db, KEY, { ...stored, accounts });
    appendAudit(ctx.db, ctx.now(), {
      actor: ctx.actor(),
      action: 'reconcile.matchSettings',
      subjectType: 'bank_account',
      subjectId: iban ?? 'all',
      details: { profile },
    });
  })();
  return matchSettings(ctx);
}

/** The matcher's options from the settings. */
export function matchOptions(ctx: ServiceContext): MatchOptions {
  const s = matchSettings(ctx);
  return {
    daysBeforeStatement: s.defaults.daysBeforeStatement,
    daysAfterDue: s.defaults.daysAfterDue,
    fields: s.defaults.fields,
    byAccount: Object.fromEntries(s.accounts.map(({ iban, ...p }) => [iban, p])),
  };
}
