/**
 * Answers read in part: some fields had the wrong shape and were left out (the rest was read). What a
 * lookup or a profile then ends with, and which part of a profile was left out. No zod here: the CLI's
 * plain lookup loads this and starts without zod.
 */
import { lookupError, type LookupError } from './errors';

interface ReadInPart {
  unreadable?: ReadonlyArray<{ field: string | null; message: string }>;
  requestId: string | null;
}

/**
 * The error an answer read in part ends with (what was read is still shown: the window and the CLI show
 * it, a batch row keeps it): every field that could not be read, named. Null when all of it was read.
 */
export function unreadableError(answer: ReadInPart): LookupError | null {
  const fields = answer.unreadable ?? [];
  const [first] = fields;
  if (!first) return null;
  return lookupError('invalid_response', `Adapty's answer has an unexpected shape: ${fields.map(({ message }) => message).join('; ')}. Every other field was read.`, {
    field: first.field,
    requestId: answer.requestId,
  });
}

/**
 * Whether the profile's `data.<key>` had the wrong shape and was left out: then it is said to be
 * unreadable, never that there is none ("No access levels.") or that it is not set.
 */
export function partUnreadable(profile: Pick<ReadInPart, 'unreadable'>, key: string): boolean {
  return profile.unreadable?.some(({ field }) => field === `data.${key}` || field?.startsWith(`data.${key}.`)) ?? false;
}
