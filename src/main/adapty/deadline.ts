/**
 * A lookup's deadline: the abort signal its transport gets, which fires when the timeout passes or when
 * the caller cancels. An AbortController and a timer of its own for each lookup cost more than the rest
 * of the client on a near server, so lookups that start close together, with the same timeout and the
 * same caller signal (a batch's rows, a window's lookups one after another), share one signal. Its time
 * runs from the end of their shared start window, at most a tenth of the timeout (and 100 ms) wide, so
 * no lookup is cut short and none runs more than that window over its timeout.
 */

import { setMaxListeners } from 'node:events';

const MAX_WINDOW_MS = 100;
/** The longest delay a timer takes (2³¹−1 ms, about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds on a monotonic clock (process.uptime: no module to load, unlike performance, for the CLI's start). */
const now = () => process.uptime() * 1000;

export interface Deadline {
  /**
   * The signal to give a transport: fires at the deadline, or when the caller's signal does. It is
   * shared with other lookups when `shareable` (a transport that lets go of a signal once its request is
   * over); otherwise it is the lookup's own, following the shared one. Node's fetch holds each signal it
   * was given until garbage collection, and a shared signal's listeners would pile up meanwhile.
   */
  signalFor(shareable: boolean): AbortSignal;
  /** Whether the time ran out (rather than the caller cancelling). */
  expired(): boolean;
  /** The lookup is over: its share of the signal is given back. */
  release(): void;
}

class SharedDeadline {
  readonly controller = new AbortController();
  /** The lookups' own controllers (for a transport that keeps its signal), aborted with the shared one: a set costs less than a listener each. */
  readonly own = new Set<AbortController>();
  /** Lookups may join until this moment (now()). */
  readonly joinUntil: number;
  active = 0;
  timedOut = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  /** Armed when the last lookup in it ends before the window closes: it ends then, if none joined. */
  private idle: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    timeoutMs: number,
    private readonly caller: AbortSignal | undefined,
    private readonly onDisposed: (deadline: SharedDeadline) => void,
  ) {
    // One listener per request under way (a batch runs dozens at once) is no leak: no warning.
    setMaxListeners(0, this.controller.signal);
    const window = Math.min(MAX_WINDOW_MS, Math.max(1, Math.floor(timeoutMs / 10)));
    this.joinUntil = now() + window;
    // Whole milliseconds, rounded up (a timer drops fractions), and one more: never a moment short.
    this.timer = setTimeout(
      () => {
        this.timedOut = true;
        this.abort(new DOMException('The lookup timed out.', 'TimeoutError'));
      },
      Math.min(MAX_TIMER_MS, Math.ceil(timeoutMs + window) + 1),
    );
    // A deadline never holds the process open by itself: a request under way does.
    this.timer.unref?.();
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  private readonly onCallerAbort = () => this.abort(this.caller?.reason);

  private abort(reason: unknown): void {
    this.controller.abort(reason);
    for (const own of this.own) own.abort(reason);
    this.dispose();
  }

  /** Whether a lookup starting now may share it. */
  joinable(): boolean {
    return !this.disposed && now() < this.joinUntil;
  }

  leave(): void {
    this.active -= 1;
    if (this.active > 0) return;
    if (!this.joinable()) {
      this.dispose();
      return;
    }
    // Kept for lookups that start within the window (one after another, as a window's are), then let go:
    // nothing stays listening to the caller's signal until the timeout.
    this.idle ??= setTimeout(() => {
      this.idle = null;
      if (this.active === 0) this.dispose();
    }, Math.ceil(this.joinUntil - now()) + 1);
    this.idle.unref?.();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    if (this.idle) clearTimeout(this.idle);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
    this.onDisposed(this);
  }
}

/** The deadline lookups may join, by caller signal (none: NO_CALLER) and then by timeout. */
const open = new WeakMap<object, Map<number, SharedDeadline>>();
const NO_CALLER = {};

export function startDeadline(timeoutMs: number, caller?: AbortSignal): Deadline {
  const key = caller ?? NO_CALLER;
  let byTimeout = open.get(key);
  if (!byTimeout) open.set(key, (byTimeout = new Map()));
  let shared = byTimeout.get(timeoutMs);
  if (!shared?.joinable()) {
    // The one before, with no lookup left in it, ends now rather than at its time.
    if (shared?.active === 0) shared.dispose();
    const forget = (done: SharedDeadline) => {
      if (byTimeout.get(timeoutMs) === done) byTimeout.delete(timeoutMs);
    };
    shared = new SharedDeadline(timeoutMs, caller, forget);
    byTimeout.set(timeoutMs, shared);
  }
  const joined = shared;
  const { signal } = joined.controller;
  joined.active += 1;
  let released = false;
  let own: AbortController | null = null;
  return {
    signalFor(shareable) {
      if (shareable || signal.aborted) return signal;
      own = new AbortController();
      joined.own.add(own);
      return own.signal;
    },
    expired: () => joined.timedOut,
    release: () => {
      if (released) return;
      released = true;
      if (own) joined.own.delete(own);
      joined.leave();
    },
  };
}
