/**
 * How Adapty's answers are read: zod checks the shape, liberally. A missing
 * identifier is null, an empty string is a value, unknown keys are kept as
 * extras, and both documented forms of `errors` are accepted.
 */
import { z } from 'zod';
import { IDENTIFIER_KEYS, isIdentifierKey, type IdentifierKey, type Identifiers } from '../../shared/identifiers';
import type { Result } from '../../shared/result';
import { parseLeniently } from './lenient';
import { boundExtras, boundMessages, clip } from './limits';

const identifiersBodySchema = z.looseObject(
  Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, z.string().nullish()])),
);

export type ShapeProblem = { field: string | null; message: string };

/** What a field of the wrong type was: "a number", "an array", "null". */
function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

export interface IdentifiersBody {
  identifiers: Identifiers;
  extras: Record<string, z.core.util.JSONType>;
  /** Identifiers of the wrong type: shown as not readable, the rest of the answer as it came. */
  unreadable: ShapeProblem[];
}

export function readIdentifiersBody(body: unknown): Result<IdentifiersBody, ShapeProblem> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, error: { field: null, message: `expected a JSON object of identifiers, got ${describeType(body)}` } };
  }
  const record = body as Record<string, unknown>;
  const plain = plainIdentifiers(record);
  if (plain) return { ok: true, value: { identifiers: plain, extras: extrasOf(record), unreadable: [] } };
  const read = parseLeniently(identifiersBodySchema, body, 1, (issue) => {
    const field = issue.path.map(String).join('.') || null;
    const value = field ? (body as Record<string, unknown>)[field] : undefined;
    return { field, message: `"${field}" should be a string or null, got ${describeType(value).replace(/^a /, '')}` };
  });
  if (!read.ok) return read;
  const { data, unreadable } = read.value;
  const identifiers = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, (data[key] as string | null | undefined) ?? null])) as Identifiers;
  return { ok: true, value: { identifiers, extras: extrasOf(record), unreadable } };
}

/** The usual answer, every identifier a string or null (or left out), read as the schema would but without it; null otherwise. */
function plainIdentifiers(record: Record<string, unknown>): Identifiers | null {
  const identifiers: Partial<Record<IdentifierKey, string | null>> = {};
  for (const key of IDENTIFIER_KEYS) {
    const value = record[key];
    if (value === null || value === undefined) identifiers[key] = null;
    else if (typeof value === 'string') identifiers[key] = value;
    else return null;
  }
  return identifiers as Identifiers;
}

/** Keys of the answer that are not identifiers, kept as they came (bounded). */
function extrasOf(body: Record<string, unknown>): Record<string, z.core.util.JSONType> {
  const extras: Array<[string, z.core.util.JSONType]> = [];
  for (const key of Object.keys(body)) if (!isIdentifierKey(key)) extras.push([key, body[key] as z.core.util.JSONType]);
  return extras.length === 0 ? {} : boundExtras(Object.fromEntries(extras));
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

export type ErrorBody = {
  errorCode: string | null;
  /** Adapty's messages, at most LIMITS.messages of them, each clipped. */
  messages: string[];
  /** Whether the body has Adapty's error shape (an `errors` list or an `error_code`), not a proxy's page. */
  fromAdapty: boolean;
};

const NOT_ADAPTY: ErrorBody = { errorCode: null, messages: [], fromAdapty: false };

/** Adapty's error body, read as far as it can be; an HTML or empty body gives nothing. */
export function readErrorBody(text: string): ErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return NOT_ADAPTY;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return NOT_ADAPTY;
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

/** The longest wait a Retry-After may ask for; anything longer is read as this. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
/** The three HTTP-date forms of RFC 9110: IMF-fixdate, the obsolete RFC 850 form, and asctime. */
const HTTP_DATES = [
  new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`),
  new RegExp(`^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`),
  new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`),
];

/**
 * Retry-After in milliseconds: delta-seconds or an HTTP date only, at most
 * MAX_RETRY_AFTER_MS; null when absent or anything else.
 */
export function readRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return value.length > 7 ? MAX_RETRY_AFTER_MS : Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  if (value.length > 40 || !HTTP_DATES.some((form) => form.test(value))) return null;
  // asctime has no zone: it is GMT by definition.
  const date = Date.parse(/GMT$/.test(value) ? value : `${value} GMT`);
  if (!Number.isFinite(date)) return null;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}
