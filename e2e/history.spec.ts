/** History of lookups and the Ctrl/⌘+K palette: find a past lookup, run it again, switch connection, copy for a ticket. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, identifierRequests, LOCAL_ADAPTY_KEY, test } from './fixtures';

test('each lookup is kept in the history (ID, type, connection, outcome; never a key or identifier), searchable, and runs again with one click', async ({
  inspector,
  adapty,
  dataFolder,
}) => {
  await inspector.search('all-set');
  await expect(inspector.result).toBeVisible();
  await inspector.search('nobody');
  await expect(inspector.banner).toBeVisible();

  await inspector.openHistory();
  const entries = inspector.history.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('nobody');
  await expect(entries.nth(0)).toContainText('not found');
  await expect(entries.nth(1)).toContainText('all-set');
  await expect(entries.nth(1)).toContainText(/^all-setfoundCustomer user ID · Default · /);

  await inspector.history.getByLabel('Search history').fill('not found');
  await expect(entries).toHaveCount(1);
  await inspector.history.getByLabel('Search history').fill('ALL');
  await expect(entries).toHaveCount(1);
  const before = identifierRequests(adapty).length;
  await entries.first().click();
  await expect(inspector.history).toHaveCount(0);
  await expect(inspector.searchInput()).toHaveValue('all-set');
  await expect(inspector.result).toContainText('16 of 16 set');
  expect(identifierRequests(adapty).length).toBe(before + 1);

  // On disk in the app's data folder: what was looked up, never the key or an identifier's value.
  await expect.poll(async () => (await readFile(join(dataFolder, 'history.json'), 'utf8').catch(() => '')).includes('nobody')).toBe(true);
  const file = await readFile(join(dataFolder, 'history.json'), 'utf8');
  expect(JSON.parse(file).entries.map((entry: { id: string }) => entry.id)).toEqual(['all-set', 'nobody']);
  expect(file).not.toContain(LOCAL_ADAPTY_KEY);
  expect(file).not.toContain('1741933337626');
});

test('the history can be cleared after a confirmation, and turned off, which clears it and stops keeping lookups', async ({ inspector, dataFolder }) => {
  await inspector.search('all-set');
  await expect(inspector.result).toBeVisible();
  await inspector.openHistory();
  await expect(inspector.history.getByTestId('history-entry')).toHaveCount(1);
  // By keyboard: the question takes focus on its safe answer, and keeping them gives focus back to Clear history.
  await inspector.history.getByRole('button', { name: 'Clear history' }).focus();
  await inspector.page.keyboard.press('Enter');
  await expect(inspector.history.getByRole('button', { name: 'Keep them' })).toBeFocused();
  await inspector.page.keyboard.press('Enter');
  await expect(inspector.history.getByRole('button', { name: 'Clear history' })).toBeFocused();
  await expect(inspector.history.getByTestId('history-entry')).toHaveCount(1);
  await inspector.history.getByRole('button', { name: 'Clear history' }).click();
  await inspector.history.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(inspector.history.getByTestId('history-entry')).toHaveCount(0);
  await expect(inspector.history).toContainText('No lookups yet');

  await inspector.page.keyboard.press('Escape');
  await inspector.search('nobody');
  await expect(inspector.banner).toBeVisible();
  await inspector.openHistory();
  await expect(inspector.history.getByTestId('history-entry')).toHaveCount(1);
  // By keyboard, as the switch is reached with Tab.
  await inspector.history.getByRole('switch', { name: /^Keep a history of lookups on this computer/ }).focus();
  await inspector.page.keyboard.press('Space');
  await expect(inspector.history.getByRole('switch')).not.toBeChecked();
  await expect(inspector.history.getByTestId('history-entry')).toHaveCount(0);
  await inspector.page.keyboard.press('Escape');
  await inspector.search('all-set');
  await expect(inspector.result).toBeVisible();
  await expect.poll(async () => JSON.parse(await readFile(join(dataFolder, 'history.json'), 'utf8'))).toEqual({ enabled: false, entries: [] });
});

test('Ctrl+K from the search field: a past lookup runs again through its own connection; switch connection; copy for ticket; open settings', async ({
  inspector,
  adapty,
}) => {
  const { page } = inspector;
  await inspector.search('documented-example');
  await expect(inspector.result).toBeVisible();

  // Copy for ticket, from the palette.
  await inspector.runFromPalette('copy for ticket');
  await expect(page.getByText('Copied for ticket')).toBeVisible();
  expect(await inspector.clipboard()).toContain(`Connection: Default (${new URL(adapty.url).host})`);

  // Another connection, then the past lookup from the palette: it switches back to Default to run it.
  await inspector.openSettings();
  await inspector.addConnection('Other app');
  await page.keyboard.press('Escape');
  await expect(inspector.result).toHaveCount(0);
  await inspector.searchInput().focus();
  await inspector.runFromPalette('documented');
  await expect(inspector.connectionSwitcher).toHaveText('Default');
  await expect(inspector.result).toContainText('5 of 16 set');
  await expect(inspector.searchInput()).toHaveValue('documented-example');

  await inspector.runFromPalette('switch to other');
  await expect(inspector.connectionSwitcher).toHaveText('Other app');
  await inspector.runFromPalette('open settings');
  await expect(inspector.settings).toBeVisible();
});
