/**
 * Every state of the window, in light and dark, small and large, for a person
 * to look at: nothing may overlap, be cut off or be unreadable. Each also checks
 * that the state it shows is the one it claims, and that the key is not on screen.
 */
import { existsSync } from 'node:fs';
import { expect, LOCAL_ADAPTY_KEY, test } from './fixtures';
import { captureStates } from './harness/screenshots';

async function capture(page: Parameters<typeof captureStates>[0], state: string) {
  const files = await captureStates(page, state);
  expect(files).toHaveLength(4);
  for (const file of files) expect(existsSync(file)).toBe(true);
  expect(await page.content()).not.toContain(LOCAL_ADAPTY_KEY);
}

test.describe('without a key', () => {
  test.use({ withKey: false });

  test('no key', async ({ inspector }) => {
    await expect(inspector.page.getByTestId('first-run')).toBeVisible();
    await capture(inspector.page, 'no-key');
  });

  test('banner-no-key', async ({ inspector }) => {
    await inspector.search('all-set');
    await expect(inspector.banner).toHaveAttribute('data-error-kind', 'no_key');
    await capture(inspector.page, 'banner-no-key');
  });
});

test('result', async ({ inspector }) => {
  await inspector.search('documented-example');
  await expect(inspector.result).toContainText('5 of 16 set');
  await capture(inspector.page, 'result');
});

test('result with extra keys', async ({ inspector }) => {
  await inspector.search('liberal-shape');
  await expect(inspector.page.getByRole('table', { name: 'Other keys from Adapty' })).toBeVisible();
  await capture(inspector.page, 'result-extras');
});

test('cancelled', async ({ inspector }) => {
  await inspector.search('scenario:slow');
  await expect(inspector.page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await inspector.page.keyboard.press('Escape');
  await expect(inspector.page.getByText('Lookup cancelled.')).toBeVisible();
  await capture(inspector.page, 'cancelled');
});

test('invalid input', async ({ inspector }) => {
  await inspector.search('3e1b0c1a-5b7d', 'Profile ID');
  await expect(inspector.page.getByText(/A profile ID is a UUID/)).toBeVisible();
  await capture(inspector.page, 'invalid-input');
});

test('settings', async ({ inspector }) => {
  await inspector.openSettings();
  await inspector.settings.getByRole('button', { name: 'Test key' }).click();
  await expect(inspector.settings.getByText('The key works')).toBeVisible();
  await capture(inspector.page, 'settings');
});

test.describe('banners', () => {
  test.use({ timeoutMs: 1_000 });

  for (const [state, id, kind] of [
    ['banner-not-found', 'nobody-here', 'not_found'],
    ['banner-forbidden', 'scenario:forbidden', 'unauthorized'],
    ['banner-rate-limited', 'scenario:rate-limited', 'rate_limited'],
    ['banner-server-error', 'scenario:bad-gateway', 'server_error'],
    ['banner-network', 'scenario:drop', 'network'],
    ['banner-timeout', 'scenario:slow', 'timeout'],
    ['banner-invalid-response', 'scenario:wrong-shape', 'invalid_response'],
  ] as const) {
    test(state, async ({ inspector }) => {
      await inspector.search(id);
      await expect(inspector.banner).toHaveAttribute('data-error-kind', kind);
      await capture(inspector.page, state);
    });
  }

  test('banner-unauthorized', async ({ inspector, keys }) => {
    expect((await keys.save('a_wrong_key_for_this_app', { sessionOnly: false })).ok).toBe(true);
    await inspector.search('all-set');
    await expect(inspector.banner).toHaveAttribute('data-error-kind', 'unauthorized');
    await capture(inspector.page, 'banner-unauthorized');
  });
});
