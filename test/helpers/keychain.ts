/**
 * What keychain tests share: whether a real Secret Service is there (tests
 * run inside scripts/with-keychain.sh), a describe that says why it skipped,
 * a service name of their own, and keys shaped like real ones.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe } from 'vitest';
import type { ApiKeyService } from '../../src/main/secrets/api-key';
import type { Keytar } from '../../src/main/secrets/keytar-store';
import type { AppError } from '../../src/shared/errors';
import { ok, type Result } from '../../src/shared/result';
import { KEYCHAIN_SERVICES } from '../../src/main/secrets/secret-store';

/** Set by scripts/with-keychain.sh: a private D-Bus session with an unlocked gnome-keyring. */
export const HAS_SECRET_SERVICE = process.env.ADAPTY_TEST_SECRET_SERVICE === '1';
export const SKIP_NOTE = '(skipped: no Secret Service; run via scripts/with-keychain.sh)';

/** A describe block that needs the real keychain; without it, it is skipped and its title says why. */
export function describeKeychain(title: string, body: () => void): void {
  describe.skipIf(!HAS_SECRET_SERVICE)(HAS_SECRET_SERVICE ? title : `${title} ${SKIP_NOTE}`, body);
}

/** A keychain service name no other test file (or run) uses. */
export function testService(label: string): string {
  return `${KEYCHAIN_SERVICES.test} ${label} ${randomUUID().slice(0, 8)}`;
}

/** Shaped like a secret key so that a leak would look like one; it opens nothing. */
export function fakeKey(): string {
  return `secret_live_${randomBytes(12).toString('hex')}.Kc${randomBytes(4).toString('hex')}`;
}

const require = createRequire(import.meta.url);

/** Where the keytar module lives, for child processes. */
export const KEYTAR_PATH = require.resolve('keytar');

/** The real keytar module, loaded on first use (loading needs no bus; calls do). */
export function realKeytar(): Keytar {
  return require('keytar') as Keytar;
}

/** The origin keys are saved for in tests that do not look anything up. */
export const ORIGIN = 'https://api.adapty.io';

/** The key in force, without the origin it is bound to (most key tests are about the key alone). */
export async function currentKey(keys: ApiKeyService): Promise<Result<string, AppError>> {
  const current = await keys.current();
  return current.ok ? ok(current.value.key) : current;
}
