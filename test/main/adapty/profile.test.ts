import { describe, expect, it } from 'vitest';
import { PROFILE_PATH, lookupProfile, readProfileBody, type ProfileOutcome } from '../../../src/main/adapty/profile';
import { SAMPLE_PROFILES, SCENARIOS } from '../../../src/main/local-adapty/profiles';
import { LOCAL_ADAPTY_KEY, startLocalAdapty, type LocalAdapty } from '../../../src/main/local-adapty/server';
import type { ClientOptions } from '../../../src/main/adapty/client';
import { MAX_PROFILE_TEXT, profileSchema, type Profile } from '../../../src/shared/profile';
import { contract } from '../../../src/shared/contract';
import { byCustomer, byProfile, useLocalAdapty } from '../../helpers/local-adapty';
import type { LookupQuery } from '../../../src/shared/lookup';
import { errorOf, valueOf } from '../../helpers/test-app';

const [active, lifetime, empty, trouble] = SAMPLE_PROFILES;

function profileOn(server: LocalAdapty, query: LookupQuery, options: Partial<ClientOptions> = {}): Promise<ProfileOutcome> {
  return lookupProfile(query, { apiKey: LOCAL_ADAPTY_KEY, fetch: (url, init) => fetch(url, init), baseUrl: server.url, ...options });
}

function found(outcome: ProfileOutcome): Profile {
  // Whatever the client returns crosses to the window as it is: it must be inside the contract.
  expect(contract.lookupProfile.response.safeParse(outcome).success).toBe(true);
  return valueOf(outcome);
}


