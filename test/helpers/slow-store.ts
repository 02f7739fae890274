/**
 * A SecretStore whose operations take `delayMs` each and run one at a time, in order, as the keytar
 * store's do: for tests of what happens while a keychain write is still on its way.
 */
import { ok } from '../../src/shared/result';
import type { SecretStore } from '../../src/main/secrets/secret-store';

export function createSlowStore(initial: string | null, delayMs: number): SecretStore & { value(): string | null; idle(): Promise<void> } {
  let secret = initial;
  let queue: Promise<unknown> = Promise.resolve();
  const later = <T>(work: () => T): Promise<T> => {
    const run = queue.then(() => new Promise<T>((resolve) => setTimeout(() => resolve(work()), delayMs)));
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    get: () => later(() => ok(secret)),
    set: (value, options) =>
      later(() => {
        if (!options?.onlyIf || options.onlyIf()) secret = value;
        return ok(undefined);
      }),
    delete: () =>
      later(() => {
        const had = secret !== null;
        secret = null;
        return ok(had);
      }),
    value: () => secret,
    idle: () => queue.then(() => undefined),
  };
}
