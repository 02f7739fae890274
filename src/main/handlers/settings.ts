/** Handlers for settings: the base URL and the timeout. */
import type { Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { SettingsStore } from '../settings/settings-store';

export function settingsHandlers(settings: SettingsStore): Pick<Handlers, 'getSettings' | 'saveSettings'> {
  return {
    getSettings: async () => ok(await settings.get()),
    saveSettings: (input) => settings.save(input),
  };
}
