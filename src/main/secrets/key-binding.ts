/**
 * A key is bound to the origin (scheme, host and port) it was saved for, and
 * the binding is kept in the keychain item itself, beside the key: neither
 * the page nor whoever writes settings.json can move it. Using the key with
 * another origin needs the key saved again there, or the person's consent in
 * a dialog main shows (see handlers/settings.ts). The same item format serves
 * one key per connection when the app holds several.
 *
 * Stored as `{"v":1,"origin":"https://api.adapty.io","key":"…"}`. A value that
 * is not such an envelope is a key saved before keys were bound: its origin
 * is unknown (null) until it is first used.
 */
import { z } from 'zod';

export interface BoundKey {
  key: string;
  /** The origin the key may be sent to; null for a key saved before keys were bound. */
  origin: string | null;
}

const envelopeSchema = z.object({ v: z.literal(1), origin: z.string(), key: z.string() });

export function encodeBoundKey({ key, origin }: { key: string; origin: string }): string {
  return JSON.stringify({ v: 1, origin, key });
}

export function decodeBoundKey(stored: string): BoundKey {
  if (stored.startsWith('{')) {
    try {
      const envelope = envelopeSchema.safeParse(JSON.parse(stored));
      if (envelope.success) return { key: envelope.data.key, origin: envelope.data.origin };
    } catch {
      // Not an envelope: a key saved before keys were bound.
    }
  }
  return { key: stored, origin: null };
}

/** The origin of a base URL (`https://api.adapty.io`), or null when it is not a URL. */
export function originOf(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return null;
  }
}
