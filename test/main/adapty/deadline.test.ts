import { describe, expect, it } from 'vitest';
import { startDeadline } from '../../../src/main/adapty/deadline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many listeners `signal` has now, counted as they are added and removed. */
function listenersOn(signal: AbortSignal): () => number {
  let count = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => ((count += 1), add(...args))) as typeof add;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => ((count -= 1), remove(...args))) as typeof remove;
  return () => count;
}

describe('a lookup deadline', () => {
  it('fires once the timeout has passed, and not before, saying the time ran out', async () => {
    const started = performance.now();
    const deadline = startDeadline(80);
    const signal = deadline.signalFor(true);
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(79);
    expect(deadline.expired()).toBe(true);
    deadline.release();
  });

  it('is shared by lookups that start together with the same timeout and caller, and fires for each', async () => {
    const caller = new AbortController();
    const first = startDeadline(60, caller.signal);
    const second = startDeadline(60, caller.signal);
    expect(second.signalFor(true)).toBe(first.signalFor(true));
    // Another timeout or another caller gets its own.
    expect(startDeadline(61, caller.signal).signalFor(true)).not.toBe(first.signalFor(true));
    expect(startDeadline(60).signalFor(true)).not.toBe(first.signalFor(true));
    await sleep(80);
    expect(first.expired() && second.expired()).toBe(true);
  });

  it('gives a transport that holds on to signals one of its own, which follows the shared one', async () => {
    const deadline = startDeadline(40);
    const own = deadline.signalFor(false);
    expect(own).not.toBe(deadline.signalFor(true));
    await sleep(60);
    expect(own.aborted).toBe(true);
  });

  it('shares such a signal among 16 lookups at most (making one costs more than the lookup), and every one fires, for a timeout or the caller', async () => {
    const caller = new AbortController();
    const lookups = Array.from({ length: 40 }, () => startDeadline(10_000, caller.signal));
    const signals = lookups.map((lookup) => lookup.signalFor(false));
    const distinct = [...new Set(signals)];
    expect(distinct).toHaveLength(3);
    expect(signals.slice(0, 16).every((signal) => signal === signals[0])).toBe(true);
    expect(signals[16]).not.toBe(signals[15]);
    // The caller's cancel reaches every lookup still under way, whichever signal it shares.
    lookups.slice(0, 20).forEach((lookup) => lookup.release());
    caller.abort();
    expect(signals.slice(20).every((signal) => signal.aborted)).toBe(true);

    const timed = Array.from({ length: 20 }, () => startDeadline(30));
    const timedSignals = timed.map((lookup) => lookup.signalFor(false));
    timed[0]!.release();
    await sleep(60);
    expect(timedSignals.every((signal) => signal.aborted)).toBe(true);
    expect(timed.every((lookup) => lookup.expired())).toBe(true);
  });

  it("fires at once when the caller cancels, without counting as the time running out; the caller's signal is untouched by a deadline", async () => {
    const caller = new AbortController();
    const deadline = startDeadline(10_000, caller.signal);
    const signal = deadline.signalFor(true);
    caller.abort();
    expect(signal.aborted).toBe(true);
    expect(deadline.expired()).toBe(false);

    const other = new AbortController();
    const quick = startDeadline(20, other.signal);
    await sleep(40);
    expect(quick.expired()).toBe(true);
    expect(other.signal.aborted).toBe(false);
  });

  it("stops listening to the caller once every lookup in it is over and no new one can join", async () => {
    const caller = new AbortController();
    const listening = listenersOn(caller.signal);
    const deadline = startDeadline(10_000, caller.signal);
    expect(listening()).toBe(1);
    await sleep(120);
    deadline.release();
    expect(listening()).toBe(0);
    // A lookup that starts now gets a new deadline.
    const next = startDeadline(10_000, caller.signal);
    expect(next.signalFor(true)).not.toBe(deadline.signalFor(true));
    next.release();
  });
});

describe('deadlines that lookups have finished with', () => {
  it("stop listening to the caller's signal once their window closes, even with no lookup after them", async () => {
    const caller = new AbortController();
    const listening = listenersOn(caller.signal);
    // Lookups through connections with different timeouts, each over at once (within its window).
    for (let i = 0; i < 9; i++) startDeadline(10_000 + i, caller.signal).release();
    expect(listening()).toBe(9);
    await sleep(150);
    expect(listening()).toBe(0);
  });

  it('a timeout near the longest a timer takes does not fire at once', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const deadline = startDeadline(2 ** 31 - 50);
      await sleep(30);
      expect(deadline.signalFor(true).aborted).toBe(false);
      deadline.release();
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('many lookups on one deadline', () => {
  it('take a listener each on its signal without a warning of a leak', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const deadlines = Array.from({ length: 40 }, () => startDeadline(10_000));
      const signal = deadlines[0]!.signalFor(true);
      const listeners = deadlines.map(() => () => undefined);
      for (const listener of listeners) signal.addEventListener('abort', listener);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      for (const listener of listeners) signal.removeEventListener('abort', listener);
      for (const deadline of deadlines) deadline.release();
    } finally {
      process.off('warning', onWarning);
    }
  });
});
