/**
 * A batch run: each ID looked up once, at the pace the server allows (pacer.ts), each row ending as
 * ok, failed or cancelled, and never two rows for one ID or none. No electron, no files: the app's
 * handlers and the CLI give it the call to make and take the rows.
 *
 * - A request that failed for a reason that may pass (429, 5xx, timeout, network) is tried again, at
 *   most 3 times, after a jittered, growing wait; a 429 waits at least its Retry-After.
 * - Under Auto, a row is one or two requests (see shared/auto.ts); each is retried on its own.
 * - A 401 or 403 stops the batch: every other row would be refused the same way. The rows left are
 *   cancelled, saying why (and at which ID); the batch ends naming that row (stoppedBy). Rows in flight
 *   may be refused too, after it: they are not what stopped it.
 * - Cancelling (the signal, or stop()) keeps every row that finished; the rest are cancelled. stop(reason)
 *   (the connection was removed) says why in each of them, as a refusal does. The reason is said once, bare
 *   (`the batch was cancelled.`), and each row words it for what happened to it: "Not looked up: <reason>"
 *   for a row never sent, "Not tried again: …" for one waiting to be retried, "Cancelled while being tried
 *   again: …" for one whose retry was in flight.
 * - An answer with some identifiers of the wrong shape fails its row as invalid_response, keeping the
 *   identifiers that were read (a single lookup shows them so too): never "ok" with a field left blank.
 */
import { setMaxListeners } from 'node:events';
import { byChoice } from '../../shared/auto';
import { pendingRow, type BatchProgress, type BatchRow } from '../../shared/batch';
import { lookupError, MAX_MESSAGE_CHARS, type LookupError } from '../../shared/errors';
import type { IdChoice } from '../../shared/input-rules';
import type { LookupOutcome, LookupQuery } from '../../shared/lookup';
import { unreadableError } from '../../shared/unreadable';
import { clip } from '../../shared/text';
import { fail } from '../../shared/result';
import { createPacer, type Signal } from './pacer';
import { recentTimes } from './recent-times';

export const MAX_RETRIES = 3;
/** Why the rows left end when the batch is cancelled, bare (see stop). */
const CANCELLED = 'the batch was cancelled.';
/** Backoff: a random wait up to BASE × 2^retry (at most CAP). */
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8000;
/** A 429 without Retry-After waits this long, plus jitter. */
const DEFAULT_RETRY_AFTER_MS = 1000;
/** The time left is reckoned from the rows that ended in this last stretch. */
const ETA_WINDOW_MS = 5000;
/** Rows under way at once (in flight or waiting to retry), per place in flight. */
const ROWS_PER_PLACE = 4;

export interface BatchOptions {
  /** The IDs, each once (see shared/batch.ts batchIds). */
  ids: readonly string[];
  idType: IdChoice;
  /** One request about one ID of one type. */
  call: (query: LookupQuery, signal: AbortSignal) => Promise<LookupOutcome>;
  maxConcurrency: number;
  signal?: AbortSignal;
  /** Told of each row as it ends. */
  onRow?: (index: number, row: BatchRow) => void;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
}

/** The row whose refusal stopped a batch: its ID, and the error it ended with (what Adapty said, its request ID). */
export interface StoppedBy {
  id: string;
  error: LookupError;
}

/** `stopped at "user-1": Adapty did not accept the API key…`: what the rows left say, and the CLI's last line. */
export const stoppedAtText = ({ id, error }: StoppedBy) => `stopped at "${clip(id, 80)}": ${error.message}`;

/**
 * A message made of others (Adapty's words, a row's last attempt), cut to what an error may hold: a longer one
 * is refused by the contract, and with it the whole getBatch answer (the window could not show the batch).
 */
const fitted = (message: string) => clip(message, MAX_MESSAGE_CHARS);

/** The refusal that stopped a batch, as the batch's own error: the row's (kind, status, Adapty's words, request ID), saying where it stopped. */
export const refusalError = (by: StoppedBy): LookupError => ({ ...by.error, message: fitted(`The batch ${stoppedAtText(by)}`) });

