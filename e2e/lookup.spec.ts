import { IDENTIFIERS } from '../src/shared/identifiers';
import { SAMPLE_PROFILES } from '../src/main/local-adapty/profiles';
import { expect, identifierRequests, test } from './fixtures';

const allSet = SAMPLE_PROFILES.find((p) => p.customerUserId === 'all-set')!;
const documented = SAMPLE_PROFILES[0]!;

test('a lookup shows all 16 identifiers grouped by integration, the ID and the request ID', async ({ inspector }) => {
  await inspector.search('all-set');
  await expect(inspector.result).toBeVisible();
  await expect(inspector.result.getByRole('heading')).toContainText('Customer user ID all-set');
  await expect(inspector.result).toContainText(/Request ID: [0-9a-f-]{36}/);
  await expect(inspector.result).toContainText('16 of 16 set');
  for (const { key, integration, label } of IDENTIFIERS) {
    const row = inspector.row(key);
    await expect(row).toContainText(label);
    await expect(row).toContainText(String(allSet.body[key]));
    await expect(row.getByRole('button', { name: `Copy ${integration} ${label}` })).toBeVisible();
  }
});

test('"not set" for nulls, a toggle that hides them, and extra keys shown as such', async ({ inspector }) => {
  await inspector.search(documented.profileId.toUpperCase(), 'Profile ID');
  await expect(inspector.result).toContainText('5 of 16 set');
  await expect(inspector.row('adjust_device_id')).toContainText('not set');
  await expect(inspector.row('adjust_device_id').getByRole('button')).toHaveCount(0);
  await inspector.result.getByRole('switch', { name: 'Hide unset' }).click();
  await expect(inspector.result.getByRole('switch', { name: 'Hide unset' })).toBeChecked();
  await expect(inspector.row('adjust_device_id')).toHaveCount(0);
  await expect(inspector.row('appsflyer_id')).toContainText('1741933337626-3179568');
  await inspector.result.getByRole('switch', { name: 'Hide unset' }).click();

  await inspector.search('liberal-shape', 'Customer user ID');
  await expect(inspector.row('adjust_device_id')).toContainText('"" (empty string)');
  const extras = inspector.page.getByRole('table', { name: 'Other keys from Adapty' });
  await expect(extras).toContainText('not known to this version');
  await expect(extras.locator('tr[data-key="singular_device_id"]')).toContainText('sg-42');
  await expect(extras.locator('tr[data-key="future_integration"]')).toContainText('{"id":"x-1","since":2026}');
});

test('copy puts the exact value on the clipboard, and says so only then', async ({ inspector }) => {
  await inspector.search('documented-example');
  const button = inspector.row('facebook_anonymous_id').getByRole('button', { name: 'Copy Facebook Ads Anonymous ID' });
  await button.click();
  await expect(button).toHaveAttribute('data-copy-state', 'copied');
  await expect(inspector.page.getByRole('tooltip')).toHaveText('Copied');
  expect(await inspector.clipboard()).toBe('XZ7EF7D15E-8FA1-49D8-B180-918EB333E42A');

  await inspector.result.getByRole('button', { name: 'Copy all as JSON' }).click();
  expect(JSON.parse(await inspector.clipboard())).toEqual(documented.body);
});

test('a failed clipboard write says it failed instead of "Copied"', async ({ inspector }) => {
  await inspector.search('documented-example');
  await inspector.page.evaluate(() => {
    Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new Error('denied')) });
  });
  const button = inspector.row('appsflyer_id').getByRole('button', { name: 'Copy AppsFlyer Network user ID' });
  await button.click();
  await expect(button).toHaveAttribute('data-copy-state', 'failed');
  await expect(inspector.page.getByRole('tooltip')).toContainText('Copy failed');
});

test('invalid input is explained inline, keeps what was typed, and sends nothing', async ({ inspector, adapty }) => {
  const before = adapty.requests.length;
  await inspector.search('not-a-uuid', 'Profile ID');
  await expect(inspector.page.getByText(/A profile ID is a UUID/)).toBeVisible();
  await expect(inspector.searchInput('Profile ID')).toHaveValue('not-a-uuid');

  await inspector.chooseIdType('Customer user ID');
  await inspector.searchInput().fill('josé');
  await expect(inspector.page.getByText(/"é" \(U\+00E9\) at position 4/)).toBeVisible();
  await inspector.lookUpButton.click();
  await expect(inspector.searchInput()).toHaveValue('josé');
  expect(adapty.requests.length).toBe(before);
  await expect(inspector.result).toHaveCount(0);
});

test('keyboard first: the field is focused, Enter searches, Ctrl+K returns to the field', async ({ inspector }) => {
  const { page } = inspector;
  await expect(inspector.searchInput()).toBeFocused();
  await page.keyboard.type('all-set');
  await page.keyboard.press('Enter');
  await expect(inspector.result).toContainText('16 of 16 set');
  await page.getByRole('button', { name: 'Copy all as JSON' }).focus();
  await page.keyboard.press('Control+K');
  await expect(inspector.searchInput()).toBeFocused();
  // From the text field itself, where focus usually is: Ctrl+, opens the settings.
  await page.keyboard.press('Control+Comma');
  await expect(inspector.settings).toBeVisible();
});

test('a new search cancels the one in flight; Escape cancels too', async ({ inspector, adapty }) => {
  const before = identifierRequests(adapty).length;
  await inspector.search('scenario:slow');
  await expect(inspector.page.getByText(/Looking up Customer user ID/)).toBeVisible();
  await inspector.search('all-set');
  await expect(inspector.result).toContainText('Customer user ID all-set');
  expect(identifierRequests(adapty).slice(before).map((r) => r.customerUserId)).toEqual(['scenario:slow', 'all-set']);

  await inspector.searchInput().fill('scenario:slow');
  await inspector.lookUpButton.click();
  await expect(inspector.page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  // Focus is on the button, not the field: Esc still cancels.
  await inspector.page.keyboard.press('Escape');
  await expect(inspector.page.getByText('Lookup cancelled.')).toBeVisible();
  await expect(inspector.banner).toHaveCount(0);
});
