import { keyRingOver } from '../../helpers/key-ring';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/main/handlers';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { LOCAL_ADAPTY_KEY, startLocalAdapty } from '../../../src/main/local-adapty/server';
import { createMemoryStore } from '../../../src/main/secrets/memory-store';
import { createSettingsStore } from '../../../src/main/settings/settings-store';
import { SAMPLE_PROFILES } from '../../../src/main/local-adapty/profiles';
import { byCustomer, byProfile, useLocalAdapty } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, nodeFetch, requestArrived, valueOf, type TestAppOptions } from '../../helpers/test-app';

const tempDir = useTempDirs('adapty-lookup-');
const documented = SAMPLE_PROFILES[0]!;
const allSet = SAMPLE_PROFILES[1]!;

describe('lookup handler', () => {
  const local = useLocalAdapty();
  const app = async (options: Partial<TestAppOptions> = {}) =>
    createTestApp(await tempDir(), { baseUrl: local.server.url, key: LOCAL_ADAPTY_KEY, ...options });
  const sent = (customerUserId: string) => (request: { customerUserId: string | null }) => request.customerUserId === customerUserId;

  it('finds a profile through the local server with the saved key', async () => {
    const { handlers } = await app({ key: undefined });
    valueOf(await handlers.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false }));
    const before = local.server.requests.length;
    const result = valueOf(await handlers.lookup(byCustomer('documented-example')));
    expect(result.identifiers).toEqual(documented.body);
    expect(result.query).toEqual({ idType: 'customer_user_id', id: 'documented-example' });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(local.server.requests.slice(before)).toEqual([
      expect.objectContaining({ method: 'GET', hasAuthorization: true, customerUserId: 'documented-example', profileId: null }),
    ]);
  });

  it('answers through dispatch as the renderer calls it, within the contract', async () => {
    const settings = createSettingsStore(join(await tempDir(), 'settings.json'));
    valueOf(await settings.save({ baseUrl: local.server.url, timeoutMs: 15_000 }));
    const handlers = createHandlers({ keys: keyRingOver(createMemoryStore(LOCAL_ADAPTY_KEY)), settings, fetch: nodeFetch });
    const answer = await dispatch(handlers, 'lookup', { idType: 'customer_user_id', id: 'liberal-shape' }, true);
    expect(answer).toMatchObject({ ok: true, value: { query: { id: 'liberal-shape' }, extras: { singular_device_id: 'sg-42' } } });
    expect(await dispatch(handlers, 'cancelLookup', undefined, true)).toEqual({ ok: true, value: false });
  });

  it('finds a profile by profile ID too', async () => {
    const { handlers } = await app();
    const result = valueOf(await handlers.lookup(byProfile(allSet.profileId.toUpperCase())));
    expect(result.identifiers).toEqual(allSet.body);
    expect(result.query).toEqual({ idType: 'profile_id', id: allSet.profileId });
  });

  it('passes the client\'s errors on as data (not_found)', async () => {
    const { handlers } = await app();
    expect(errorOf(await handlers.lookup(byCustomer('nobody-has-this-id')))).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('answers no_key without any request when no key is saved', async () => {
    const { handlers } = await app({ key: undefined });
    const before = local.server.requests.length;
    expect(errorOf(await handlers.lookup(byCustomer('documented-example')))).toMatchObject({ kind: 'no_key' });
    expect(local.server.requests.length).toBe(before);
  });

  it('refuses an invalid ID as invalid_input without any request', async () => {
    const { handlers } = await app();
    const before = local.server.requests.length;
    expect(errorOf(await handlers.lookup(byProfile('not-a-uuid')))).toMatchObject({ kind: 'invalid_input', field: 'profile_id' });
    expect(local.server.requests.length).toBe(before);
  });

  it('cancels a slow lookup in flight when a second one starts; the second succeeds', async () => {
    const { handlers } = await app();
    const first = handlers.lookup(byCustomer('scenario:slow:5000'));
    await requestArrived(local.server, sent('scenario:slow:5000'));
    const second = handlers.lookup(byCustomer('all-set'));
    expect(errorOf(await first)).toMatchObject({ kind: 'cancelled' });
    expect(valueOf(await second).identifiers).toEqual(allSet.body);
  });

  it('cancels the first lookup even when the second starts at once', async () => {
    const { handlers } = await app();
    const first = handlers.lookup(byCustomer('scenario:slow:5000'));
    const second = handlers.lookup(byCustomer('documented-example'));
    const [a, b] = await Promise.all([first, second]);
    expect(errorOf(a)).toMatchObject({ kind: 'cancelled' });
    expect(valueOf(b).identifiers).toEqual(documented.body);
  });

  it('keeps the second lookup cancellable after the first one ended', async () => {
    const { handlers } = await app();
    const first = handlers.lookup(byCustomer('scenario:slow:5001'));
    await requestArrived(local.server, sent('scenario:slow:5001'));
    const second = handlers.lookup(byCustomer('scenario:slow:5002'));
    expect(errorOf(await first)).toMatchObject({ kind: 'cancelled' });
    await requestArrived(local.server, sent('scenario:slow:5002'));
    expect(await handlers.cancelLookup(undefined)).toEqual({ ok: true, value: true });
    expect(errorOf(await second)).toMatchObject({ kind: 'cancelled' });
  });

  it('cancelLookup cancels the lookup in flight and says so', async () => {
    const { handlers } = await app();
    const running = handlers.lookup(byCustomer('scenario:slow:5003'));
    await requestArrived(local.server, sent('scenario:slow:5003'));
    expect(await handlers.cancelLookup(undefined)).toEqual({ ok: true, value: true });
    expect(errorOf(await running)).toMatchObject({ kind: 'cancelled' });
    expect(await handlers.cancelLookup(undefined)).toEqual({ ok: true, value: false });
  });

  it('cancelLookup answers false when nothing runs, before and after a lookup', async () => {
    const { handlers } = await app();
    expect(await handlers.cancelLookup(undefined)).toEqual({ ok: true, value: false });
    valueOf(await handlers.lookup(byCustomer('all-set')));
    expect(await handlers.cancelLookup(undefined)).toEqual({ ok: true, value: false });
    errorOf(await handlers.lookup(byCustomer('scenario:server-error')));
    expect(await handlers.cancelLookup(undefined)).toEqual({ ok: true, value: false });
  });

  it('a cancelled lookup does not stop the next one', async () => {
    const { handlers } = await app();
    const running = handlers.lookup(byCustomer('scenario:slow:5004'));
    await requestArrived(local.server, sent('scenario:slow:5004'));
    await handlers.cancelLookup(undefined);
    expect(errorOf(await running)).toMatchObject({ kind: 'cancelled' });
    expect(valueOf(await handlers.lookup(byCustomer('all-set'))).identifiers).toEqual(allSet.body);
  });

  it('uses the timeout from settings: 1 s against a 3 s answer is a timeout', async () => {
    const { handlers } = await app();
    valueOf(await handlers.saveSettings({ baseUrl: local.server.url, timeoutMs: 1_000 }));
    const started = Date.now();
    const error = errorOf(await handlers.lookup(byCustomer('scenario:slow:3000')));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: 'timeout', message: expect.stringContaining('1 s') });
    // Not before the timeout (had it not fired at all, the 3 s answer would have been a result).
    expect(elapsed).toBeGreaterThanOrEqual(900);
  });

  it('waits for a slow answer within the timeout', async () => {
    const { handlers } = await app({ timeoutMs: 5_000 });
    expect(valueOf(await handlers.lookup(byCustomer('scenario:slow:300'))).identifiers).toEqual(allSet.body);
  });
});

