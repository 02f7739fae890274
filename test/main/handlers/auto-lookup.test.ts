/** Auto, through the real handlers against the local Adapty server: which type matched, and what was tried. */
import { describe, expect, it } from 'vitest';
import { LOCAL_ADAPTY_KEY } from '../../../src/main/local-adapty/server';
import { SAMPLE_PROFILES } from '../../../src/main/local-adapty/profiles';
import { UUID } from '../../../src/shared/input-rules';
import { useLocalAdapty } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, requestArrived, valueOf } from '../../helpers/test-app';

const tempDir = useTempDirs('adapty-auto-lookup-');
const documented = SAMPLE_PROFILES[0]!;
const allSet = SAMPLE_PROFILES[1]!;
/** A profile whose customer user ID is a UUID (an app that uses UUIDs as its own user IDs). */
const uuidUser = SAMPLE_PROFILES.find((p) => UUID.test(p.customerUserId))!;
const NOBODY = 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4';

describe('Auto', () => {
  const local = useLocalAdapty({ slowMs: 5000 });
  const app = async () => (await createTestApp(await tempDir(), { baseUrl: local.server.url, key: LOCAL_ADAPTY_KEY })).handlers;
  /** What reached the server from here on, as [header, value] pairs. */
  const sentSince = (before: number) =>
    local.server.requests.slice(before).map((r) => (r.profileId !== null ? ['profile', r.profileId] : ['customer', r.customerUserId]));

  it('finds a UUID that is a profile ID as a profile ID, with one request', async () => {
    const handlers = await app();
    const before = local.server.requests.length;
    const result = valueOf(await handlers.lookup({ idType: 'auto', id: documented.profileId.toUpperCase() }));
    expect(result.query).toEqual({ idType: 'profile_id', id: documented.profileId });
    expect(result.auto).toEqual({ tried: ['profile_id'] });
    expect(result.identifiers).toEqual(documented.body);
    expect(sentSince(before)).toEqual([['profile', documented.profileId]]);
  });

  it('finds a UUID that is only a customer user ID as a customer user ID, after the profile ID was not found', async () => {
    expect(uuidUser, 'the local server has a profile whose customer user ID is a UUID').toBeDefined();
    const handlers = await app();
    const before = local.server.requests.length;
    const result = valueOf(await handlers.lookup({ idType: 'auto', id: uuidUser.customerUserId }));
    expect(result.query).toEqual({ idType: 'customer_user_id', id: uuidUser.customerUserId });
    expect(result.auto).toEqual({ tried: ['profile_id', 'customer_user_id'] });
    expect(result.identifiers).toMatchObject({ amplitude_user_id: 'amp-uuid-user' });
    expect(sentSince(before)).toEqual([
      ['profile', uuidUser.customerUserId],
      ['customer', uuidUser.customerUserId],
    ]);
  });

  it('takes anything that is not a UUID as a customer user ID, with one request', async () => {
    const handlers = await app();
    const before = local.server.requests.length;
    const result = valueOf(await handlers.lookup({ idType: 'auto', id: 'all-set' }));
    expect(result.query).toEqual({ idType: 'customer_user_id', id: 'all-set' });
    expect(result.auto).toEqual({ tried: ['customer_user_id'] });
    expect(result.identifiers).toEqual(allSet.body);
    expect(sentSince(before)).toEqual([['customer', 'all-set']]);
  });

  it('answers one not_found that says both were tried when neither type matches', async () => {
    const handlers = await app();
    const before = local.server.requests.length;
    const error = errorOf(await handlers.lookup({ idType: 'auto', id: NOBODY }));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, errorCode: 'profile_not_found' });
    expect(error.message).toContain(`the profile ID or the customer user ID "${NOBODY}"`);
    expect(error.message).toContain('Auto tried both');
    expect(error.message).toMatch(/Request ID of the profile ID lookup: [0-9a-f-]{36}/);
    expect(sentSince(before)).toEqual([
      ['profile', NOBODY],
      ['customer', NOBODY],
    ]);
  });

  it('says a non-UUID was tried as a customer user ID only when it is not found', async () => {
    const handlers = await app();
    const error = errorOf(await handlers.lookup({ idType: 'auto', id: 'nobody-here' }));
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(error.message).toContain('customer user ID "nobody-here"');
    expect(error.message).toContain('not a UUID');
  });

  it('trims a pasted ID of quotes and invisible characters at the boundary, whatever the type', async () => {
    const handlers = await app();
    const before = local.server.requests.length;
    const pasted = `\u200b\u201c${documented.profileId}\u201d\u00a0`;
    expect(valueOf(await handlers.lookup({ idType: 'auto', id: pasted })).query).toEqual({ idType: 'profile_id', id: documented.profileId });
    expect(valueOf(await handlers.lookup({ idType: 'customer_user_id', id: '\ufeff"all-set"\u200d' })).query).toEqual({ idType: 'customer_user_id', id: 'all-set' });
    expect(sentSince(before)).toEqual([
      ['profile', documented.profileId],
      ['customer', 'all-set'],
    ]);
  });

  it('keeps the explicit types as they were: no fallback, no auto field', async () => {
    const handlers = await app();
    const before = local.server.requests.length;
    const error = errorOf(await handlers.lookup({ idType: 'profile_id', id: uuidUser.customerUserId }));
    expect(error).toMatchObject({ kind: 'not_found' });
    expect(error.message).toContain('search by customer user ID instead');
    const found = valueOf(await handlers.lookup({ idType: 'customer_user_id', id: uuidUser.customerUserId }));
    expect(found.auto).toBeUndefined();
    expect(found.query.idType).toBe('customer_user_id');
    expect(sentSince(before)).toHaveLength(2);
  });

  it('stops at an answer that is not "not found": a bad key is not tried as a customer user ID', async () => {
    const handlers = await app();
    valueOf(await handlers.saveKey({ key: 'a_wrong_key_for_this_app', sessionOnly: false }));
    const before = local.server.requests.length;
    expect(errorOf(await handlers.lookup({ idType: 'auto', id: NOBODY }))).toMatchObject({ kind: 'unauthorized' });
    expect(local.server.requests.length - before).toBe(1);
  });

  it('refuses a non-ASCII customer user ID without a request, saying why and what to do', async () => {
    const handlers = await app();
    const before = local.server.requests.length;
    const error = errorOf(await handlers.lookup({ idType: 'auto', id: 'josé@example.com' }));
    expect(error).toMatchObject({ kind: 'invalid_input', field: 'customer_user_id' });
    expect(error.message).toContain('HTTP header');
    expect(error.message).toContain('Search by profile ID instead');
    expect(local.server.requests.length).toBe(before);
  });

  it('keeps one lookup in flight: a new Auto lookup cancels the one before it', async () => {
    const handlers = await app();
    const first = handlers.lookup({ idType: 'auto', id: 'scenario:slow:5000' });
    await requestArrived(local.server, (r) => r.customerUserId === 'scenario:slow:5000');
    const second = handlers.lookup({ idType: 'auto', id: allSet.profileId });
    expect(errorOf(await first)).toMatchObject({ kind: 'cancelled' });
    expect(valueOf(await second).auto).toEqual({ tried: ['profile_id'] });
  });

  it('cancelLookup stops Auto between its two tries: the customer user ID is never asked', async () => {
    const handlers = await app();
    const before = local.server.requests.length;
    const running = handlers.lookup({ idType: 'auto', id: NOBODY });
    expect(valueOf(await handlers.cancelLookup(undefined))).toBe(true);
    expect(errorOf(await running)).toMatchObject({ kind: 'cancelled' });
    expect(local.server.requests.slice(before).filter((r) => r.customerUserId === NOBODY)).toHaveLength(0);
  });
});
