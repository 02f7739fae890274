import { z } from 'zod';
import { keychainErrorSchema } from './error-schemas';

/**
 * All the renderer ever learns about the secret key: whether there is one,
 * at most its last 4 characters, and where it is kept.
 */
export const keyStatusSchema = z.object({
  configured: z.boolean(),
  hint: z.string().max(4).nullable(),
  /** keychain: the OS keychain; session: main-process memory until the app quits. */
  storage: z.enum(['keychain', 'session']).nullable(),
  /** Set when the keychain cannot be used, with what to do about it. */
  keychainProblem: keychainErrorSchema.nullable(),
});
export type KeyStatus = z.infer<typeof keyStatusSchema>;

/** The hint for a key: its last 4 characters, or nothing for a key too short to hide the rest. */
export function keyHint(key: string): string | null {
  return key.length >= 12 ? key.slice(-4) : null;
}
