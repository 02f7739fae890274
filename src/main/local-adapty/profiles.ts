/**
 * Sample profiles of the local Adapty server, and the customer user IDs that
 * make it fail on purpose (`scenario:<name>`). The first profile's identifiers
 * are the example from Adapty's own reference page, as it is printed there.
 * Each profile also has what the profile endpoint answers for it (`profileData`):
 * an active subscription, a lifetime access level, nothing at all, and a refund
 * with a billing issue in older spellings.
 */
import { IDENTIFIER_KEYS, type Identifiers } from '../../shared/identifiers';

export interface SampleProfile {
  profileId: string;
  customerUserId: string;
  /** The body the server sends, as is (it may lack keys or carry extra ones). */
  body: Record<string, unknown>;
  /**
   * What the profile endpoint answers in `data`, over an empty profile of these IDs (see profileData);
   * a key set to undefined is left out of the answer.
   */
  profile?: Record<string, unknown>;
}

const DAY = 24 * 60 * 60 * 1000;
/** Dates relative to when the server was loaded, so an active subscription stays active. */
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().replace('Z', '+00:00');
const APP_ID = '14c3d623-2f3a-455a-aa86-ef83dff6913b';

/** The profile endpoint's `data` for a sample profile: its own fields over an empty profile of its IDs. */
export function profileData(sample: SampleProfile): Record<string, unknown> {
  return {
    app_id: APP_ID,
    profile_id: sample.profileId,
    customer_user_id: sample.customerUserId,
    total_revenue_usd: 0.0,
    segment_hash: '8f45947bad31ab0c',
    timestamp: Date.now(),
    custom_attributes: [],
    access_levels: [],
    subscriptions: [],
    non_subscriptions: [],
    ...sample.profile,
  };
}

/** A monthly App Store subscription, running, after a free trial (the API spec's spellings). */
const monthly = {
  store: 'app_store',
  store_product_id: 'premium.monthly',
  store_base_plan_id: null,
  store_transaction_id: '2000000815013007',
  store_original_transaction_id: '2000000335013007',
  offer: { category: 'introductory', type: 'free_trial', id: null },
  purchased_at: daysFromNow(-10),
  originally_purchased_at: daysFromNow(-40),
  expires_at: daysFromNow(20),
  renewal_cancelled_at: null,
  billing_issue_detected_at: null,
  is_in_grace_period: false,
  cancellation_reason: null,
};

/** An active subscription and the access level it grants. */
const activeSubscription = {
  total_revenue_usd: 9.99,
  custom_attributes: [
    { key: 'favourite_sport', value: 'yoga' },
    { key: 'level', value: 7 },
  ],
  access_levels: [{ access_level_id: 'premium', ...monthly, starts_at: null }],
  subscriptions: [{ ...monthly, environment: 'Production' }],
};

/** A lifetime unlock on Google Play (expires_at null) and a consumable bought twice. */
const lifetime = {
  total_revenue_usd: 53.97,
  custom_attributes: [{ key: 'plan', value: 'lifetime' }],
  access_levels: [
    {
      access_level_id: 'premium',
      store: 'play_store',
      store_product_id: 'premium.lifetime',
      store_base_plan_id: null,
      store_transaction_id: 'GPA.3372-4150-9088-12345',
      store_original_transaction_id: 'GPA.3372-4150-9088-12345',
      offer: null,
      starts_at: null,
      purchased_at: '2024-03-02T08:15:00+00:00',
      originally_purchased_at: '2024-03-02T08:15:00+00:00',
      expires_at: null,
      renewal_cancelled_at: null,
      billing_issue_detected_at: null,
      is_in_grace_period: false,
      cancellation_reason: null,
    },
  ],
  non_subscriptions: [
    {
      purchase_id: '7a5f9a7d-e236-33e6-96d8-53a3c59c5562',
      store: 'play_store',
      store_product_id: 'premium.lifetime',
      store_base_plan_id: null,
      store_transaction_id: 'GPA.3372-4150-9088-12345',
      store_original_transaction_id: 'GPA.3372-4150-9088-12345',
      purchased_at: '2024-03-02T08:15:00+00:00',
      environment: 'Production',
      is_refund: false,
      is_consumable: false,
    },
    {
      purchase_id: '0b6c2d1e-9f4a-4c3b-8e7d-6a5b4c3d2e1f',
      store: 'play_store',
      store_product_id: 'coins.100',
      store_base_plan_id: null,
      store_transaction_id: 'GPA.3372-4150-9088-67890',
      store_original_transaction_id: 'GPA.3372-4150-9088-67890',
      purchased_at: '2024-05-11T19:02:41+00:00',
      environment: 'Sandbox',
      is_refund: false,
      is_consumable: true,
    },
  ],
};

