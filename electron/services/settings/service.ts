/**
 * The workstation's settings: language, the name the user acts under (see
 * `ctx.actor()`) and that user's role.
 */
import type { z } from 'zod';
import type { Settings, SettingsPatch } from '../../../shared/domain';
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import type { ServiceContext } from '../context';

export function currentSettings(ctx: ServiceContext): Settings {
  const userName = ctx.actor();
  return {
    locale: readSetting(ctx.db, 'locale', 'en'),
    userName,
    // One person working alone both prepares and approves; a team sets roles per user.
    role: readSetting(ctx.db, `role:${userName}`, 'both'),
  };
}

export function updateSettings(ctx: ServiceContext, patch: z.output<typeof SettingsPatch>): Settings {
  ctx.db.transaction(() => {
    if (patch.locale) writeSetting(ctx.db, 'locale', patch.locale);
    if (patch.userName) writeSetting(ctx.db, 'userName', patch.userName);
    if (patch.role) writeSetting(ctx.db, `role:${patch.userName ?? currentSettings(ctx).userName}`, patch.role);
  })();
  return currentSettings(ctx);
}
