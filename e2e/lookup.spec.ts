import { IDENTIFIERS } from '../src/shared/identifiers';
import { SAMPLE_PROFILES } from '../src/main/local-adapty/profiles';
import { expect, identifierRequests, test } from './fixtures';

const allSet = SAMPLE_PROFILES.find((p) => p.customerUserId === 'all-set')!;
const documented = SAMPLE_PROFILES[0]!;

test('a lookup shows all 16 identifiers under the names people search for, the ID and the request ID', async ({ inspector }) => {
  await inspector.search('all-set');
  await expect(inspector.result).toBeVisible();
  await expect(inspector.result.getByRole('heading')).toContainText('Customer user ID all-set');
  await expect(inspector.result).toContainText(/Request ID: [0-9a-f-]{36}/);
  await expect(inspector.result).toContainText('16 of 16 set');
  await expect(inspector.result.getByTestId('unset-toggle')).toHaveCount(0);
  for (const { key, name, explanation } of IDENTIFIERS) {
    const row = inspector.row(key);
    await expect(row).toContainText(name);
    await expect(row).toContainText(key);
    await expect(row).toContainText(explanation);
    await expect(row).toContainText(String(allSet.body[key]));
    await expect(row.getByRole('button', { name: `Copy ${name}` })).toBeVisible();
  }
  await expect(inspector.row('appsflyer_id')).toContainText('AppsFlyerLib.shared().getAppsFlyerUID()');
});

test('set identifiers first; the unset ones fold into one line that opens, also by keyboard; extra keys shown as such', async ({ inspector }) => {
  await inspector.search(documented.profileId.toUpperCase(), 'Profile ID');
  await expect(inspector.result).toContainText('5 of 16 set');
  const set = inspector.page.getByRole('table', { name: 'Integration identifiers' });
  await expect(set.locator('tbody tr')).toHaveCount(5);
  const setKeys = IDENTIFIERS.filter(({ key }) => documented.body[key] !== null).map(({ key }) => key);
  expect(await set.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')))).toEqual(setKeys);
  await expect(inspector.row('appsflyer_id')).toContainText('1741933337626-3179568');

  const toggle = inspector.result.getByRole('button', { name: /^Not set \(11\): Adjust, Airbridge, Amplitude, AppMetrica, Branch, OneSignal player ID \(legacy\), PostHog, Pushwoosh, Tenjin$/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(inspector.row('adjust_device_id')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const unset = inspector.page.getByRole('table', { name: 'Identifiers not set' });
  await expect(unset.locator('tbody tr')).toHaveCount(11);
  await expect(inspector.row('adjust_device_id')).toContainText('Adjust device ID (adid)');
  await expect(inspector.row('adjust_device_id')).toContainText('not set');
  await expect(inspector.row('adjust_device_id').getByRole('button')).toHaveCount(0);
  // The keyboard closes and opens it too.
  await toggle.focus();
  await inspector.page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(inspector.row('adjust_device_id')).toHaveCount(0);
  await inspector.page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(inspector.row('adjust_device_id')).toBeVisible();

  // A new result starts folded.
  await inspector.search('liberal-shape', 'Customer user ID');
  await expect(inspector.result.getByTestId('unset-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect(inspector.row('adjust_device_id')).toContainText('"" (empty string)');
  const extras = inspector.page.getByRole('table', { name: 'Other keys from Adapty' });
  await expect(extras).toContainText('not known to this version');
  await expect(extras.locator('tr[data-key="singular_device_id"]')).toContainText('sg-42');
  await expect(extras.locator('tr[data-key="future_integration"]')).toContainText('{"id":"x-1","since":2026}');
});

test('a profile with none set says so, and lists them all under the folded line', async ({ inspector }) => {
  await inspector.search('none-set');
  await expect(inspector.result).toContainText('0 of 16 set');
  await expect(inspector.result).toContainText('None of the 16 identifiers is set for this profile.');
  await expect(inspector.page.getByRole('table', { name: 'Integration identifiers' })).toHaveCount(0);
  await inspector.result.getByTestId('unset-toggle').click();
  await expect(inspector.page.getByRole('table', { name: 'Identifiers not set' }).locator('tbody tr')).toHaveCount(16);
});

test('copy puts the exact value on the clipboard, and says so only then', async ({ inspector }) => {
  await inspector.search('documented-example');
  const button = inspector.row('facebook_anonymous_id').getByRole('button', { name: 'Copy Facebook anonymous ID' });
  await button.click();
  await expect(button).toHaveAttribute('data-copy-state', 'copied');
  await expect(inspector.page.getByRole('tooltip')).toHaveText('Copied');
  expect(await inspector.clipboard()).toBe('XZ7EF7D15E-8FA1-49D8-B180-918EB333E42A');

  const requestId = (await inspector.result.getByText(/^Request ID:/).textContent())!.replace('Request ID: ', '').trim();
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  await inspector.result.getByRole('button', { name: 'Copy all as JSON' }).click();
  expect(JSON.parse(await inspector.clipboard())).toEqual({
    id_type: 'customer_user_id',
    id: 'documented-example',
    request_id: requestId,
    identifiers: documented.body,
    extras: {},
  });
});

test('a failed clipboard write says it failed instead of "Copied"', async ({ inspector }) => {
  await inspector.search('documented-example');
  await inspector.page.evaluate(() => {
    Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new Error('denied')) });
  });
  const button = inspector.row('appsflyer_id').getByRole('button', { name: 'Copy AppsFlyer ID' });
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

test('keyboard first: the field is focused, Enter searches, Ctrl+K and "Look up an ID" return to the field', async ({ inspector }) => {
  const { page } = inspector;
  await expect(inspector.searchInput()).toBeFocused();
  await page.keyboard.type('all-set');
  await page.keyboard.press('Enter');
  await expect(inspector.result).toContainText('16 of 16 set');
  await page.getByRole('button', { name: 'Copy all as JSON' }).focus();
  await page.keyboard.press('Control+K');
  // Mantine's focus trap moves focus into the palette on the next tick; a person sees the caret there, then types.
  await expect(inspector.palette).toBeFocused();
  await page.keyboard.type('look up an id');
  await page.keyboard.press('Enter');
  await expect(inspector.palette).toHaveCount(0);
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
