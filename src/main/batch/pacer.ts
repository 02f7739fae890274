/**
 * The pace of a batch: how many requests may be in flight, and how many may start a second.
 * Adapty's limit is per key and not published as one number, so the pace is found, not configured:
 *
 * - Concurrency starts low and grows by one a round while answers come back fast; it shrinks by a
 *   quarter on a 429 and by half on a 5xx, a timeout or a network failure, once per round (answers to
 *   requests sent before the last cut say nothing new).
 * - There is no rate until the first 429. Then the rate is cut (halved from what was being sent; cut
 *   again while 429s keep coming), and from the next 429 on it is measured: a 429 means the server's
 *   bucket is empty, so the answers accepted between two 429s, over the time between them, are exactly
 *   the rate it allows, whatever its burst. The pace then sits just under that and creeps up, so a
 *   limit that rises is found too.
 *
 * A 429's Retry-After is the refused row's to wait (see run-batch.ts): the other rows go on at the
 * lower rate, which is what keeps the batch near the limit instead of idling a second per 429.
 */
import { recentTimes } from './recent-times';

type RecentTimes = ReturnType<typeof recentTimes>;

export type Signal =
  /** A 2xx, or an answer that is final for its row (404, 401, …): the server is keeping up. */
  | { kind: 'ok'; latencyMs: number }
  | { kind: 'throttled' }
  /** 5xx, timeout, network: the server (or the way to it) is struggling. */
  | { kind: 'overloaded' };

interface PacerOptions {
  maxConcurrency: number;
  /** Where concurrency starts (at most maxConcurrency). */
  initialConcurrency?: number;
  now?: () => number;
}

export interface Permit {
  /** Says how the request went and frees its place. Call once. */
  release(signal: Signal): void;
  /** Frees the place without a signal (a cancelled request says nothing about the server). */
  abandon(): void;
}

interface PacerState {
  concurrency: number;
  rate: number | null;
  inFlight: number;
  throttled: number;
}

/** Once the limit is found, a 429 sets the pace to this share of the rate that met it … */
const UNDER = 0.95;
/** … from which it rises by this share a second, until the next 429. */
const CREEP_PER_SECOND = 0.01;
/** Before that, the rate grows by this factor every 100 ms (it was cut below the limit) … */
const PROBE_PER_100MS = 1.1;
/** … and a 429 before it grew back this much from a cut means the cut was not enough. */
const SETTLED = 1.05;
/** A rate grown past this (requests a second) is no rate at all: the pace is unbounded again. */
const RATE_CEILING = 10_000;
/** What "of late" is for the rates sent and accepted. */
const WINDOW_MS = 500;
const MIN_SPAN_MS = 20;
/** An answer this much slower than the fastest seen (and 100 ms slower) is not "fast": no growth. */
const SLOW_FACTOR = 2;
const SLOW_MARGIN_MS = 100;

