/**
 * What the window copies about a result: the plain text for a support ticket,
 * and the JSON of "Copy all as JSON" (with what was looked up and the request ID;
 * the CLI's `--json` stays resultAsJson).
 */
import { IDENTIFIER_KEYS, IDENTIFIERS } from './identifiers';
import { ID_TYPE_LABELS } from './input-rules';
import { hostOf } from './connections';
import type { LookupResult } from './lookup';


/** How a ticket names a connection: its name and host ("Acme production (api.adapty.io)"). */
export function connectionLabel({ name, baseUrl }: { name: string; baseUrl: string }): string {
  return `${name} (${hostOf(baseUrl)})`;
}

/** A value on one line: a string as is, unless it is empty or holds a line break or another control character (then quoted, as JSON). */
function shown(value: unknown): string {
  if (value === '') return '"" (empty string)';
  // eslint-disable-next-line no-control-regex
  if (typeof value === 'string') return /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * A result as plain text for a ticket: the connection, the ID looked up, each set identifier
 * labelled ("AppsFlyer ID: 1741933337626-3179568"), any other key Adapty sent, and the request ID.
 */
export function ticketText(result: LookupResult, connection: string): string {
  const lines = [`Connection: ${connection}`, `Looked up: ${ID_TYPE_LABELS[result.query.idType]} ${result.query.id}`];
  const set = IDENTIFIERS.filter(({ key }) => result.identifiers[key] !== null);
  lines.push(...set.map(({ key, name }) => `${name}: ${shown(result.identifiers[key])}`));
  const extras = Object.entries(result.extras).filter(([, value]) => value !== null);
  lines.push(...extras.map(([key, value]) => `${key}: ${shown(value)}`));
  const unreadable = result.unreadable ?? [];
  if (unreadable.length > 0) lines.push(`Could not be read (wrong type in Adapty's answer): ${unreadable.map(({ field }) => field).join(', ')}`);
  if (set.length === 0 && extras.length === 0 && unreadable.length === 0) lines.push('Identifiers: none set');
  lines.push(`Request ID: ${result.requestId ?? 'not sent by Adapty'}`);
  return lines.join('\n');
}

/** "Copy all as JSON" in the window: what was looked up, the request ID, the 16 identifiers in order, and the extras. */
export function resultAsCopyJson(result: LookupResult, indent?: number): string {
  return JSON.stringify(
    {
      id_type: result.query.idType,
      id: result.query.id,
      request_id: result.requestId,
      identifiers: Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, result.identifiers[key]])),
      extras: result.extras,
      ...(result.unreadable ? { unreadable: result.unreadable } : {}),
    },
    null,
    indent,
  );
}
