/** Several Adapty apps: connections in the header and in settings, one key each, nothing shown under the wrong one. */
import { createSettingsStore } from '../src/main/settings/settings-store';
import { accountOf } from '../src/main/secrets/key-ring';
import { decodeBoundKey } from '../src/main/secrets/key-binding';
import { join } from 'node:path';
import { expect, identifierRequests, LOCAL_ADAPTY_KEY, test } from './fixtures';

/** The connections as the app wrote them to its settings file. */
async function onDisk(dataFolder: string) {
  return createSettingsStore(join(dataFolder, 'settings.json')).connections();
}

test('the active connection is in the header by name and colour; a new one has no key, and its own key goes to its own keychain item', async ({
  inspector,
  adapty,
  dataFolder,
  keychainItems,
}) => {
  const { page } = inspector;
  await expect(inspector.connectionSwitcher).toHaveText('Default');
  await expect(inspector.connectionSwitcher).toHaveAccessibleName('Connection: Default. Switch connection');
  await expect(inspector.keyStatus).toHaveText(/^Key …/);

  await inspector.openSettings();
  await inspector.addConnection('Acme staging', 'Orange');
  await expect(inspector.connectionSwitcher).toHaveAttribute('data-colour', 'orange');
  // A new connection has no key: the header says so, and a lookup is refused before any request.
  await expect(inspector.keyStatus).toHaveText('No API key');
  await expect(inspector.settings.getByRole('heading', { name: 'Secret API key of Acme staging' })).toBeVisible();
  const added = (await onDisk(dataFolder)).connections.find(({ name }) => name === 'Acme staging');
  expect(added).toMatchObject({ colour: 'orange', baseUrl: 'https://api.adapty.io', timeoutMs: 15_000 });
  expect((await onDisk(dataFolder)).active).toBe(added!.id);

  // Its own address and key: saved, tested, and kept in the connection's own item, bound to its origin.
  await inspector.setBaseUrl(adapty.url);
  await inspector.saveKey(LOCAL_ADAPTY_KEY);
  await expect(page.getByText('Key saved and working')).toBeVisible();
  const item = await keychainItems.item(accountOf(added!.id)).get();
  expect(item.ok && item.value !== null && decodeBoundKey(item.value)).toEqual({ key: LOCAL_ADAPTY_KEY, origin: new URL(adapty.url).origin });
  await page.keyboard.press('Escape');

  await inspector.search('all-set');
  await expect(inspector.result).toContainText('16 of 16 set');
  await inspector.result.getByRole('button', { name: 'Copy for ticket' }).click();
  expect(await inspector.clipboard()).toContain(`Connection: Acme staging (${new URL(adapty.url).host})`);
});

test('switching connection from the header clears what was shown, and lookups then go through the new one with its key', async ({ inspector, adapty }) => {
  const { page } = inspector;
  await inspector.openSettings();
  await inspector.addConnection('Production');
  await page.keyboard.press('Escape');
  await expect(inspector.keyStatus).toHaveText('No API key');

  await inspector.switchConnection('Default');
  await expect(inspector.keyStatus).toHaveText(/^Key …/);
  await inspector.search('all-set');
  await expect(inspector.result).toBeVisible();

  await inspector.switchConnection('Production');
  // The result belonged to Default: it is gone, not left under Production.
  await expect(inspector.result).toHaveCount(0);
  await expect(inspector.keyStatus).toHaveText('No API key');
  const before = identifierRequests(adapty).length;
  await inspector.searchInput().press('Enter');
  await expect(inspector.banner).toContainText('No API key yet');
  expect(identifierRequests(adapty).length).toBe(before);
});

test('renaming and recolouring the active connection shows at once in the header; a duplicate name is refused and kept in the field', async ({
  inspector,
  dataFolder,
}) => {
  await inspector.openSettings();
  await inspector.addConnection('Acme');
  const form = inspector.settings.locator('form').filter({ has: inspector.page.locator('#active-connection-name') });
  await form.getByLabel('Name').fill('default');
  await form.getByRole('button', { name: 'Save name and colour' }).click();
  await expect(form.getByText('A connection named "default" already exists. Choose another name.')).toBeVisible();
  await expect(form.getByLabel('Name')).toHaveValue('default');

  await form.getByLabel('Name').fill('Acme production');
  await form.getByRole('combobox', { name: 'Colour' }).click();
  await inspector.page.getByRole('option', { name: 'Grape' }).click();
  await form.getByRole('button', { name: 'Save name and colour' }).click();
  await expect(inspector.connectionSwitcher).toHaveText('Acme production');
  await expect(inspector.connectionSwitcher).toHaveAttribute('data-colour', 'grape');
  expect((await onDisk(dataFolder)).connections.map(({ name }) => name)).toEqual(['Default', 'Acme production']);
});

