import { decodeBoundKey } from '../src/main/secrets/key-binding';
import { expect, LOCAL_ADAPTY_KEY, test } from './fixtures';

test.use({ withKey: false });

// Shaped like a real key so a leak would show; the local server accepts only LOCAL_ADAPTY_KEY.
const TYPED_KEY = 'secret_live_E2eTypedKey.Aa1Bb2Cc3Dd4';

test('first run: no key, the way to add one, and a lookup that says a key is needed', async ({ inspector, adapty }) => {
  const { page } = inspector;
  await expect(inspector.keyStatus).toHaveText('No API key');
  await expect(page.getByTestId('first-run')).toContainText('Add your Adapty secret key to start');
  // Its "Add API key" opens the settings at the key's field.
  await page.getByTestId('first-run').getByRole('button', { name: 'Add API key' }).click();
  await expect(inspector.keyInput()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(inspector.settings).toBeHidden();

  const before = adapty.requests.length;
  await inspector.search('documented-example');
  await expect(inspector.banner).toContainText('No API key yet');
  expect(adapty.requests.length).toBe(before);
  await inspector.banner.getByRole('button', { name: 'Add API key' }).click();
  await expect(inspector.settings).toBeVisible();
  // At the key's field, ready for a paste.
  await expect(inspector.keyInput()).toBeFocused();
  await expect(inspector.settings.getByTestId('key-status-text')).toHaveText('No key is set.');
});

test('saving a key stores it in the keychain, bound to the base URL\'s origin; the page learns only the last 4 characters', async ({ inspector, keychain, adapty }) => {
  const { page } = inspector;
  await inspector.openSettings();
  await inspector.saveKey(`  ${TYPED_KEY}\n`);
  // Saved, tested at once, and not announced as working: the local Adapty does not know this key.
  await expect(page.getByText('Key saved, but Adapty did not accept it')).toBeVisible();
  await expect(inspector.settings.getByRole('alert').filter({ hasText: 'The key is wrong' })).toBeVisible();
  await expect(page.getByText('Key saved and working')).toHaveCount(0);
  await expect(inspector.keyStatus).toHaveText(`Key …${TYPED_KEY.slice(-4)}`);
  await expect(inspector.settings.getByTestId('key-status-text')).toHaveText(`A key ending in ${TYPED_KEY.slice(-4)} is saved in the OS keychain.`);
  await expect(inspector.keyInput()).toHaveValue('');

  const stored = await keychain.get();
  expect(stored.ok && stored.value !== null && decodeBoundKey(stored.value)).toEqual({ key: TYPED_KEY, origin: new URL(adapty.url).origin });
  const visible = await inspector.everythingVisibleToThePage();
  expect(visible).not.toContain(TYPED_KEY);
  expect(visible).not.toContain(TYPED_KEY.slice(0, -4));
});

test('an invalid key gets a clear error, keeps what was typed, and keeps no key', async ({ inspector, keychain }) => {
  await inspector.openSettings();
  await inspector.saveKey('secret_live_has a space');
  await expect(inspector.settings.getByText(/The API key has a space at position 16/)).toBeVisible();
  await expect(inspector.keyInput()).toHaveValue('secret_live_has a space');
  expect(await keychain.get()).toEqual({ ok: true, value: null });
  await expect(inspector.keyStatus).toHaveText('No API key');
});

test('after saving the right key, a lookup works and the key can be tested and removed', async ({ inspector, keychain }) => {
  const { page } = inspector;
  await inspector.openSettings();
  await inspector.saveKey(LOCAL_ADAPTY_KEY);
  await expect(inspector.keyStatus).toContainText(LOCAL_ADAPTY_KEY.slice(-4));
  await expect(page.getByText('Key saved and working')).toBeVisible();

  await inspector.settings.getByRole('button', { name: 'Test key' }).click();
  await expect(inspector.settings.getByRole('status').filter({ hasText: 'The key works' })).toBeVisible();

  // By keyboard: the question takes focus on its safe answer, and keeping the key gives focus back to Remove key.
  await inspector.settings.getByRole('button', { name: 'Remove key' }).focus();
  await page.keyboard.press('Enter');
  await expect(inspector.settings.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(inspector.settings.getByRole('button', { name: 'Remove key' })).toBeFocused();
  await inspector.settings.getByRole('button', { name: 'Remove key' }).click();
  await inspector.settings.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(inspector.keyStatus).toHaveText('No API key');
  expect(await keychain.get()).toEqual({ ok: true, value: null });
  await page.keyboard.press('Escape');
});
