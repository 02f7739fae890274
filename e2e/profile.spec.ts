/** Who the user is: shown above the identifiers, from its own call, failing on its own. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IDENTIFIERS_PATH } from '../src/main/adapty/client';
import { PROFILE_PATH } from '../src/main/adapty/profile';
import { SAMPLE_PROFILES } from '../src/main/local-adapty/profiles';
import { answerElsewhere } from './harness/server-elsewhere';
import { expect, test } from './fixtures';

const [documented, allSet, , trouble] = SAMPLE_PROFILES;

test('a found profile shows both IDs to copy, revenue, access levels and purchases', async ({ inspector }) => {
  await inspector.search(documented!.customerUserId, 'Customer user ID');
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  await expect(who).toContainText(documented!.profileId);
  await expect(who.getByTestId('total-revenue')).toHaveText('$9.99');
  await expect(who.locator('[data-access-level="premium"]')).toContainText('active');
  await expect(who).toContainText('premium.monthly');
  await expect(who).toContainText('favourite_sport: yoga');
  // The profile ID copied: how an agent gets from a customer user ID to the Adapty ID.
  await who.getByRole('button', { name: 'Copy profile ID' }).click();
  await expect.poll(() => inspector.clipboard()).toBe(documented!.profileId);
  await expect(inspector.result).toBeVisible();
});

test('a lifetime access level, and one in trouble: billing issue, grace period, renewal cancelled, a refund', async ({ inspector }) => {
  await inspector.search(allSet!.customerUserId, 'Customer user ID');
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  await expect(who.locator('[data-access-level="premium"]')).toContainText('lifetime');
  await expect(who).toContainText('Sandbox');

  await inspector.search(trouble!.customerUserId, 'Customer user ID');
  const level = who.locator('[data-access-level="pro"]');
  await expect(level).toContainText('billing issue');
  await expect(level).toContainText('grace period');
  await expect(level).toContainText('renewal cancelled');
  await expect(who).toContainText('refunded');
  await expect(who.getByTestId('total-revenue')).toHaveText('$12.50');
});

test('either part can fail on its own: the other still shows', async ({ inspector }) => {
  await inspector.search('scenario:profile-fails', 'Customer user ID');
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  await expect(who.getByText('The profile could not be shown')).toBeVisible();
  await expect(who.getByRole('button', { name: 'Retry the profile' })).toBeVisible();
  await expect(inspector.result).toBeVisible();

  await inspector.search('scenario:identifiers-fail', 'Customer user ID');
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'server_error');
  await expect(who.locator('[data-access-level="premium"]')).toContainText('lifetime');
});

test('the profile is where the README says it is: above the identifiers', async ({ inspector }) => {
  const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
  const said = /Who the user is, (above|below) the identifiers:/.exec(readme)?.[1];
  expect(said).toBe('above');
  await inspector.search(allSet!.customerUserId, 'Customer user ID');
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  await expect(who.locator('[data-access-level="premium"]')).toContainText('lifetime');
  await expect(inspector.result).toBeVisible();
  const profileBox = await who.boundingBox();
  const resultBox = await inspector.result.boundingBox();
  expect(profileBox!.y + profileBox!.height).toBeLessThanOrEqual(resultBox!.y);
});

test('a part of the profile that could not be read says so, never that there is none', async ({ inspector }) => {
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  // Adapty's access_levels as a string: the note at the top names it, and the section says it could not be read.
  await inspector.search('scenario:wrong-shape', 'Customer user ID');
  await expect(who.getByTestId('profile-unreadable')).toContainText('"data.access_levels" should be a list or null, got a string');
  await expect(who.getByText('The access levels could not be read.')).toBeVisible();
  await expect(who).not.toContainText('No access levels');
  // What could be read still shows.
  await expect(who).toContainText('premium.lifetime');
  await expect(who.getByTestId('total-revenue')).toHaveText('$53.97');

  // Every part of the wrong shape: each says so, none claims "none", "not set" or "not given".
  await inspector.search('scenario:profile-unreadable', 'Customer user ID');
  await expect(who.getByTestId('profile-unreadable').getByText(/: left out below\.$/)).toHaveCount(7);
  for (const what of ['profile ID', 'customer user ID', 'total revenue', 'access levels', 'purchases', 'custom attributes']) {
    await expect(who.getByText(`The ${what} could not be read.`)).toBeVisible();
  }
  for (const claim of ['No access levels', 'No purchases', 'not set', 'not given']) await expect(who).not.toContainText(claim);
  await expect(inspector.result).toContainText('16 of 16 set');
});

test('a failed profile says of the identifiers only what is true: below when they show, failed when they failed', async ({ inspector }) => {
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  const note = who.getByText(/^The identifiers are looked up separately/);
  // Only the profile fails: the identifiers do show below.
  await inspector.search('scenario:profile-fails', 'Customer user ID');
  await expect(inspector.result).toBeVisible();
  await expect(note).toHaveText('The identifiers are looked up separately, and show on their own below.');
  // Both fail, each in its own way: nothing shows below, and the note does not say it will.
  for (const scenario of ['scenario:server-error', 'scenario:bad-gateway', 'scenario:rate-limited', 'scenario:forbidden', 'scenario:drop']) {
    await inspector.search(scenario, 'Customer user ID');
    await expect(inspector.banner).toBeVisible();
    await expect(note).toHaveText('The identifiers are looked up separately; that lookup failed too, as the banner above says.');
    await expect(inspector.result).toHaveCount(0);
  }
});

test('rate limited: Retry the profile waits out Retry-After as the main Retry does, then asks again', async ({ inspector, adapty }) => {
  await inspector.search('scenario:rate-limited', 'Customer user ID');
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  const failed = who.getByRole('alert').filter({ hasText: 'The profile could not be shown' });
  await expect(failed).toHaveAttribute('data-error-kind', 'rate_limited');
  await expect(failed).toContainText('Wait 2 s');
  // While Adapty asks to wait, both Retry buttons count down, disabled.
  await expect(who.getByRole('button', { name: /^Retry the profile in \d s$/ })).toBeDisabled();
  await expect(inspector.banner.getByRole('button', { name: /^Retry in \d s$/ })).toBeDisabled();
  const retry = who.getByRole('button', { name: 'Retry the profile', exact: true });
  await expect(retry).toBeEnabled({ timeout: 5_000 });
  const profileRequests = () => adapty.requests.filter((request) => request.path === PROFILE_PATH).length;
  const before = profileRequests();
  await retry.click();
  await expect.poll(profileRequests).toBe(before + 1);
  // Refused again: the wait starts again.
  await expect(who.getByRole('button', { name: /^Retry the profile in \d s$/ })).toBeDisabled();
});

test.describe('a profile from another server (the key moved to it when main asks)', () => {
  test.use({ keyMoveAnswer: 'move' });

  test('a custom store named as a property of every object ("__proto__", "constructor") is shown by its name', async ({ inspector }) => {
    const stores = ['__proto__', 'constructor', 'toString'];
    const data = {
      profile_id: documented!.profileId,
      access_levels: stores.map((store, i) => ({ access_level_id: `level-${i}`, store, store_product_id: `product.${i}`, expires_at: null })),
    };
    // Adapty's two endpoints, answering every ID: no identifier set, and the profile above.
    const elsewhere = await answerElsewhere(inspector, (request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(request.url?.startsWith(PROFILE_PATH) ? { data } : {}));
    });
    try {
      await inspector.search('someone', 'Customer user ID');
      // The window stays whole ("__proto__" looked up in a plain object was an object React cannot show: an empty window).
      const who = inspector.page.getByRole('region', { name: 'Who the user is' });
      for (const [i, store] of stores.entries()) await expect(who.locator(`[data-access-level="level-${i}"]`)).toContainText(`${store} · product.${i}`);
      await expect(inspector.result).toBeVisible();
    } finally {
      await elsewhere.close();
    }
  });

  test("the banner's Retry does not ask again for a profile refused for good (403), only for the identifiers that failed (500)", async ({ inspector }) => {
    const asked = { identifiers: 0, profile: 0 };
    const elsewhere = await answerElsewhere(inspector, (request, response) => {
      const profile = request.url?.startsWith(PROFILE_PATH);
      asked[profile ? 'profile' : 'identifiers']++;
      response.writeHead(profile ? 403 : 500, { 'Content-Type': 'application/json' });
      response.end(profile ? JSON.stringify({ errors: [{ source: null, errors: ['Not allowed'] }], error_code: 'feature_not_enabled', status_code: 403 }) : '');
    });
    try {
      await inspector.search('someone', 'Customer user ID');
      await expect(inspector.banner).toHaveAttribute('data-error-kind', 'server_error');
      const who = inspector.page.getByRole('region', { name: 'Who the user is' });
      await expect(who.getByText('The profile could not be shown')).toBeVisible();
      const before = { ...asked };
      await inspector.banner.getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => asked.identifiers).toBe(before.identifiers + 1);
      await expect(inspector.banner).toHaveAttribute('data-error-kind', 'server_error');
      expect(asked.profile).toBe(before.profile);
    } finally {
      await elsewhere.close();
    }
  });
});

test('the banner\'s Retry asks again for what failed: the profile too when it failed with the identifiers, not a profile that showed', async ({ inspector, adapty }) => {
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  const asked = (path: string) => adapty.requests.filter((request) => request.path === path).length;
  /** Presses the banner's Retry and waits for the identifiers to be asked again; the profile's requests before it. */
  const retry = async () => {
    const [identifiers, profiles] = [asked(IDENTIFIERS_PATH), asked(PROFILE_PATH)];
    await inspector.banner.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => asked(IDENTIFIERS_PATH)).toBe(identifiers + 1);
    await expect(inspector.banner).toHaveAttribute('data-error-kind', 'server_error');
    return profiles;
  };
  await inspector.search('scenario:server-error', 'Customer user ID');
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'server_error');
  await expect(who.getByText('The profile could not be shown')).toBeVisible();
  const profiles = await retry();
  await expect.poll(() => asked(PROFILE_PATH)).toBe(profiles + 1);

  // Only the identifiers failed: the profile on screen is not asked again.
  await inspector.search('scenario:identifiers-fail', 'Customer user ID');
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'server_error');
  await expect(who.locator('[data-access-level="premium"]')).toBeVisible();
  const profilesBefore = await retry();
  expect(asked(PROFILE_PATH)).toBe(profilesBefore);
  await expect(who.locator('[data-access-level="premium"]')).toBeVisible();
});

test('a failed profile offers Retry only when asking again can help: not when the key was refused', async ({ inspector }) => {
  const who = inspector.page.getByRole('region', { name: 'Who the user is' });
  await inspector.search('scenario:forbidden', 'Customer user ID');
  await expect(inspector.banner.getByRole('button', { name: 'Open key settings' })).toBeVisible();
  await expect(who.getByRole('alert').filter({ hasText: 'The profile could not be shown' })).toHaveAttribute('data-error-kind', 'unauthorized');
  await expect(who.getByRole('button', { name: /^Retry the profile/ })).toHaveCount(0);
});