interface BatchRun {
  rows: readonly BatchRow[];
  progress(): BatchProgress;
  /**
   * Ends the batch now: the rows not finished are cancelled, saying `reason` when given (a sentence such as
   * `the connection "Demo" was removed while the batch ran.`; the batch ends with "Not looked up: <reason>").
   * A batch already stopped or cancelled keeps the reason it ended for.
   */
  stop(reason?: string): void;
  /**
   * Settles when every row has ended; with why the batch stopped early, if it did, and the row whose
   * refusal stopped it (null when none did: it ran to its end, was cancelled, or stopped saying why).
   */
  done: Promise<{ rows: BatchRow[]; stopped: LookupError | null; stoppedBy: StoppedBy | null }>;
}

/** Whether a failure may pass if tried again, and what it says about the server. */
function classify(outcome: LookupOutcome): { signal: Signal | null; retry: boolean } {
  if (outcome.ok) return { signal: null, retry: false };
  const { kind, status } = outcome.error;
  if (kind === 'rate_limited') return { signal: { kind: 'throttled' }, retry: true };
  if (kind === 'timeout' || kind === 'network' || (kind === 'server_error' && (status === null || status >= 500))) return { signal: { kind: 'overloaded' }, retry: true };
  return { signal: null, retry: false };
}

