/**
 * Who the user is: what the window shows of a profile from Adapty's
 * `GET /api/v2/server-side-api/profile/`. These schemas are the one source of
 * truth for it; main reads Adapty's answer into this shape
 * (src/main/adapty/profile.ts says which field of Adapty's each comes from).
 *
 * Followed: Adapty's OpenAPI spec (adaptyteam/adapty-docs, src/api-reference/specs/adapty-api.yaml: the
 * `getProfile` operation and the `Profile`, `AccessLevel`, `Subscription`, `NonSubscription`, `OfferDTO`,
 * `CustomAttribute` and `ErrorResponse` schemas), and the "API objects" page
 * (https://adapty.io/docs/server-side-api-objects: Access level, Subscription, Non Subscription, Offer), which
 * spells the offer `offer_category` / `offer_type` / `offer_id` and adds `environment` to an access level.
 */
import { z } from 'zod';
import { jsonSchema } from './json';
import { MAX_SHORT_CHARS } from './errors';
import { unreadableFieldsSchema } from './error-schemas';
import { sentQuerySchema } from './lookup';

/** The longest text of a profile that crosses to the window; main clips to it (a real one is a few dozen characters). */
export const MAX_PROFILE_TEXT = 1000;
/** The most items of each list (access levels, subscriptions, purchases, attributes) main reads from an answer. */
export const MAX_PROFILE_ITEMS = 100;

const text = z.string().max(MAX_PROFILE_TEXT);
const date = text.nullable().describe('ISO 8601, as Adapty gives it');
/** Unknown keys of one object, kept as they came (bounded in main by boundExtras). */
const extras = z.record(z.string().max(MAX_PROFILE_TEXT), jsonSchema);

/** Adapty's own stores, as people call them. A Map, not an object: a store named "__proto__" or "constructor" is a name, not a property of every object. */
const STORE_NAMES: ReadonlyMap<string, string> = new Map([
  ['app_store', 'App Store'],
  ['play_store', 'Google Play'],
  ['stripe', 'Stripe'],
  ['paddle', 'Paddle'],
  ['adapty', 'Adapty'],
]);

/** A purchase's store as shown (the window, the CLI): one of Adapty's by its name, any other (a custom store) as Adapty spells it. */
export function storeName(store: string): string {
  return STORE_NAMES.get(store) ?? store;
}

/** The offer applied to a purchase: `offer{category, type, id}` or `offer_category` / `offer_type` / `offer_id`. */
export const offerSchema = z.object({
  /** introductory, promotional, offer_code, win_back */
  category: text.nullable(),
  /** free_trial, pay_as_you_go, pay_up_front, unknown */
  type: text.nullable(),
  id: text.nullable(),
});
export type Offer = z.infer<typeof offerSchema>;

/** What a purchase has in common, whatever its kind. */
const purchaseShape = {
  /** app_store, play_store, stripe, paddle, adapty or a custom store's name. */
  store: text.nullable(),
  /** The store's product ID (`store_product_id`, or `vendor_product_id` in older answers). */
  productId: text.nullable(),
  basePlanId: text.nullable(),
  transactionId: text.nullable(),
  originalTransactionId: text.nullable(),
  /** "Sandbox" or "Production" as Adapty spells them; null when not given. */
  environment: text.nullable(),
  purchasedAt: date,
  extras,
};

/** What an access level and a subscription have in common: a period that renews, or not. */
const periodShape = {
  ...purchaseShape,
  offer: offerSchema.nullable(),
  originallyPurchasedAt: date,
  /** null: lifetime (an access level) or not given. */
  expiresAt: date,
  /** Whether it is in force now: Adapty's `is_active` when given, else worked out from starts_at and expires_at; null when neither can tell. */
  isActive: z.boolean().nullable(),
  /** The user turned auto-renewal off: `renewal_cancelled_at` set, or `will_renew` false in older answers. */
  renewalCancelled: z.boolean(),
  renewalCancelledAt: date,
  /** A charge failed: `billing_issue_detected_at` is set. */
  billingIssueDetectedAt: date,
  isInGracePeriod: z.boolean(),
  /** voluntarily_cancelled, billing_error, refund, price_increase, product_was_not_available, upgraded, unknown… */
  cancellationReason: text.nullable(),
};

export const accessLevelSchema = z.object({
  /** `access_level_id`, such as "premium". */
  id: text.nullable(),
  ...periodShape,
  startsAt: date,
  /** No expiry: a lifetime access level (`expires_at` null, or `is_lifetime` in older answers). */
  isLifetime: z.boolean(),
});
export type AccessLevel = z.infer<typeof accessLevelSchema>;

export const subscriptionSchema = z.object({
  ...periodShape,
  /** Refunded: `is_refund`, a `refunded_at`, or cancellation_reason "refund". */
  isRefund: z.boolean(),
  refundedAt: date,
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** A one-time purchase (Adapty's "non-subscription"): consumable or not. */
export const oneTimePurchaseSchema = z.object({
  purchaseId: text.nullable(),
  ...purchaseShape,
  isRefund: z.boolean(),
  isConsumable: z.boolean().nullable(),
});
export type OneTimePurchase = z.infer<typeof oneTimePurchaseSchema>;

/** Adapty allows 30 of them, key ≤ 30 characters, value a string or a number ≤ 50 characters. */
export const customAttributeSchema = z.object({
  key: text,
  value: z.union([text, z.number(), z.boolean()]).nullable(),
});
export type CustomAttribute = z.infer<typeof customAttributeSchema>;

/** What a successful profile lookup returns. */
export const profileSchema = z.object({
  /** The query as it was sent (trimmed; a profile ID lower-cased): under Auto, the type that matched. */
  query: sentQuerySchema,
  /** Adapty's profile ID (the "Adapty ID" of the dashboard). */
  profileId: text.nullable(),
  customerUserId: text.nullable(),
  appId: text.nullable(),
  /** `total_revenue_usd` as Adapty gives it: US dollars, a float. */
  totalRevenueUsd: z.number().nullable(),
  accessLevels: z.array(accessLevelSchema).max(MAX_PROFILE_ITEMS),
  subscriptions: z.array(subscriptionSchema).max(MAX_PROFILE_ITEMS),
  oneTimePurchases: z.array(oneTimePurchaseSchema).max(MAX_PROFILE_ITEMS),
  customAttributes: z.array(customAttributeSchema).max(MAX_PROFILE_ITEMS),
  /** Keys of the profile this app does not know yet, kept as they came. */
  extras,
  /** Present when some fields had the wrong shape: those are left out above, and named here. */
  unreadable: unreadableFieldsSchema.optional(),
  requestId: z.string().max(MAX_SHORT_CHARS).nullable(),
});
export type Profile = z.infer<typeof profileSchema>;
