/** One field for any ID: Auto by default, pastes without their wrapping, and a not-found banner whose action searches. */
import { SAMPLE_PROFILES } from '../src/main/local-adapty/profiles';
import { UUID } from '../src/shared/input-rules';
import { expect, identifierRequests, test } from './fixtures';

const documented = SAMPLE_PROFILES[0]!;
/** A profile whose customer user ID is a UUID (an app that uses UUIDs as its own user IDs). */
const uuidUser = SAMPLE_PROFILES.find((p) => UUID.test(p.customerUserId))!;
const NOBODY = 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4';

test('Auto is the default: a user ID is looked up as a customer user ID, and the result says so', async ({ inspector }) => {
  await expect(inspector.idType('Auto')).toBeChecked();
  await expect(inspector.searchInput('Auto')).toBeFocused();
  await inspector.page.keyboard.type('all-set');
  await inspector.page.keyboard.press('Enter');
  await expect(inspector.result.getByRole('heading')).toContainText('Customer user ID all-set');
  await expect(inspector.result.getByTestId('auto-match')).toHaveText('Matched as a customer user ID by Auto: it is not a UUID.');
});

test('Auto: a UUID is tried as a profile ID first, then as a customer user ID; the result says which matched', async ({ inspector, adapty }) => {
  await inspector.search(documented.profileId, 'Auto');
  await expect(inspector.result.getByRole('heading')).toContainText(`Profile ID ${documented.profileId}`);
  await expect(inspector.result.getByTestId('auto-match')).toHaveText('Matched as a profile ID by Auto.');

  const before = identifierRequests(adapty).length;
  await inspector.search(uuidUser.customerUserId, 'Auto');
  await expect(inspector.result.getByRole('heading')).toContainText(`Customer user ID ${uuidUser.customerUserId}`);
  await expect(inspector.result.getByTestId('auto-match')).toHaveText('Matched as a customer user ID by Auto: no profile has it as its profile ID.');
  expect(identifierRequests(adapty).slice(before).map((r) => [r.profileId, r.customerUserId])).toEqual([
    [uuidUser.customerUserId, null],
    [null, uuidUser.customerUserId],
  ]);
});

test('Auto: when neither type matches, one banner says both were tried, and offers no other type', async ({ inspector }) => {
  await inspector.search(NOBODY, 'Auto');
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'not_found');
  await expect(inspector.banner).toContainText('Auto tried both');
  await expect(inspector.banner.getByRole('button', { name: /Search by/ })).toHaveCount(0);
});

test('a paste arrives without the quotes, spaces and invisible characters around it', async ({ inspector }) => {
  await inspector.pasteIntoSearch('\u200b\u201call-set\u201d\u00a0\n');
  await expect(inspector.searchInput()).toHaveValue('all-set');
  await inspector.searchInput().press('Enter');
  await expect(inspector.result.getByRole('heading')).toContainText('Customer user ID all-set');

  // Into the middle of what is there, the caret after it.
  await inspector.searchInput().fill('all-');
  await inspector.searchInput().press('End');
  await inspector.pasteIntoSearch(' `set`\u200d');
  await expect(inspector.searchInput()).toHaveValue('all-set');
});

test('a search trims what was typed around the ID too, and the field then shows what was searched', async ({ inspector, adapty }) => {
  const before = identifierRequests(adapty).length;
  await inspector.searchInput().fill(` "${documented.profileId.toUpperCase()}"\u2060 `);
  await inspector.lookUpButton.click();
  await expect(inspector.result.getByRole('heading')).toContainText(`Profile ID ${documented.profileId}`);
  await expect(inspector.searchInput()).toHaveValue(documented.profileId.toUpperCase());
  expect(identifierRequests(adapty).slice(before).map((r) => r.profileId)).toEqual([documented.profileId]);
});

test('"Search by … instead" on a not-found banner runs that search, with the type switched and the text kept', async ({ inspector, adapty }) => {
  await inspector.search(uuidUser.customerUserId, 'Profile ID');
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'not_found');
  const before = identifierRequests(adapty).length;
  await inspector.banner.getByRole('button', { name: 'Search by Customer user ID instead' }).click();
  await expect(inspector.result.getByRole('heading')).toContainText(`Customer user ID ${uuidUser.customerUserId}`);
  await expect(inspector.result.getByTestId('auto-match')).toHaveCount(0);
  await expect(inspector.idType('Customer user ID')).toBeChecked();
  await expect(inspector.searchInput('Customer user ID')).toHaveValue(uuidUser.customerUserId);
  await expect(inspector.banner).toHaveCount(0);
  expect(identifierRequests(adapty).slice(before).map((r) => r.customerUserId)).toEqual([uuidUser.customerUserId]);
});

test('a customer user ID that cannot travel in a header says why and what to try, and sends nothing', async ({ inspector, adapty }) => {
  const before = adapty.requests.length;
  await inspector.searchInput().fill('josé@example.com');
  await expect(inspector.page.getByText(/"é" \(U\+00E9\) at position 4/)).toBeVisible();
  await expect(inspector.page.getByText(/only in an HTTP header/)).toBeVisible();
  await expect(inspector.page.getByText(/Search by profile ID instead: in the Adapty dashboard's Profiles page/)).toBeVisible();
  await inspector.lookUpButton.click();
  await expect(inspector.searchInput()).toHaveValue('josé@example.com');
  expect(adapty.requests.length).toBe(before);
});
