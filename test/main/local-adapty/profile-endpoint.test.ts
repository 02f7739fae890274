import { describe, expect, it } from 'vitest';
import { IDENTIFIERS_PATH } from '../../../src/main/adapty/client';
import { PROFILE_PATH } from '../../../src/main/adapty/profile';
import { LOCAL_ADAPTY_KEY } from '../../../src/main/local-adapty/server';
import { profileData, SAMPLE_PROFILES } from '../../../src/main/local-adapty/profiles';
import { useLocalAdapty } from '../../helpers/local-adapty';

const auth = { Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}` };

describe('the local Adapty speaks the profile endpoint as documented', () => {
  const local = useLocalAdapty();
  const get = (headers: Record<string, string>, method = 'GET') => fetch(`${local.server.url}${PROFILE_PATH}`, { method, headers });

  it('answers every sample profile as {data: Profile} with a Request-Id, by either ID', async () => {
    for (const sample of SAMPLE_PROFILES) {
      for (const header of [{ 'adapty-customer-user-id': sample.customerUserId }, { 'adapty-profile-id': sample.profileId }] as Record<string, string>[]) {
        const response = await get({ ...auth, ...header });
        expect(response.status).toBe(200);
        expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
        const { data } = (await response.json()) as { data: Record<string, unknown> };
        expect(data).toMatchObject({ profile_id: sample.profileId, customer_user_id: sample.customerUserId });
        const { timestamp: _, ...expected } = JSON.parse(JSON.stringify(profileData(sample))) as Record<string, unknown>;
        expect(data).toMatchObject(expected);
        expect(data.timestamp).toEqual(expect.any(Number));
      }
    }
  });

  it('has an active subscription, a lifetime access level, an empty profile and a refund with a billing issue', async () => {
    type Data = Record<string, unknown> & { access_levels: Array<Record<string, unknown>>; non_subscriptions: Array<Record<string, unknown>> };
    const dataOf = async (id: string) => ((await (await get({ ...auth, 'adapty-customer-user-id': id })).json()) as { data: Data }).data;
    const active = await dataOf('documented-example');
    expect(Date.parse(String(active.access_levels[0]?.expires_at))).toBeGreaterThan(Date.now());
    expect((await dataOf('all-set')).access_levels[0]).toMatchObject({ expires_at: null });
    expect(await dataOf('none-set')).toMatchObject({ access_levels: [], subscriptions: [], non_subscriptions: [], custom_attributes: [] });
    const trouble = await dataOf('liberal-shape');
    expect(trouble.access_levels[0]).toMatchObject({ billing_issue_detected_at: expect.any(String), is_in_grace_period: true, offer_category: 'promotional' });
    expect(trouble.non_subscriptions[0]).toMatchObject({ is_refund: true });
    expect(trouble).not.toHaveProperty('app_id');
  });

  it('answers an unknown profile in its own form: 404 profile_does_not_exist, errors as {source, errors[]}', async () => {
    for (const header of [{ 'adapty-customer-user-id': 'nobody' }, { 'adapty-profile-id': '00000000-0000-4000-8000-000000000000' }] as Record<string, string>[]) {
      const response = await get({ ...auth, ...header });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ errors: [{ source: null, errors: ['Profile not found'] }], error_code: 'profile_does_not_exist', status_code: 404 });
    }
  });

  it('answers a wrong key with 401 not_authenticated in the object form, while the identifiers endpoint keeps its own', async () => {
    const response = await get({ Authorization: 'Api-Key nope', 'adapty-customer-user-id': 'all-set' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [{ source: 'non_field_errors', errors: ['Authentication credentials were not provided.'] }],
      error_code: 'not_authenticated',
      status_code: 401,
    });
    const identifiers = await fetch(`${local.server.url}${IDENTIFIERS_PATH}`, { headers: { Authorization: 'Api-Key nope', 'adapty-customer-user-id': 'all-set' } });
    expect(await identifiers.json()).toMatchObject({ error_code: 'unauthorized' });
  });

  it('requires exactly one ID header and a UUID as profile ID, and only GET', async () => {
    expect((await get(auth)).status).toBe(400);
    expect((await get({ ...auth, 'adapty-profile-id': 'abc' })).status).toBe(400);
    expect((await get({ ...auth, 'adapty-customer-user-id': 'all-set' }, 'DELETE')).status).toBe(405);
  });

  it('plays the scenarios on this endpoint too', async () => {
    const scenario = (name: string) => get({ ...auth, 'adapty-customer-user-id': `scenario:${name}` });
    const limited = await scenario('rate-limited');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await scenario('server-error')).status).toBe(500);
    expect((await scenario('not-found-object-form')).status).toBe(404);
    const wrong = (await (await scenario('wrong-shape')).json()) as { data: { access_levels: unknown } };
    expect(wrong.data.access_levels).toBe('premium');
    const slow = await scenario('slow:30');
    expect(((await slow.json()) as { data: { customer_user_id: string } }).data.customer_user_id).toBe('scenario:slow:30');
    const redirect = await fetch(`${local.server.url}${PROFILE_PATH}`, { headers: { ...auth, 'adapty-customer-user-id': 'scenario:redirect-same-origin' }, redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(`${PROFILE_PATH}?redirected=1`);
    await expect(scenario('drop')).rejects.toThrow();
  });

  it('answers a scenario\'s profile under the customer user ID asked for, the rest as all-set\'s, its failure as before', async () => {
    const allSet = SAMPLE_PROFILES.find((p) => p.customerUserId === 'all-set')!;
    const { timestamp: _, customer_user_id: __, ...rest } = JSON.parse(JSON.stringify(profileData(allSet))) as Record<string, unknown>;
    const dataOf = async (id: string) => {
      const response = await get({ ...auth, 'adapty-customer-user-id': id });
      expect(response.status).toBe(200);
      return ((await response.json()) as { data: Record<string, unknown> }).data;
    };
    await get({ ...auth, 'adapty-customer-user-id': 'scenario:flaky:who' }); // its 503, once
    for (const id of ['scenario:slow:30', 'scenario:x-request-id', 'scenario:no-request-id', 'scenario:identifiers-fail', 'scenario:redirect-same-origin', 'scenario:flaky:who']) {
      const data = await dataOf(id);
      expect(data.customer_user_id).toBe(id);
      expect(data).toMatchObject(rest);
    }
    const wrong = await dataOf('scenario:wrong-shape');
    expect(wrong).toMatchObject({ customer_user_id: 'scenario:wrong-shape', profile_id: allSet.profileId, access_levels: 'premium' });
  });
});
