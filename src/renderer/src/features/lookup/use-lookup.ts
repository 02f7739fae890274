/**
 * The lookup's state: idle, loading, found, failed or cancelled. Only the
 * latest lookup may change it, so a slow answer to an older search never
 * replaces a newer one; main aborts the older request itself.
 */
import { useCallback, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { LookupRequest, LookupResult } from '../../../../shared/lookup';
import { call } from '../../api';

export type LookupState =
  | { phase: 'idle' }
  | { phase: 'loading'; query: LookupRequest }
  | { phase: 'found'; query: LookupRequest; result: LookupResult; at: number }
  | { phase: 'failed'; query: LookupRequest; error: AppError; at: number }
  | { phase: 'cancelled'; query: LookupRequest };

export function useLookup() {
  const [state, setState] = useState<LookupState>({ phase: 'idle' });
  const latest = useRef(0);

  const run = useCallback(async (query: LookupRequest) => {
    const ticket = ++latest.current;
    setState({ phase: 'loading', query });
    const outcome = await call('lookup', query);
    if (ticket !== latest.current) return;
    if (outcome.ok) setState({ phase: 'found', query, result: outcome.value, at: Date.now() });
    else if (outcome.error.kind === 'cancelled') setState({ phase: 'cancelled', query });
    else setState({ phase: 'failed', query, error: outcome.error, at: Date.now() });
  }, []);

  const cancel = useCallback(async () => {
    const current = latest.current;
    await call('cancelLookup');
    // The cancelled lookup's own answer sets the state; this covers a bridge that never answers.
    setState((state) => (latest.current === current && state.phase === 'loading' ? { phase: 'cancelled', query: state.query } : state));
  }, []);

  /** Back to idle; a lookup still in flight is cancelled and its answer ignored. */
  const reset = useCallback(() => {
    latest.current++;
    setState((state) => {
      if (state.phase === 'loading') void call('cancelLookup');
      return { phase: 'idle' };
    });
  }, []);

  return { state, run, cancel, reset };
}
