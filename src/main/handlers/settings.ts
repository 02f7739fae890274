/**
 * Handlers for settings: the connections, and a connection's base URL and
 * timeout. They never wait on the keychain. When a connection's base URL moves
 * to another origin than its key's, main
 * asks the person in its own dialog whether the key may follow; a yes binds the
 * key main holds to the new origin at once, and the keychain item is rewritten
 * in the background. The demo's address is its server's own: only its timeout
 * may change (demo-guard.ts).
 */
import type { Handlers } from '../../shared/contract';
import { lookupError } from '../../shared/errors';
import { checkBaseUrl } from '../../shared/input-rules';
import { fail, ok } from '../../shared/result';
import { createRedactor } from '../adapty/redact';
import { originOf } from '../secrets/key-binding';
import type { HandlerDeps } from './deps';
import { gone } from '../settings/settings-store';
import type { KeyAccess } from './key-access';
import { demoAddressRefusal } from './demo-guard';

const KEY_SHAPED = /secret_(live|test)_/i;

/** The text's forms as they could end up in settings.json: as typed, normalised, percent-decoded, without white space. */
function formsOf(baseUrl: string): string[] {
  const normalised = checkBaseUrl(baseUrl);
  const forms = [baseUrl, baseUrl.replace(/\s+/g, ''), ...(normalised.ok ? [normalised.value] : [])];
  for (const form of [...forms]) {
    try {
      forms.push(decodeURIComponent(form));
    } catch {
      // Not valid percent-encoding: nothing more to decode.
    }
  }
  return forms;
}

/** Whether a base URL holds a key-shaped text, or any form of the key main holds (redact.ts finds those). */
function holdsKey(baseUrl: string, key: string | null): boolean {
  const redact = key === null ? null : createRedactor([key]);
  return formsOf(baseUrl).some((form) => KEY_SHAPED.test(form) || (redact !== null && redact(form) !== form));
}

export function settingsHandlers({ settings, keys, confirmKeyMove }: HandlerDeps, access: KeyAccess): Pick<Handlers, 'getSettings' | 'saveSettings'> {
  return {
    async getSettings() {
      const value = await settings.connections();
      const notice = await settings.takeNotice?.();
      return ok(notice ? { ...value, notice } : value);
    },
    async saveSettings({ id: asked, ...input }) {
      const all = await settings.connections();
      const id = asked ?? all.active;
      const connection = all.connections.find((each) => each.id === id);
      if (!connection) return fail(gone());
      const refused = demoAddressRefusal(connection, input.baseUrl);
      if (refused) return refused;
      // A key pasted into the wrong field must not end up in settings.json or on screen. Only a key main
      // already holds is compared: settings never wait on the keychain, which may be hung.
      const key = keys.of(id).known();
      if (holdsKey(input.baseUrl, key?.key ?? null)) {
        return fail(
          lookupError('invalid_input', 'The base URL contains a secret API key. Paste the key in the key field above, not here.', {
            field: 'baseUrl',
          }),
        );
      }
      const before = originOf(connection.baseUrl);
      const saved = await settings.save(input, id);
      if (!saved.ok || key === null) return saved;
      // Only a base URL that moved to another origin asks; the key stays bound to its origin unless the
      // person agrees, in main's own dialog, to send it to the new one.
      const from = await access.originOfKey(id, key.origin);
      const to = originOf(saved.value.baseUrl);
      if (from === null || to === null || to === before || to === from) return saved;
      if (await confirmKeyMove?.({ from, to })) keys.of(id).bindKnown(to);
      return saved;
    },
  };
}
