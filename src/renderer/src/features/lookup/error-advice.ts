/** For each error kind: the banner's title and the one action that helps. */
import type { AppError } from '../../../../shared/errors';

export type ErrorAction = 'open-settings' | 'switch-id-type' | 'retry' | null;

export interface ErrorAdvice {
  title: string;
  action: ErrorAction;
}

const ADVICE: Record<AppError['kind'], ErrorAdvice> = {
  unauthorized: { title: 'API key not accepted', action: 'open-settings' },
  not_found: { title: 'No profile with this ID', action: 'switch-id-type' },
  // The same request would be refused again: Adapty's message says what to change.
  request_refused: { title: 'Adapty refused the request', action: null },
  rate_limited: { title: 'Too many requests: Adapty is rate limiting this app', action: 'retry' },
  server_error: { title: 'Adapty could not answer', action: 'retry' },
  network: { title: 'Could not reach Adapty', action: 'retry' },
  timeout: { title: 'Adapty took too long to answer', action: 'retry' },
  invalid_response: { title: "Adapty's answer could not be read", action: 'retry' },
  invalid_input: { title: 'Check what was entered', action: null },
  cancelled: { title: 'The lookup was cancelled', action: 'retry' },
  keychain_unavailable: { title: 'The OS keychain cannot be used', action: 'open-settings' },
  no_key: { title: 'No API key yet', action: 'open-settings' },
  key_origin_mismatch: { title: 'The saved key is for another address', action: 'open-settings' },
  // The same malformed request would fail again: nothing to retry.
  bad_request: { title: 'Something went wrong inside the app', action: null },
  internal: { title: 'Something went wrong inside the app', action: 'retry' },
};

export function adviceFor(error: AppError): ErrorAdvice {
  return ADVICE[error.kind];
}

/** The label of the button to the key's settings: adding one when there is none, else opening them. */
export function keyActionLabel(error: AppError): string {
  return error.kind === 'no_key' ? 'Add API key' : 'Open key settings';
}
