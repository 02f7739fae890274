import { describe, expect, it } from 'vitest';
import { lookupIdentifiers } from '../../../src/main/adapty/client';
import { MAX_RETRIES, refusalError, retryDelay, runBatch, type BatchOptions, type StoppedBy } from '../../../src/main/batch/run-batch';
import { LOCAL_ADAPTY_KEY, type LocalAdapty } from '../../../src/main/local-adapty/server';
import { lookupErrorSchema } from '../../../src/shared/error-schemas';
import { lookupError, MAX_MESSAGE_CHARS, type LookupError } from '../../../src/shared/errors';
import type { LookupOutcome } from '../../../src/shared/lookup';
import { fail } from '../../../src/shared/result';
import { useLocalAdapty } from '../../helpers/local-adapty';

/** A batch against a local server over real HTTP; waits between retries are recorded, not slept. */
function batchOn(server: LocalAdapty, ids: string[], over: Partial<BatchOptions> & { apiKey?: string } = {}) {
  const waits: number[] = [];
  const run = runBatch({
    ids,
    idType: 'customer_user_id',
    maxConcurrency: 8,
    call: (query, signal) => lookupIdentifiers(query, { apiKey: over.apiKey ?? LOCAL_ADAPTY_KEY, fetch: (url, init) => fetch(url, init), baseUrl: server.url, signal }),
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...over,
  });
  return { run, waits };
}

const users = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `user-${i + from}`);
/** How many 2xx answers the server sent for each customer user ID. */
function answeredPerId(server: LocalAdapty, since: number) {
  const counts = new Map<string, number>();
  for (const request of server.requests.slice(since)) counts.set(request.customerUserId ?? '', (counts.get(request.customerUserId ?? '') ?? 0) + 1);
  return counts;
}

