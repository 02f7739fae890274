/**
 * How fast one lookup is, end to end through the real client and the local
 * Adapty server over real HTTP, and how fast an answer is read. Figures only:
 * `npm run bench` prints them; tests never time anything.
 */
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { lookupIdentifiers } from '../src/main/adapty/client';
import { readIdentifiersBody } from '../src/main/adapty/response';
import { SAMPLE_PROFILES } from '../src/main/local-adapty/profiles';
import { LOCAL_ADAPTY_KEY, startLocalAdapty, type LocalAdapty } from '../src/main/local-adapty/server';

let server: LocalAdapty;
beforeAll(async () => {
  server = await startLocalAdapty();
});
afterAll(async () => {
  await server.close();
});

describe('lookup over HTTP (keep-alive, loopback)', () => {
  bench('customer user ID, documented example', async () => {
    const outcome = await lookupIdentifiers(
      { idType: 'customer_user_id', id: 'documented-example' },
      { apiKey: LOCAL_ADAPTY_KEY, fetch: (url, init) => fetch(url, init), baseUrl: server.url },
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
  });

  bench('not found (404, error body read)', async () => {
    await lookupIdentifiers(
      { idType: 'customer_user_id', id: 'nobody' },
      { apiKey: LOCAL_ADAPTY_KEY, fetch: (url, init) => fetch(url, init), baseUrl: server.url },
    );
  });
});

describe('reading an answer', () => {
  const body = JSON.parse(JSON.stringify(SAMPLE_PROFILES[1]?.body));
  // The usual answer (every identifier a string or null) is read as its schema would, without zod.
  bench('16 identifiers, the usual answer', () => {
    readIdentifiersBody(body);
  });
});