export function createPacer(options: PacerOptions) {
  const now = options.now ?? (() => performance.now());
  const max = Math.max(1, Math.floor(options.maxConcurrency));
  let limit = Math.min(max, Math.max(1, options.initialConcurrency ?? Math.min(4, max)));
  let inFlight = 0;
  let throttled = 0;
  /** Successes since the last round of growth. */
  let fastInRound = 0;
  let fastest = Infinity;
  /** Requests started before this time say nothing new about a cut made then. */
  let lastCutAt = -Infinity;
  /** The rate: null until the first 429. `rateAt` is when it was set; `measured` once the limit was met from below. */
  let rate: number | null = null;
  let rateAt = 0;
  let measured = false;
  /** Start times of recent requests, to know the rate being sent when the first 429 comes. */
  const recentStarts = recentTimes(WINDOW_MS);
  const recentAccepted = recentTimes(WINDOW_MS);
  let firstStartAt = Infinity;
  let firstThrottleAt: number | null = null;
  /** The earliest the next request may start, at the rate. */
  let nextStartAt = 0;
  const waiters: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function currentRate(t: number): number | null {
    if (rate === null) return null;
    const seconds = Math.max(0, (t - rateAt) / 1000);
    const r = measured ? rate * (1 + CREEP_PER_SECOND * seconds) : rate * PROBE_PER_100MS ** (seconds * 10);
    // Grown far past anything sent (no 429 for a long while): no rate again, until the next 429.
    if (!(r <= RATE_CEILING)) {
      rate = null;
      measured = false;
      return null;
    }
    return r;
  }

  /** Requests a second in `times` since `since` (at most WINDOW_MS ago); 0 over less than `minSpanMs`. */
  function perSecond(times: RecentTimes, t: number, since: number, minSpanMs: number): number {
    const from = Math.max(since, t - WINDOW_MS);
    if (t - from < minSpanMs) return 0;
    return times.countSince(from, t) / (Math.max(1, t - from) / 1000);
  }
  /** Requests started a second of late (over at least 1 ms: a 429 can come within a few ms of the start). */
  const sentRate = (t: number) => perSecond(recentStarts, t, firstStartAt, 0);
  /** Answers accepted a second since the first 429: the server refused the rest, so about its limit. */
  const acceptedRate = (t: number) => (firstThrottleAt === null ? 0 : perSecond(recentAccepted, t, firstThrottleAt, MIN_SPAN_MS));

  function setRate(value: number, t: number, fromMeasurement: boolean) {
    rate = Math.max(0.5, value);
    rateAt = t;
    measured = fromMeasurement;
  }

  /** Whether a request may start now (room, and the rate's turn); takes the turn if so, else sets a timer for it. */
  function startNow(): boolean {
    if (inFlight >= Math.floor(limit)) return false;
    const t = now();
    const r = currentRate(t);
    if (r !== null && t < nextStartAt) {
      if (!timer) timer = setTimeout(() => ((timer = null), pump()), Math.max(1, Math.ceil(nextStartAt - t)));
      return false;
    }
    // A timer that fires late keeps its turn (up to one turn late): no burst beyond that.
    if (r !== null) nextStartAt = Math.max(nextStartAt, t - 1000 / r) + 1000 / r;
    inFlight++;
    return true;
  }

  /** Lets waiting requests start while they may. */
  function pump() {
    while (waiters.length > 0 && startNow()) (waiters.shift() as () => void)();
  }

  function onThrottled(t: number, startedAt: number) {
    throttled++;
    if (startedAt < lastCutAt) return;
    limit = Math.max(1, limit * 0.75);
    firstThrottleAt ??= t;
    const r = currentRate(t);
    // Far above the limit (the first 429, or another before the rate grew back from a cut): to half the
    // rate, or to what the server accepted of late if that is more (it refused the rest: that is about its limit).
    if (r === null || rate === null || (!measured && r < rate * SETTLED)) {
      const from = r ?? sentRate(t);
      setRate(Math.min(from * UNDER, Math.max(from / 2, acceptedRate(t) * UNDER)), t, false);
    }
    // Just over the limit, having come up to it from below: just under, then creep.
    else setRate(r * UNDER, t, true);
    lastCutAt = t;
  }

  function onOk(t: number, latencyMs: number) {
    recentAccepted.add(t);
    fastest = Math.min(fastest, latencyMs);
    const fast = latencyMs <= Math.max(fastest * SLOW_FACTOR, fastest + SLOW_MARGIN_MS);
    if (!fast) return;
    fastInRound++;
    if (fastInRound >= Math.floor(limit)) {
      fastInRound = 0;
      limit = Math.min(max, limit + 1);
    }
  }

  function onOverloaded(t: number, startedAt: number) {
    if (startedAt < lastCutAt) return;
    lastCutAt = t;
    limit = Math.max(1, limit / 2);
    fastInRound = 0;
  }

  /** The place of a request that has started (counted in inFlight). */
  function permit(): Permit {
    const startedAt = now();
    recentStarts.add(startedAt);
    firstStartAt = Math.min(firstStartAt, startedAt);
    let released = false;
    const free = () => {
      if (released) return false;
      released = true;
      inFlight--;
      return true;
    };
    return {
      release(s) {
        if (!free()) return;
        const t = now();
        if (s.kind === 'ok') onOk(t, s.latencyMs);
        else if (s.kind === 'throttled') onThrottled(t, startedAt);
        else onOverloaded(t, startedAt);
        pump();
      },
      abandon() {
        if (free()) pump();
      },
    };
  }

  return {
    /** Waits for a place (and the rate's turn), then holds it until released. */
    acquire(signal?: AbortSignal): Promise<Permit | null> {
      if (signal?.aborted) return Promise.resolve(null);
      // Room now and no one waiting: the place is given at once, with nothing to listen to.
      if (waiters.length === 0 && startNow()) return Promise.resolve(permit());
      return new Promise((resolve) => {
        const start = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(permit());
        };
        const onAbort = () => {
          const at = waiters.indexOf(start);
          if (at >= 0) waiters.splice(at, 1);
          resolve(null);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(start);
        pump();
      });
    },
    state(): PacerState {
      const r = currentRate(now());
      return { concurrency: Math.floor(limit), rate: r === null ? null : Math.round(r * 10) / 10, inFlight, throttled };
    },
    /** Stops the timer (the batch is over). */
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