describe('a batch', () => {
  const local = useLocalAdapty();

  it('ends every row, in input order, each ID asked for once', async () => {
    const before = local.server.requests.length;
    const ids = [...users(300), 'nobody-here', 'all-set'];
    const { run } = batchOn(local.server, ids);
    const { rows, stopped } = await run.done;
    expect(stopped).toBeNull();
    expect(rows.map((row) => row.id)).toEqual(ids);
    expect(rows.slice(0, 300).every((row, i) => row.status === 'ok' && row.result?.query.id === `user-${i + 1}`)).toBe(true);
    expect(rows[300]).toMatchObject({ status: 'failed', error: { kind: 'not_found' }, attempts: 1 });
    expect(rows[301]?.result?.identifiers.appsflyer_id).toMatch(/^appsflyer-id-/);
    expect([...answeredPerId(local.server, before).values()].every((n) => n === 1)).toBe(true);
    expect(run.progress()).toMatchObject({ total: 302, done: 301, failed: 1, etaMs: 0 });
  });

  it('tells of each row as it ends, once', async () => {
    const told: number[] = [];
    const { run } = batchOn(local.server, users(50), { onRow: (index) => told.push(index) });
    await run.done;
    expect(told.sort((a, b) => a - b)).toEqual(users(50).map((_, i) => i));
  });

  it('tries a 503 again and keeps the answer that came after', async () => {
    const { run, waits } = batchOn(local.server, ['scenario:flaky:run-batch-1']);
    const { rows } = await run.done;
    expect(rows[0]).toMatchObject({ status: 'ok', attempts: 2 });
    expect(waits).toHaveLength(1);
  });

  it(`gives up after ${MAX_RETRIES} retries of a failure that persists, and says why`, async () => {
    const { run, waits } = batchOn(local.server, ['scenario:server-error', 'scenario:drop']);
    const { rows } = await run.done;
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: 1 + MAX_RETRIES, error: { kind: 'server_error', status: 500 } });
    expect(rows[1]).toMatchObject({ status: 'failed', attempts: 1 + MAX_RETRIES, error: { kind: 'network' } });
    expect(waits).toHaveLength(2 * MAX_RETRIES);
  });

  it('does not try again what cannot pass: not found, refused as malformed, an answer of the wrong shape', async () => {
    const { run, waits } = batchOn(local.server, ['nobody', 'scenario:echo-key', 'scenario:not-json']);
    const { rows } = await run.done;
    expect(rows.map((row) => [row.error?.kind, row.attempts])).toEqual([
      ['not_found', 1],
      ['request_refused', 1],
      ['invalid_response', 1],
    ]);
    expect(waits).toEqual([]);
  });

  it("waits at least a 429's Retry-After before trying that row again", async () => {
    const { run, waits } = batchOn(local.server, ['scenario:rate-limited']);
    const { rows } = await run.done;
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: 1 + MAX_RETRIES, error: { kind: 'rate_limited', retryAfterMs: 2000 } });
    expect(waits).toHaveLength(MAX_RETRIES);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(2000);
  });

  it('under Auto, a UUID is tried as a profile ID and then as a customer user ID; the row says which matched', async () => {
    const { run } = batchOn(local.server, ['b7e9c1d3-5f7a-4c8e-9a2b-4d6f8a0c2e4a', '5a3f7e2b-8c4d-4f6a-b1e9-2d7c0f5a9b3e'], { idType: 'auto' });
    const { rows } = await run.done;
    expect(rows.map((row) => [row.result?.query.idType, row.result?.auto?.tried, row.attempts])).toEqual([
      ['customer_user_id', ['profile_id', 'customer_user_id'], 2],
      ['profile_id', ['profile_id'], 1],
    ]);
  });

  it('cancelled halfway: every row that finished is kept, the rest are cancelled, none is lost', async () => {
    const controller = new AbortController();
    const ids = [...users(20), 'scenario:slow:5000', ...users(200, 21)];
    let ended = 0;
    const { run } = batchOn(local.server, ids, {
      maxConcurrency: 2,
      signal: controller.signal,
      onRow: () => {
        if (++ended === 20) controller.abort();
      },
    });
    const { rows } = await run.done;
    expect(rows).toHaveLength(ids.length);
    expect(rows.map((row) => row.id)).toEqual(ids);
    const okRows = rows.filter((row) => row.status === 'ok');
    expect(okRows.length).toBeGreaterThanOrEqual(20);
    expect(rows.filter((row) => row.status === 'cancelled').length).toBe(ids.length - okRows.length);
    expect(rows.find((row) => row.id === 'scenario:slow:5000')?.status).toBe('cancelled');
    expect(rows.every((row) => row.status !== 'pending')).toBe(true);
    // Cancelled rows are counted apart from rows that failed: nothing failed here.
    expect(run.progress()).toMatchObject({ done: okRows.length, failed: 0, cancelled: ids.length - okRows.length, etaMs: 0 });
  });

  it('an answer with an identifier of the wrong shape fails its row as invalid_response, keeping the identifiers that were read', async () => {
    const { run, waits } = batchOn(local.server, ['scenario:wrong-shape', 'all-set']);
    const { rows } = await run.done;
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: 1, error: { kind: 'invalid_response', field: 'appsflyer_id' } });
    expect(rows[0]?.error?.message).toMatch(/"appsflyer_id" should be a string or null, got number.*Every other field was read\./);
    // The 15 it could read are kept (for the table and the file); the one it could not is not shown as "not set" by an ok row.
    expect(rows[0]?.result?.identifiers.appsflyer_id).toBeNull();
    expect(rows[0]?.result?.identifiers.adjust_device_id).toMatch(/\S/);
    expect(rows[1]).toMatchObject({ status: 'ok', error: null });
    expect(run.progress()).toMatchObject({ done: 1, failed: 1, cancelled: 0 });
    expect(waits).toEqual([]);
  });

  it('stopped saying why (the connection was removed): the rows left say it, and the batch ends with it', async () => {
    const why = 'the connection "Demo" was removed while the batch ran.';
    let ended = 0;
    const { run } = batchOn(local.server, users(300), {
      maxConcurrency: 2,
      onRow: () => {
        if (++ended === 10) run.stop(why);
      },
    });
    const { rows, stopped } = await run.done;
    expect(stopped).toEqual(lookupError('cancelled', `Not looked up: ${why}`));
    const notLookedUp = rows.filter((row) => row.status === 'cancelled');
    expect(notLookedUp.length).toBeGreaterThan(200);
    expect(notLookedUp.every((row) => row.error?.message === stopped?.message)).toBe(true);
    expect(rows.filter((row) => row.status === 'failed')).toEqual([]);
  });

  it('a batch stopped by a refused key keeps that reason when it is stopped saying why afterwards', async () => {
    const { run } = batchOn(local.server, ['user-1', 'scenario:slow:300', 'user-2', 'user-3'], {
      apiKey: 'wrong-key-0000',
      maxConcurrency: 1,
      onRow: (index) => {
        if (index === 0) run.stop('the connection "Demo" was removed while the batch ran.');
      },
    });
    const { rows, stopped, stoppedBy } = await run.done;
    expect(stopped).toMatchObject({ status: 401, message: expect.stringMatching(/stopped at "user-1"/) });
    expect(stoppedBy).toMatchObject({ id: 'user-1', error: { kind: 'unauthorized' } });
    expect(rows.slice(1).every((row) => row.error?.message === stopped?.message)).toBe(true);
  });

  it('a row cancelled while it waits to be tried again says it was looked up, and keeps what its attempt got', async () => {
    const controller = new AbortController();
    const { run } = batchOn(local.server, ['scenario:server-error'], {
      signal: controller.signal,
      // The person cancels while the row waits out its backoff after a 500.
      sleep: async (ms, signal) => {
        controller.abort();
        await new Promise<void>((resolve) => (signal?.aborted ? resolve() : setTimeout(resolve, ms)));
      },
    });
    const { rows } = await run.done;
    expect(rows[0]).toMatchObject({ status: 'cancelled', attempts: 1, error: { kind: 'cancelled', status: 500, requestId: expect.any(String) } });
    expect(rows[0]?.error?.message).toMatch(/^Not tried again: the batch was cancelled\. Its last attempt: .*Adapty/);
  });

  it('cancelled first, then a 401 arrives: the batch says it was cancelled, not stopped by the key', async () => {
    const controller = new AbortController();
    const { run } = batchOn(local.server, ['scenario:slow:300', ...users(20)], {
      apiKey: 'wrong-key-0000',
      maxConcurrency: 1,
      signal: controller.signal,
      // The person cancels while the first request is out; its answer is the key's refusal.
      call: async (query) => {
        controller.abort();
        return lookupIdentifiers(query, { apiKey: 'wrong-key-0000', fetch: (url, init) => fetch(url, init), baseUrl: local.server.url });
      },
    });
    const { rows, stopped } = await run.done;
    expect(stopped).toBeNull();
    expect(rows.slice(1).every((row) => row.status === 'cancelled' && row.error?.message === 'Not looked up: the batch was cancelled.')).toBe(true);
  });

  it('a key Adapty refuses stops the batch: one refusal, the other rows cancelled saying why', async () => {
    const before = local.server.requests.length;
    const { run } = batchOn(local.server, users(500), { apiKey: 'wrong-key-0000', maxConcurrency: 1 });
    const { rows, stopped } = await run.done;
    // It names the ID it stopped at (to take out of the list, when only that ID is refused), and the status once.
    expect(stopped).toMatchObject({ status: 401, message: expect.stringMatching(/^Not looked up: the batch stopped at "user-1": Adapty did not accept the API key\./) });
    expect(stopped?.message.match(/401/g) ?? []).toHaveLength(0);
    expect(rows[0]).toMatchObject({ status: 'failed', error: { kind: 'unauthorized' } });
    expect(rows.slice(1).every((row) => row.status === 'cancelled' && row.error?.message === stopped?.message)).toBe(true);
    expect(run.progress()).toMatchObject({ done: 0, failed: 1, cancelled: 499 });
    expect(local.server.requests.length - before).toBeLessThan(5);
  });

  it('rows refused at once: the batch names the one that stopped it (whose error the rows left quote), not the first in input order', async () => {
    // Three requests in flight; their refusals arrive together (in one task, once all three are awaited), user-3's first.
    const held = new Map<string, () => void>();
    const refused = (id: string) => lookupError('unauthorized', 'Adapty did not accept the API key.', { status: 401, requestId: `req-${id}` });
    const { run } = batchOn(local.server, users(5), {
      maxConcurrency: 3,
      call: (query, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => resolve(fail(lookupError('cancelled', 'The lookup was cancelled.'))));
          held.set(query.id, () => resolve(fail(refused(query.id))));
          if (held.size === 3) setTimeout(() => ['user-3', 'user-1', 'user-2'].forEach((id) => held.get(id)?.()));
        }),
    });
    const { rows, stopped, stoppedBy } = await run.done;
    expect(rows.slice(0, 3).map((row) => [row.status, row.error?.kind])).toEqual(Array(3).fill(['failed', 'unauthorized']));
    expect(stoppedBy).toEqual({ id: 'user-3', error: refused('user-3') });
    expect(stopped?.message).toMatch(/^Not looked up: the batch stopped at "user-3": /);
    expect(rows.slice(3).every((row) => row.status === 'cancelled' && row.error?.message === stopped?.message)).toBe(true);
  });

  it('names no row when none stopped it: run to its end, or stopped saying why', async () => {
    expect((await batchOn(local.server, users(3)).run.done).stoppedBy).toBeNull();
    const { run } = batchOn(local.server, users(3), { onRow: () => run.stop('the connection "Demo" was removed while the batch ran.') });
    expect((await run.done).stoppedBy).toBeNull();
  });
});

