import { z } from 'zod';
import { IDENTIFIER_KEYS, type IdentifierKey } from './identifiers';
import { ID_TYPES, MAX_LOOKUP_ID_MESSAGE_LENGTH } from './input-rules';
import { lookupErrorSchema, MAX_SHORT_CHARS } from './errors';
import { resultSchema } from './result';

export const idTypeSchema = z.enum(ID_TYPES);

/** What a person asks for: one ID of one type. */
export const lookupQuerySchema = z.object({
  idType: idTypeSchema,
  id: z.string().max(MAX_LOOKUP_ID_MESSAGE_LENGTH),
});
export type LookupQuery = z.infer<typeof lookupQuerySchema>;

/** An identifier's value: at most the whole body the client reads (1 MiB); a real one is a few dozen characters. */
const MAX_IDENTIFIER_CHARS = 1024 * 1024;

const identifiersShape = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, z.string().max(MAX_IDENTIFIER_CHARS).nullable()])) as Record<
  IdentifierKey,
  z.ZodNullable<z.ZodString>
>;

/** What a successful lookup returns: all 16 identifiers, anything extra Adapty sent, and the request ID. */
export const lookupResultSchema = z.object({
  /** The query as it was sent (trimmed; a profile ID lower-cased). */
  query: lookupQuerySchema,
  identifiers: z.object(identifiersShape),
  /** Keys Adapty sent that this app does not know yet, kept as they came. */
  extras: z.record(z.string().max(1000), z.json()),
  requestId: z.string().max(MAX_SHORT_CHARS).nullable(),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;

export const lookupOutcomeSchema = resultSchema(lookupResultSchema, lookupErrorSchema);
export type LookupOutcome = z.infer<typeof lookupOutcomeSchema>;

/** A result as one flat JSON object: the 16 keys in order (null when not set), then the extras. */
export function resultAsJson(result: LookupResult, indent?: number): string {
  return JSON.stringify({ ...result.identifiers, ...result.extras }, null, indent);
}
