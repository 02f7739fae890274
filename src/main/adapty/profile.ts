/**
 * The profile of one user: `GET /api/v2/server-side-api/profile/`, called
 * like the identifiers (same ID header, key, base URL and rules: client.ts),
 * and its answer read liberally into src/shared/profile.ts's shape.
 *
 * Followed: Adapty's OpenAPI spec (adaptyteam/adapty-docs, src/api-reference/specs/adapty-api.yaml, `getProfile`:
 * 200 `{data: Profile}`, 401 `not_authenticated`, 404 `profile_does_not_exist`, errors as `{source, errors[]}`),
 * and the "API objects" page (https://adapty.io/docs/server-side-api-objects), which spells the offer flat and
 * gives access levels an `environment`. Older answers (v1, the SDKs' models) spell some fields otherwise;
 * those are read too, as the second choice:
 *
 * | Adapty                                                   | read as                                 |
 * |----------------------------------------------------------|-----------------------------------------|
 * | data.profile_id / customer_user_id / app_id              | profileId / customerUserId / appId      |
 * | data.total_revenue_usd (a float; a numeric string too)   | totalRevenueUsd                         |
 * | data.custom_attributes [{key, value}] (or a {key: value} map) | customAttributes                   |
 * | data.access_levels[]                                     | accessLevels                            |
 * |   access_level_id (or id)                                |   id                                    |
 * | data.subscriptions[]                                     | subscriptions                           |
 * | data.non_subscriptions[]                                 | oneTimePurchases                        |
 * |   purchase_id, is_consumable                             |   purchaseId, isConsumable              |
 * | each: store                                              |   store                                 |
 * |   store_product_id (or vendor_product_id)                |   productId                             |
 * |   store_base_plan_id                                     |   basePlanId                            |
 * |   store_transaction_id / store_original_transaction_id   |   transactionId / originalTransactionId |
 * |   environment (or is_sandbox true/false)                 |   environment ("Sandbox"/"Production")  |
 * |   purchased_at                                           |   purchasedAt                           |
 * | access levels and subscriptions:                         |                                         |
 * |   offer{category,type,id} (or offer_category/_type/_id)  |   offer                                 |
 * |   originally_purchased_at, expires_at, starts_at         |   originallyPurchasedAt, expiresAt, startsAt (access levels) |
 * |   is_active (or worked out from starts_at, expires_at)   |   isActive                              |
 * |   expires_at null (or is_lifetime)                       |   isLifetime (access levels)            |
 * |   renewal_cancelled_at (or renew_cancelled_at, unsubscribed_at) | renewalCancelledAt               |
 * |   … set, or will_renew / renew_status false with an expiry |   renewalCancelled                      |
 * |   billing_issue_detected_at                              |   billingIssueDetectedAt                |
 * |   is_in_grace_period                                     |   isInGracePeriod                       |
 * |   cancellation_reason                                    |   cancellationReason                    |
 * | subscriptions, one-time purchases: is_refund, refunded_at, cancellation_reason "refund" | isRefund, refundedAt |
 *
 * Missing is null (a flag: false); unknown keys are kept, bounded, in `extras`, of the profile and of each item.
 * `segment_hash` ("internal parameter") and `timestamp` (the answer's own time) are known and not shown.
 */
import { z } from 'zod';
import type { LookupError } from '../../shared/errors';
import type { LookupQuery } from '../../shared/lookup';
import { MAX_PROFILE_ITEMS, MAX_PROFILE_TEXT, type AccessLevel, type CustomAttribute, type Offer, type OneTimePurchase, type Profile, type Subscription } from '../../shared/profile';
import { fail, ok, type Result } from '../../shared/result';
import { getAboutProfile, type ClientOptions } from './client';
import { parseLeniently } from './lenient';
import { boundExtras, clip } from './limits';
import type { ShapeProblem } from './response';

export const PROFILE_PATH = '/api/v2/server-side-api/profile/';

export type ProfileOutcome = Result<Profile, LookupError>;

type Json = z.core.util.JSONType;

/** The profile of the user `query` names; every outcome as data, the key redacted (see client.ts). */
export async function lookupProfile(query: LookupQuery, options: ClientOptions): Promise<ProfileOutcome> {
  const read = (json: unknown) => readProfileBody(json, Date.now());
  const outcome = await getAboutProfile({ path: PROFILE_PATH, what: 'the profile', read }, query, options);
  return outcome.ok ? ok({ query: outcome.value.query, ...outcome.value.body, requestId: outcome.value.requestId }) : outcome;
}

const text = z.string().nullish();
const flag = z.boolean().nullish();

const purchaseIn = {
  store: text,
  store_product_id: text,
  vendor_product_id: text,
  store_base_plan_id: text,
  store_transaction_id: text,
  store_original_transaction_id: text,
  environment: text,
  is_sandbox: flag,
  purchased_at: text,
};

