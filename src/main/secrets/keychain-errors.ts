/**
 * Turns what keytar throws into a KeychainError a person can act on. keytar's
 * errors are plain `Error`s without a code (libsecret's and D-Bus's own text),
 * so this matches on the message. Every message says what to install or
 * unlock, and that the key can be kept for this session only meanwhile.
 */
import type { KeychainError } from '../../shared/errors';
import { redactText } from '../adapty/redact';

type Problem = KeychainError['problem'];

const SESSION_ONLY = 'Until then you can keep the key for this session only.';

/** Known keytar/libsecret/D-Bus messages (Linux), most specific first. */
const KNOWN: Array<{ test: RegExp; problem: Problem; message: string }> = [
  {
    test: /autolaunch|Could not connect:|dbus-launch|message bus/i,
    problem: 'no_dbus',
    message:
      'The keychain cannot be reached because no D-Bus session is running: start the app from your desktop session ' +
      `(not over ssh or from a bare console), or install one with \`sudo apt-get install dbus-x11\`. ${SESSION_ONLY}`,
  },
  {
    test: /org\.freedesktop\.secrets was not provided|was not provided by any \.service files|libsecret/i,
    problem: 'no_secret_service',
    message:
      'No keychain (Secret Service) is installed: install one with `sudo apt-get install gnome-keyring libsecret-1-0`, ' +
      `then log out and in again. ${SESSION_ONLY}`,
  },
  {
    test: /Object does not exist at path.*collection/i,
    problem: 'no_collection',
    message:
      'The keychain has no Login keyring: create one named "Login" in Passwords and Keys ' +
      `(\`sudo apt-get install seahorse\`) and make it the default. ${SESSION_ONLY}`,
  },
  {
    test: /locked collection|collection is locked/i,
    problem: 'locked',
    message:
      'The Login keyring is locked: unlock it in Passwords and Keys (seahorse) or by logging in to your desktop again, ' +
      `then try again. ${SESSION_ONLY}`,
  },
];

export interface KeychainErrorContext {
  /** The secret involved, if any: it is removed from any text passed through. */
  secret?: string | null;
}

/** The text of whatever was thrown, without the secret. */
function describeThrown(error: unknown, secret: string | null | undefined): string {
  const raw =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
        ? (error as { message: string }).message
        : String(error);
  const text = raw.trim().replace(/\s+/g, ' ').slice(0, 300);
  return redactText(text || 'no details', secret ? [secret] : []);
}

/** Classifies one failure of a keytar call. */
export function keychainError(error: unknown, context: KeychainErrorContext = {}): KeychainError {
  const text = describeThrown(error, context.secret);
  const known = KNOWN.find((k) => k.test.test(text));
  if (known) return { kind: 'keychain_unavailable', problem: known.problem, message: known.message };
  // The keychain's own words stay in main's log (redacted); the window gets advice, not exception text.
  console.warn(`keychain: ${text}`);
  return {
    kind: 'keychain_unavailable',
    problem: 'failed',
    message:
      'The system keychain refused the request. Try again; if it keeps failing, check that your keychain ' +
      `works in its own app. ${SESSION_ONLY}`,
  };
}

/** A keychain call that did not answer in time. */
export function keychainTimeout(timeoutMs: number): KeychainError {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return {
    kind: 'keychain_unavailable',
    problem: 'timeout',
    message:
      `The keychain did not answer within ${seconds} s; it may be waiting for you to unlock it in a password prompt. ` +
      `Answer the prompt and try again, or keep the key for this session only.`,
  };
}
