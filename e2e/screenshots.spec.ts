/**
 * Every state of the window, in light and dark, small and large, for a person
 * to look at: nothing may overlap, be cut off or be unreadable. Each also checks
 * that the state it shows is the one it claims, that the key is not on screen,
 * and that axe-core finds no serious or critical accessibility problem in it,
 * in light or in dark.
 */
import { existsSync } from 'node:fs';
import { expect, LOCAL_ADAPTY_KEY, test } from './fixtures';
import { captureStates } from './harness/screenshots';

async function capture(page: Parameters<typeof captureStates>[0], state: string) {
  const { files, findings } = await captureStates(page, state);
  expect(files).toHaveLength(4);
  for (const file of files) expect(existsSync(file)).toBe(true);
  expect(await page.content()).not.toContain(LOCAL_ADAPTY_KEY);
  expect(findings, `axe-core in state "${state}"`).toEqual([]);
}

test.describe('without a key', () => {
  test.use({ withKey: false });

  test('no key', async ({ inspector }) => {
    await expect(inspector.page.getByTestId('first-run')).toBeVisible();
    await capture(inspector.page, 'no-key');
  });

  test('demo', async ({ inspector }) => {
    await inspector.page.getByTestId('first-run').getByRole('button', { name: 'Try with demo data' }).click();
    await inspector.page.getByTestId('demo-ids').getByRole('button', { name: /^Try documented-example/ }).click();
    await expect(inspector.result).toContainText('5 of 16 set');
    await capture(inspector.page, 'demo');
  });

  test('settings of the demo', async ({ inspector }) => {
    await inspector.page.getByTestId('first-run').getByRole('button', { name: 'Try with demo data' }).click();
    await inspector.openSettings();
    await expect(inspector.settings.getByLabel('Base URL')).not.toBeEditable();
    await capture(inspector.page, 'settings-demo');
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

test('profile panel', async ({ inspector }) => {
  // A profile unlike the result's: a lifetime access level, a one-time purchase and a sandbox consumable.
  await inspector.search('all-set');
  const profile = inspector.page.getByRole('region', { name: 'Who the user is' });
  await expect(profile).toContainText('lifetime');
  await profile.scrollIntoViewIfNeeded();
  await capture(inspector.page, 'profile-panel');
});

test('result partly unreadable', async ({ inspector }) => {
  await inspector.search('scenario:wrong-shape');
  await expect(inspector.page.getByTestId('unreadable-note')).toBeVisible();
  await capture(inspector.page, 'result-unreadable');
});

test('stale result', async ({ inspector }) => {
  await inspector.search('documented-example');
  await expect(inspector.result).toBeVisible();
  await inspector.searchInput().fill('someone-else');
  await expect(inspector.page.getByTestId('stale-note')).toBeVisible();
  await capture(inspector.page, 'stale-result');
});

test('connection switcher', async ({ inspector }) => {
  await inspector.openSettings();
  await inspector.addConnection('Acme production', 'Orange');
  await inspector.page.keyboard.press('Escape');
  await inspector.connectionSwitcher.click();
  await expect(inspector.page.getByRole('menuitem').filter({ hasText: 'Default' })).toBeVisible();
  await capture(inspector.page, 'connection-switcher');
});

test('settings with connections', async ({ inspector }) => {
  await inspector.openSettings();
  await inspector.addConnection('Acme staging', 'Teal');
  await expect(inspector.settings.getByTestId('connection-row')).toHaveCount(2);
  await capture(inspector.page, 'settings-connections');
});

test('history', async ({ inspector }) => {
  await inspector.search('documented-example');
  await expect(inspector.result).toBeVisible();
  await inspector.search('nobody');
  await expect(inspector.banner).toBeVisible();
  await inspector.openHistory();
  await expect(inspector.history.getByTestId('history-entry')).toHaveCount(2);
  await capture(inspector.page, 'history');
});

test('palette', async ({ inspector }) => {
  await inspector.search('documented-example');
  await expect(inspector.result).toBeVisible();
  await inspector.page.keyboard.press('Control+K');
  await expect(inspector.palette).toBeVisible();
  await capture(inspector.page, 'palette');
});

test('request details', async ({ inspector }) => {
  await inspector.search('documented-example');
  await expect(inspector.result).toBeVisible();
  await inspector.page.getByRole('button', { name: 'Request details', exact: true }).click();
  await expect(inspector.page.getByRole('dialog', { name: 'Request details' }).getByTestId('exchange')).toHaveCount(2);
  await capture(inspector.page, 'request-details');
});

test('link error', async ({ inspector, running }) => {
  await running.openLink('adapty-inspector://lookup?profile_id=not-a-uuid');
  await expect(inspector.page.getByTestId('link-error')).toBeVisible();
  await capture(inspector.page, 'link-error');
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
    ['banner-invalid-response', 'scenario:not-an-object', 'invalid_response'],
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

test.describe('batch', () => {
  test('batch running', async ({ inspector }) => {
    await inspector.openBatch();
    // Two rows wait on a slow answer, so the batch is still running while it is captured.
    await inspector.startBatch(['scenario:slow:60000:a', 'scenario:slow:60000:b', ...Array.from({ length: 300 }, (_, n) => `user-${n + 1}`)]);
    await expect(inspector.batchProgress).toHaveText(/^300 done · 0 failed · 2 left/);
    await expect(inspector.page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await capture(inspector.page, 'batch-running');
  });

  test('batch finished with failures', async ({ inspector }) => {
    await inspector.openBatch();
    await inspector.startBatch(['nobody-1', 'scenario:not-json', ...Array.from({ length: 120 }, (_, n) => `user-${n + 1}`), 'nobody-2']);
    await expect(inspector.batchProgress).toHaveText('120 done · 3 failed · 0 left', { timeout: 20_000 });
    await expect(inspector.page.getByTestId('batch-failures')).toBeVisible();
    await capture(inspector.page, 'batch-finished');
  });

  test.describe('without a key', () => {
    test.use({ withKey: false });
    test('batch no key', async ({ inspector }) => {
      await inspector.openBatch();
      await inspector.startBatch(['user-1', 'user-2']);
      await expect(inspector.page.getByTestId('batch-error')).toBeVisible();
      await capture(inspector.page, 'batch-no-key');
    });
  });
});
