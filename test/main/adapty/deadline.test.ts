import { describe, expect, it } from 'vitest';
import { startDeadline } from '../../../src/main/adapty/deadline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    let listening = 0;
    const add = caller.signal.addEventListener.bind(caller.signal);
    const remove = caller.signal.removeEventListener.bind(caller.signal);
    caller.signal.addEventListener = ((...args: Parameters<typeof add>) => ((listening += 1), add(...args))) as typeof add;
    caller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => ((listening -= 1), remove(...args))) as typeof remove;
    const deadline = startDeadline(10_000, caller.signal);
    expect(listening).toBe(1);
    await sleep(120);
    deadline.release();
    expect(listening).toBe(0);
    // A lookup that starts now gets a new deadline.
    const next = startDeadline(10_000, caller.signal);
    expect(next.signalFor(true)).not.toBe(deadline.signalFor(true));
    next.release();
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
