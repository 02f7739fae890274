/** What the CLI prints of a profile: a block of lines, or the profile as a JSON-ready object in snake_case. */
import { storeName, type AccessLevel, type OneTimePurchase, type Profile, type Subscription } from '../shared/profile';
import { partUnreadable } from '../shared/unreadable';
import { orNotSet, pad, UNREADABLE } from './output';

const store = (name: string | null) => (name === null ? 'unknown store' : storeName(name));
const product = (item: { store: string | null; productId: string | null; basePlanId: string | null }) =>
  `${store(item.store)} ${item.productId ?? '(no product ID)'}${item.basePlanId ? ` (base plan ${item.basePlanId})` : ''}`;
const state = (active: boolean | null) => (active === null ? 'status unknown' : active ? 'active' : 'inactive');

function revenue(usd: number | null): string {
  return usd === null ? 'not given' : `$${usd.toFixed(2)} (USD)`;
}

/** What a period says beyond its product: expiry, renewal, trouble, offer, environment. */
function periodNotes(item: AccessLevel | Subscription): string[] {
  const offer = item.offer ? [item.offer.category, item.offer.type, item.offer.id].filter(Boolean).join(' ') : '';
  return [
    'isLifetime' in item && item.isLifetime ? 'lifetime' : item.expiresAt ? `expires ${item.expiresAt}` : null,
    item.renewalCancelled ? `renewal cancelled${item.renewalCancelledAt ? ` ${item.renewalCancelledAt}` : ''}` : null,
    item.billingIssueDetectedAt ? `billing issue since ${item.billingIssueDetectedAt}` : null,
    item.isInGracePeriod ? 'in grace period' : null,
    item.cancellationReason ? `cancellation reason ${item.cancellationReason}` : null,
    'isRefund' in item && item.isRefund ? `refunded${item.refundedAt ? ` ${item.refundedAt}` : ''}` : null,
    offer ? `offer ${offer}` : null,
    item.environment,
  ].filter((note): note is string => Boolean(note));
}

function purchaseNotes(item: OneTimePurchase): string[] {
  return [
    item.isConsumable === null ? null : item.isConsumable ? 'consumable' : 'non-consumable',
    item.purchasedAt ? `purchased ${item.purchasedAt}` : null,
    item.isRefund ? 'refunded' : null,
    item.environment,
  ].filter((note): note is string => Boolean(note));
}

function section(title: string, none: string, rows: string[][], unread = false): string[] {
  if (unread) return ['', title, `  ${UNREADABLE}`];
  return ['', title, ...(rows.length === 0 ? [`  ${none}`] : pad(rows.map(([first, ...others]) => [`  ${first}`, ...others])))];
}

function extrasLines(extras: Record<string, unknown>): string[] {
  const entries = Object.entries(extras);
  if (entries.length === 0) return [];
  return ['', 'Other profile keys Adapty sent (not known to this version):', ...pad(entries.map(([key, value]) => [`  ${key}`, JSON.stringify(value)]))];
}

/**
 * Who the user is, as lines: the head (with `extraHead` rows after the IDs), then one section per kind. A
 * part Adapty sent in the wrong shape says it could not be read, never that it is not set or that there is none.
 */
export function profileLines(profile: Profile, extraHead: string[][] = []): string[] {
  const unread = (key: string) => partUnreadable(profile, key);
  /** A head value, or that Adapty's `data.<key>` could not be read. */
  const value = (key: string, text: string) => (unread(key) ? UNREADABLE : text);
  const head = pad([
    ['Profile ID', value('profile_id', orNotSet(profile.profileId))],
    ['Customer user ID', value('customer_user_id', orNotSet(profile.customerUserId))],
    ...extraHead,
    ['App ID', value('app_id', orNotSet(profile.appId))],
    ['Total revenue', value('total_revenue_usd', revenue(profile.totalRevenueUsd))],
    ['Request ID', profile.requestId ?? '(none sent)'],
  ]);
  return [
    ...head,
    ...section(
      'Access levels',
      'none',
      profile.accessLevels.map((level) => [level.id ?? '(no ID)', state(level.isActive), product(level), periodNotes(level).join(', ')]),
      unread('access_levels'),
    ),
    ...section(
      'Subscriptions',
      'none',
      profile.subscriptions.map((sub) => [product(sub), state(sub.isActive), periodNotes(sub).join(', ')]),
      unread('subscriptions'),
    ),
    ...section(
      'One-time purchases',
      'none',
      profile.oneTimePurchases.map((item) => [product(item), purchaseNotes(item).join(', ')]),
      unread('non_subscriptions'),
    ),
    ...section(
      'Custom attributes',
      'none',
      profile.customAttributes.map((attribute) => [attribute.key, JSON.stringify(attribute.value)]),
      unread('custom_attributes'),
    ),
    ...extrasLines(profile.extras),
  ];
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** camelCase keys to snake_case, all the way down; `extras` are Adapty's own keys and stay as they came. */
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snake(key), key === 'extras' ? inner : snakeKeys(inner)]));
}

/** The profile for --json: Adapty's spelling (snake_case), without the query (see matched_as). */
export function profileAsJsonObject(profile: Profile): Record<string, unknown> {
  const { query: _query, ...rest } = profile;
  return snakeKeys(rest) as Record<string, unknown>;
}
