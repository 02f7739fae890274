/** Handlers for settings: the base URL and the timeout. */
import type { Handlers } from '../../shared/contract';
import { lookupError } from '../../shared/errors';
import { fail, ok } from '../../shared/result';
import type { HandlerDeps } from './deps';

const KEY_SHAPED = /secret_(live|test)_/i;

export function settingsHandlers({ settings, keys }: HandlerDeps): Pick<Handlers, 'getSettings' | 'saveSettings'> {
  return {
    async getSettings() {
      const value = await settings.get();
      const notice = await settings.takeNotice?.();
      return ok(notice ? { ...value, notice } : value);
    },
    async saveSettings(input) {
      // A key pasted into the wrong field must not end up in settings.json or on screen. Only a key main
      // already holds is compared: settings never wait on the keychain, which may be hung.
      const key = keys.known();
      if (KEY_SHAPED.test(input.baseUrl) || (key !== null && input.baseUrl.includes(key))) {
        return fail(
          lookupError('invalid_input', 'The base URL contains a secret API key. Paste the key in the key field above, not here.', {
            field: 'baseUrl',
          }),
        );
      }
      return settings.save(input);
    },
  };
}
