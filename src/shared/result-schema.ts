/** The schema of a Result (result.ts) as it crosses to the window. */
import { z } from 'zod';

export function resultSchema<T extends z.ZodType, E extends z.ZodType>(value: T, error: E) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error }),
  ]);
}
