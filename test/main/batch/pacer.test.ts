import { describe, expect, it } from 'vitest';
import { createPacer, type Permit } from '../../../src/main/batch/pacer';

/** A pacer on a clock the test moves. */
function pacerAt(maxConcurrency: number) {
  const clock = { t: 0 };
  const pacer = createPacer({ maxConcurrency, now: () => clock.t });
  return { pacer, clock };
}

async function take(pacer: ReturnType<typeof createPacer>, n: number): Promise<Permit[]> {
  const permits: Permit[] = [];
  for (let i = 0; i < n; i++) permits.push((await pacer.acquire()) as Permit);
  return permits;
}

describe('concurrency', () => {
  it('starts at 4 and lets no more than that be in flight', async () => {
    const { pacer } = pacerAt(16);
    await take(pacer, 4);
    let fifth = false;
    void pacer.acquire().then(() => (fifth = true));
    await Promise.resolve();
    expect(fifth).toBe(false);
    expect(pacer.state()).toMatchObject({ concurrency: 4, inFlight: 4 });
  });

  it('grows by one a round of fast answers, up to the bound', async () => {
    const { pacer } = pacerAt(6);
    for (let round = 0; round < 10; round++) {
      const { concurrency } = pacer.state();
      for (const permit of await take(pacer, concurrency)) permit.release({ kind: 'ok', latencyMs: 10 });
    }
    expect(pacer.state().concurrency).toBe(6);
  });

  it('does not grow while answers are slow (twice the fastest, and 100 ms more)', async () => {
    const { pacer } = pacerAt(16);
    (await take(pacer, 1))[0]?.release({ kind: 'ok', latencyMs: 50 });
    for (let i = 0; i < 40; i++) (await take(pacer, 1))[0]?.release({ kind: 'ok', latencyMs: 400 });
    expect(pacer.state().concurrency).toBe(4);
  });

  it('halves on a 5xx, once for the requests that were in flight together', async () => {
    const { pacer, clock } = pacerAt(16);
    const permits = await take(pacer, 4);
    clock.t = 10;
    for (const permit of permits) permit.release({ kind: 'overloaded' });
    expect(pacer.state().concurrency).toBe(2);
  });

  it('a cancelled request frees its place and says nothing about the server', async () => {
    const { pacer } = pacerAt(16);
    const permits = await take(pacer, 4);
    for (const permit of permits) permit.abandon();
    expect(pacer.state()).toMatchObject({ concurrency: 4, inFlight: 0, rate: null });
  });

  it('a wait for a place ends at once when the batch is cancelled', async () => {
    const { pacer } = pacerAt(1);
    await take(pacer, 1);
    const controller = new AbortController();
    const waiting = pacer.acquire(controller.signal);
    controller.abort();
    expect(await waiting).toBeNull();
  });
});

describe('rate', () => {
  it('there is none until a 429; then one below what was being sent, and requests start no faster', async () => {
    const { pacer, clock } = pacerAt(16);
    const sent = await take(pacer, 4);
    clock.t = 100;
    expect(pacer.state().rate).toBeNull();
    sent[0]?.release({ kind: 'throttled' });
    const rate = pacer.state().rate as number;
    // 4 requests in the first 100 ms is 40 a second; half of it.
    expect(rate).toBeCloseTo(20, 0);
    for (const permit of sent.slice(1)) permit.abandon();
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const next = pacer.acquire();
      // Move the clock until the pacer lets the request start.
      while (!(await Promise.race([next.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 1))]))) clock.t += 5;
      starts.push(clock.t);
      (await next)?.abandon();
    }
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(1000 / (rate * 1.1));
    expect(pacer.state().throttled).toBe(1);
    pacer.close();
  });

  it('a rate grown far past anything sent (no 429 for a long while) is no rate again: never Infinity, which no message could carry', async () => {
    const { pacer, clock } = pacerAt(16);
    (await take(pacer, 1))[0]?.release({ kind: 'throttled' });
    expect(pacer.state().rate).not.toBeNull();
    clock.t += 13 * 60 * 1000;
    expect(pacer.state().rate).toBeNull();
    // The next 429 starts over from what is being sent.
    (await take(pacer, 1))[0]?.release({ kind: 'throttled' });
    expect(Number.isFinite(pacer.state().rate)).toBe(true);
    pacer.close();
  });

  it('comes up to the limit from below, and sits just under it once met there', async () => {
    const { pacer, clock } = pacerAt(16);
    (await take(pacer, 1))[0]?.release({ kind: 'throttled' });
    const cut = pacer.state().rate as number;
    clock.t += 1000;
    const grown = pacer.state().rate as number;
    expect(grown).toBeGreaterThan(cut * 2);
    (await take(pacer, 1))[0]?.release({ kind: 'throttled' });
    expect(pacer.state().rate).toBeCloseTo(grown * 0.95, 0);
    clock.t += 1000;
    // Then it creeps: 1% a second.
    expect(pacer.state().rate).toBeCloseTo(grown * 0.95 * 1.01, 0);
    pacer.close();
  });
});
