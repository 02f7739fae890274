import { startLocalAdapty } from '../src/main/local-adapty/server';
import { expect, identifierRequests, test } from './fixtures';

test.describe('every failure is a banner that says what happened and offers what helps', () => {
  test('unauthorized: Adapty\'s message, code, status and request ID, and a way to the key settings', async ({ inspector, keys }) => {
    const saved = await keys.save('a_wrong_key_for_this_app', { sessionOnly: false });
    expect(saved.ok).toBe(true);
    await inspector.search('all-set');
    const banner = inspector.banner;
    await expect(banner).toHaveAttribute('data-error-kind', 'unauthorized');
    await expect(banner).toContainText('Adapty did not accept the API key');
    await expect(banner).toContainText('Adapty says: Invalid API key');
    await expect(banner).toContainText('error_code: unauthorized');
    await expect(banner).toContainText('HTTP status: 401');
    await expect(banner).toContainText(/Request ID: [0-9a-f-]{36}/);
    await banner.getByRole('button', { name: 'Open key settings' }).click();
    await expect(inspector.settings).toBeVisible();
    // At the key's field, ready to paste the right key.
    await expect(inspector.keyInput()).toBeFocused();
  });

  test('not found: a switch to the other ID type that keeps the text', async ({ inspector }) => {
    await inspector.search('nobody-here');
    await expect(inspector.banner).toHaveAttribute('data-error-kind', 'not_found');
    await expect(inspector.banner).toContainText('No profile with customer user ID "nobody-here"');
    await expect(inspector.banner).toContainText('profile_not_found');
    await inspector.banner.getByRole('button', { name: 'Search by Profile ID instead' }).click();
    await expect(inspector.idType('Profile ID')).toBeChecked();
    await expect(inspector.searchInput('Profile ID')).toHaveValue('nobody-here');
    await expect(inspector.searchInput('Profile ID')).toBeFocused();
    await expect(inspector.banner).toHaveCount(0);
  });

  test('not found in the object form of errors reads Adapty\'s message', async ({ inspector }) => {
    await inspector.search('scenario:not-found-object-form');
    await expect(inspector.banner).toContainText('Adapty says: Profile does not exist');
    await expect(inspector.banner).toContainText('profile_does_not_exist');
  });

  for (const [scenario, kind, text] of [
    ['scenario:server-error', 'server_error', 'HTTP status: 500'],
    ['scenario:bad-gateway', 'server_error', 'HTTP status: 502'],
    ['scenario:drop', 'network', 'The connection to 127.0.0.1'],
    ['scenario:not-json', 'invalid_response', 'not JSON'],
    ['scenario:not-an-object', 'invalid_response', 'got an array'],
  ] as const) {
    test(`${kind} (${scenario}): Retry sends the lookup again`, async ({ inspector, adapty }) => {
      await inspector.search(scenario);
      await expect(inspector.banner).toHaveAttribute('data-error-kind', kind);
      await expect(inspector.banner).toContainText(text);
      const before = identifierRequests(adapty).length;
      await inspector.banner.getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => identifierRequests(adapty).length).toBe(before + 1);
      await expect(inspector.banner).toHaveAttribute('data-error-kind', kind);
    });
  }

  test('an answer of the wrong shape: every field that could be read is shown, and the one that could not is marked', async ({ inspector }) => {
    await inspector.search('scenario:wrong-shape');
    await expect(inspector.result).toContainText('15 of 16 set');
    await expect(inspector.page.getByTestId('unreadable-note')).toContainText('One field had an unexpected type: appsflyer_id');
    const row = inspector.row('appsflyer_id');
    await expect(row).toHaveAttribute('data-unreadable', 'true');
    await expect(row).toContainText('could not be read');
    await expect(row).toContainText('"appsflyer_id" should be a string or null, got number');
    await expect(inspector.row('adjust_device_id')).toContainText('adjust-device-id-01');
    // The profile part: its own field of the wrong shape left out and named; the rest shown.
    const profile = inspector.page.getByRole('region', { name: 'Who the user is' });
    await expect(profile.getByTestId('profile-unreadable')).toContainText('"data.access_levels" should be a list or null, got a string');
    await expect(profile).toContainText('Customer user ID');
    // The user asked for, not the sample profile the scenario is made from.
    await expect(profile).toContainText('scenario:wrong-shape');
    await expect(profile).not.toContainText('all-set');
    await inspector.result.getByRole('button', { name: 'Copy for ticket' }).click();
    expect(await inspector.clipboard()).toContain("Could not be read (wrong type in Adapty's answer): appsflyer_id");
  });

  test.describe('with the key moved to the new address when main asks', () => {
    test.use({ keyMoveAnswer: 'move' });

    test('network: a server that is not there says nothing is listening', async ({ inspector }) => {
      const gone = await startLocalAdapty();
      await gone.close();
      await inspector.openSettings();
      await inspector.settings.getByLabel('Base URL').fill(gone.url);
      await inspector.settings.getByRole('button', { name: 'Save connection settings' }).click();
      await expect(inspector.page.getByText('Settings saved')).toBeVisible();
      await inspector.page.keyboard.press('Escape');
      await inspector.search('all-set');
      await expect(inspector.banner).toHaveAttribute('data-error-kind', 'network');
      await expect(inspector.banner).toContainText('refused the connection');
      await expect(inspector.banner.getByRole('button', { name: 'Retry' })).toBeEnabled();
    });
  });

  test('timeout: says how long it waited, offers Retry and the timeout setting', async ({ inspector }) => {
    // A small window: the timeout is at the foot of the settings, far below their first screen.
    await inspector.page.setViewportSize({ width: 800, height: 600 });
    await inspector.openSettings();
    await inspector.settings.getByLabel('Timeout (seconds)').fill('1');
    await inspector.settings.getByRole('button', { name: 'Save connection settings' }).click();
    await expect(inspector.page.getByText('Settings saved')).toBeVisible();
    await inspector.page.keyboard.press('Escape');
    await inspector.search('scenario:slow');
    await expect(inspector.banner).toHaveAttribute('data-error-kind', 'timeout', { timeout: 10_000 });
    await expect(inspector.banner).toContainText('did not answer within 1 s');
    await expect(inspector.banner.getByRole('button', { name: 'Retry' })).toBeEnabled();
    await inspector.banner.getByRole('button', { name: 'Change the timeout' }).click();
    const timeout = inspector.settings.getByLabel('Timeout (seconds)');
    await expect(timeout).toHaveValue('1');
    // The settings open at the timeout: focused and scrolled into view, not at the top of the panel.
    await expect(timeout).toBeFocused();
    await expect(timeout).toBeInViewport({ ratio: 1 });
  });

  test('rate limited: Retry waits out Retry-After, then works', async ({ inspector, adapty }) => {
    await inspector.search('scenario:rate-limited');
    const banner = inspector.banner;
    await expect(banner).toHaveAttribute('data-error-kind', 'rate_limited');
    await expect(banner).toContainText('Wait 2 s');
    await expect(banner.getByRole('button', { name: /Retry in \d s/ })).toBeDisabled();
    const retry = banner.getByRole('button', { name: 'Retry', exact: true });
    await expect(retry).toBeEnabled({ timeout: 5_000 });
    const before = identifierRequests(adapty).length;
    await retry.click();
    await expect.poll(() => identifierRequests(adapty).length).toBe(before + 1);
  });

  test('a banner can be dismissed', async ({ inspector }) => {
    await inspector.search('scenario:server-error');
    await inspector.banner.getByRole('button', { name: 'Dismiss error' }).click();
    await expect(inspector.banner).toHaveCount(0);
  });
});
