/**
 * An answer read in part: the error of a lookup whose identifiers had some of the wrong shape. No zod here:
 * the CLI's plain lookup loads this and starts without zod.
 */
import { lookupError, type LookupError } from './errors';
import type { LookupResult } from './lookup';

/**
 * The error a lookup ends with when some identifiers had the wrong shape (the others are shown: the CLI
 * prints them, a batch row keeps them): the first field that could not be read, and how many.
 */
export function unreadableError(result: LookupResult): LookupError | null {
  const [first, ...more] = result.unreadable ?? [];
  if (!first) return null;
  const others = more.length > 0 ? ` (and ${more.length} more field${more.length > 1 ? 's' : ''})` : '';
  return lookupError('invalid_response', `Adapty's answer has an unexpected shape: ${first.message}${others}. Every other field was read.`, {
    field: first.field,
    requestId: result.requestId,
  });
}
