/**
 * The HTTP exchanges of the latest search, for the details drawer: the
 * identifiers' and the profile's, each list replaced when its next lookup
 * starts. Held in main's memory only, and built (masked and redacted) only
 * when the drawer asks for them.
 */
import type { Exchanges } from '../../shared/exchange';
import type { LazyExchange } from '../adapty/client';

/** Auto makes at most two calls per part; a few more leave room without growing. */
const MAX_PER_PART = 4;

export interface ExchangeLog {
  /** A new lookup of this part starts: its earlier exchanges go. Returns where this lookup's are told. */
  start(part: keyof Exchanges): (exchange: LazyExchange) => void;
  latest(): Exchanges;
}

export function createExchangeLog(): ExchangeLog {
  const parts: Record<keyof Exchanges, LazyExchange[]> = { identifiers: [], profile: [] };
  const generation = { identifiers: 0, profile: 0 };
  return {
    start(part) {
      parts[part] = [];
      const mine = ++generation[part];
      // A lookup that was replaced may still answer: its exchange is not the latest search's.
      return (exchange) => {
        if (generation[part] === mine && parts[part].length < MAX_PER_PART) parts[part] = [...parts[part], exchange];
      };
    },
    latest: () => ({ identifiers: parts.identifiers.map((build) => build()), profile: parts.profile.map((build) => build()) }),
  };
}
