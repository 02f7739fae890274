/**
 * The schemas of Adapty's answers that are not the usual one: identifiers of another type, and error
 * bodies. Loaded by response.ts the first time one is met (zod is not loaded for a lookup that meets none).
 */
import { z } from 'zod';
import { IDENTIFIER_KEYS, type Identifiers } from '../../shared/identifiers';
import type { Result } from '../../shared/result';
import { parseLeniently } from './lenient';
import { boundMessages, clip } from './limits';
import { describeType, extrasOf, type ErrorBody, type IdentifiersBody, type ShapeProblem } from './response';

const identifiersBodySchema = z.looseObject(Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, z.string().nullish()])));

/** A body with some identifier of another type: that one is set aside (null, and named as unreadable), the rest read. */
export function readIdentifiersLeniently(body: Record<string, unknown>): Result<IdentifiersBody, ShapeProblem> {
  const read = parseLeniently(identifiersBodySchema, body, 1, (issue) => {
    const field = issue.path.map(String).join('.') || null;
    const value = field ? body[field] : undefined;
    return { field, message: `"${field}" should be a string or null, got ${describeType(value).replace(/^a /, '')}` };
  });
  if (!read.ok) return read;
  const { data, unreadable } = read.value;
  const identifiers = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, (data[key] as string | null | undefined) ?? null])) as Identifiers;
  return { ok: true, value: { identifiers, extras: extrasOf(body), unreadable } };
}

const errorEntrySchema = z.union([
  z.string(),
  z.looseObject({ source: z.string().nullish(), errors: z.array(z.string()).nullish() }),
]);

const errorBodySchema = z.looseObject({
  errors: z.array(z.unknown()).nullish(),
  error_code: z.string().nullish(),
  detail: z.string().nullish(),
});

/** Adapty's error body from its JSON, as far as it can be read; null when it is not of Adapty's error shape at all. */
export function readErrorJson(json: unknown): ErrorBody | null {
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  const messages: string[] = [];
  for (const raw of parsed.data.errors ?? []) {
    const entry = errorEntrySchema.safeParse(raw);
    if (!entry.success) continue;
    if (typeof entry.data === 'string') {
      messages.push(entry.data);
      continue;
    }
    const source = entry.data.source && entry.data.source !== 'non_field_errors' ? `${entry.data.source}: ` : '';
    for (const message of entry.data.errors ?? []) messages.push(`${source}${message}`);
  }
  if (parsed.data.detail) messages.push(parsed.data.detail);
  const errorCode = parsed.data.error_code ?? null;
  return { errorCode: errorCode === null ? null : clip(errorCode, 100), messages: boundMessages(messages), fromAdapty: Array.isArray(parsed.data.errors) || errorCode !== null };
}
