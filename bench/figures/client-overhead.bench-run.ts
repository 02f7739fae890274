/** Client overhead: lookups through the client vs bare fetch + JSON.parse, both over Node's fetch. */
import { test } from 'vitest';
import { IDENTIFIERS_PATH, lookupIdentifiers } from '../../src/main/adapty/client';
import { LOCAL_ADAPTY_KEY } from '../../src/main/local-adapty/server';
import { median } from '../figure';
import { bareLookup, figuresOf, nodeFetch, sideBySide, useLocalAdapty } from './figures';

const record = figuresOf(__filename);
const local = useLocalAdapty();

test('client overhead: lookups through the client vs bare fetch + JSON.parse', async () => {
  const client = () => lookupIdentifiers({ idType: 'customer_user_id', id: 'all-set' }, { apiKey: LOCAL_ADAPTY_KEY, fetch: nodeFetch, baseUrl: local().url });
  const times = await sideBySide(bareLookup(`${local().url}${IDENTIFIERS_PATH}`), client);
  record('client overhead (median per request, ratio)', median(times.b) / median(times.a), '×', { atMost: 1.1 }, 2);
  console.log(`client ${median(times.b).toFixed(3)} ms vs bare ${median(times.a).toFixed(3)} ms per request`);
});
