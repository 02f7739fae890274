/**
 * Errors as data: every way a lookup, the keychain or the app itself can fail, the limits on what an
 * error may hold, and `lookupError` to make one. No zod here (the CLI's lookup loads this at start);
 * the schemas that check these crossing to the window are in error-schemas.ts, and the types come from them.
 */
import type { z } from 'zod';
import type { appErrorSchema, appFailureSchema, keychainErrorSchema, lookupErrorKindSchema, lookupErrorSchema } from './error-schemas';

/**
 * The most any text in an error may hold as it crosses to the window. The client and
 * the handlers stay well inside these (see src/main/adapty/limits.ts); the contract
 * holds them to it.
 */
export const MAX_MESSAGE_CHARS = 2000;
export const MAX_MESSAGES = 20;
/** Codes, request IDs, field names. */
export const MAX_SHORT_CHARS = 200;

/**
 * Every way a lookup can fail, as data. `kind` is stable: the CLI maps it to an
 * exit code, the renderer to a banner and the action that helps.
 */
export const LOOKUP_ERROR_KINDS = [
  'invalid_input',
  'unauthorized',
  'not_found',
  'request_refused',
  'rate_limited',
  'server_error',
  'network',
  'timeout',
  'invalid_response',
  'cancelled',
] as const;

export type LookupErrorKind = z.infer<typeof lookupErrorKindSchema>;
export type LookupError = z.infer<typeof lookupErrorSchema>;

export function lookupError(
  kind: LookupErrorKind,
  message: string,
  details: Partial<Omit<LookupError, 'kind' | 'message'>> = {},
): LookupError {
  return {
    kind,
    message,
    status: details.status ?? null,
    errorCode: details.errorCode ?? null,
    messages: details.messages ?? [],
    requestId: details.requestId ?? null,
    retryAfterMs: details.retryAfterMs ?? null,
    field: details.field ?? null,
  };
}

/** Why the OS keychain cannot be used; each comes with a message saying what to install or unlock. */
export const KEYCHAIN_PROBLEMS = ['no_dbus', 'no_secret_service', 'no_collection', 'locked', 'timeout', 'failed'] as const;

export type KeychainError = z.infer<typeof keychainErrorSchema>;
export type AppFailure = z.infer<typeof appFailureSchema>;
export type AppError = z.infer<typeof appErrorSchema>;
