/**
 * The demo connection's key and address are its sample server's own: the server this run started accepts
 * only its key and answers only at its address. A key replaced or removed, or an address changed, would
 * only break the demo, and its failures would not say why. The window offers neither; main refuses them
 * too, whatever asks, so the demo always works until its connection is removed.
 */
import type { Connection } from '../../shared/connections';
import { lookupError, type AppError } from '../../shared/errors';
import { checkBaseUrl } from '../../shared/input-rules';
import { fail, type Result } from '../../shared/result';

const OWN_CONNECTION = 'To use a key of your own, add a connection for your Adapty app.';

/** Refused when `connection` is the demo's: its key can be neither replaced nor removed. */
export function demoKeyRefusal(connection: Connection): Result<never, AppError> | null {
  if (!connection.demo) return null;
  return fail(lookupError('invalid_input', `The demo's key is its sample server's own: it cannot be replaced or removed. ${OWN_CONNECTION}`, { field: 'apiKey' }));
}

/** Refused when `connection` is the demo's and `baseUrl` is not its address (its timeout can still change). */
export function demoAddressRefusal(connection: Connection, baseUrl: string): Result<never, AppError> | null {
  if (!connection.demo) return null;
  const asked = checkBaseUrl(baseUrl);
  if (asked.ok && asked.value === connection.baseUrl) return null;
  return fail(
    lookupError('invalid_input', `The demo's address is its sample server's, on this computer: it cannot be changed. ${OWN_CONNECTION}`, { field: 'baseUrl' }),
  );
}
