import type { settingsApi } from '../../../shared/api/settings';
import type { HandlersOf } from '../handler';
import { currentSettings, updateSettings } from './service';

export const settingsHandlers: HandlersOf<typeof settingsApi> = {
  'settings.get': (_input, ctx) => currentSettings(ctx),
  'settings.update': (input, ctx) => updateSettings(ctx, input),
};
