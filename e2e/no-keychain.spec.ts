/**
 * When no keychain can be reached: the app says what to install or unlock and
 * offers to keep the key for this session only. `npm test` runs this project
 * with a dead D-Bus address, so keytar really fails.
 */
import { expect, identifierRequests, LOCAL_ADAPTY_KEY, test } from './fixtures';
import { captureStates } from './harness/screenshots';

test.use({ withKey: false });
test.skip(process.env.ADAPTY_E2E_NO_KEYCHAIN !== '1', 'needs a process with no reachable D-Bus (npm test sets ADAPTY_E2E_NO_KEYCHAIN=1 and a dead bus address)');

test('the keychain problem is explained, a save fails clearly, and a session-only key works', async ({ inspector, adapty }) => {
  const { page } = inspector;
  await inspector.search('all-set');
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'keychain_unavailable');
  await expect(inspector.banner).toContainText('D-Bus');
  await captureStates(page, 'banner-keychain-unavailable');
  await inspector.banner.getByRole('button', { name: 'Open key settings' }).click();
  await expect(inspector.settings).toBeVisible();
  const problem = inspector.settings.getByRole('alert').filter({ hasText: 'The OS keychain cannot be used' });
  await expect(problem).toContainText('D-Bus');
  await expect(problem).toContainText('session only');

  await inspector.saveKey(LOCAL_ADAPTY_KEY);
  await expect(inspector.keyInput()).toHaveValue(LOCAL_ADAPTY_KEY);
  await expect(inspector.keyStatus).toHaveText('No API key');
  await captureStates(page, 'keychain-unavailable');

  await inspector.settings.getByRole('button', { name: 'Keep for this session only' }).click();
  await expect(inspector.keyStatus).toHaveText(`Key …${LOCAL_ADAPTY_KEY.slice(-4)} (this session only)`);
  await expect(inspector.settings.getByTestId('key-status-text')).toContainText('kept for this session only');
  await expect(inspector.keyInput()).toHaveValue('');
  expect(await inspector.everythingVisibleToThePage()).not.toContain(LOCAL_ADAPTY_KEY);
  await page.keyboard.press('Escape');

  const before = identifierRequests(adapty).length;
  await inspector.search('all-set');
  await expect(inspector.result).toContainText('16 of 16 set');
  expect(identifierRequests(adapty).slice(before)).toHaveLength(1);
});
