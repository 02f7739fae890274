/** The schema of settings as they cross to and from the window (settings.ts holds the defaults and rules). */
import { z } from 'zod';

/** What a person can change in settings. Nothing secret: the key lives in the keychain. */
export const settingsSchema = z.object({
  baseUrl: z.string().max(2048),
  timeoutMs: z.number(),
});
