/**
 * How much of an answer the app reads and shows. A real Adapty answer is a
 * few hundred bytes with 16 short strings; anything far beyond that is a
 * broken or hostile server, and must cost bounded memory and time and put
 * only a readable amount in front of a person.
 */
import type { z } from 'zod';
import { clip } from '../../shared/text';

type Json = z.core.util.JSONType;

export const LIMITS = {
  /** The most of a body that is read (1 MiB); a larger one fails the lookup as invalid_response. */
  bodyBytes: 1024 * 1024,
  /** Adapty's own messages shown with an error: how many, and how long each. */
  messages: 10,
  messageChars: 500,
  /** Unknown keys of an answer shown as extras: how many values in all, how deep, how long a string. */
  extrasNodes: 500,
  extrasDepth: 4,
  stringChars: 1000,
  /** The start of a body quoted when it is not Adapty's answer. */
  bodyExcerptChars: 200,
} as const;

export { clip };

/** At most LIMITS.messages messages, each clipped, with a last line saying how many were left out. */
export function boundMessages(messages: readonly string[]): string[] {
  const shown = messages.slice(0, LIMITS.messages).map((message) => clip(message, LIMITS.messageChars));
  const more = messages.length - shown.length;
  return more > 0 ? [...shown, `…and ${more} more`] : shown;
}

/**
 * A copy of unknown JSON small enough to show: strings clipped, nesting cut
 * at LIMITS.extrasDepth, and at most LIMITS.extrasNodes values in all (and no
 * key named __proto__); what is left out is replaced by a string that says so.
 */
export function boundExtras(extras: Record<string, Json>, nodes: number = LIMITS.extrasNodes): Record<string, Json> {
  let budget = nodes;
  const bound = (value: Json, depth: number): Json => {
    budget -= 1;
    if (typeof value === 'string') return clip(value, LIMITS.stringChars);
    if (value === null || typeof value !== 'object') return value;
    const entries: Array<[string, Json]> = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
    if (depth >= LIMITS.extrasDepth) return `(${Array.isArray(value) ? 'a list' : 'an object'} nested too deep to show)`;
    const kept: Array<[string, Json]> = [];
    for (const [key, inner] of entries) {
      if (budget <= 0) break;
      // Left out, and counted as not shown: zod leaves a key named __proto__ out of every answer it checks
      // (main's dispatch, the window's), so kept here the CLI would show what the window never does.
      if (key === '__proto__') continue;
      kept.push([clip(key, LIMITS.stringChars), bound(inner, depth + 1)]);
    }
    const more = entries.length - kept.length;
    if (Array.isArray(value)) return more > 0 ? [...kept.map(([, v]) => v), `…and ${more} more`] : kept.map(([, v]) => v);
    return Object.fromEntries(more > 0 ? [...kept, ['…', `${more} more not shown`]] : kept);
  };
  return bound(extras, 0) as Record<string, Json>;
}
