/** Client overhead over the CLI's transport: lookups through the client over node:http vs bare node:http + JSON.parse. */
import { Agent as HttpAgent } from 'node:http';
import { test } from 'vitest';
import { createHttpFetch } from '../../src/cli/http-fetch';
import { IDENTIFIERS_PATH, lookupIdentifiers } from '../../src/main/adapty/client';
import { LOCAL_ADAPTY_KEY } from '../../src/main/local-adapty/server';
import { median } from '../figure';
import { bareHttpLookup, figuresOf, sideBySide, useLocalAdapty } from './figures';

const record = figuresOf(__filename);
const local = useLocalAdapty();

/** The same lookup over node:http (keep-alive), with nothing else: the CLI's transport, bare. */
const keepAlive = new HttpAgent({ keepAlive: true });
const bareHttp = (url: string) => () => bareHttpLookup(url, keepAlive);

test("client overhead over the CLI's transport: lookups through the client vs bare node:http + JSON.parse", async () => {
  const httpFetch = createHttpFetch();
  const client = () => lookupIdentifiers({ idType: 'customer_user_id', id: 'all-set' }, { apiKey: LOCAL_ADAPTY_KEY, fetch: httpFetch, baseUrl: local().url });
  const times = await sideBySide(bareHttp(`${local().url}${IDENTIFIERS_PATH}`), client);
  record("client overhead over node:http, the CLI's transport (ratio)", median(times.b) / median(times.a), '×', { atMost: 1.1 }, 2);
  console.log(`client ${median(times.b).toFixed(3)} ms vs bare node:http ${median(times.a).toFixed(3)} ms per request`);
});
