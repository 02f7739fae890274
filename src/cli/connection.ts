/**
 * `--connection NAME`: a connection of the app, as the app keeps it: its base
 * URL and timeout from the app's settings file (read only), and its key from
 * the app's keychain item, sent only to the origin it is bound to.
 * ADAPTY_API_KEY, when set, wins over the keychain.
 *
 * Which app: the installed one; ADAPTY_INSPECTOR_DEVELOPMENT=1 means a
 * development run's data and keychain item. ADAPTY_INSPECTOR_APP_DATA
 * replaces the platform's application-data folder (tests use it).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { appIdentity } from '../main/app-identity';
import { decodeBoundKey, originOf } from '../main/secrets/key-binding';
import { accountOf } from '../main/secrets/key-ring';
import { createKeychain } from '../main/secrets/keytar-store';
import { loadKeytar } from '../main/secrets/load-keytar';
import { readConnectionsFile } from '../main/settings/settings-store';
import { DEFAULT_CONNECTIONS, findConnection, type Connection } from '../shared/connections';
import { lookupError, type LookupError } from '../shared/errors';
import { fail, ok, type Result } from '../shared/result';

/** Where Electron's app.getPath('appData') points on each platform. */
export function platformAppData(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.ADAPTY_INSPECTOR_APP_DATA) return env.ADAPTY_INSPECTOR_APP_DATA;
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

export interface ConnectionTarget {
  connection: Connection;
  apiKey: string;
}

const invalid = (message: string): Result<never, LookupError> => fail(lookupError('invalid_input', message));

/** `baseUrl`: a --base-url given beside --connection; a keychain key goes there only if it is the connection's origin. */
export async function connectionTarget(wanted: string, env: NodeJS.ProcessEnv, baseUrl?: string): Promise<Result<ConnectionTarget, LookupError>> {
  const identity = appIdentity({ isPackaged: env.ADAPTY_INSPECTOR_DEVELOPMENT !== '1', appData: platformAppData(env) });
  const read = await readConnectionsFile(join(identity.userData, 'settings.json'));
  if (!read.ok) return invalid(`The app's settings could not be read: ${read.error}`);
  const all = read.value ?? DEFAULT_CONNECTIONS;
  const connection = findConnection(all.connections, wanted);
  if (!connection) {
    return invalid(`No connection is named "${wanted}". The app's connections: ${all.connections.map(({ name }) => `"${name}"`).join(', ')}.`);
  }
  if (env.ADAPTY_API_KEY) return ok({ connection, apiKey: env.ADAPTY_API_KEY });

  const keytar = await loadKeytar();
  if (!keytar.ok) return invalid(`The keychain cannot be used (${keytar.error.message}). Set ADAPTY_API_KEY instead.`);
  const stored = await createKeychain({ keytar: keytar.value, service: identity.keychainService }).item(accountOf(connection.id)).get();
  if (!stored.ok) return invalid(`The key of "${connection.name}" could not be read from the keychain: ${stored.error.message} Or set ADAPTY_API_KEY.`);
  if (stored.value === null) {
    return invalid(`The connection "${connection.name}" has no key saved. Save one in the app's settings, or set ADAPTY_API_KEY.`);
  }
  const bound = decodeBoundKey(stored.value);
  const target = originOf(connection.baseUrl);
  // A key saved before keys were bound is taken as bound where its connection points, as the app does at start.
  if (bound.origin !== null && bound.origin !== target) {
    return invalid(
      `The key of "${connection.name}" was saved for ${bound.origin}, but the connection now points at ${target ?? connection.baseUrl}. ` +
        'The key is sent only where it was saved: save it again in the app, or set ADAPTY_API_KEY.',
    );
  }
  if (baseUrl !== undefined && originOf(baseUrl) !== target) {
    return invalid(`--base-url points elsewhere than the connection "${connection.name}", whose key goes only to ${target}.`);
  }
  return ok({ connection, apiKey: bound.key });
}
