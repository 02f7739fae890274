import { keyRingOver } from '../../helpers/key-ring';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILE_PATH } from '../../../src/main/adapty/profile';
import { createHandlers } from '../../../src/main/handlers';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { SAMPLE_PROFILES } from '../../../src/main/local-adapty/profiles';
import { LOCAL_ADAPTY_KEY } from '../../../src/main/local-adapty/server';
import { createMemoryStore } from '../../../src/main/secrets/memory-store';
import { createSettingsStore } from '../../../src/main/settings/settings-store';
import { byCustomer, byProfile, useLocalAdapty } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, nodeFetch, requestArrived, valueOf, type TestAppOptions } from '../../helpers/test-app';

const tempDir = useTempDirs('adapty-profile-');
const active = SAMPLE_PROFILES[0]!;

describe('lookupProfile handler', () => {
  const local = useLocalAdapty();
  const elsewhere = useLocalAdapty();
  const app = async (options: Partial<TestAppOptions> = {}) =>
    createTestApp(await tempDir(), { baseUrl: local.server.url, key: LOCAL_ADAPTY_KEY, ...options });
  const sent = (customerUserId: string) => (request: { customerUserId: string | null; path: string }) =>
    request.customerUserId === customerUserId;

  it('finds the profile through the local server with the saved key, within the contract', async () => {
    const { handlers } = await app();
    const before = local.server.requests.length;
    const profile = valueOf(await handlers.lookupProfile(byCustomer('documented-example')));
    expect(profile).toMatchObject({ profileId: active.profileId, customerUserId: 'documented-example', totalRevenueUsd: 9.99 });
    expect(profile.accessLevels[0]).toMatchObject({ id: 'premium', isActive: true });
    expect(local.server.requests.slice(before)).toEqual([
      { method: 'GET', path: PROFILE_PATH, hasAuthorization: true, customerUserId: 'documented-example', profileId: null },
    ]);
  });

  it('answers through dispatch as the renderer calls it', async () => {
    const settings = createSettingsStore(join(await tempDir(), 'settings.json'));
    valueOf(await settings.save({ baseUrl: local.server.url, timeoutMs: 15_000 }));
    const handlers = createHandlers({ keys: keyRingOver(createMemoryStore(LOCAL_ADAPTY_KEY)), settings, fetch: nodeFetch });
    const answer = await dispatch(handlers, 'lookupProfile', byProfile(active.profileId), true);
    expect(answer).toMatchObject({ ok: true, value: { query: byProfile(active.profileId), customerUserId: 'documented-example' } });
    expect(await dispatch(handlers, 'lookupProfile', { idType: 'profile_id' }, true)).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
  });

  it('passes the client\'s errors on as data', async () => {
    const { handlers } = await app();
    expect(errorOf(await handlers.lookupProfile(byCustomer('nobody-has-this-id')))).toMatchObject({ kind: 'not_found', errorCode: 'profile_does_not_exist' });
    expect(errorOf(await handlers.lookupProfile(byCustomer('scenario:rate-limited')))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2000 });
    expect(errorOf(await handlers.lookupProfile(byProfile('not-a-uuid')))).toMatchObject({ kind: 'invalid_input', field: 'profile_id' });
  });

  it('answers no_key without any request when no key is saved', async () => {
    const { handlers } = await app({ key: undefined });
    const before = local.server.requests.length;
    expect(errorOf(await handlers.lookupProfile(byCustomer('all-set')))).toMatchObject({ kind: 'no_key' });
    expect(local.server.requests.length).toBe(before);
  });

  it('sends the key only to its origin: after the base URL moved without consent, nothing is sent', async () => {
    const { handlers } = await app({ key: undefined });
    valueOf(await handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    valueOf(await handlers.saveSettings({ baseUrl: elsewhere.server.url, timeoutMs: 15_000 }));
    const before = elsewhere.server.requests.length;
    expect(errorOf(await handlers.lookupProfile(byCustomer('all-set')))).toMatchObject({ kind: 'key_origin_mismatch' });
    expect(elsewhere.server.requests.length).toBe(before);
  });

  it('Auto: a UUID that is no profile\'s ID is tried as a customer user ID next; anything else only as one', async () => {
    const { handlers } = await app();
    const uuidUser = SAMPLE_PROFILES.find((p) => p.customerUserId === 'b7e9c1d3-5f7a-4c8e-9a2b-4d6f8a0c2e4a');
    expect(uuidUser, 'the sample profile whose customer user ID is a UUID').toBeDefined();
    const profile = valueOf(await handlers.lookupProfile({ idType: 'auto', id: ` ${uuidUser!.customerUserId} ` }));
    expect(profile.query).toEqual({ idType: 'customer_user_id', id: uuidUser!.customerUserId });
    expect(valueOf(await handlers.lookupProfile({ idType: 'auto', id: active.profileId })).query).toEqual(byProfile(active.profileId));
    const before = local.server.requests.length;
    expect(valueOf(await handlers.lookupProfile({ idType: 'auto', id: 'all-set' })).query).toEqual(byCustomer('all-set'));
    expect(local.server.requests.length).toBe(before + 1);
    expect(errorOf(await handlers.lookupProfile({ idType: 'auto', id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ kind: 'not_found' });
    expect(errorOf(await handlers.lookupProfile({ idType: 'auto', id: 'scenario:server-error' }))).toMatchObject({ kind: 'server_error' });
  });

  it('a new profile lookup cancels the previous one; the new one succeeds', async () => {
    const { handlers } = await app();
    const first = handlers.lookupProfile(byCustomer('scenario:slow:5000'));
    await requestArrived(local.server, sent('scenario:slow:5000'));
    const second = handlers.lookupProfile(byCustomer('none-set'));
    expect(errorOf(await first)).toMatchObject({ kind: 'cancelled' });
    expect(valueOf(await second).customerUserId).toBe('none-set');
  });

  it('runs beside the identifiers lookup: a new lookup does not cancel it, it cancels no lookup, and Cancel stops both', async () => {
    const { handlers } = await app();
    const profile = handlers.lookupProfile(byCustomer('scenario:slow:300'));
    await requestArrived(local.server, sent('scenario:slow:300'));
    const identifiers = handlers.lookup(byCustomer('scenario:slow:301'));
    await requestArrived(local.server, sent('scenario:slow:301'));
    expect(valueOf(await handlers.lookup(byCustomer('all-set'))).query).toEqual(byCustomer('all-set'));
    expect(errorOf(await identifiers)).toMatchObject({ kind: 'cancelled' });
    expect(valueOf(await profile).customerUserId).toBe('scenario:slow:300');

    // Cancel (the window's Esc) stops the whole search: the identifiers and the profile.
    const slowLookup = handlers.lookup(byCustomer('scenario:slow:303'));
    const slowProfile = handlers.lookupProfile(byCustomer('scenario:slow:304'));
    await requestArrived(local.server, sent('scenario:slow:304'));
    expect(valueOf(await handlers.cancelLookup(undefined))).toBe(true);
    expect(errorOf(await slowLookup)).toMatchObject({ kind: 'cancelled' });
    expect(errorOf(await slowProfile)).toMatchObject({ kind: 'cancelled' });

    const lookup = handlers.lookup(byCustomer('scenario:slow:302'));
    await requestArrived(local.server, sent('scenario:slow:302'));
    valueOf(await handlers.lookupProfile(byCustomer('none-set')));
    expect(valueOf(await lookup).query).toEqual(byCustomer('scenario:slow:302'));
  });
});
