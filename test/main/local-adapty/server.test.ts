import { describe, expect, it } from 'vitest';
import { IDENTIFIERS_PATH } from '../../../src/main/adapty/client';
import { LOCAL_ADAPTY_KEY, startLocalAdapty } from '../../../src/main/local-adapty/server';
import { knownIdLines, SAMPLE_PROFILES, SCENARIOS } from '../../../src/main/local-adapty/profiles';
import { useLocalAdapty } from '../../helpers/local-adapty';

const auth = { Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}` };

describe('the local Adapty speaks the endpoint as documented', () => {
  const local = useLocalAdapty();
  const get = (headers: Record<string, string>, path = IDENTIFIERS_PATH, method = 'GET') =>
    fetch(`${local.server.url}${path}`, { method, headers });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(local.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(local.server.port).toBeGreaterThan(0);
  });

  it('answers the documented example as a flat JSON object with a Request-Id', async () => {
    const response = await get({ ...auth, 'adapty-customer-user-id': 'documented-example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual(SAMPLE_PROFILES[0]?.body);
  });

  it('checks the key before anything else, in the documented 401 form', async () => {
    for (const headers of [{}, { Authorization: 'Api-Key nope' }, { Authorization: LOCAL_ADAPTY_KEY }] as Record<string, string>[]) {
      const response = await get({ ...headers, 'adapty-customer-user-id': 'documented-example' });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ errors: ['Invalid API key'], error_code: 'unauthorized', status_code: 401 });
    }
  });

  it('requires exactly one of the two ID headers', async () => {
    const neither = await get(auth);
    const both = await get({ ...auth, 'adapty-customer-user-id': 'all-set', 'adapty-profile-id': SAMPLE_PROFILES[1]!.profileId });
    for (const response of [neither, both]) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error_code: 'validation_error', status_code: 400 });
    }
  });

  it('rejects a profile ID that is not a UUID with 400, and answers an unknown one with 404', async () => {
    expect((await get({ ...auth, 'adapty-profile-id': 'abc' })).status).toBe(400);
    const unknown = await get({ ...auth, 'adapty-profile-id': '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: ['Profile not found'], error_code: 'profile_not_found', status_code: 404 });
  });

  it('answers another path with 404 and another method with 405', async () => {
    expect((await get(auth, '/api/v2/server-side-api/no-such-endpoint/')).status).toBe(404);
    expect((await get({ ...auth, 'adapty-customer-user-id': 'all-set' }, IDENTIFIERS_PATH, 'POST')).status).toBe(405);
  });

  it('records each request without the key itself', async () => {
    const before = local.server.requests.length;
    await get({ ...auth, 'adapty-customer-user-id': 'all-set' });
    expect(local.server.requests[before]).toEqual({
      method: 'GET',
      path: IDENTIFIERS_PATH,
      hasAuthorization: true,
      customerUserId: 'all-set',
      profileId: null,
    });
    expect(JSON.stringify(local.server.requests)).not.toContain(LOCAL_ADAPTY_KEY);
  });

  it('keeps no list of requests when told not to (the demo and the CLI\'s server, which run for hours), and still answers', async () => {
    const quiet = await startLocalAdapty({ recordRequests: false });
    try {
      for (let i = 0; i < 3; i++) {
        const answer = await fetch(`${quiet.url}${IDENTIFIERS_PATH}`, { headers: { ...auth, 'adapty-customer-user-id': 'all-set' } });
        expect(answer.status).toBe(200);
      }
      expect(quiet.requests).toEqual([]);
    } finally {
      await quiet.close();
    }
  });

  it('delays scenario:slow:<ms> by that long before answering the full profile', async () => {
    const response = await get({ ...auth, 'adapty-customer-user-id': 'scenario:slow:50' });
    expect(response.status).toBe(200);
    expect(Object.keys((await response.json()) as object)).toHaveLength(16);
  });

  it('lists every kind of ID it answers (as local-server prints them), and answers each kind listed', async () => {
    const listed = knownIdLines().join('\n');
    for (const sample of SAMPLE_PROFILES) {
      expect(listed).toContain(`${sample.customerUserId}, `);
      expect(listed).toContain(`${sample.profileId}, `);
    }
    for (const name of Object.keys(SCENARIOS)) expect(listed).toMatch(new RegExp(`scenario:${name}[,\\[\\n]`));
    expect(listed).toContain('user-1 … user-999999999');
    expect(listed).toContain('scenario:slow[:<ms>]');
    expect(listed).toContain('scenario:flaky[:<tag>]');
    expect(listed).toContain('scenario:<name>:<anything>');

    const status = async (header: Record<string, string>) => (await get({ ...auth, ...header })).status;
    for (const id of ['user-1', 'user-999999999']) expect(await status({ 'adapty-customer-user-id': id })).toBe(200);
    expect(await status({ 'adapty-customer-user-id': 'user-1000000000' })).toBe(404);
    const generatedIds = listed.match(/00000000-0000-4000-8000-[0-9a-f]{12}/g) ?? [];
    expect(generatedIds).toHaveLength(2);
    for (const id of generatedIds) expect(await status({ 'adapty-profile-id': id })).toBe(200);
    // flaky:<tag>: 503 once for each tag, then found.
    expect(await status({ 'adapty-customer-user-id': 'scenario:flaky:listed' })).toBe(503);
    expect(await status({ 'adapty-customer-user-id': 'scenario:flaky:listed' })).toBe(200);
    expect(await status({ 'adapty-customer-user-id': 'scenario:forbidden:another' })).toBe(403);
  });
});
