import { describe, expect, it } from 'vitest';
import { IDENTIFIER_KEYS } from '../../../src/shared/identifiers';
import { SAMPLE_PROFILES } from '../../../src/main/local-adapty/profiles';
import { startLocalAdapty } from '../../../src/main/local-adapty/server';
import { byCustomer, byProfile, lookupOn, useLocalAdapty } from '../../helpers/local-adapty';
import { errorOf, valueOf } from '../../helpers/test-app';

const documented = SAMPLE_PROFILES[0]!;



describe('a lookup that finds the profile', () => {
  const local = useLocalAdapty();

  it('returns the documented example exactly, with all 16 keys and the request ID', async () => {
    const result = valueOf(await lookupOn(local.server, byCustomer('documented-example')));
    expect(Object.keys(result.identifiers).sort()).toEqual([...IDENTIFIER_KEYS].sort());
    expect(result.identifiers).toEqual(documented.body);
    expect(result.extras).toEqual({});
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.query).toEqual({ idType: 'customer_user_id', id: 'documented-example' });
  });

  it('sends the key, Accept and exactly one ID header, and a profile ID lower-cased', async () => {
    const before = local.server.requests.length;
    const result = valueOf(await lookupOn(local.server, byProfile(`  ${documented.profileId.toUpperCase()} `)));
    expect(result.identifiers.appsflyer_id).toBe('1741933337626-3179568');
    const [request] = local.server.requests.slice(before);
    expect(request).toEqual({
      method: 'GET',
      path: '/api/v2/server-side-api/integration/profile/set/integration-identifiers/',
      hasAuthorization: true,
      customerUserId: null,
      profileId: documented.profileId,
    });
  });

  it('trims a customer user ID before sending it', async () => {
    const before = local.server.requests.length;
    valueOf(await lookupOn(local.server, byCustomer('  all-set\n')));
    expect(local.server.requests[before]?.customerUserId).toBe('all-set');
    expect(local.server.requests[before]?.profileId).toBeNull();
  });

  it('reads liberally: a missing key is null, an empty string is a value, unknown keys are extras', async () => {
    const result = valueOf(await lookupOn(local.server, byCustomer('liberal-shape')));
    expect(result.identifiers.appsflyer_id).toBe('1700000000000-1234567');
    expect(result.identifiers.adjust_device_id).toBe('');
    expect(result.identifiers.mixpanel_user_id).toBeNull();
    expect(result.identifiers.tenjin_analytics_installation_id).toBeNull();
    expect(Object.keys(result.identifiers)).toHaveLength(16);
    expect(result.extras).toEqual({ singular_device_id: 'sg-42', future_integration: { id: 'x-1', since: 2026 } });
  });

  it('reads the request ID from x-request-id when Request-Id is absent, and null when neither comes', async () => {
    expect(valueOf(await lookupOn(local.server, byCustomer('scenario:x-request-id'))).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(valueOf(await lookupOn(local.server, byCustomer('scenario:no-request-id'))).requestId).toBeNull();
  });

  it('works under a base URL with a path prefix and a trailing slash (a proxy)', async () => {
    const outcome = await lookupOn(local.server, byCustomer('all-set'), { baseUrl: `${local.server.url}/` });
    expect(valueOf(outcome).identifiers.amplitude_user_id).toBe('amplitude-user-id-04-7f3a9c');
  });
});

