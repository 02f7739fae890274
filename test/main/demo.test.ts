import { afterAll, describe, expect, it } from 'vitest';
import { IDENTIFIERS_PATH } from '../../src/main/adapty/client';
import { createDemoServer, DEMO_RATE_LIMIT } from '../../src/main/demo';
import { LOCAL_ADAPTY_KEY } from '../../src/main/local-adapty/server';

describe('the demo server', () => {
  const demo = createDemoServer();
  afterAll(() => demo.stop());

  it('limits requests as Adapty does: a burst above the limit gets 429 with Retry-After, a single lookup does not', async () => {
    const started = await demo.start();
    if (!started.ok) throw new Error(started.error.message);
    const ask = () => fetch(`${started.value}${IDENTIFIERS_PATH}`, { headers: { Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}`, 'adapty-customer-user-id': 'all-set' } });
    expect((await ask()).status).toBe(200);
    const answers = await Promise.all(Array.from({ length: DEMO_RATE_LIMIT.burst * 3 }, ask));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('is the same server when started again; once stopped, nothing answers there, and it can start anew', async () => {
    const first = await demo.start();
    if (!first.ok) throw new Error(first.error.message);
    expect(await demo.start()).toEqual(first);
    await demo.stop();
    await expect(fetch(`${first.value}${IDENTIFIERS_PATH}`)).rejects.toThrow();
    expect((await demo.start()).ok).toBe(true);
  });
});
