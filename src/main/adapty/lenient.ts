/**
 * Reading an answer of the wrong shape as far as it goes: a field that breaks
 * the schema is set aside (and noted), and the rest is read again. The window
 * then shows every field that could be read and marks the ones that could not.
 */
import type { z } from 'zod';
import { fail, ok, type Result } from '../../shared/result';
import type { ShapeProblem } from './response';

/** More broken fields than any answer that is Adapty's at all; past this, the whole answer is refused. */
export const MAX_UNREADABLE = 16;

export interface LenientRead<T> {
  data: T;
  /** The fields set aside, in the order they were found. */
  unreadable: ShapeProblem[];
}

/** A copy of `value` without the field at `path` (objects only; anything else is left as it was). */
function without(value: unknown, path: readonly PropertyKey[]): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const [head, ...rest] = path;
  const copy = { ...(value as Record<PropertyKey, unknown>) };
  if (rest.length === 0) delete copy[head as PropertyKey];
  else copy[head as PropertyKey] = without(copy[head as PropertyKey], rest);
  return copy;
}

/**
 * Parses `body` with `schema`. A field at depth `depth` of the issue's path (1: a top-level key; 2: a key
 * of the object under one, as in `{ data: { … } }`) that breaks it is dropped, described by `describe`, and
 * the rest parsed again. An issue above that depth (the body or `data` itself is wrong) fails as before.
 */
export function parseLeniently<T>(
  schema: z.ZodType<T>,
  body: unknown,
  depth: number,
  describe: (issue: z.core.$ZodIssue, body: unknown) => ShapeProblem,
): Result<LenientRead<T>, ShapeProblem> {
  const unreadable: ShapeProblem[] = [];
  let current = body;
  for (;;) {
    const parsed = schema.safeParse(current);
    if (parsed.success) return ok({ data: parsed.data, unreadable });
    const issue = parsed.error.issues[0]!;
    if (issue.path.length < depth || unreadable.length >= MAX_UNREADABLE) return fail(describe(issue, body));
    unreadable.push(describe(issue, body));
    current = without(current, issue.path.slice(0, depth));
  }
}