describe('a profile lookup that finds the profile', () => {
  const local = useLocalAdapty();

  it('reads an active subscription and its access level (the API spec\'s spellings), and sends one ID header to the profile path', async () => {
    const before = local.server.requests.length;
    const profile = found(await profileOn(local.server, byCustomer('documented-example')));
    expect(local.server.requests.slice(before)).toEqual([
      { method: 'GET', path: PROFILE_PATH, hasAuthorization: true, customerUserId: 'documented-example', profileId: null },
    ]);
    expect(profile).toMatchObject({
      query: { idType: 'customer_user_id', id: 'documented-example' },
      profileId: active!.profileId,
      customerUserId: 'documented-example',
      appId: '14c3d623-2f3a-455a-aa86-ef83dff6913b',
      totalRevenueUsd: 9.99,
      customAttributes: [
        { key: 'favourite_sport', value: 'yoga' },
        { key: 'level', value: 7 },
      ],
      extras: {},
    });
    expect(profile.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(profile.accessLevels).toEqual([
      {
        id: 'premium',
        store: 'app_store',
        productId: 'premium.monthly',
        basePlanId: null,
        transactionId: '2000000815013007',
        originalTransactionId: '2000000335013007',
        environment: null,
        purchasedAt: expect.any(String),
        extras: {},
        offer: { category: 'introductory', type: 'free_trial', id: null },
        originallyPurchasedAt: expect.any(String),
        expiresAt: expect.any(String),
        isActive: true,
        renewalCancelled: false,
        renewalCancelledAt: null,
        billingIssueDetectedAt: null,
        isInGracePeriod: false,
        cancellationReason: null,
        startsAt: null,
        isLifetime: false,
      },
    ]);
    expect(profile.subscriptions).toEqual([
      expect.objectContaining({ store: 'app_store', productId: 'premium.monthly', environment: 'Production', isActive: true, isRefund: false, refundedAt: null }),
    ]);
    expect(profile.oneTimePurchases).toEqual([]);
  });

  it('reads a lifetime access level and one-time purchases, by profile ID (lower-cased)', async () => {
    const before = local.server.requests.length;
    const profile = found(await profileOn(local.server, byProfile(lifetime!.profileId.toUpperCase())));
    expect(local.server.requests[before]).toMatchObject({ path: PROFILE_PATH, profileId: lifetime!.profileId, customerUserId: null });
    expect(profile.query).toEqual({ idType: 'profile_id', id: lifetime!.profileId });
    expect(profile.accessLevels).toEqual([
      expect.objectContaining({ id: 'premium', store: 'play_store', productId: 'premium.lifetime', expiresAt: null, isLifetime: true, isActive: true, offer: null }),
    ]);
    expect(profile.oneTimePurchases).toEqual([
      {
        purchaseId: '7a5f9a7d-e236-33e6-96d8-53a3c59c5562',
        store: 'play_store',
        productId: 'premium.lifetime',
        basePlanId: null,
        transactionId: 'GPA.3372-4150-9088-12345',
        originalTransactionId: 'GPA.3372-4150-9088-12345',
        environment: 'Production',
        purchasedAt: '2024-03-02T08:15:00+00:00',
        extras: {},
        isRefund: false,
        isConsumable: false,
      },
      expect.objectContaining({ productId: 'coins.100', environment: 'Sandbox', isConsumable: true, isRefund: false }),
    ]);
  });

  it('reads the older spellings: a flat offer, vendor_product_id, is_sandbox, will_renew, unsubscribed_at; a refund; unknown fields kept', async () => {
    const profile = found(await profileOn(local.server, byCustomer('liberal-shape')));
    expect(profile).toMatchObject({ profileId: trouble!.profileId, appId: null, totalRevenueUsd: 12.5, extras: { support_tier: { name: 'gold', since: 2024 } } });
    const [level] = profile.accessLevels;
    expect(level).toMatchObject({
      id: 'pro',
      productId: 'pro.yearly',
      basePlanId: 'yearly-autorenew',
      environment: 'Sandbox',
      offer: { category: 'promotional', type: 'pay_as_you_go', id: 'winter-promo' },
      isActive: true,
      isLifetime: false,
      renewalCancelled: true,
      renewalCancelledAt: expect.any(String),
      billingIssueDetectedAt: expect.any(String),
      isInGracePeriod: true,
      cancellationReason: 'billing_error',
      extras: { family_shared: false },
    });
    expect(profile.subscriptions[0]).toMatchObject({
      productId: 'pro.yearly',
      environment: 'Sandbox',
      offer: { category: 'promotional', type: 'pay_as_you_go', id: 'winter-promo' },
      renewalCancelled: true,
      renewalCancelledAt: null,
      billingIssueDetectedAt: expect.any(String),
      isRefund: false,
    });
    expect(profile.oneTimePurchases).toEqual([
      expect.objectContaining({ productId: 'themes.pack', isRefund: true, environment: 'Production', extras: { refund_reason: 'accidental purchase' } }),
    ]);
  });

  it('reads an empty profile: no access levels, purchases or attributes', async () => {
    const profile = found(await profileOn(local.server, byCustomer('none-set')));
    expect(profile).toMatchObject({
      profileId: empty!.profileId,
      customerUserId: 'none-set',
      totalRevenueUsd: 0,
      accessLevels: [],
      subscriptions: [],
      oneTimePurchases: [],
      customAttributes: [],
      extras: {},
    });
  });
});

describe('each failure of the profile call is the same typed error as for the identifiers', () => {
  const local = useLocalAdapty();

  it('an unknown profile (404 profile_does_not_exist, errors as objects) is not_found', async () => {
    const error = errorOf(await profileOn(local.server, byCustomer('nobody-has-this-id')));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, errorCode: 'profile_does_not_exist', messages: ['Profile not found'] });
    expect(error.message).toContain('customer user ID "nobody-has-this-id"');
    expect(errorOf(await profileOn(local.server, byProfile('00000000-0000-4000-8000-000000000000')))).toMatchObject({ kind: 'not_found' });
  });

  it('a wrong key (401 not_authenticated) is unauthorized, with Adapty\'s message', async () => {
    const error = errorOf(await profileOn(local.server, byCustomer('all-set'), { apiKey: 'secret_live_wrongwrong.wrongwrongwrong' }));
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, errorCode: 'not_authenticated', messages: ['Authentication credentials were not provided.'] });
  });

  it('429 with Retry-After is rate_limited with the delay', async () => {
    expect(errorOf(await profileOn(local.server, byCustomer('scenario:rate-limited')))).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 2000 });
  });

  it('a 200 with a field of the wrong shape gives the rest of the profile, and names the field that could not be read', async () => {
    const profile = valueOf(await profileOn(local.server, byCustomer('scenario:wrong-shape')));
    expect(profile.unreadable).toEqual([{ field: 'data.access_levels', message: '"data.access_levels" should be a list or null, got a string' }]);
    expect(profile.accessLevels).toEqual([]);
    expect(profile.customerUserId).toBe('scenario:wrong-shape');
    expect(profile.profileId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['scenario:server-error', 'server_error'],
    ['scenario:bad-gateway', 'server_error'],
    ['scenario:forbidden', 'unauthorized'],
    ['scenario:not-json', 'invalid_response'],
    ['scenario:not-an-object', 'invalid_response'],
    ['scenario:drop', 'network'],
    ['scenario:redirect-loop', 'server_error'],
    ['scenario:echo-key', 'request_refused'],
  ] as const)('%s is %s', async (id, kind) => {
    expect(errorOf(await profileOn(local.server, byCustomer(id))).kind).toBe(kind);
  });

  it('follows a redirect within the origin to the profile', async () => {
    expect(found(await profileOn(local.server, byCustomer('scenario:redirect-same-origin'))).customerUserId).toBe('scenario:redirect-same-origin');
  });

  it('no answer within the timeout is timeout; an aborted signal is cancelled', async () => {
    expect(errorOf(await profileOn(local.server, byCustomer('scenario:slow:2000'), { timeoutMs: 100 })).kind).toBe('timeout');
    const controller = new AbortController();
    const pending = profileOn(local.server, byCustomer('scenario:slow:2000'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(errorOf(await pending).kind).toBe('cancelled');
  });

  it('checks the input before any request', async () => {
    const before = local.server.requests.length;
    expect(errorOf(await profileOn(local.server, byProfile('not-a-uuid')))).toMatchObject({ kind: 'invalid_input', field: 'profile_id' });
    expect(local.server.requests.length).toBe(before);
  });
});

describe('the key never appears in any outcome', () => {
  const key = 'secret_live_Pr0f1le.K3yThatAServerMightEchoBack42';
  const local = useLocalAdapty({ apiKeys: [key] });

  it.each(Object.keys(SCENARIOS).filter((name) => name !== 'redirect-cross-origin'))('scenario:%s', async (name) => {
    const outcome = await profileOn(local.server, byCustomer(`scenario:${name}${name === 'slow' ? ':10' : ''}`), { apiKey: key, timeoutMs: 2000 });
    expect(JSON.stringify(outcome)).not.toContain(key);
    expect(JSON.stringify(outcome).toLowerCase()).not.toContain(key.slice(12, 30).toLowerCase());
  });

  it('an error that echoes the Authorization header has it redacted', async () => {
    const error = errorOf(await profileOn(local.server, byCustomer('scenario:echo-key'), { apiKey: key }));
    expect(error.messages).toEqual(['Malformed header Authorization: Api-Key [redacted]']);
  });

  it('a redirect to another origin is refused before the key goes there', async () => {
    const other = await startLocalAdapty({ apiKeys: [key] });
    const redirecting = await startLocalAdapty({ apiKeys: [key], redirectTarget: other.url });
    try {
      const error = errorOf(await profileOn(redirecting, byCustomer('scenario:redirect-cross-origin'), { apiKey: key }));
      expect(error.kind).toBe('server_error');
      expect(other.requests).toEqual([]);
    } finally {
      await Promise.all([other.close(), redirecting.close()]);
    }
  });
});

describe('readProfileBody reads liberally', () => {
  const NOW = Date.parse('2025-06-01T00:00:00Z');
  const read = (data: unknown) => readProfileBody({ data }, NOW);
  const value = (data: unknown) => {
    const result = read(data);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('reads both spellings of the offer; the object wins when both come', () => {
    const { accessLevels } = value({
      access_levels: [
        { access_level_id: 'a', offer: { category: 'introductory', type: 'free_trial', id: 'o-1' } },
        { access_level_id: 'b', offer: null, offer_category: 'offer_code', offer_type: 'pay_up_front', offer_id: 'code-9' },
        { access_level_id: 'c', offer: { category: 'win_back', type: 'free_trial' }, offer_category: 'promotional' },
        { access_level_id: 'd' },
      ],
    });
    expect(accessLevels.map((level) => level.offer)).toEqual([
      { category: 'introductory', type: 'free_trial', id: 'o-1' },
      { category: 'offer_code', type: 'pay_up_front', id: 'code-9' },
      { category: 'win_back', type: 'free_trial', id: null },
      null,
    ]);
  });

  it('works out whether an access level is active from its dates, unless Adapty says is_active', () => {
    const { accessLevels } = value({
      access_levels: [
        { access_level_id: 'expired', expires_at: '2025-05-01T00:00:00+00:00' },
        { access_level_id: 'running', expires_at: '2025-07-01T00:00:00.123456+0000' },
        { access_level_id: 'lifetime', expires_at: null },
        { access_level_id: 'not-yet', starts_at: '2025-06-10T00:00:00+00:00', expires_at: null },
        { access_level_id: 'revoked', is_active: false, expires_at: null },
        { access_level_id: 'unreadable', expires_at: 'next tuesday' },
        { id: 'v1-style', is_lifetime: true, is_active: true, expires_at: null },
      ],
    });
    expect(accessLevels.map((level) => [level.id, level.isActive, level.isLifetime])).toEqual([
      ['expired', false, false],
      ['running', true, false],
      ['lifetime', true, true],
      ['not-yet', false, true],
      ['revoked', false, true],
      ['unreadable', null, false],
      ['v1-style', true, true],
    ]);
  });

  it('counts a refund from is_refund, refunded_at or cancellation_reason "refund"', () => {
    const { subscriptions } = value({
      subscriptions: [{ is_refund: true }, { refunded_at: '2025-01-01T00:00:00+00:00' }, { cancellation_reason: 'refund' }, { cancellation_reason: 'upgraded' }],
    });
    expect(subscriptions.map((s) => s.isRefund)).toEqual([true, true, true, false]);
  });

  it('reads missing fields as null and missing lists as empty', () => {
    expect(value({})).toEqual({
      profileId: null,
      customerUserId: null,
      appId: null,
      totalRevenueUsd: null,
      accessLevels: [],
      subscriptions: [],
      oneTimePurchases: [],
      customAttributes: [],
      extras: {},
    });
    expect(value({ access_levels: null, subscriptions: null, non_subscriptions: null, custom_attributes: null }).accessLevels).toEqual([]);
  });

  it('reads custom attributes as the documented list and as a {key: value} map', () => {
    expect(value({ custom_attributes: [{ key: 'a', value: 'x' }, { key: 'b', value: 1.5 }, { key: 'c', value: null }] }).customAttributes).toEqual([
      { key: 'a', value: 'x' },
      { key: 'b', value: 1.5 },
      { key: 'c', value: null },
    ]);
    expect(value({ custom_attributes: { a: 'x', b: true } }).customAttributes).toEqual([
      { key: 'a', value: 'x' },
      { key: 'b', value: true },
    ]);
  });

  it('clips long texts and bounds unknown fields, so the answer stays inside the contract', () => {
    const long = 'x'.repeat(5000);
    const profile = value({ profile_id: long, access_levels: [{ access_level_id: long, huge: { list: Array.from({ length: 2000 }, (_, i) => i) } }] });
    expect(profile.profileId).toHaveLength(MAX_PROFILE_TEXT);
    expect(profile.accessLevels[0]!.id).toHaveLength(MAX_PROFILE_TEXT);
    expect(JSON.stringify(profile.accessLevels[0]!.extras).length).toBeLessThan(10_000);
    const withQuery = { ...profile, query: { idType: 'customer_user_id', id: 'x' }, requestId: null };
    expect(profileSchema.safeParse(withQuery).success).toBe(true);
  });

  it('names the field of a wrong type, down to the item, and leaves out only the field of the profile that holds it', () => {
    const expiry = read({ customer_user_id: 'kept', access_levels: [{ access_level_id: 'a', expires_at: 1735689600 }] });
    expect(expiry).toMatchObject({
      ok: true,
      value: {
        customerUserId: 'kept',
        // The whole list, not the one date: an access level without its expiry would read as lifetime.
        accessLevels: [],
        unreadable: [{ field: 'data.access_levels.0.expires_at', message: '"data.access_levels.0.expires_at" should be a string or null, got a number' }],
      },
    });
    expect(read({ subscriptions: [{ is_in_grace_period: 'yes' }] })).toMatchObject({ ok: true, value: { unreadable: [{ field: 'data.subscriptions.0.is_in_grace_period' }] } });
    expect(read({ total_revenue_usd: 'lots' })).toMatchObject({ ok: true, value: { totalRevenueUsd: null, unreadable: [{ field: 'data.total_revenue_usd' }] } });
    // Several fields: each named, in order.
    expect(read({ non_subscriptions: {}, total_revenue_usd: 'lots' })).toMatchObject({
      ok: true,
      value: { unreadable: [{ field: 'data.total_revenue_usd' }, { field: 'data.non_subscriptions' }] },
    });
  });

  it('needs the profile in "data"', () => {
    expect(readProfileBody({ profile_id: 'x' }, NOW)).toEqual({ ok: false, error: { field: 'data', message: '"data" should be an object with the profile, got nothing' } });
    expect(readProfileBody([], NOW)).toMatchObject({ ok: false, error: { field: null, message: expect.stringContaining('got a list') } });
    expect(readProfileBody(null, NOW)).toMatchObject({ ok: false, error: { field: null } });
  });
});

describe('a profile answer far larger than a real one', () => {
  it('1 MiB of tiny list items is read in bounded time and stays within the contract', async () => {
    const { readProfileBody } = await import('../../../src/main/adapty/profile');
    const items = Array.from({ length: 300_000 }, () => ({}));
    const attributes = Array.from({ length: 300_000 }, (_, i) => ({ key: `k${i}`, value: i }));
    const started = performance.now();
    const read = readProfileBody({ data: { access_levels: items, subscriptions: items, non_subscriptions: items, custom_attributes: attributes } }, Date.now());
    if (!read.ok) throw new Error(read.error.message);
    const ms = performance.now() - started;
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.accessLevels).toHaveLength(100);
    expect(read.value.subscriptions).toHaveLength(100);
    // Generous: it separates "bounded" from the ~24 s an uncapped read took.
    expect(ms).toBeLessThan(2_000);
  });
});