const cancelledCall = lookupError('cancelled', 'The lookup was cancelled.');
/** A call that answers when its signal aborts (at once if it has), cancelled, as the client does. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<LookupOutcome>((resolve) => {
    if (signal.aborted) resolve(fail(cancelledCall));
    signal.addEventListener('abort', () => resolve(fail(cancelledCall)), { once: true });
  });
/** A wait before a retry that lasts until the batch stops, and `asleep`, settled once a row is in it. */
function waitUntilStopped() {
  let sleeping: () => void = () => undefined;
  const asleep = new Promise<void>((resolve) => (sleeping = resolve));
  const sleep = (_ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      signal.addEventListener('abort', () => resolve(), { once: true });
      sleeping();
    });
  return { sleep, asleep };
}

describe('a row looked up once, when the batch ends before its retry has an answer', () => {
  const err500 = lookupError('server_error', 'Adapty answered 500. Try again in a moment.', { status: 500, requestId: 'req-500' });

  it('cancelled while the retry is in flight: it was tried again, and keeps what the attempt before got', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = runBatch({
      ids: ['a'],
      idType: 'customer_user_id',
      maxConcurrency: 1,
      signal: controller.signal,
      sleep: async () => {},
      call: (_query, signal) => {
        if (++calls === 1) return Promise.resolve(fail(err500));
        // The retry is out when the person cancels.
        const answer = untilAborted(signal);
        controller.abort();
        return answer;
      },
    });
    const { rows } = await run.done;
    expect(rows[0]).toMatchObject({ status: 'cancelled', attempts: 2, error: { kind: 'cancelled', status: 500, requestId: 'req-500' } });
    expect(rows[0]?.error?.message).toBe('Cancelled while being tried again: the batch was cancelled. The attempt before: Adapty answered 500. Try again in a moment.');
  });

  it('cancelled while, its wait over, it waits for a place to be tried again: not tried again, and keeps its attempt', async () => {
    const controller = new AbortController();
    const calls: string[] = [];
    let waited = 0;
    const run = runBatch({
      ids: ['a', 'b'],
      idType: 'customer_user_id',
      maxConcurrency: 1,
      signal: controller.signal,
      sleep: async () => {
        waited++;
      },
      // a fails with a 500; b then takes the one place, and holds it until the batch is cancelled.
      call: (query, signal) => {
        calls.push(query.id);
        return query.id === 'a' ? Promise.resolve(fail(err500)) : untilAborted(signal);
      },
    });
    await expect.poll(() => [calls, waited]).toEqual([['a', 'b'], 1]);
    controller.abort();
    const { rows } = await run.done;
    expect(calls).toEqual(['a', 'b']);
    expect(rows[0]).toMatchObject({ status: 'cancelled', attempts: 1, error: { kind: 'cancelled', status: 500, requestId: 'req-500' } });
    expect(rows[0]?.error?.message).toBe('Not tried again: the batch was cancelled. Its last attempt: Adapty answered 500. Try again in a moment.');
    expect(rows[1]).toMatchObject({ status: 'cancelled', attempts: 1, error: cancelledCall });
  });

  it('a key refused while another row waits to be tried again: that row says where the batch stopped, and keeps its own attempt', async () => {
    const refused = lookupError('unauthorized', 'Adapty did not accept the API key.', { status: 401, requestId: 'req-401' });
    const { sleep, asleep } = waitUntilStopped();
    const run = runBatch({
      ids: ['a', 'b'],
      idType: 'customer_user_id',
      maxConcurrency: 2,
      // a waits out its backoff until the batch stops.
      sleep,
      // b is refused once a is waiting.
      call: (query) => (query.id === 'a' ? Promise.resolve(fail(err500)) : asleep.then(() => fail(refused))),
    });
    const { rows, stopped, stoppedBy } = await run.done;
    expect(stoppedBy).toEqual({ id: 'b', error: refused });
    expect(stopped?.message).toBe('Not looked up: the batch stopped at "b": Adapty did not accept the API key.');
    expect(rows[1]).toMatchObject({ status: 'failed', error: refused });
    expect(rows[0]).toMatchObject({ status: 'cancelled', attempts: 1, error: { kind: 'cancelled', status: 500, requestId: 'req-500' } });
    expect(rows[0]?.error?.message).toBe('Not tried again: the batch stopped at "b": Adapty did not accept the API key. Its last attempt: Adapty answered 500. Try again in a moment.');
  });
});