describe('lookup handler and the base URL in settings', () => {
  const primary = useLocalAdapty();
  const secondary = useLocalAdapty();

  it('sends the lookup to the base URL in settings, and follows a change of it once the key may go there', async () => {
    const { handlers } = await createTestApp(await tempDir(), { baseUrl: secondary.server.url, key: LOCAL_ADAPTY_KEY, confirmKeyMove: async () => true });
    const before = { primary: primary.server.requests.length, secondary: secondary.server.requests.length };
    valueOf(await handlers.lookup(byCustomer('all-set')));
    expect(secondary.server.requests.length).toBe(before.secondary + 1);
    expect(primary.server.requests.length).toBe(before.primary);

    valueOf(await handlers.saveSettings({ baseUrl: `${primary.server.url}/`, timeoutMs: 15_000 }));
    valueOf(await handlers.lookup(byCustomer('all-set')));
    expect(primary.server.requests.length).toBe(before.primary + 1);
    expect(secondary.server.requests.length).toBe(before.secondary + 1);
  });

  it('reports a base URL where nothing listens as a network error', async () => {
    const gone = await startLocalAdapty();
    await gone.close();
    const { handlers } = await createTestApp(await tempDir(), { baseUrl: gone.url, key: LOCAL_ADAPTY_KEY });
    expect(errorOf(await handlers.lookup(byCustomer('all-set')))).toMatchObject({ kind: 'network' });
  });
});