/**
 * A yearly Google Play subscription in trouble, in the older spellings: a billing issue, in its grace period,
 * renewal turned off (will_renew false), the offer spelled flat, the product as vendor_product_id.
 */
const yearlyInTrouble = {
  store: 'play_store',
  vendor_product_id: 'pro.yearly',
  store_base_plan_id: 'yearly-autorenew',
  store_transaction_id: 'GPA.3355-1111-2222-33333..1',
  store_original_transaction_id: 'GPA.3355-1111-2222-33333',
  offer_category: 'promotional',
  offer_type: 'pay_as_you_go',
  offer_id: 'winter-promo',
  purchased_at: daysFromNow(-362),
  originally_purchased_at: daysFromNow(-727),
  expires_at: daysFromNow(3),
  will_renew: false,
  billing_issue_detected_at: daysFromNow(-2),
  is_in_grace_period: true,
  cancellation_reason: 'billing_error',
};

/**
 * Trouble: that subscription and its access level (with unsubscribed_at, and a field this app does not know);
 * a refunded one-time purchase; revenue as a numeric string; a profile field this app does not know; app_id left out.
 */
const trouble = {
  app_id: undefined,
  total_revenue_usd: '12.5',
  custom_attributes: [{ key: 'churn_risk', value: 'high' }],
  support_tier: { name: 'gold', since: 2024 },
  access_levels: [
    { access_level_id: 'pro', ...yearlyInTrouble, environment: 'Sandbox', starts_at: null, unsubscribed_at: daysFromNow(-2), family_shared: false },
  ],
  subscriptions: [{ ...yearlyInTrouble, is_sandbox: true }],
  non_subscriptions: [
    {
      purchase_id: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170',
      store: 'app_store',
      store_product_id: 'themes.pack',
      store_base_plan_id: null,
      store_transaction_id: '30002109551456',
      store_original_transaction_id: '30002109551456',
      purchased_at: '2025-01-20T11:00:00+00:00',
      environment: 'Production',
      is_refund: true,
      is_consumable: false,
      refund_reason: 'accidental purchase',
    },
  ],
};

const allSet = Object.fromEntries(
  IDENTIFIER_KEYS.map((key, i) => [key, `${key.replace(/_/g, '-')}-${(i + 1).toString().padStart(2, '0')}-7f3a9c`]),
) as Identifiers;

export const SAMPLE_PROFILES: readonly SampleProfile[] = [
  {
    profileId: '3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10',
    customerUserId: 'documented-example',
    profile: activeSubscription,
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
  { profileId: '5a3f7e2b-8c4d-4f6a-b1e9-2d7c0f5a9b3e', customerUserId: 'all-set', body: allSet, profile: lifetime },
  {
    profileId: '9b2e4d6f-1a3c-4e5b-8d7f-6c0a2e4b1d9f',
    customerUserId: 'none-set',
    // The profile endpoint answers an empty profile: no purchases, no access levels, no attributes.
    body: Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, null])),
  },
  {
    // Keys left out, an empty string, and keys this app does not know yet.
    profileId: '0c8d6b4a-2e1f-4a3b-9c5d-7e6f8a9b0c1d',
    customerUserId: 'liberal-shape',
    profile: trouble,
    body: {
      appsflyer_id: '1700000000000-1234567',
      adjust_device_id: '',
      mixpanel_user_id: null,
      singular_device_id: 'sg-42',
      future_integration: { id: 'x-1', since: 2026 },
    },
  },
  {
    // An app that uses UUIDs as its own user IDs: this customer user ID is no profile's ID.
    profileId: '6f1d3b5a-7c9e-4b2d-a4f6-8e0c2a4b6d8f',
    customerUserId: 'b7e9c1d3-5f7a-4c8e-9a2b-4d6f8a0c2e4a',
    body: { ...Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, null])), amplitude_user_id: 'amp-uuid-user', mixpanel_user_id: 'mp-uuid-user' },
  },
];

/**
 * Customer user IDs that make the server misbehave in one documented way each, on both endpoints. Where one
 * answers "the all-set profile", the profile endpoint answers it under the customer user ID asked for.
 */
