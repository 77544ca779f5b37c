/**
 * The workstation's settings: language, the daily statement fetch, and the display name of the person
 * who acts. Who acts (`ctx.actor()`, the OS account) and their roles are
 * shown here but set elsewhere: the identity by the host, the roles by an
 * administrator (services/people).
 */
import type { z } from 'zod';
import type { Settings, SettingsPatch } from '../../../shared/domain';
import { appendAudit } from '../../ledger/repos/audit-log';
import { getPerson, registerPerson, setDisplayName } from '../../ledger/repos/people';
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import type { ServiceContext } from '../context';
import { AUTO_FETCH } from '../statements/schedule';

export function currentSettings(ctx: ServiceContext): Settings {
  const identity = ctx.actor();
  const person = getPerson(ctx.db, identity);
  return {
    locale: readSetting(ctx.db, 'locale', 'en'),
    identity,
    displayName: person?.displayName ?? null,
    roles: person?.roles ?? [],
    autoFetchStatements: readSetting(ctx.db, AUTO_FETCH, true),
  };
}

export function updateSettings(ctx: ServiceContext, patch: z.output<typeof SettingsPatch>): Settings {
  ctx.db.transaction(() => {
    const at = ctx.now();
    if (patch.locale) writeSetting(ctx.db, 'locale', patch.locale);
    if (patch.autoFetchStatements !== undefined) writeSetting(ctx.db, AUTO_FETCH, patch.autoFetchStatements);
    if (patch.displayName !== undefined) {
      registerPerson(ctx.db, ctx.actor(), at);
      setDisplayName(ctx.db, ctx.actor(), patch.displayName || null);
    }
    appendAudit(ctx.db, at, { actor: ctx.actor(), action: 'settings.changed', subjectType: 'settings', details: { ...patch } });
  })();
  return currentSettings(ctx);
}
