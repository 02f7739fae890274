/**
 * A JSON value (what JSON.parse can give: null, a boolean, a finite number, a string, an array or a plain
 * object of them) as one schema. Checked by a plain function rather than zod's recursive z.json(): a schema
 * without a cycle can be compiled (z.compile), which main does for every answer it checks (ipc/dispatch.ts).
 */
import { z } from 'zod';

export type Json = z.core.util.JSONType;

/** Deeper than any answer main keeps (limits.ts bounds extras long before): refused rather than walked. */
const MAX_DEPTH = 64;

export function isJson(value: unknown, depth = 0): value is Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    // Only what JSON.parse makes: no hole, and no property beside the items (the window's copy would carry it).
    if (Object.keys(value).length !== value.length) return false;
    for (let i = 0; i < value.length; i++) if (!isJson(value[i], depth + 1)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key of Object.keys(value)) if (!isJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

export const jsonSchema = z.custom<Json>((value) => isJson(value), { message: 'Expected JSON data' });