const periodIn = {
  ...purchaseIn,
  offer: z.looseObject({ category: text, type: text, id: text }).nullish(),
  offer_category: text,
  offer_type: text,
  offer_id: text,
  originally_purchased_at: text,
  expires_at: text,
  is_active: flag,
  renewal_cancelled_at: text,
  renew_cancelled_at: text,
  unsubscribed_at: text,
  will_renew: flag,
  renew_status: flag,
  billing_issue_detected_at: text,
  is_in_grace_period: flag,
  cancellation_reason: text,
};

const refundIn = { is_refund: flag, refunded_at: text };

const accessLevelIn = z.looseObject({ access_level_id: text, id: text, ...periodIn, starts_at: text, is_lifetime: flag });
const subscriptionIn = z.looseObject({ ...periodIn, ...refundIn });
const oneTimePurchaseIn = z.looseObject({ purchase_id: text, ...purchaseIn, ...refundIn, is_consumable: flag });

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const customAttributesIn = z.preprocess(
  // The documented form is a list of {key, value}; the SDKs' models are a {key: value} map.
  (value) => (isPlainObject(value) ? Object.entries(value).map(([key, inner]) => ({ key, value: inner })) : value),
  z.array(z.looseObject({ key: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).nullish() })).nullish(),
);

const profileIn = z.looseObject({
  app_id: text,
  profile_id: text,
  customer_user_id: text,
  total_revenue_usd: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).nullish(),
  segment_hash: z.unknown().optional(),
  timestamp: z.unknown().optional(),
  custom_attributes: customAttributesIn,
  access_levels: z.array(accessLevelIn).nullish(),
  subscriptions: z.array(subscriptionIn).nullish(),
  non_subscriptions: z.array(oneTimePurchaseIn).nullish(),
});

const bodyIn = z.looseObject({ data: profileIn });

type PurchaseIn = z.infer<z.ZodObject<typeof purchaseIn>>;
type PeriodIn = z.infer<z.ZodObject<typeof periodIn>>;

const str = (value: string | null | undefined): string | null => (value === null || value === undefined ? null : clip(value, MAX_PROFILE_TEXT));

/** The keys of `item` its schema does not know, bounded. */
/** The known keys of each schema, worked out once. */
const knownKeys = new WeakMap<z.ZodObject, Set<string>>();

/** Unknown keys of one item; an item of a list gets a smaller share of what may be shown. */
function extrasOf(item: Record<string, unknown>, schema: z.ZodObject, nodes?: number): Record<string, Json> {
  let known = knownKeys.get(schema);
  if (!known) knownKeys.set(schema, (known = new Set(Object.keys(schema.shape))));
  const unknown = Object.entries(item as Record<string, Json>).filter(([key]) => !known.has(key));
  return boundExtras(Object.fromEntries(unknown), nodes);
}

/** In force at `now`: Adapty's own `is_active` first, else from the dates; null when a date cannot be read. */
function activeAt(now: number, isActive: boolean | null | undefined, expiresAt: string | null | undefined, startsAt?: string | null): boolean | null {
  if (typeof isActive === 'boolean') return isActive;
  const starts = startsAt ? Date.parse(startsAt) : Number.NEGATIVE_INFINITY;
  const ends = expiresAt ? Date.parse(expiresAt) : Number.POSITIVE_INFINITY;
  if (Number.isNaN(starts) || Number.isNaN(ends)) return null;
  return starts <= now && now < ends;
}

function purchase(item: PurchaseIn, schema: z.ZodObject) {
  const environment = item.environment ?? (typeof item.is_sandbox === 'boolean' ? (item.is_sandbox ? 'Sandbox' : 'Production') : null);
  return {
    store: str(item.store),
    productId: str(item.store_product_id ?? item.vendor_product_id),
    basePlanId: str(item.store_base_plan_id),
    transactionId: str(item.store_transaction_id),
    originalTransactionId: str(item.store_original_transaction_id),
    environment: str(environment),
    purchasedAt: str(item.purchased_at),
    extras: extrasOf(item, schema, ITEM_EXTRAS_NODES),
  };
}

function offerOf(item: PeriodIn): Offer | null {
  const category = item.offer?.category ?? item.offer_category;
  const type = item.offer?.type ?? item.offer_type;
  const id = item.offer?.id ?? item.offer_id;
  if (category == null && type == null && id == null) return null;
  return { category: str(category), type: str(type), id: str(id) };
}

function period(item: PeriodIn, schema: z.ZodObject, now: number, startsAt?: string | null) {
  const cancelledAt = item.renewal_cancelled_at ?? item.renew_cancelled_at ?? item.unsubscribed_at ?? null;
  const willRenew = item.will_renew ?? item.renew_status;
  return {
    ...purchase(item, schema),
    offer: offerOf(item),
    originallyPurchasedAt: str(item.originally_purchased_at),
    expiresAt: str(item.expires_at),
    isActive: activeAt(now, item.is_active, item.expires_at, startsAt),
    renewalCancelled: cancelledAt !== null || (willRenew === false && item.expires_at != null),
    renewalCancelledAt: str(cancelledAt),
    billingIssueDetectedAt: str(item.billing_issue_detected_at),
    isInGracePeriod: item.is_in_grace_period === true,
    cancellationReason: str(item.cancellation_reason),
  };
}

