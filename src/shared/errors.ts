import { z } from 'zod';

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

export const lookupErrorKindSchema = z.enum(LOOKUP_ERROR_KINDS);
export type LookupErrorKind = z.infer<typeof lookupErrorKindSchema>;

export const lookupErrorSchema = z.object({
  kind: lookupErrorKindSchema,
  /** Our own one-sentence explanation of what happened. Never contains the key. */
  message: z.string().max(MAX_MESSAGE_CHARS),
  /** HTTP status of Adapty's answer; null when no answer arrived. */
  status: z.number().int().nullable(),
  /** Adapty's `error_code`, such as "profile_not_found". */
  errorCode: z.string().max(MAX_SHORT_CHARS).nullable(),
  /** Adapty's own messages from `errors`, flattened ("source: text" for the object form). */
  messages: z.array(z.string().max(MAX_MESSAGE_CHARS)).max(MAX_MESSAGES),
  /** `Request-Id` (or `x-request-id`) of the answer: support staff quote it to Adapty. */
  requestId: z.string().max(MAX_SHORT_CHARS).nullable(),
  /** rate_limited: how long Adapty asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs: z.number().nonnegative().nullable(),
  /** invalid_input: which input; invalid_response: which field of the body. */
  field: z.string().max(MAX_SHORT_CHARS).nullable(),
});
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

export const keychainErrorSchema = z.object({
  kind: z.literal('keychain_unavailable'),
  problem: z.enum(KEYCHAIN_PROBLEMS),
  message: z.string().max(MAX_MESSAGE_CHARS),
});
export type KeychainError = z.infer<typeof keychainErrorSchema>;

/** Failures of the app itself rather than of Adapty or the keychain. */
export const appFailureSchema = z.object({
  /**
   * no_key: nothing to call Adapty with; key_origin_mismatch: the key is bound to another origin than the
   * base URL's; bad_request: a message broke the contract; internal: a bug.
   */
  kind: z.enum(['no_key', 'key_origin_mismatch', 'bad_request', 'internal']),
  message: z.string().max(MAX_MESSAGE_CHARS),
});
export type AppFailure = z.infer<typeof appFailureSchema>;

/** Every error that crosses from main to the renderer. */
export const appErrorSchema = z.union([lookupErrorSchema, keychainErrorSchema, appFailureSchema]);
export type AppError = z.infer<typeof appErrorSchema>;

/**
 * Fields of an answer that had the wrong shape and could not be read: the rest of the answer is shown, and
 * these are marked (`field` is its path, such as "appsflyer_id" or "data.access_levels").
 */
export const unreadableFieldsSchema = z
  .array(z.object({ field: z.string().max(MAX_SHORT_CHARS).nullable(), message: z.string().max(MAX_MESSAGE_CHARS) }))
  .max(16);