describe('a message made of others', () => {
  /** Whether an error may cross to the window as it is (the contract refuses it, and the whole getBatch answer with it, if not). */
  const fits = (error: LookupError | null | undefined) => lookupErrorSchema.safeParse(error).success;
  /** Words of Adapty's as long as an error may hold. */
  const long = (what: string) => `${what} ${'x'.repeat(MAX_MESSAGE_CHARS - what.length - 1)}`;

  it("is cut to what an error may hold: a row cancelled while it waits to be tried again, after Adapty's longest words", async () => {
    const controller = new AbortController();
    const err503 = lookupError('server_error', long('Adapty answered 503.'), { status: 503, requestId: 'req-503' });
    expect(fits(err503)).toBe(true);
    const run = runBatch({
      ids: ['a'],
      idType: 'customer_user_id',
      maxConcurrency: 1,
      signal: controller.signal,
      sleep: async () => controller.abort(),
      call: () => Promise.resolve(fail(err503)),
    });
    const { rows } = await run.done;
    expect(fits(rows[0]?.error)).toBe(true);
    expect(rows[0]?.error).toMatchObject({ status: 503, requestId: 'req-503', message: expect.stringMatching(/^Not tried again: the batch was cancelled\. Its last attempt: Adapty answered 503\. x+…$/) });
    expect(rows[0]?.error?.message).toHaveLength(MAX_MESSAGE_CHARS);
  });

  it("is cut so too in a batch stopped by a refused key, with Adapty's longest words", async () => {
    const refused = lookupError('unauthorized', long('Adapty did not accept the API key.'), { status: 401, requestId: 'req-401' });
    const { sleep, asleep } = waitUntilStopped();
    const run = runBatch({
      ids: ['a', 'b', 'c'],
      idType: 'customer_user_id',
      maxConcurrency: 2,
      sleep,
      // a waits to be tried again; b is refused then; c, sent in b's place, is cancelled in flight as the batch stops.
      call: (query, signal) => {
        if (query.id === 'a') return Promise.resolve(fail(lookupError('server_error', 'Adapty answered 500.', { status: 500 })));
        if (query.id === 'b') return asleep.then(() => fail(refused));
        return untilAborted(signal);
      },
    });
    const { rows, stopped, stoppedBy } = await run.done;
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      ['a', 'cancelled'],
      ['b', 'failed'],
      ['c', 'cancelled'],
    ]);
    expect(rows.every((row) => fits(row.error))).toBe(true);
    expect(fits(stopped)).toBe(true);
    expect(stoppedBy).not.toBeNull();
    const refusal = refusalError(stoppedBy as StoppedBy);
    expect(fits(refusal)).toBe(true);
    expect(refusal).toMatchObject({ kind: 'unauthorized', status: 401, requestId: 'req-401', message: expect.stringMatching(/^The batch stopped at "b": Adapty did not accept the API key\. x+…$/) });
  });

  it('is cut so too in a batch stopped saying why at length', async () => {
    const stoppedAtLength = runBatch({ ids: ['a', 'b'], idType: 'customer_user_id', maxConcurrency: 1, call: (_query, signal) => untilAborted(signal) });
    stoppedAtLength.stop(long('the connection was removed.'));
    const ended = await stoppedAtLength.done;
    expect(fits(ended.stopped)).toBe(true);
    expect(ended.rows.every((row) => row.status === 'cancelled' && fits(row.error))).toBe(true);
  });
});