function refund(item: { is_refund?: boolean | null; refunded_at?: string | null; cancellation_reason?: string | null }) {
  return { isRefund: item.is_refund === true || item.refunded_at != null || item.cancellation_reason === 'refund', refundedAt: str(item.refunded_at) };
}

function accessLevel(item: z.infer<typeof accessLevelIn>, now: number): AccessLevel {
  return {
    id: str(item.access_level_id ?? item.id),
    ...period(item, accessLevelIn, now, item.starts_at),
    startsAt: str(item.starts_at),
    isLifetime: item.is_lifetime ?? item.expires_at == null,
  };
}

function subscription(item: z.infer<typeof subscriptionIn>, now: number): Subscription {
  return { ...period(item, subscriptionIn, now), ...refund(item) };
}

function oneTimePurchase(item: z.infer<typeof oneTimePurchaseIn>): OneTimePurchase {
  const { refundedAt: _, ...refunded } = refund(item);
  return { purchaseId: str(item.purchase_id), ...purchase(item, oneTimePurchaseIn), ...refunded, isConsumable: item.is_consumable ?? null };
}

function customAttribute(item: { key: string; value?: string | number | boolean | null }): CustomAttribute {
  return { key: clip(item.key, MAX_PROFILE_TEXT), value: typeof item.value === 'string' ? clip(item.value, MAX_PROFILE_TEXT) : (item.value ?? null) };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Where an answer breaks the shape, as a field path ("data.access_levels.0.expires_at") and a sentence. */
function shapeProblem(issue: z.core.$ZodIssue, body: unknown): ShapeProblem {
  const field = issue.path.map(String).join('.');
  const value = issue.path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), body);
  const names: Record<string, string> = { object: 'an object', array: 'a list' };
  const wanted =
    field === 'data'
      ? 'should be an object with the profile'
      : issue.code === 'invalid_type'
        ? `should be ${names[issue.expected] ?? `a ${issue.expected}`} or null`
        : 'is not in a form Adapty documents';
  return { field, message: `"${field}" ${wanted}, got ${describeValue(value)}` };
}

/** What an item of a list may show of its unknown keys: with up to 100 items in each of 4 lists, bounded in all. */
const ITEM_EXTRAS_NODES = 20;
const LISTS = ['access_levels', 'subscriptions', 'non_subscriptions', 'custom_attributes'] as const;

/**
 * The body with each list cut to MAX_PROFILE_ITEMS before anything reads it, so that an answer of a
 * hundred thousand tiny items costs no more than a real one (a map of custom attributes is cut alike).
 */
function capLists(body: Record<string, unknown>): Record<string, unknown> {
  const data = body.data;
  if (!isPlainObject(data)) return body;
  const capped: Record<string, unknown> = { ...data };
  for (const list of LISTS) {
    const value = capped[list];
    if (Array.isArray(value)) capped[list] = value.slice(0, MAX_PROFILE_ITEMS);
    else if (isPlainObject(value)) capped[list] = Object.fromEntries(Object.entries(value).slice(0, MAX_PROFILE_ITEMS));
  }
  return { ...body, data: capped };
}

export function readProfileBody(body: unknown, now: number): Result<Omit<Profile, 'query' | 'requestId'>, ShapeProblem> {
  if (!isPlainObject(body)) {
    return fail({ field: null, message: `expected a JSON object with the profile in "data", got ${describeValue(body)}` });
  }
  // A field of the profile of the wrong shape is left out and named; the rest is shown.
  const read = parseLeniently(bodyIn, capLists(body), 2, shapeProblem);
  if (!read.ok) return read;
  const profile = read.value.data.data;
  const { unreadable } = read.value;
  const revenue = profile.total_revenue_usd;
  return ok({
    profileId: str(profile.profile_id),
    customerUserId: str(profile.customer_user_id),
    appId: str(profile.app_id),
    totalRevenueUsd: typeof revenue === 'string' ? Number(revenue) : (revenue ?? null),
    accessLevels: (profile.access_levels ?? []).map((item) => accessLevel(item, now)),
    subscriptions: (profile.subscriptions ?? []).map((item) => subscription(item, now)),
    oneTimePurchases: (profile.non_subscriptions ?? []).map(oneTimePurchase),
    customAttributes: (profile.custom_attributes ?? []).map(customAttribute),
    extras: extrasOf(profile, profileIn),
    ...(unreadable.length > 0 ? { unreadable } : {}),
  });
}
