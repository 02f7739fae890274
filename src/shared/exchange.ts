/**
 * One HTTP exchange with Adapty, as a developer debugging an integration
 * wants to see it: the request (the key masked to its last 4 characters), the
 * status, the time it took, the response headers and the raw body. And the
 * same request as a curl command that reads the key from $ADAPTY_API_KEY.
 * No zod here (the CLI loads this at start); the schemas are in exchange-schema.ts.
 */
import type { z } from 'zod';
import type { exchangeSchema, exchangesSchema } from './exchange-schema';

/** The most of a body the details show; a real answer is a few hundred bytes. */
export const MAX_EXCHANGE_BODY_CHARS = 64 * 1024;
export const MAX_EXCHANGE_HEADERS = 64;
/** The longest URL or header value the details carry (a real one is far shorter). */
export const MAX_EXCHANGE_TEXT = 8192;
/** How the key appears in the request headers shown: these dots, then its last 4 characters. */
export const KEY_MASK = '••••';

export type Exchange = z.infer<typeof exchangeSchema>;
/** The exchanges of the latest search: the identifiers' and the profile's (two each under Auto). */
export type Exchanges = z.infer<typeof exchangesSchema>;

/** The Authorization header as shown: `Api-Key ••••` and the key's last 4 characters. */
export function maskedAuthorization(key: string): string {
  return `Api-Key ${KEY_MASK}${key.length >= 12 ? key.slice(-4) : ''}`;
}

/** A word for a POSIX shell: single-quoted, with each ' written as '\'' (nothing inside is expanded). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The request as a curl command for a POSIX shell (bash, zsh, sh). The key is `$ADAPTY_API_KEY`, in
 * double quotes so the shell puts it in; every other value is single-quoted, so an ID with quotes,
 * spaces, `$` or backslashes reaches Adapty exactly as the app sent it.
 */
export function curlCommand(exchange: Pick<Exchange, 'method' | 'url' | 'requestHeaders'>): string {
  const parts = ['curl', '--silent', '--show-error', '--include', '--request', exchange.method];
  for (const [name, value] of exchange.requestHeaders) {
    if (name.toLowerCase() === 'authorization') parts.push('--header', '"Authorization: Api-Key $ADAPTY_API_KEY"');
    else parts.push('--header', shellQuote(`${name}: ${value}`));
  }
  parts.push(shellQuote(exchange.url));
  return parts.join(' ');
}
