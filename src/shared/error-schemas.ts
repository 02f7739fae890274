/** The schemas of errors as they cross to the window (errors.ts holds the limits, the kinds and the types). */
import { z } from 'zod';
import { KEYCHAIN_PROBLEMS, LOOKUP_ERROR_KINDS, MAX_MESSAGE_CHARS, MAX_MESSAGES, MAX_SHORT_CHARS } from './errors';

export const lookupErrorKindSchema = z.enum(LOOKUP_ERROR_KINDS);

/** One failed lookup (made by `lookupError`). */
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

/** The keychain could not be used: which problem, and what to install or unlock. */
export const keychainErrorSchema = z.object({
  kind: z.literal('keychain_unavailable'),
  problem: z.enum(KEYCHAIN_PROBLEMS),
  message: z.string().max(MAX_MESSAGE_CHARS),
});

/** Failures of the app itself rather than of Adapty or the keychain. */
export const appFailureSchema = z.object({
  /**
   * no_key: nothing to call Adapty with; key_origin_mismatch: the key is bound to another origin than the
   * base URL's; bad_request: a message broke the contract; internal: a bug.
   */
  kind: z.enum(['no_key', 'key_origin_mismatch', 'bad_request', 'internal']),
  message: z.string().max(MAX_MESSAGE_CHARS),
});

/** Every error that crosses from main to the renderer. */
export const appErrorSchema = z.union([lookupErrorSchema, keychainErrorSchema, appFailureSchema]);

/**
 * Fields of an answer that had the wrong shape and could not be read: the rest of the answer is shown, and
 * these are marked (`field` is its path, such as "appsflyer_id" or "data.access_levels").
 */
export const unreadableFieldsSchema = z
  .array(z.object({ field: z.string().max(MAX_SHORT_CHARS).nullable(), message: z.string().max(MAX_MESSAGE_CHARS) }))
  .max(16);
