/** Demo mode: with no key, "Try with demo data" runs a sample server on this computer, as a connection clearly marked. */
import { accountOf } from '../src/main/secrets/key-ring';
import { DEMO_CONNECTION_ID, DEMO_TIMEOUT_MS } from '../src/shared/demo';
import { createSettingsStore } from '../src/main/settings/settings-store';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test.use({ withKey: false });

test('a newcomer with no key tries the demo: a marked connection, sample IDs that find and fail, nothing in the keychain; removing it stops the server', async ({
  inspector,
  keychainItems,
  dataFolder,
}) => {
  const { page } = inspector;
  await page.getByTestId('first-run').getByRole('button', { name: 'Try with demo data' }).click();
  await expect(inspector.connectionSwitcher).toContainText('Demo (sample data)');
  await expect(inspector.connectionSwitcher).toContainText('demo');
  await expect(inspector.connectionSwitcher).toHaveAccessibleName('Connection: Demo (sample data) demo (sample data on this computer). Switch connection');
  // The sample server's own key: said as such, not as the last 4 characters of a key at risk.
  await expect(inspector.keyStatus).toHaveText('Demo key');
  await expect(inspector.keyStatus).toHaveAccessibleName("Demo key: the sample server's own, kept for this session only. Open key settings");
  await expect(page.getByTestId('first-run')).toHaveCount(0);

  const ids = page.getByTestId('demo-ids');
  await ids.getByRole('button', { name: /^Try documented-example/ }).click();
  await expect(inspector.result).toContainText('5 of 16 set');
  await expect(inspector.searchInput()).toHaveValue('documented-example');
  await ids.getByRole('button', { name: /^Try scenario:rate-limited/ }).click();
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'rate_limited');
  await ids.getByRole('button', { name: /^Try nobody/ }).click();
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'not_found');

  // Its key is held for this run only: never in the keychain.
  expect(await keychainItems.item(accountOf(DEMO_CONNECTION_ID)).get()).toEqual({ ok: true, value: null });
  // In the settings file while this run lasts (a new run drops it: its server is gone).
  const saved = JSON.parse(await readFile(join(dataFolder, 'settings.json'), 'utf8')) as { connections: Array<{ demo?: true; baseUrl: string }> };
  const demoUrl = saved.connections.find(({ demo }) => demo)!.baseUrl;
  expect((await createSettingsStore(join(dataFolder, 'settings.json')).connections()).connections.some(({ demo }) => demo)).toBe(false);
  expect(new URL(demoUrl).hostname).toBe('127.0.0.1');
  expect((await fetch(demoUrl).catch(() => null))?.status).toBe(404);

  await inspector.openSettings();
  const row = inspector.settings.getByTestId('connection-row').filter({ hasText: 'Demo (sample data)' });
  await row.getByRole('button', { name: 'Remove Demo (sample data)' }).click();
  // Its key was never in the keychain: the question says what removing it does.
  await expect(row).toContainText('Remove Demo (sample data)? Its sample server stops.');
  await expect(row).not.toContainText('keychain');
  await row.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(inspector.connectionSwitcher).toHaveText('Default');
  await expect(page.getByText('The demo server has stopped.')).toBeVisible();
  expect(await fetch(demoUrl).then(() => 'answered', () => 'refused')).toBe('refused');
});

