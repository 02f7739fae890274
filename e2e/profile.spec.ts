/** Who the user is: shown above the identifiers, from its own call, failing on its own. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SAMPLE_PROFILES } from '../src/main/local-adapty/profiles';
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
