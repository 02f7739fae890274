/**
 * A token bucket, as the local Adapty's rate limit: `perSecond` requests a
 * second on average, bursts of up to `burst`, and beyond that an answer of
 * 429 with Retry-After (whole seconds, rounded up, as HTTP has it). Adapty's
 * own limit is per key and not published as one number; this one is for
 * tests, benchmarks and the demo, so the app's pacing can be seen at work.
 */
export interface RateLimit {
  perSecond: number;
  /** Requests allowed at once after a quiet spell (default: one second's worth). */
  burst?: number;
}

export interface RateLimiter {
  /** Takes a token: null when the request may go on, or the seconds to wait (for Retry-After). */
  take(now?: number): number | null;
}

export function createRateLimiter({ perSecond, burst = perSecond }: RateLimit, start = performance.now()): RateLimiter {
  if (!(perSecond > 0) || !(burst >= 1)) throw new Error('A rate limit needs perSecond > 0 and burst ≥ 1.');
  let tokens = burst;
  let last = start;
  return {
    take(now = performance.now()) {
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return null;
      }
      return Math.max(1, Math.ceil((1 - tokens) / perSecond));
    },
  };
}
