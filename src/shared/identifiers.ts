/**
 * The 16 integration identifiers Adapty keeps for a profile, in the order the
 * app shows them, with the integration each belongs to and what it means.
 * This list is the one source of truth: the response schema, the CLI table and
 * the renderer's result table are all built from it.
 *
 * - `label`: the short label of the CLI table (within its integration).
 * - `name`: the name people search for, used by the window and the ticket text.
 * - `explanation`: what it is and, where the vendor's or Adapty's docs say so,
 *   the SDK call that gives it. Sources: adapty.io/docs/<integration> (AppsFlyer,
 *   OneSignal), Amplitude's page on Adapty, the vendors' SDK references (Adjust
 *   device info, Airbridge data fetching, AppMetrica profiles, Mixpanel and
 *   PostHog identity, OneSignal user model, Pushwoosh HWID) and adapty_flutter's
 *   profile parameters. Where none said more, it says less.
 */
export const IDENTIFIERS = [
  {
    key: 'adjust_device_id',
    integration: 'Adjust',
    label: 'Network user ID',
    name: 'Adjust device ID (adid)',
    explanation: 'The ID Adjust gives each device (ADID), from the Adjust SDK: Adjust.adid() (getAdid() on Android).',
  },
  {
    key: 'airbridge_device_id',
    integration: 'Airbridge',
    label: 'Device ID',
    name: 'Airbridge device ID',
    explanation: "Airbridge's ID for the device (Airbridge Device ID), from the Airbridge SDK: Airbridge.fetchDeviceUUID() on Android.",
  },
  {
    key: 'amplitude_device_id',
    integration: 'Amplitude',
    label: 'Device ID',
    name: 'Amplitude device ID',
    explanation: 'The device ID the Amplitude SDK uses for this install: getDeviceId().',
  },
  {
    key: 'amplitude_user_id',
    integration: 'Amplitude',
    label: 'User ID',
    name: 'Amplitude user ID',
    explanation:
      'The user ID the app set in Amplitude: getUserId(). With neither Amplitude ID set, Adapty sends Amplitude the customer user ID, or else the profile ID.',
  },
  {
    key: 'appmetrica_device_id',
    integration: 'AppMetrica',
    label: 'Device ID',
    name: 'AppMetrica device ID',
    explanation: "AppMetrica's ID for the device (appmetrica_device_id), from the AppMetrica SDK.",
  },
  {
    key: 'appmetrica_profile_id',
    integration: 'AppMetrica',
    label: 'Profile ID',
    name: 'AppMetrica user profile ID',
    explanation: 'The user profile ID the app gave AppMetrica: setUserProfileID(), or userProfileID in its configuration.',
  },
  {
    key: 'appsflyer_id',
    integration: 'AppsFlyer',
    label: 'Network user ID',
    name: 'AppsFlyer ID',
    explanation: "AppsFlyer's ID for the install, from the AppsFlyer SDK: AppsFlyerLib.shared().getAppsFlyerUID() (getAppsFlyerUID(context) on Android).",
  },
  {
    key: 'branch_id',
    integration: 'Branch',
    label: 'Branch key',
    name: 'Branch ID',
    explanation: 'The Branch identifier the app passed to Adapty for this user.',
  },
  {
    key: 'facebook_anonymous_id',
    integration: 'Facebook Ads',
    label: 'Anonymous ID',
    name: 'Facebook anonymous ID',
    explanation: 'The anonymous ID that Facebook (Meta) App Events gives the install: AppEvents anonymousID (getAnonymousId()).',
  },
  {
    key: 'firebase_app_instance_id',
    integration: 'Firebase',
    label: 'App instance ID',
    name: 'Firebase app instance ID',
    explanation: "Google Analytics for Firebase's ID for the install: Analytics.appInstanceID() (getAppInstanceId() on Android).",
  },
  {
    key: 'mixpanel_user_id',
    integration: 'Mixpanel',
    label: 'User ID',
    name: 'Mixpanel distinct ID',
    explanation: "Mixpanel's distinct_id for the user: distinctId in the Mixpanel SDK (the ID given to identify(), or one the SDK made).",
  },
  {
    key: 'one_signal_player_id',
    integration: 'OneSignal',
    label: 'Player ID (legacy)',
    name: 'OneSignal player ID (legacy)',
    explanation: "OneSignal's device record ID in SDKs before v5 (player ID); v5 and later use the subscription ID instead.",
  },
  {
    key: 'one_signal_subscription_id',
    integration: 'OneSignal',
    label: 'Subscription ID',
    name: 'OneSignal subscription ID',
    explanation: "The push subscription's ID in OneSignal SDK v5 and later: OneSignal.User.pushSubscription.id.",
  },
  {
    key: 'posthog_distinct_user_id',
    integration: 'PostHog',
    label: 'Distinct user ID',
    name: 'PostHog distinct ID',
    explanation: "PostHog's distinct_id for the user: the ID given to identify(), or one the SDK made.",
  },
  {
    key: 'pushwoosh_hwid',
    integration: 'Pushwoosh',
    label: 'Device HWID',
    name: 'Pushwoosh HWID',
    explanation: "Pushwoosh's hardware ID for the device: Pushwoosh.sharedInstance().getHWID().",
  },
  {
    key: 'tenjin_analytics_installation_id',
    integration: 'Tenjin',
    label: 'Installation ID',
    name: 'Tenjin analytics installation ID',
    explanation: "Tenjin's ID for the install, from the Tenjin SDK.",
  },
] as const;

export type IdentifierKey = (typeof IDENTIFIERS)[number]['key'];

export const IDENTIFIER_KEYS: readonly IdentifierKey[] = IDENTIFIERS.map((i) => i.key);

/** All 16 identifiers; null means the integration has no value for this profile. */
export type Identifiers = Record<IdentifierKey, string | null>;

const IDENTIFIER_KEY_SET: ReadonlySet<string> = new Set(IDENTIFIER_KEYS);

export function isIdentifierKey(key: string): key is IdentifierKey {
  return IDENTIFIER_KEY_SET.has(key);
}

/**
 * The unset identifiers in a few words, in order: an integration's name when none of its
 * identifiers is set, else the name of each one that is not ("Adjust, Amplitude user ID, …").
 */
export function unsetSummary(identifiers: Identifiers): string[] {
  const words: string[] = [];
  for (const { key, integration, name } of IDENTIFIERS) {
    if (identifiers[key] !== null) continue;
    const all = IDENTIFIERS.filter((i) => i.integration === integration);
    const noneSet = all.every((i) => identifiers[i.key] === null);
    const word = noneSet ? integration : name;
    if (!words.includes(word)) words.push(word);
  }
  return words;
}
