import { Settings, SettingsPatch } from '../domain';
import { call, none, type CallSpec } from './call';

export const settingsApi = {
  'settings.get': call(none, Settings),
  'settings.update': call(SettingsPatch.strict(), Settings),
} as const satisfies Record<string, CallSpec>;
