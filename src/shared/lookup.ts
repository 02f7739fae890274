import { z } from 'zod';
import { jsonSchema } from './json';
import { connectionIdSchema } from './connections';
import { IDENTIFIER_KEYS, type IdentifierKey } from './identifiers';
import { ID_CHOICES, ID_TYPES, MAX_LOOKUP_ID_MESSAGE_LENGTH } from './input-rules';
import { MAX_SHORT_CHARS } from './errors';
import { lookupErrorSchema, unreadableFieldsSchema } from './error-schemas';
import { resultSchema } from './result-schema';

export const idTypeSchema = z.enum(ID_TYPES);
export const idChoiceSchema = z.enum(ID_CHOICES);

const lookupIdSchema = z.string().max(MAX_LOOKUP_ID_MESSAGE_LENGTH);

/** What is sent to Adapty: one ID of one type. The client takes this; a result says which one matched. */
export const sentQuerySchema = z.object({ idType: idTypeSchema, id: lookupIdSchema });
export type LookupQuery = z.infer<typeof sentQuerySchema>;

/**
 * What a person asks for (the `lookup` request): one ID, of one type or `auto` (main tries what it could be),
 * through the connection the window shows (the active one when left out).
 */
export const lookupRequestSchema = z.object({ idType: idChoiceSchema, id: lookupIdSchema, connectionId: connectionIdSchema.optional() });
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

/**
 * How Auto found the type that matched: the types it tried, in order (the last one matched).
 * Absent when the person chose the type.
 */
export const autoMatchSchema = z.object({ tried: z.array(idTypeSchema).min(1).max(ID_TYPES.length) });
export type AutoMatch = z.infer<typeof autoMatchSchema>;

/** An identifier's value: at most the whole body the client reads (1 MiB); a real one is a few dozen characters. */
const MAX_IDENTIFIER_CHARS = 1024 * 1024;

const identifiersShape = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, z.string().max(MAX_IDENTIFIER_CHARS).nullable()])) as Record<
  IdentifierKey,
  z.ZodNullable<z.ZodString>
>;

/** What a successful lookup returns: all 16 identifiers, anything extra Adapty sent, and the request ID. */
export const lookupResultSchema = z.object({
  /** The query as it was sent (trimmed; a profile ID lower-cased): under Auto, the type that matched. */
  query: sentQuerySchema,
  /** Present when Auto chose the type. */
  auto: autoMatchSchema.optional(),
  identifiers: z.object(identifiersShape),
  /** Keys Adapty sent that this app does not know yet, kept as they came. */
  extras: z.record(z.string().max(1000), jsonSchema),
  /** Present when some identifiers had the wrong shape: those are null above, and named here. */
  unreadable: unreadableFieldsSchema.optional(),
  requestId: z.string().max(MAX_SHORT_CHARS).nullable(),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;

export const lookupOutcomeSchema = resultSchema(lookupResultSchema, lookupErrorSchema);
export type LookupOutcome = z.infer<typeof lookupOutcomeSchema>;

/** A result as one flat JSON object: the 16 keys in order (null when not set), then the extras. */
export function resultAsJson(result: LookupResult, indent?: number): string {
  return JSON.stringify({ ...result.identifiers, ...result.extras }, null, indent);
}