describe('input is checked before any request', () => {
  const local = useLocalAdapty();

  it.each([
    ['a profile ID that is not a UUID', byProfile('12345'), {}, 'profile_id'],
    ['an empty customer user ID', byCustomer('   '), {}, 'customer_user_id'],
    ['a customer user ID over 1,024 characters', byCustomer('x'.repeat(1025)), {}, 'customer_user_id'],
    ['a customer user ID with a line feed', byCustomer('a\nb'), {}, 'customer_user_id'],
    ['a customer user ID with a non-ASCII character', byCustomer('josé'), {}, 'customer_user_id'],
    ['an empty key', byCustomer('all-set'), { apiKey: '' }, 'apiKey'],
    ['a key with a space inside', byCustomer('all-set'), { apiKey: 'abc def' }, 'apiKey'],
    ['a base URL that is not a URL', byCustomer('all-set'), { baseUrl: 'api.adapty.io' }, 'baseUrl'],
    ['a base URL that is not http(s)', byCustomer('all-set'), { baseUrl: 'ftp://example.com' }, 'baseUrl'],
    ['a timeout of zero', byCustomer('all-set'), { timeoutMs: 0 }, 'timeoutMs'],
  ] as const)('%s is invalid_input and sends nothing', async (_name, query, options, field) => {
    const before = local.server.requests.length;
    const error = errorOf(await lookupOn(local.server, query, options));
    expect(error.kind).toBe('invalid_input');
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
    expect(local.server.requests.length).toBe(before);
  });
});

describe('each failure becomes one typed error', () => {
  const local = useLocalAdapty({ slowMs: 2000 });

  it('401: a wrong key is unauthorized, with Adapty\'s message, code, status and request ID', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('all-set'), { apiKey: 'wrong_key' }));
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, errorCode: 'unauthorized', messages: ['Invalid API key'] });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('403 is unauthorized too', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:forbidden')));
    expect(error).toMatchObject({ kind: 'unauthorized', status: 403, errorCode: 'feature_not_enabled' });
    expect(error.messages).toEqual(['This feature is not enabled for your app']);
  });

  it('404 with errors as strings is not_found and names the ID', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('nobody-by-this-name')));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, errorCode: 'profile_not_found', messages: ['Profile not found'] });
    expect(error.message).toContain('"nobody-by-this-name"');
    expect(error.message).toContain('profile ID instead');
  });

  it('404 with errors as {source, errors[]} objects is not_found with the messages read', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:not-found-object-form')));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, errorCode: 'profile_does_not_exist', messages: ['Profile does not exist'] });
  });

  it('an unknown profile ID is not_found and suggests the customer user ID', async () => {
    const error = errorOf(await lookupOn(local.server, byProfile('00000000-0000-4000-8000-000000000000')));
    expect(error.kind).toBe('not_found');
    expect(error.message).toContain('customer user ID instead');
  });

  it('429 with Retry-After in seconds is rate_limited with the delay', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:rate-limited')));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, errorCode: 'rate_limited', retryAfterMs: 2000 });
    expect(error.message).toContain('Wait 2 s');
  });

  it('429 with Retry-After as an HTTP date gives the delay until then', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:rate-limited-date')));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3000);
  });

  it('429 without Retry-After is rate_limited with no delay known', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:rate-limited-bare')));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: null });
  });

  it('500 with an empty body is server_error', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:server-error')));
    expect(error).toMatchObject({ kind: 'server_error', status: 500, errorCode: null, messages: [] });
    expect(error.message).toContain('500');
  });

  it('502 with an HTML body is server_error, the HTML not repeated', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:bad-gateway')));
    expect(error).toMatchObject({ kind: 'server_error', status: 502, messages: [] });
    expect(error.message).not.toContain('<html');
  });

  it('503 with a JSON body is server_error with Adapty\'s message', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:service-unavailable')));
    expect(error).toMatchObject({ kind: 'server_error', status: 503, messages: ['Service temporarily unavailable'] });
  });

  it('a 400 is request_refused, with the status, code and Adapty\'s message', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:echo-key')));
    expect(error).toMatchObject({ kind: 'request_refused', status: 400, errorCode: 'parse_error' });
    expect(error.messages).toHaveLength(1);
  });

  it('a 404 that is not Adapty\'s error (a wrong path in the base URL) is invalid_response that quotes the body', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('all-set'), { baseUrl: `${local.server.url}/wrong/prefix` }));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 404 });
    expect(error.message).toContain('not Adapty\'s answer (it begins "{"detail":"Not found."}")');
    expect(error.message).toContain('Check the base URL');
  });

  it('a 200 body that is not JSON is invalid_response', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:not-json')));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200, field: null });
    expect(error.message).toContain('not JSON');
  });

  it('a 200 body with an identifier of the wrong shape gives every other identifier, and names the one that could not be read', async () => {
    const result = valueOf(await lookupOn(local.server, byCustomer('scenario:wrong-shape')));
    expect(result.unreadable).toEqual([{ field: 'appsflyer_id', message: '"appsflyer_id" should be a string or null, got number' }]);
    expect(result.identifiers.appsflyer_id).toBeNull();
    expect(Object.values(result.identifiers).filter((value) => value !== null)).toHaveLength(15);
  });

  it('a well-shaped answer has no unreadable list at all', async () => {
    expect(valueOf(await lookupOn(local.server, byCustomer('all-set')))).not.toHaveProperty('unreadable');
  });

  it('a 200 body that is an array, not an object, is invalid_response', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:not-an-object')));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('got an array');
  });

  it('a dropped connection is network', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:drop')));
    expect(error).toMatchObject({ kind: 'network', status: null });
    expect(error.message).toContain('dropped');
  });

  it('a refused connection is network and says nothing is listening', async () => {
    const closed = await startLocalAdapty();
    await closed.close();
    const error = errorOf(await lookupOn(closed, byCustomer('all-set')));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('refused the connection');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a host that does not resolve is network and says so', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('all-set'), { baseUrl: 'https://adapty-inspector-test.invalid' }));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('Could not find adapty-inspector-test.invalid');
  });

  it('no answer within the timeout is timeout', async () => {
    const error = errorOf(await lookupOn(local.server, byCustomer('scenario:slow'), { timeoutMs: 150 }));
    expect(error).toMatchObject({ kind: 'timeout', status: null });
    expect(error.message).toContain('0.1 s');
  });

  it('a caller that aborts gets cancelled, not timeout', async () => {
    const controller = new AbortController();
    const pending = lookupOn(local.server, byCustomer('scenario:slow'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(errorOf(await pending).kind).toBe('cancelled');
  });

  it('an already-aborted signal sends nothing', async () => {
    const before = local.server.requests.length;
    const error = errorOf(await lookupOn(local.server, byCustomer('all-set'), { signal: AbortSignal.abort() }));
    expect(error.kind).toBe('cancelled');
    expect(local.server.requests.length).toBe(before);
  });
});

