import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/main/local-adapty/rate-limit';
import { LOCAL_ADAPTY_KEY, startLocalAdapty } from '../../../src/main/local-adapty/server';

describe('the local server\'s rate limit (a token bucket)', () => {
  it('lets a burst through, then asks to wait, and refills at the rate', () => {
    const limiter = createRateLimiter({ perSecond: 10, burst: 3 }, 0);
    expect([limiter.take(0), limiter.take(0), limiter.take(0)]).toEqual([null, null, null]);
    expect(limiter.take(0)).toBe(1);
    // 100 ms at 10 a second is one more token.
    expect(limiter.take(100)).toBeNull();
    expect(limiter.take(100)).toBe(1);
    // A quiet spell refills up to the burst, never more.
    expect([limiter.take(10_000), limiter.take(10_000), limiter.take(10_000), limiter.take(10_000)]).toEqual([null, null, null, 1]);
  });

  it('says how many whole seconds to wait when the rate is below one a second', () => {
    const limiter = createRateLimiter({ perSecond: 0.25, burst: 1 }, 0);
    expect(limiter.take(0)).toBeNull();
    expect(limiter.take(0)).toBe(4);
  });

  it('refuses a limit that could never let a request through', () => {
    expect(() => createRateLimiter({ perSecond: 0 })).toThrow(/perSecond > 0/);
    expect(() => createRateLimiter({ perSecond: 5, burst: 0 })).toThrow(/burst/);
  });

  it('answers 429 with Adapty\'s body and Retry-After above the limit, over real HTTP', async () => {
    const server = await startLocalAdapty({ rateLimit: { perSecond: 0.5, burst: 2 } });
    try {
      const lookup = () =>
        fetch(`${server.url}/api/v2/server-side-api/integration/profile/set/integration-identifiers/`, {
          headers: { Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}`, 'adapty-customer-user-id': 'all-set' },
        });
      const answers = [await lookup(), await lookup(), await lookup()];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
      expect(answers[2]!.headers.get('retry-after')).toBe('2');
      expect(await answers[2]!.json()).toMatchObject({ error_code: 'rate_limited' });
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  });
});
