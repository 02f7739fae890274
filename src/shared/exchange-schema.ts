/** The schemas of HTTP exchanges as they cross to the window (exchange.ts holds the limits, the mask and curl). */
import { z } from 'zod';
import { MAX_MESSAGE_CHARS, MAX_SHORT_CHARS } from './errors';
import { MAX_EXCHANGE_BODY_CHARS, MAX_EXCHANGE_HEADERS, MAX_EXCHANGE_TEXT } from './exchange';

const headersSchema = z.array(z.tuple([z.string().max(MAX_SHORT_CHARS), z.string().max(MAX_EXCHANGE_TEXT)])).max(MAX_EXCHANGE_HEADERS);

export const exchangeSchema = z.object({
  method: z.literal('GET'),
  url: z.string().max(MAX_EXCHANGE_TEXT),
  requestHeaders: headersSchema,
  /** Null when no answer came (network, timeout, cancelled). */
  status: z.number().int().nullable(),
  statusText: z.string().max(MAX_SHORT_CHARS),
  durationMs: z.number().nonnegative(),
  responseHeaders: headersSchema,
  /** The body as it came (redacted of the key), cut at MAX_EXCHANGE_BODY_CHARS; null without an answer. */
  body: z.string().max(MAX_EXCHANGE_BODY_CHARS).nullable(),
  bodyTruncated: z.boolean(),
  /** Why there was no answer, when there was none. */
  error: z.string().max(MAX_MESSAGE_CHARS).nullable(),
});

/** The exchanges of the latest search: the identifiers' and the profile's (two each under Auto). */
export const exchangesSchema = z.object({
  identifiers: z.array(exchangeSchema).max(4),
  profile: z.array(exchangeSchema).max(4),
});
