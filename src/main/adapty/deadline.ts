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
   * over); otherwise it follows the shared one and serves at most KEPT_SIGNAL_LOOKUPS lookups. Node's
   * fetch holds each signal it was given until garbage collection: one signal for all would gather a
   * listener per lookup meanwhile (each added after a walk of the others), one per lookup costs more than
   * the rest of the client.
   */
  signalFor(shareable: boolean): AbortSignal;
  /** Whether the time ran out (rather than the caller cancelling). */
  expired(): boolean;
  /** The lookup is over: its share of the signal is given back. */
  release(): void;
}

/** How many lookups over a transport that keeps its signal share one. */
const KEPT_SIGNAL_LOOKUPS = 16;

interface Kept {
  controller: AbortController;
  /** Lookups given it so far; in flight. */
  given: number;
  active: number;
}

class SharedDeadline {
  readonly controller = new AbortController();
  /**
   * Controllers for a transport that keeps its signal, aborted with the shared one (a set costs less than a
   * listener each). Each serves up to KEPT_SIGNAL_LOOKUPS lookups: making a signal costs about 4 µs, and
   * the transport's listeners, added one walk of the list each, never pile up beyond that many.
   */
  readonly own = new Set<Kept>();
  private kept: Kept | null = null;
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
    for (const own of this.own) own.controller.abort(reason);
    this.dispose();
  }

  /** A signal for one more lookup over a transport that keeps it. */
  keptSignal(): Kept {
    if (!this.kept || this.kept.given >= KEPT_SIGNAL_LOOKUPS) this.own.add((this.kept = { controller: new AbortController(), given: 0, active: 0 }));
    this.kept.given += 1;
    this.kept.active += 1;
    return this.kept;
  }

  releaseKept(kept: Kept): void {
    kept.active -= 1;
    if (kept.active === 0 && kept !== this.kept) this.own.delete(kept);
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
  let own: Kept | null = null;
  return {
    signalFor(shareable) {
      if (shareable || signal.aborted) return signal;
      own = joined.keptSignal();
      return own.controller.signal;
    },
    expired: () => joined.timedOut,
    release: () => {
      if (released) return;
      released = true;
      if (own) joined.releaseKept(own);
      joined.leave();
    },
  };
}