describe('at a rate limit', () => {
  const local = useLocalAdapty({ rateLimit: { perSecond: 400, burst: 20 } });

  it('every row ends ok, each ID answered 200 exactly once, though the server refused some requests', async () => {
    const before = local.server.requests.length;
    const ids = users(1200);
    const run = runBatch({
      ids,
      idType: 'customer_user_id',
      maxConcurrency: 16,
      call: (query, signal) => lookupIdentifiers(query, { apiKey: LOCAL_ADAPTY_KEY, fetch: (url, init) => fetch(url, init), baseUrl: local.server.url, signal }),
    });
    const { rows } = await run.done;
    expect(rows.map((row) => row.id)).toEqual(ids);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);
    const progress = run.progress();
    expect(progress.throttled).toBeGreaterThan(0);
    expect(progress.rate).not.toBeNull();
    // Every request beyond one per ID was a 429 that was tried again.
    expect(local.server.requests.length - before).toBe(ids.length + progress.throttled);
    expect(rows.reduce((sum, row) => sum + row.attempts, 0)).toBe(ids.length + progress.throttled);
  }, 30_000);
});

describe('a call that throws (a bug)', () => {
  it('fails its own row, saying so, frees its place, and the batch ends with every other row', async () => {
    let calls = 0;
    const run = runBatch({
      ids: ['a', 'b', 'c'],
      idType: 'customer_user_id',
      maxConcurrency: 1,
      call: async (query) => {
        if (calls++ === 0) throw new Error('boom');
        return { ok: true, value: { query, identifiers: {} as never, extras: {}, requestId: null } };
      },
    });
    const { rows } = await run.done;
    expect(rows.map((row) => row.status)).toEqual(['failed', 'ok', 'ok']);
    expect(rows[0]?.error?.message).toMatch(/problem inside the app \(Error\)/);
    expect(rows[0]?.error?.message).not.toContain('boom');
  });
});

