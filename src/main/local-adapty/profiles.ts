/**
 * Sample profiles of the local Adapty server, and the customer user IDs that
 * make it fail on purpose (`scenario:<name>`). The first profile is the example
 * from Adapty's own reference page, as it is printed there.
 */
import { IDENTIFIER_KEYS, type Identifiers } from '../../shared/identifiers';

export interface SampleProfile {
  profileId: string;
  customerUserId: string;
  /** The body the server sends, as is (it may lack keys or carry extra ones). */
  body: Record<string, unknown>;
}

const allSet = Object.fromEntries(
  IDENTIFIER_KEYS.map((key, i) => [key, `${key.replace(/_/g, '-')}-${(i + 1).toString().padStart(2, '0')}-7f3a9c`]),
) as Identifiers;

export const SAMPLE_PROFILES: readonly SampleProfile[] = [
  {
    profileId: '3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10',
    customerUserId: 'documented-example',
    body: {
      facebook_anonymous_id: 'XZ7EF7D15E-8FA1-49D8-B180-918EB333E42A',
      amplitude_user_id: null,
      amplitude_device_id: null,
      mixpanel_user_id: '33w6yv5DPqVlyMVbjW31xvzJLtJ3',
      appmetrica_profile_id: null,
      appmetrica_device_id: null,
      one_signal_player_id: null,
      one_signal_subscription_id: '333ed338-757d-466a-a672-ab92db196a1f',
      pushwoosh_hwid: null,
      firebase_app_instance_id: 'C333B35DF1DB418E99F7B815E9F5C549',
      airbridge_device_id: null,
      appsflyer_id: '1741933337626-3179568',
      branch_id: null,
      adjust_device_id: null,
      tenjin_analytics_installation_id: null,
      posthog_distinct_user_id: null,
    },
  },
  { profileId: '5a3f7e2b-8c4d-4f6a-b1e9-2d7c0f5a9b3e', customerUserId: 'all-set', body: allSet },
  {
    profileId: '9b2e4d6f-1a3c-4e5b-8d7f-6c0a2e4b1d9f',
    customerUserId: 'none-set',
    body: Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, null])),
  },
  {
    // Keys left out, an empty string, and keys this app does not know yet.
    profileId: '0c8d6b4a-2e1f-4a3b-9c5d-7e6f8a9b0c1d',
    customerUserId: 'liberal-shape',
    body: {
      appsflyer_id: '1700000000000-1234567',
      adjust_device_id: '',
      mixpanel_user_id: null,
      singular_device_id: 'sg-42',
      future_integration: { id: 'x-1', since: 2026 },
    },
  },
];

/** Customer user IDs that make the server misbehave in one documented way each. */
export const SCENARIOS = {
  'not-found-object-form': '404 with errors as {source, errors[]} objects',
  forbidden: '403 feature_not_enabled',
  'rate-limited': '429 with Retry-After: 2 (seconds)',
  'rate-limited-date': '429 with Retry-After as an HTTP date 3 s ahead',
  'rate-limited-bare': '429 without Retry-After',
  'server-error': '500 with an empty body',
  'bad-gateway': '502 with an HTML body, as a load balancer sends',
  'service-unavailable': '503 with a JSON error body',
  'not-json': '200 with a body that is not JSON',
  'wrong-shape': '200 with appsflyer_id as a number',
  'not-an-object': '200 with a JSON array',
  slow: 'answers the all-set profile after the slow delay (scenario:slow:<ms> sets it)',
  drop: 'closes the connection without answering',
  'x-request-id': 'answers the all-set profile with x-request-id instead of Request-Id',
  'no-request-id': 'answers the all-set profile with no request ID header',
  'redirect-same-origin': '307 to the same endpoint on this server',
  'redirect-cross-origin': '307 to the server given as redirectTarget',
  'redirect-loop': '307 back to itself, for ever',
  'echo-key': '400 whose error message repeats the Authorization header',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_PREFIX = 'scenario:';