test("the demo's key and address are its sample server's own: settings say so and offer nothing that would break the demo; its timeout can change", async ({
  inspector,
}) => {
  const { page } = inspector;
  await page.getByTestId('first-run').getByRole('button', { name: 'Try with demo data' }).click();
  await expect(inspector.connectionSwitcher).toContainText('Demo (sample data)');
  // From the header's "Demo key": the panel opens at the demo's key, which says what it is.
  await inspector.keyStatus.click();
  const { settings } = inspector;
  const test = settings.getByRole('button', { name: 'Test key' });
  await expect(test).toBeFocused();
  const what = "The sample server's own key, kept for this session only. It is the only key that server accepts, so it cannot be replaced or removed here.";
  await expect(settings.getByTestId('key-status-text')).toHaveText(what);
  await expect(test).toHaveAccessibleDescription(what);
  for (const name of ['Save key', 'Remove key', 'Keep for this session only']) await expect(settings.getByRole('button', { name })).toHaveCount(0);
  await expect(settings.locator('input[type="password"]')).toHaveCount(0);
  await test.click();
  await expect(settings.getByText('The key works')).toBeVisible();
  // Said of the server that answered: the sample one, not Adapty.
  await expect(settings.getByText(/^The sample server accepted it \(a lookup of a random profile ID was answered "not found"/)).toBeVisible();

  // Its address is shown, to read and copy, not to change; Adapty's defaults are not offered.
  const baseUrl = settings.getByLabel('Base URL');
  await expect(baseUrl).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(baseUrl).not.toBeEditable();
  await expect(baseUrl).toHaveAccessibleDescription(/It cannot be changed: the demo answers only there\.$/);
  await expect(settings.getByRole('button', { name: 'Reset to defaults' })).toHaveCount(0);
  // The timeout is the person's: saved, and the demo still answers.
  await settings.getByLabel('Timeout (seconds)').fill('20');
  await settings.getByRole('button', { name: 'Save connection settings' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await expect(settings.getByLabel('Timeout (seconds)')).toHaveValue('20');
  await page.keyboard.press('Escape');
  await page.getByTestId('demo-ids').getByRole('button', { name: /^Try all-set/ }).click();
  await expect(inspector.result).toContainText('16 of 16 set');
  // The ID that times out outlasts the timeout in force, and says which.
  await expect(page.getByTestId('demo-ids').getByRole('button', { name: "Try scenario:slow:23000: slower than the demo's 20 s timeout" })).toBeVisible();
});

test('every failure banner is a click away in the demo, each saying what happened', async ({ inspector }) => {
  const { page } = inspector;
  await page.getByTestId('first-run').getByRole('button', { name: 'Try with demo data' }).click();
  const ids = page.getByTestId('demo-ids');
  // The demo's IDs that fail, and the banner each must give: bad key, refused feature, unknown profile, server
  // error, network down, timeout, rate limit.
  const failures: Array<[RegExp, string, string]> = [
    [/^Try scenario:unauthorized/, 'unauthorized', 'API key not accepted'],
    [/^Try scenario:forbidden/, 'unauthorized', 'API key not accepted'],
    [/^Try nobody/, 'not_found', 'No profile with this ID'],
    [/^Try scenario:server-error/, 'server_error', 'Adapty could not answer'],
    [/^Try scenario:drop/, 'network', 'Could not reach Adapty'],
    [new RegExp(`^Try scenario:slow:${DEMO_TIMEOUT_MS + 3_000}`), 'timeout', 'Adapty took too long to answer'],
    [/^Try scenario:rate-limited/, 'rate_limited', 'Too many requests'],
  ];
  for (const [name, kind, title] of failures) {
    await ids.getByRole('button', { name }).click();
    await expect(inspector.banner).toHaveAttribute('data-error-kind', kind, { timeout: DEMO_TIMEOUT_MS + 10_000 });
    await expect(inspector.banner).toContainText(title);
  }
  // An answer of the wrong shape is shown as read, the field that could not be read marked (not a banner).
  await ids.getByRole('button', { name: /^Try scenario:wrong-shape/ }).click();
  await expect(page.getByTestId('unreadable-note')).toContainText('One field had an unexpected type: appsflyer_id');
  // The demo says what each one does (its button's name), so none is a surprise.
  await expect(ids.getByRole('button', { name: /^Try scenario:slow:\d+: slower than the demo's 5 s timeout$/ })).toBeVisible();
});

test('at the smallest window the header keeps every button whole and in view, the demo connection and its key included', async ({ inspector }) => {
  const { page } = inspector;
  // The window's least size (MIN_SIZE in src/main/settings/window-state.ts).
  await page.setViewportSize({ width: 720, height: 520 });
  await page.getByTestId('first-run').getByRole('button', { name: 'Try with demo data' }).click();
  await expect(inspector.connectionSwitcher).toContainText('Demo (sample data)');
  const header = page.getByRole('banner');
  for (const button of [
    header.getByRole('button', { name: 'Open history' }),
    inspector.connectionSwitcher,
    inspector.keyStatus,
    header.getByRole('button', { name: 'Open settings' }),
  ]) {
    const box = (await button.boundingBox())!;
    // Inside the window, and what is drawn at its middle is the button itself (nothing beside it laid over it).
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(720);
    expect(await button.evaluate((element) => {
      const { left, top, width, height } = element.getBoundingClientRect();
      return element.contains(document.elementFromPoint(left + width / 2, top + height / 2));
    })).toBe(true);
  }
  // The switcher still says which connection, and that it is the demo.
  await expect(inspector.connectionSwitcher).toHaveAccessibleName(/^Connection: Demo \(sample data\) demo/);
});