export function retryDelay(error: LookupError, retry: number, random: () => number): number {
  const backoff = random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  if (error.kind !== 'rate_limited') return backoff;
  return (error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS) + random() * BACKOFF_BASE_MS;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const isStop = (error: LookupError) => error.kind === 'unauthorized';

export function runBatch(options: BatchOptions): BatchRun {
  const { ids, idType, call } = options;
  const now = options.now ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const pacer = createPacer({ maxConcurrency: options.maxConcurrency, now });
  const rows: BatchRow[] = ids.map(pendingRow);
  const internal = new AbortController();
  // Every request and wait listens to it: many at once is expected, not a leak.
  setMaxListeners(0, internal.signal);
  /** What a row never sent says. */
  const neverSent = (reason: string, status: number | null = null) => lookupError('cancelled', fitted(`Not looked up: ${reason}`), { status });
  const cancelled = neverSent(CANCELLED);
  /** Why the batch ended early, bare: each row words it for what happened to it. */
  let reason = CANCELLED;
  /** The batch's own reason, when it was stopped saying why (or by a refusal, with its status): null when cancelled. */
  let stopped: LookupError | null = null;
  let stoppedBy: StoppedBy | null = null;
  const end = (why?: string, status: number | null = null) => {
    if (internal.signal.aborted) return;
    if (why !== undefined) {
      reason = why;
      stopped = neverSent(why, status);
    }
    internal.abort();
  };
  const stop = (why?: string) => end(why);
  const onOuterAbort = () => stop();
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const started = now();
  let done = 0;
  let failed = 0;
  /** Rows cancelled: never sent, or sent and left without a final answer. */
  let cancelledRows = 0;
  /** When rows ended, over the last ETA_WINDOW_MS: the time left is reckoned at the pace of late. */
  const endings = recentTimes(ETA_WINDOW_MS);
  /** When each request waiting to be tried again will be (the batch cannot end before the last of them). */
  const retries = new Set<{ at: number }>();

  /**
   * Why a row ends without an answer of its own: the batch was cancelled or stopped. A row that was looked up
   * does not say "Not looked up", and keeps what its last attempt got (status, request ID, Adapty's words):
   * one waiting to be tried again (`waiting`) was not tried again; one whose retry was in flight (`retrying`) was.
   */
  function endedEarly(last: LookupError | null, when: 'waiting' | 'retrying'): LookupError {
    if (!last) return stopped ?? cancelled;
    const message =
      when === 'waiting' ? `Not tried again: ${reason} Its last attempt: ${last.message}` : `Cancelled while being tried again: ${reason} The attempt before: ${last.message}`;
    return { ...last, kind: 'cancelled', message: fitted(message) };
  }

  async function request(query: LookupQuery, count: () => void): Promise<LookupOutcome> {
    const { signal } = internal;
    let last: LookupError | null = null;
    for (let retry = 0; ; retry++) {
      const permit = await pacer.acquire(signal);
      if (!permit) return fail(endedEarly(last, 'waiting'));
      count();
      const sentAt = now();
      let outcome: LookupOutcome;
      try {
        outcome = await call(query, signal);
      } catch (error) {
        // The call's own promise to never throw was broken (a bug): this row fails, saying so; the batch goes on.
        permit.abandon();
        const what = error instanceof Error ? error.name : typeof error;
        return fail(lookupError('invalid_response', `This ID could not be looked up because of a problem inside the app (${what}). Rerun it; if it fails again, report it.`));
      }
      if (!outcome.ok && outcome.error.kind === 'cancelled') {
        permit.abandon();
        if (!signal.aborted) return outcome;
        // Cancelled in flight: a retry keeps what the attempt before it got; a first attempt says why (the client's words when cancelled).
        return fail(last ? endedEarly(last, 'retrying') : (stopped ?? outcome.error));
      }
      const { signal: said, retry: worthRetrying } = classify(outcome);
      permit.release(said ?? { kind: 'ok', latencyMs: now() - sentAt });
      if (outcome.ok || !worthRetrying || retry >= MAX_RETRIES) return outcome;
      last = outcome.error;
      const delay = retryDelay(outcome.error, retry, random);
      const waiting = { at: now() + delay };
      retries.add(waiting);
      await sleep(delay, signal).finally(() => retries.delete(waiting));
      if (signal.aborted) return fail(endedEarly(last, 'waiting'));
    }
  }

  async function runRow(index: number): Promise<void> {
    const row = rows[index] as BatchRow;
    let attempts = 0;
    const found = await byChoice({ idType, id: row.id }, (query) => request(query, () => attempts++));
    let ended: BatchRow;
    if (found.ok) {
      const { value, tried } = found.value;
      const result = tried ? { ...value, auto: { tried } } : value;
      const unreadable = unreadableError(result);
      ended = unreadable ? { ...row, status: 'failed', result, error: unreadable, attempts } : { ...row, status: 'ok', result, attempts };
      if (unreadable) failed++;
      else done++;
    } else {
      const error = found.error;
      const status = error.kind === 'cancelled' ? 'cancelled' : 'failed';
      ended = { ...row, status, error, attempts };
      if (status === 'cancelled') cancelledRows++;
      else failed++;
      // A refused key stops the batch, unless the person had already cancelled it.
      if (isStop(error) && !stopped && !internal.signal.aborted) {
        stoppedBy = { id: row.id, error };
        end(`the batch ${stoppedAtText(stoppedBy)}`, error.status);
      }
    }
    rows[index] = ended;
    const t = now();
    endings.add(t);
    options.onRow?.(index, ended);
  }

  /**
   * Milliseconds left at the pace of the last ETA_WINDOW_MS, and never less than the wait of a request to be
   * tried again (the last rows of a batch may be waiting out a Retry-After); null when nothing ended lately
   * (no pace to go by).
   */
  function etaMs(t: number, left: number): number | null {
    if (left === 0) return 0;
    const lately = endings.count(t);
    if (lately === 0) return null;
    const span = Math.min(ETA_WINDOW_MS, t - started);
    let latestRetry = t;
    for (const { at } of retries) latestRetry = Math.max(latestRetry, at);
    return Math.max((left * span) / lately, latestRetry - t);
  }

  const finished = (async () => {
    let next = 0;
    let underWay = 0;
    /** Wakes the loop below when a row ends (one waiter at a time: the loop). */
    let wake: (() => void) | null = null;
    const most = Math.max(1, options.maxConcurrency) * ROWS_PER_PLACE;
    const ended = () => {
      underWay--;
      wake?.();
    };
    const aRowEnds = async () => {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    };
    while (next < rows.length) {
      if (internal.signal.aborted) {
        // Rows never started end here, cancelled (or stopped, with the reason).
        for (; next < rows.length; next++) {
          const ended: BatchRow = { ...(rows[next] as BatchRow), status: 'cancelled', error: stopped ?? cancelled };
          rows[next] = ended;
          cancelledRows++;
          options.onRow?.(next, ended);
        }
        break;
      }
      if (underWay >= most) {
        await aRowEnds();
        continue;
      }
      underWay++;
      void runRow(next++).then(ended, ended);
    }
    while (underWay > 0) await aRowEnds();
    pacer.close();
    options.signal?.removeEventListener('abort', onOuterAbort);
    return { rows, stopped, stoppedBy };
  })();

  return {
    rows,
    progress() {
      const t = now();
      const elapsedMs = t - started;
      const pace = pacer.state();
      return {
        total: rows.length,
        done,
        failed,
        cancelled: cancelledRows,
        concurrency: pace.concurrency,
        rate: pace.rate,
        throttled: pace.throttled,
        elapsedMs,
        etaMs: etaMs(t, rows.length - done - failed - cancelledRows),
      };
    },
    stop,
    done: finished,
  };
}
