/** For each error kind: the banner's title and the one action that helps. */
import type { AppError } from '../../../../shared/errors';

export type ErrorAction = 'open-settings' | 'switch-id-type' | 'retry' | null;

export interface ErrorAdvice {
  title: string;
  action: ErrorAction;
}

export function adviceFor(error: AppError): ErrorAdvice {
  switch (error.kind) {
    case 'unauthorized':
      return { title: 'API key not accepted', action: 'open-settings' };
    case 'not_found':
      return { title: 'No profile with this ID', action: 'switch-id-type' };
    case 'rate_limited':
      return { title: 'Too many requests: Adapty is rate limiting this app', action: 'retry' };
    case 'server_error':
      return { title: 'Adapty could not answer', action: 'retry' };
    case 'network':
      return { title: 'Could not reach Adapty', action: 'retry' };
    case 'timeout':
      return { title: 'Adapty took too long to answer', action: 'retry' };
    case 'invalid_response':
      return { title: "Adapty's answer could not be read", action: 'retry' };
    case 'invalid_input':
      return { title: 'Check what was entered', action: null };
    case 'cancelled':
      return { title: 'The lookup was cancelled', action: 'retry' };
    case 'keychain_unavailable':
      return { title: 'The OS keychain cannot be used', action: 'open-settings' };
    case 'no_key':
      return { title: 'No API key yet', action: 'open-settings' };
    case 'bad_request':
    case 'internal':
      return { title: 'Something went wrong inside the app', action: 'retry' };
  }
}
