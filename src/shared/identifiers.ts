/**
 * The 16 integration identifiers Adapty keeps for a profile, in the order the
 * app shows them, with the integration each belongs to and what it means.
 * This list is the one source of truth: the response schema, the CLI table and
 * the renderer's result table are all built from it.
 */
export const IDENTIFIERS = [
  { key: 'adjust_device_id', integration: 'Adjust', label: 'Network user ID' },
  { key: 'airbridge_device_id', integration: 'Airbridge', label: 'Device ID' },
  { key: 'amplitude_device_id', integration: 'Amplitude', label: 'Device ID' },
  { key: 'amplitude_user_id', integration: 'Amplitude', label: 'User ID' },
  { key: 'appmetrica_device_id', integration: 'AppMetrica', label: 'Device ID' },
  { key: 'appmetrica_profile_id', integration: 'AppMetrica', label: 'Profile ID' },
  { key: 'appsflyer_id', integration: 'AppsFlyer', label: 'Network user ID' },
  { key: 'branch_id', integration: 'Branch', label: 'Branch key' },
  { key: 'facebook_anonymous_id', integration: 'Facebook Ads', label: 'Anonymous ID' },
  { key: 'firebase_app_instance_id', integration: 'Firebase', label: 'App instance ID' },
  { key: 'mixpanel_user_id', integration: 'Mixpanel', label: 'User ID' },
  { key: 'one_signal_player_id', integration: 'OneSignal', label: 'Player ID (legacy)' },
  { key: 'one_signal_subscription_id', integration: 'OneSignal', label: 'Subscription ID' },
  { key: 'posthog_distinct_user_id', integration: 'PostHog', label: 'Distinct user ID' },
  { key: 'pushwoosh_hwid', integration: 'Pushwoosh', label: 'Device HWID' },
  { key: 'tenjin_analytics_installation_id', integration: 'Tenjin', label: 'Installation ID' },
] as const;

export type IdentifierKey = (typeof IDENTIFIERS)[number]['key'];

export const IDENTIFIER_KEYS: readonly IdentifierKey[] = IDENTIFIERS.map((i) => i.key);

/** All 16 identifiers; null means the integration has no value for this profile. */
export type Identifiers = Record<IdentifierKey, string | null>;

export function isIdentifierKey(key: string): key is IdentifierKey {
  return (IDENTIFIER_KEYS as readonly string[]).includes(key);
}
