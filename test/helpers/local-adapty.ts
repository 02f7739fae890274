import { afterAll, beforeAll } from 'vitest';
import { LOCAL_ADAPTY_KEY, startLocalAdapty, type LocalAdapty, type LocalAdaptyOptions } from '../../src/main/local-adapty/server';
import { lookupIdentifiers, type ClientOptions } from '../../src/main/adapty/client';
import type { LookupQuery } from '../../src/shared/lookup';

/** Starts a local Adapty for the enclosing describe block and stops it afterwards. */
export function useLocalAdapty(options: LocalAdaptyOptions = {}): { server: LocalAdapty } {
  const holder = {} as { server: LocalAdapty };
  beforeAll(async () => {
    holder.server = await startLocalAdapty(options);
  });
  afterAll(async () => {
    await holder.server?.close();
  });
  return holder;
}

/** One lookup through the real client over real HTTP with Node's fetch. */
export function lookupOn(server: LocalAdapty, query: LookupQuery, options: Partial<ClientOptions> = {}) {
  return lookupIdentifiers(query, { apiKey: LOCAL_ADAPTY_KEY, fetch: (url, init) => fetch(url, init), baseUrl: server.url, ...options });
}

export const byCustomer = (id: string): LookupQuery => ({ idType: 'customer_user_id', id });
export const byProfile = (id: string): LookupQuery => ({ idType: 'profile_id', id });