describe('the time left', () => {
  it('is reckoned at the pace of the last 5 s, and unknown when nothing ended in them (a slow row is not "1 s left")', async () => {
    const clock = { t: 0 };
    const hanging: Array<() => void> = [];
    const run = runBatch({
      ids: users(10),
      idType: 'customer_user_id',
      maxConcurrency: 1,
      now: () => clock.t,
      call: async (query, signal) => {
        clock.t += 100;
        if (query.id !== 'user-5') return { ok: true, value: { query, identifiers: {} as never, extras: {}, requestId: null } };
        // user-5 answers only when the test says, or is cancelled.
        await new Promise<void>((resolve) => {
          hanging.push(resolve);
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        return { ok: false, error: lookupError('cancelled', 'x') };
      },
    });
    await expect.poll(() => run.progress().done).toBe(4);
    // 4 rows ended in the 500 ms so far (the fifth is in flight): 6 left at that pace.
    expect(run.progress().etaMs).toBeCloseTo(750, 5);
    clock.t += 6000;
    expect(run.progress().etaMs).toBeNull();
    hanging[0]?.();
    await run.done;
  });

  it('is never less than the wait of a row to be tried again (the last row waiting out a Retry-After of 30 s)', async () => {
    const clock = { t: 0 };
    let wakeRetry: () => void = () => undefined;
    let limited = false;
    const run = runBatch({
      ids: users(10),
      idType: 'customer_user_id',
      maxConcurrency: 1,
      now: () => clock.t,
      random: () => 0,
      sleep: () => new Promise<void>((resolve) => (wakeRetry = resolve)),
      call: async (query) => {
        clock.t += 100;
        if (query.id === 'user-10' && !limited) {
          limited = true;
          return { ok: false, error: lookupError('rate_limited', 'x', { status: 429, retryAfterMs: 30_000 }) };
        }
        return { ok: true, value: { query, identifiers: {} as never, extras: {}, requestId: null } };
      },
    });
    await expect.poll(() => limited).toBe(true);
    await expect.poll(() => run.progress().done).toBe(9);
    // At the pace of late one row is 0.1 s; it is waiting 30 s first.
    expect(run.progress().etaMs).toBe(30_000);
    clock.t += 2_000;
    expect(run.progress().etaMs).toBe(28_000);
    // Nothing ended in the last 5 s: no pace to go by, as before.
    clock.t += 10_000;
    expect(run.progress().etaMs).toBeNull();
    wakeRetry();
    await run.done;
    expect(run.progress()).toMatchObject({ done: 10, etaMs: 0 });
  });
});

describe('the wait before a retry', () => {
  it('is a random part of a doubling backoff; a 429 waits its Retry-After (or 1 s) and a little more', () => {
    const error = lookupError('server_error', 'x', { status: 503 });
    expect([0, 1, 2].map((retry) => retryDelay(error, retry, () => 1))).toEqual([250, 500, 1000]);
    expect(retryDelay(error, 2, () => 0)).toBe(0);
    expect(retryDelay(lookupError('rate_limited', 'x', { retryAfterMs: 3000 }), 0, () => 0.5)).toBe(3125);
    expect(retryDelay(lookupError('rate_limited', 'x'), 0, () => 0)).toBe(1000);
  });
});
