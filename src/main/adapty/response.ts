/**
 * How Adapty's answers are read: zod checks the shape, liberally. A missing
 * identifier is null, an empty string is a value, unknown keys are kept as
 * extras, and both documented forms of `errors` are accepted.
 */
import { z } from 'zod';
import { IDENTIFIER_KEYS, isIdentifierKey, type Identifiers } from '../../shared/identifiers';
import type { Result } from '../../shared/result';

const identifiersBodySchema = z.looseObject(
  Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, z.string().nullish()])),
);

export type ShapeProblem = { field: string | null; message: string };

export function readIdentifiersBody(
  body: unknown,
): Result<{ identifiers: Identifiers; extras: Record<string, z.core.util.JSONType> }, ShapeProblem> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const got = body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
    return { ok: false, error: { field: null, message: `expected a JSON object of identifiers, got ${got}` } };
  }
  const parsed = identifiersBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || null;
    const value = field ? (body as Record<string, unknown>)[field] : undefined;
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { ok: false, error: { field, message: `"${field}" should be a string or null, got ${got}` } };
  }
  const identifiers = Object.fromEntries(
    IDENTIFIER_KEYS.map((key) => [key, (parsed.data[key] as string | null | undefined) ?? null]),
  ) as Identifiers;
  const extras = Object.fromEntries(
    Object.entries(body as Record<string, z.core.util.JSONType>).filter(([key]) => !isIdentifierKey(key)),
  );
  return { ok: true, value: { identifiers, extras } };
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

export type ErrorBody = { errorCode: string | null; messages: string[] };

/** Adapty's error body, read as far as it can be; an HTML or empty body gives nothing. */
export function readErrorBody(text: string): ErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { errorCode: null, messages: [] };
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return { errorCode: null, messages: [] };
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
  return { errorCode: parsed.data.error_code ?? null, messages };
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function readRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
