/** What the CLI prints: the identifiers table, the one-line error and the error as JSON. */
import { IDENTIFIERS } from '../shared/identifiers';
import type { LookupError, LookupErrorKind } from '../shared/errors';
import { ID_TYPE_LABELS, type IdType } from '../shared/input-rules';
import type { Exchange } from '../shared/exchange';
import type { LookupResult } from '../shared/lookup';
import { matchedAs } from '../shared/auto';

export const EXIT_CODES: Record<LookupErrorKind, number> = {
  invalid_input: 2,
  unauthorized: 3,
  not_found: 4,
  rate_limited: 5,
  server_error: 6,
  invalid_response: 6,
  network: 7,
  timeout: 7,
  request_refused: 8,
  cancelled: 130,
};

export function pad(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0))).join('  '));
}

/** In place of a value Adapty sent in the wrong shape. */
export const UNREADABLE = 'could not be read (wrong type)';

/** A value as the tables print it: "not set" for none, and an empty string said as such. */
export const orNotSet = (value: string | null) => (value === null ? 'not set' : value === '' ? '"" (empty string)' : value);

/** The identifiers as a table; `tried` (Auto's types, in order) adds a "Matched as" line. */
export function resultAsTable(result: LookupResult, tried: readonly IdType[] | null = null): string {
  const head = pad([
    [ID_TYPE_LABELS[result.query.idType], result.query.id],
    ...(tried ? [['Matched as', matchedAs(tried)]] : []),
    ['Request ID', result.requestId ?? '(none sent)'],
  ]);
  const unreadable = new Set((result.unreadable ?? []).map(({ field }) => field));
  const rows = IDENTIFIERS.map(({ key, integration, label }) => {
    const value = result.identifiers[key];
    return [integration, label, key, unreadable.has(key) ? UNREADABLE : orNotSet(value)];
  });
  const table = pad([['Integration', 'Identifier', 'Key', 'Value'], ...rows]);
  // An identifier that could not be read is null in the result, so it is not counted as set.
  const set = IDENTIFIERS.filter(({ key }) => result.identifiers[key] !== null).length;
  const lines = [...head, '', ...table, '', `${set} of ${IDENTIFIERS.length} identifiers set.`];
  const extras = Object.entries(result.extras);
  if (extras.length > 0) {
    lines.push('', 'Other keys Adapty sent (not known to this version):');
    lines.push(...pad(extras.map(([key, value]) => [`  ${key}`, JSON.stringify(value)])));
  }
  return `${lines.join('\n')}\n`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function errorLine(error: LookupError): string {
  const facts = [
    error.status !== null ? `HTTP ${error.status}` : null,
    error.errorCode ? `error_code ${error.errorCode}` : null,
  ].filter(Boolean);
  const parts = [`error: ${error.kind}${facts.length ? ` (${facts.join(', ')})` : ''}: ${oneLine(error.message)}`];
  if (error.field && error.kind === 'invalid_response') parts.push(`Field: ${error.field}.`);
  if (error.messages.length > 0) parts.push(`Adapty says: ${error.messages.map((m) => `"${oneLine(m)}"`).join('; ')}.`);
  if (error.requestId) parts.push(`Request ID: ${error.requestId}.`);
  return `${parts.join(' ')}\n`;
}

/** A usage problem (wrong arguments) as an error, for --json. */
export type UsageError = { kind: 'usage'; message: string };

/**
 * An error as one JSON-ready object: `{"error": {kind, status, error_code, message, messages, request_id}}`,
 * plus `retry_after_ms` when Adapty said how long to wait and `field` when one input or field is at fault. Adapty's own messages are in `messages`.
 */
export function errorAsJsonObject(error: LookupError | UsageError): { error: Record<string, unknown> } {
  if (error.kind === 'usage') {
    return { error: { kind: 'usage', status: null, error_code: null, message: error.message, messages: [], request_id: null } };
  }
  const object: Record<string, unknown> = {
    kind: error.kind,
    status: error.status,
    error_code: error.errorCode,
    message: error.message,
    messages: error.messages,
    request_id: error.requestId,
  };
  if (error.retryAfterMs !== null) object.retry_after_ms = error.retryAfterMs;
  if (error.field !== null) object.field = error.field;
  return { error: object };
}

/**
 * One HTTP exchange for --verbose, on stderr, as curl -v shows one: `>` the request (the key masked),
 * `<` the status, the time and the response headers, then the body.
 */
export function exchangeText(exchange: Exchange): string {
  const lines = [`> ${exchange.method} ${exchange.url}`, ...exchange.requestHeaders.map(([name, value]) => `> ${name}: ${value}`), '>'];
  if (exchange.status === null) {
    lines.push(`< no answer after ${Math.round(exchange.durationMs)} ms: ${exchange.error ?? 'unknown'}`);
  } else {
    lines.push(`< ${exchange.status} ${exchange.statusText} (${Math.round(exchange.durationMs)} ms)`.replace('  (', ' ('));
    lines.push(...exchange.responseHeaders.map(([name, value]) => `< ${name}: ${value}`), '<');
    if (exchange.body) lines.push(exchange.body + (exchange.bodyTruncated ? '\n(body cut at 64 KiB)' : ''));
  }
  return `${lines.join('\n')}\n\n`;
}