describe('redirects', () => {
  it('follows a redirect on the same origin with the key', async () => {
    const server = await startLocalAdapty();
    try {
      const result = valueOf(await lookupOn(server, byCustomer('scenario:redirect-same-origin')));
      expect(result.identifiers.appsflyer_id).toBe('appsflyer-id-07-7f3a9c');
      expect(server.requests.map((r) => r.hasAuthorization)).toEqual([true, true]);
    } finally {
      await server.close();
    }
  });

  it('gives up after 5 redirects with a server_error that says so', async () => {
    const server = await startLocalAdapty();
    try {
      const error = errorOf(await lookupOn(server, byCustomer('scenario:redirect-loop')));
      expect(error.kind).toBe('server_error');
      expect(error.message).toContain('redirected more than 5 times');
      expect(server.requests).toHaveLength(6);
    } finally {
      await server.close();
    }
  });

  it('never follows a redirect to another origin: neither the key nor the user\'s ID goes there', async () => {
    const other = await startLocalAdapty();
    const server = await startLocalAdapty({ redirectTarget: other.url });
    try {
      const error = errorOf(await lookupOn(server, byCustomer('scenario:redirect-cross-origin')));
      expect(server.requests.map((r) => r.hasAuthorization)).toEqual([true]);
      expect(other.requests).toHaveLength(0);
      expect(error).toMatchObject({ kind: 'server_error', status: 307 });
      expect(error.message).toContain(`a redirect to ${other.url}/`);
      expect(error.message).toContain('never follows a redirect elsewhere');
    } finally {
      await server.close();
      await other.close();
    }
  });
});