test('removing a connection asks first, deletes its key from the keychain, and the only one left cannot be removed', async ({
  inspector,
  adapty,
  dataFolder,
  keychainItems,
  keychain,
}) => {
  await inspector.openSettings();
  await inspector.addConnection('Temporary');
  await inspector.setBaseUrl(adapty.url);
  await inspector.saveKey(LOCAL_ADAPTY_KEY);
  await expect(inspector.page.getByText('Key saved and working')).toBeVisible();
  const id = (await onDisk(dataFolder)).connections.find(({ name }) => name === 'Temporary')!.id;
  expect((await keychainItems.item(accountOf(id)).get()).ok).toBe(true);

  const row = inspector.settings.getByTestId('connection-row').filter({ hasText: 'Temporary' });
  // By keyboard: the question takes focus on its safe answer, and keeping it gives focus back to Remove.
  await row.getByRole('button', { name: 'Remove Temporary' }).focus();
  await inspector.page.keyboard.press('Enter');
  await expect(row).toContainText('Remove Temporary and delete its key from the keychain?');
  await expect(row.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await inspector.page.keyboard.press('Enter');
  await expect(row.getByRole('button', { name: 'Remove Temporary' })).toBeFocused();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Remove Temporary' }).click();
  await row.getByRole('button', { name: 'Remove', exact: true }).click();

  await expect(inspector.settings.getByTestId('connection-row')).toHaveCount(1);
  await expect(inspector.connectionSwitcher).toHaveText('Default');
  expect(await keychainItems.item(accountOf(id)).get()).toEqual({ ok: true, value: null });
  // The other connection's key is untouched, and the last connection offers no Remove.
  expect((await keychain.get()).ok && (await keychain.get())).toMatchObject({ ok: true, value: expect.any(String) });
  await expect(inspector.settings.getByRole('button', { name: 'Remove Default' })).toHaveCount(0);
  expect((await onDisk(dataFolder)).connections.map(({ name }) => name)).toEqual(['Default']);
});

test('after a removal, focus stays in the list: on the Remove of the row that took its place, or on the list heading once none is left to remove', async ({
  inspector,
}) => {
  const { page } = inspector;
  await inspector.openSettings();
  await inspector.addConnection('First');
  await inspector.addConnection('Second');
  const rows = inspector.settings.getByTestId('connection-row');
  await expect(rows).toHaveCount(3);

  /** Removes a connection by keyboard alone: Remove, then from "Keep it" back to the question's Remove. */
  async function removeByKeyboard(name: string) {
    await rows.filter({ hasText: name }).getByRole('button', { name: `Remove ${name}` }).focus();
    await page.keyboard.press('Enter');
    await expect(rows.filter({ hasText: name }).getByRole('button', { name: 'Keep it' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(rows.filter({ hasText: name })).toHaveCount(0);
  }

  // A row in the middle: the next one takes its place, and its Remove has focus (a second removal is one question away).
  await removeByKeyboard('First');
  await expect(rows.filter({ hasText: 'Second' }).getByRole('button', { name: 'Remove Second' })).toBeFocused();
  // The last row: the one before it takes its place; it is now the only one and has nothing to press, so the heading has focus.
  await removeByKeyboard('Second');
  await expect(rows).toHaveCount(1);
  await expect(inspector.settings.getByRole('heading', { name: 'Connections' })).toBeFocused();
  // Focus is still in the panel, so Tab goes on from there (not from the page's start).
  await page.keyboard.press('Tab');
  await expect(inspector.settings.getByRole('button', { name: 'Add connection' })).toBeFocused();
});

test.describe('upgrade from a version without connections', () => {
  test.use({ legacySettings: true });

  test('the settings and the key saved before become the first connection: nothing is lost', async ({ inspector, adapty }) => {
    await expect(inspector.connectionSwitcher).toHaveText('Default');
    await expect(inspector.keyStatus).toHaveText(`Key …${LOCAL_ADAPTY_KEY.slice(-4)}`);
    await inspector.search('all-set');
    await expect(inspector.result).toContainText('16 of 16 set');
    await inspector.openSettings();
    await expect(inspector.settings.getByLabel('Base URL')).toHaveValue(adapty.url);
  });
});

test('no stale screens: once the search text changes, the result is greyed and labelled as the earlier search; Cancel puts focus back in the field', async ({
  inspector,
}) => {
  const { page } = inspector;
  await inspector.search('all-set');
  await expect(inspector.result).toBeVisible();
  await expect(page.getByTestId('stale-note')).toHaveCount(0);

  await inspector.searchInput().fill('someone-else');
  await expect(page.getByTestId('stale-note')).toHaveText(/the earlier search for all-set, not what is in the search field now/);
  await expect(page.locator('[data-stale="true"]')).toContainText('16 of 16 set');
  // Back to the same text: it is that result again.
  await inspector.searchInput().fill('all-set');
  await expect(page.getByTestId('stale-note')).toHaveCount(0);

  // A banner too.
  await inspector.search('nobody');
  await expect(inspector.banner).toBeVisible();
  await inspector.searchInput().fill('nobody-2');
  await expect(page.getByTestId('stale-note')).toContainText('nobody');

  // Cancel returns focus to the field.
  await inspector.search('scenario:slow');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Lookup cancelled.')).toBeVisible();
  await expect(inspector.searchInput()).toBeFocused();
});

for (const size of [
  { width: 720, height: 520 },
  { width: 1100, height: 760 },
]) {
  test(`at ${size.width}×${size.height} the messages after a change in settings never cover the settings panel`, async ({ inspector, adapty }) => {
    const { page } = inspector;
    await page.setViewportSize(size);
    await inspector.openSettings();
    await inspector.addConnection('Acme staging');
    await inspector.setBaseUrl(adapty.url);
    const panel = (await inspector.settings.boundingBox())!;
    const messages = page.locator('.mantine-Notification-root');
    await expect(messages.filter({ hasText: 'Settings saved' })).toBeVisible();
    // Beside the panel once in place (they slide in), not over its buttons and what they answer.
    const besidePanel = async () =>
      (await Promise.all((await messages.all()).map((message) => message.boundingBox()))).every((box) => box !== null && box.x >= 0 && box.x + box.width <= panel.x);
    await expect.poll(besidePanel).toBe(true);
  });
}
