import { describe, expect, it, vi } from 'vitest';
import { keychainErrorSchema } from '../../../src/shared/error-schemas';
import { keychainError, keychainTimeout } from '../../../src/main/secrets/keychain-errors';
import { fakeKey } from '../../helpers/keychain';

/**
 * The messages keytar 7.9.0 gave on Debian 12 (recorded with the child
 * processes in keychain-unavailable.test.ts, which checks them live).
 */
const SEEN = {
  noBus: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
  deadBus: 'Could not connect: No such file or directory',
  noSecretService: 'The name org.freedesktop.secrets was not provided by any .service files',
  noCollection: 'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
  locked: 'Cannot create an item in a locked collection',
};

describe('keychainError', () => {
  it.each([
    ['noBus', 'no_dbus', /desktop session/],
    ['deadBus', 'no_dbus', /desktop session/],
    ['noSecretService', 'no_secret_service', /sudo apt-get install gnome-keyring/],
    ['noCollection', 'no_collection', /Passwords and Keys/],
    ['locked', 'locked', /unlock it in Passwords and Keys \(seahorse\)/],
  ] as const)('%s → %s, saying what to do', (seen, problem, advice) => {
    const error = keychainError(new Error(SEEN[seen]));
    expect(keychainErrorSchema.parse(error)).toEqual(error);
    expect(error.problem).toBe(problem);
    expect(error.message).toMatch(advice);
    expect(error.message).toMatch(/keep the key for this session only/);
    // Our own sentences, not libsecret's wording.
    expect(error.message).not.toContain(SEEN[seen]);
  });

  it('sends a missing dbus-launch (DISPLAY set, dbus-x11 missing) to the dbus-x11 package', () => {
    const error = keychainError(new Error('Error spawning command line “dbus-launch --autolaunch=abc --binary-syntax --close-stderr”'));
    expect(error.problem).toBe('no_dbus');
    expect(error.message).toContain('sudo apt-get install dbus-x11');
  });

  it('gives an unknown failure as "failed" with advice, and logs its text in main without the secret', () => {
    const key = fakeKey();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const thrown = new Error(`Keychain error -25293 while storing ${key} (${encodeURIComponent(key)})`);
      const error = keychainError(thrown, { secret: key });
      expect(error.problem).toBe('failed');
      expect(error.message).not.toContain('-25293');
      expect(error.message).toMatch(/keep the key for this session only/);
      expect(JSON.stringify(error)).not.toContain(key);
      const logged = warn.mock.calls.flat().join(' ');
      expect(logged).toContain('Keychain error -25293 while storing [redacted]');
      expect(logged).not.toContain(key);
    } finally {
      warn.mockRestore();
    }
  });

  it('copes with things that are not Errors', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(keychainError('plain string failure').problem).toBe('failed');
      expect(warn.mock.calls.flat().join(' ')).toContain('plain string failure');
      expect(keychainError({ message: SEEN.locked }).problem).toBe('locked');
      expect(keychainError(undefined).problem).toBe('failed');
      expect(keychainError(new Error('')).problem).toBe('failed');
    } finally {
      warn.mockRestore();
    }
  });

  it('keeps a long message short in the log', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const error = keychainError(new Error('x'.repeat(5000)));
      expect(error.message.length).toBeLessThan(500);
      expect(warn.mock.calls.flat().join(' ').length).toBeLessThan(500);
    } finally {
      warn.mockRestore();
    }
  });

  it('timeout says the keychain may be waiting for an unlock prompt', () => {
    const error = keychainTimeout(5000);
    expect(keychainErrorSchema.parse(error).problem).toBe('timeout');
    expect(error.message).toContain('within 5 s');
    expect(error.message).toMatch(/waiting for you to unlock it/);
  });
});
