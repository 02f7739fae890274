import { z } from 'zod';

/** Errors as data: every boundary (client, IPC, CLI) passes one of these, never a thrown string. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

export function resultSchema<T extends z.ZodType, E extends z.ZodType>(value: T, error: E) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error }),
  ]);
}
