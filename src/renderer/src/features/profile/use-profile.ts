/**
 * Who the user is: the profile lookup that runs beside the identifiers one,
 * with the same query. It succeeds or fails on its own; only the latest
 * search may change its state (an older answer is ignored).
 */
import { useCallback, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { LookupRequest } from '../../../../shared/lookup';
import type { Profile } from '../../../../shared/profile';
import { call } from '../../api';

export type ProfileState =
  | { phase: 'idle' }
  | { phase: 'loading'; query: LookupRequest }
  | { phase: 'found'; profile: Profile }
  /** `at`: when the error arrived, which a 429's wait before Retry counts from. */
  | { phase: 'failed'; query: LookupRequest; error: AppError; at: number };

export function useProfile() {
  const [state, setState] = useState<ProfileState>({ phase: 'idle' });
  const latest = useRef(0);

  const run = useCallback(async (query: LookupRequest) => {
    const ticket = ++latest.current;
    setState({ phase: 'loading', query });
    const outcome = await call('lookupProfile', query);
    if (ticket !== latest.current) return;
    setState(outcome.ok ? { phase: 'found', profile: outcome.value } : { phase: 'failed', query, error: outcome.error, at: Date.now() });
  }, []);

  /** Back to idle; an answer still to come is ignored. */
  const reset = useCallback(() => {
    latest.current++;
    setState({ phase: 'idle' });
  }, []);

  return { state, run, reset };
}