export const SCENARIOS = {
  'not-found-object-form': '404 with errors as {source, errors[]} objects',
  unauthorized: '401, as Adapty answers a key it does not know (each endpoint its own form)',
  forbidden: '403 feature_not_enabled',
  'rate-limited': '429 with Retry-After: 2 (seconds)',
  'rate-limited-date': '429 with Retry-After as an HTTP date 3 s ahead',
  'rate-limited-bare': '429 without Retry-After',
  'server-error': '500 with an empty body',
  'bad-gateway': '502 with an HTML body, as a load balancer sends',
  'service-unavailable': '503 with a JSON error body',
  'not-json': '200 with a body that is not JSON',
  'wrong-shape': '200 with appsflyer_id as a number (identifiers), access_levels as a string (profile)',
  'not-an-object': '200 with a JSON array',
  slow: 'answers the all-set profile after the slow delay (scenario:slow:<ms> sets it)',
  drop: 'closes the connection without answering',
  'x-request-id': 'answers the all-set profile with x-request-id instead of Request-Id',
  'no-request-id': 'answers the all-set profile with no request ID header',
  'redirect-same-origin': '307 to the same endpoint on this server',
  'redirect-cross-origin': '307 to the server given as redirectTarget',
  'redirect-loop': '307 back to itself, for ever',
  'echo-key': '400 whose error message repeats the Authorization header',
  'profile-fails': 'identifiers found (all-set); the profile endpoint answers 500',
  'identifiers-fail': 'the identifiers endpoint answers 500; the profile is found (all-set)',
  'profile-unreadable': 'identifiers found (all-set); the profile with its IDs, revenue and every list of the wrong type',
  flaky: 'answers 503 the first time an ID is asked for, then the all-set profile (scenario:flaky:<tag> for more such IDs)',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_PREFIX = 'scenario:';

/** Customer user IDs `user-1` … `user-999999999`: a profile each, made up from its number, for batches. */
const GENERATED_USER = /^user-([1-9]\d{0,8})$/;

/** The made-up profile of `user-N`: its own profile ID, and some identifiers set (which ones varies with N). */
export function generatedProfile(customerUserId: string): SampleProfile | undefined {
  const match = GENERATED_USER.exec(customerUserId);
  if (!match) return undefined;
  const n = Number(match[1]);
  const hex = n.toString(16).padStart(12, '0');
  const body = Object.fromEntries(IDENTIFIER_KEYS.map((key, i) => [key, (n + i) % 3 === 0 ? `${key.replace(/_/g, '-')}-${n}` : null]));
  return { profileId: `${GENERATED_PROFILE_PREFIX}${hex}`, customerUserId, body };
}

const GENERATED_PROFILE_PREFIX = '00000000-0000-4000-8000-';

/** The made-up profile whose profile ID is the one given (as `generatedProfile` makes them). */
export function generatedProfileById(profileId: string): SampleProfile | undefined {
  const id = profileId.toLowerCase();
  if (!id.startsWith(GENERATED_PROFILE_PREFIX)) return undefined;
  const n = Number.parseInt(id.slice(GENERATED_PROFILE_PREFIX.length), 16);
  return Number.isSafeInteger(n) ? generatedProfile(`user-${n}`) : undefined;
}

/** What a scenario reads after its name (`scenario:slow:<ms>`, `scenario:flaky:<tag>`); every other one ignores it. */
const SCENARIO_ARGUMENTS: Partial<Record<ScenarioName, string>> = { slow: '<ms>', flaky: '<tag>' };

/**
 * The IDs the local server answers, every kind, as `local-server` prints them: the sample profiles by either
 * ID, `user-N` and its profile ID, and the scenarios (with their argument, and the tail any of them takes).
 */
export function knownIdLines(): string[] {
  const first = generatedProfile('user-1')!;
  const last = generatedProfile('user-999999999')!;
  return [
    `Customer user IDs: ${SAMPLE_PROFILES.map((p) => p.customerUserId).join(', ')}, and ${first.customerUserId} … ${last.customerUserId} (a made-up profile each, for batches)`,
    `Profile IDs: ${SAMPLE_PROFILES.map((p) => p.profileId).join(', ')}, and ${first.profileId} … ${last.profileId} (user-N's: N in hex)`,
    `Failures: ${(Object.keys(SCENARIOS) as ScenarioName[]).map((s) => `${SCENARIO_PREFIX}${s}${SCENARIO_ARGUMENTS[s] ? `[:${SCENARIO_ARGUMENTS[s]}]` : ''}`).join(', ')}`,
    `  (any of them also as ${SCENARIO_PREFIX}<name>:<anything>, for more IDs that fail alike)`,
  ];
}
