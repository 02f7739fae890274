/**
 * Demo mode: a connection to the local Adapty server the app starts on this
 * computer, with sample profiles and IDs that fail on purpose, so a newcomer
 * sees every part of the app, every failure banner included, with no Adapty
 * account. These are the IDs the window suggests (each one exists on the
 * local server: a unit test checks it).
 */
export const DEMO_CONNECTION_ID = 'demo';
export const DEMO_CONNECTION_NAME = 'Demo (sample data)';
/** The demo connection's timeout: short, so that a newcomer sees the timeout's banner within seconds. */
export const DEMO_TIMEOUT_MS = 5_000;

export interface DemoId {
  id: string;
  what: string;
}

/**
 * The IDs to try through a demo connection whose timeout is `timeoutMs` (DEMO_TIMEOUT_MS unless the person
 * changed it): one is slower than that timeout, so it times out, whatever the timeout is.
 */
export function demoIds(timeoutMs: number): readonly DemoId[] {
  return [
    { id: 'documented-example', what: 'found: 5 identifiers, a subscription' },
    { id: 'all-set', what: 'found: all 16, a lifetime access level' },
    { id: '3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10', what: 'a profile ID (Auto tries it as one first)' },
    { id: 'nobody', what: 'not found' },
    { id: 'scenario:rate-limited', what: 'rate limited, Retry after 2 s' },
    { id: 'scenario:server-error', what: 'Adapty has a problem (500)' },
    { id: 'scenario:unauthorized', what: 'the key is refused (401)' },
    { id: 'scenario:forbidden', what: 'the key may not do this (403)' },
    { id: 'scenario:slow', what: 'slow: cancel it with Esc' },
    { id: `scenario:slow:${timeoutMs + 3_000}`, what: `slower than the demo's ${timeoutMs / 1000} s timeout` },
    { id: 'scenario:drop', what: 'the connection drops' },
    { id: 'scenario:wrong-shape', what: 'an answer of the wrong shape' },
    { id: 'scenario:profile-fails', what: 'the profile part fails on its own' },
  ];
}

export const DEMO_IDS = demoIds(DEMO_TIMEOUT_MS);
