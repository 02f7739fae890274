/**
 * How Adapty's answers are read, liberally. A missing identifier is null, an
 * empty string is a value, unknown keys are kept as extras, and both documented
 * forms of `errors` are accepted. The usual answer (every identifier a string
 * or null) is read here as its schema would read it; anything else by the
 * schemas in answer-schemas.ts, loaded the first time one is needed, so a
 * lookup that meets none (the CLI's, at start) never loads zod.
 */
import type { z } from 'zod';
import { IDENTIFIER_KEYS, isIdentifierKey, type IdentifierKey, type Identifiers } from '../../shared/identifiers';
import type { Result } from '../../shared/result';
import { boundExtras } from './limits';

type AnswerSchemas = typeof import('./answer-schemas');
let held: AnswerSchemas | null = null;
let loaded: Promise<AnswerSchemas> | null = null;

/**
 * The app's main process holds the schemas from its start (createHandlers passes them): nothing is loaded
 * mid-lookup there. Anything else (the CLI) loads them the first time an answer needs them.
 */
export function holdAnswerSchemas(schemas: AnswerSchemas): void {
  held = schemas;
}

const schemas = (): AnswerSchemas | Promise<AnswerSchemas> => held ?? (loaded ??= import('./answer-schemas'));

export type ShapeProblem = { field: string | null; message: string };

/** What a field of the wrong type was: "a number", "an array", "null". */
export function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

export interface IdentifiersBody {
  identifiers: Identifiers;
  extras: Record<string, z.core.util.JSONType>;
  /** Identifiers of the wrong type: shown as not readable, the rest of the answer as it came. */
  unreadable: ShapeProblem[];
}

/** The identifiers of a 2xx body; at once for the usual answer, after loading the schemas for any other. */
export function readIdentifiersBody(body: unknown): Result<IdentifiersBody, ShapeProblem> | Promise<Result<IdentifiersBody, ShapeProblem>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, error: { field: null, message: `expected a JSON object of identifiers, got ${describeType(body)}` } };
  }
  const record = body as Record<string, unknown>;
  const plain = plainIdentifiers(record);
  if (plain) return { ok: true, value: { identifiers: plain, extras: extrasOf(record), unreadable: [] } };
  // Some identifier of another type: the schema sets it aside and reads the rest.
  const at = schemas();
  return at instanceof Promise ? at.then(({ readIdentifiersLeniently }) => readIdentifiersLeniently(record)) : at.readIdentifiersLeniently(record);
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
export function extrasOf(body: Record<string, unknown>): Record<string, z.core.util.JSONType> {
  const extras: Array<[string, z.core.util.JSONType]> = [];
  for (const key of Object.keys(body)) if (!isIdentifierKey(key)) extras.push([key, body[key] as z.core.util.JSONType]);
  return extras.length === 0 ? {} : boundExtras(Object.fromEntries(extras));
}

export type ErrorBody = {
  errorCode: string | null;
  /** Adapty's messages, at most LIMITS.messages of them, each clipped. */
  messages: string[];
  /** Whether the body has Adapty's error shape (an `errors` list or an `error_code`), not a proxy's page. */
  fromAdapty: boolean;
};

const NOT_ADAPTY: ErrorBody = { errorCode: null, messages: [], fromAdapty: false };

/** Adapty's error body, read as far as it can be (by its schema, loaded on the first error); an HTML or empty body gives nothing. */
export async function readErrorBody(text: string): Promise<ErrorBody> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return NOT_ADAPTY;
  }
  return (await schemas()).readErrorJson(json) ?? NOT_ADAPTY;
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
