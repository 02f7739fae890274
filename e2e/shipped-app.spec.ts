/**
 * What only the shipped main process decides, checked on the built bundles
 * (project "built"): the built main runs with an Electron double that records
 * what it was asked, and its window is this test's page.
 */
import keytar from 'keytar';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startLocalAdapty } from '../src/main/local-adapty/server';
import { decodeBoundKey } from '../src/main/secrets/key-binding';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICES } from '../src/main/secrets/secret-store';
import type { MainProcessDouble } from './electron-double/main-process';
import { BUILT_PAGE_URL, BUILT_PRELOAD, expect, identifierRequests, LOCAL_ADAPTY_KEY, test } from './fixtures';
import type { InspectorPage } from './harness/inspector-page';

/** Every file under a folder, with its contents. */
async function filesUnder(folder: string): Promise<Array<{ path: string; text: string }>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(path, 'latin1') })));
}

/** Roles that do something only on macOS: elsewhere they are dead menu items. */
const MAC_ONLY_ROLES = ['about', 'hide', 'hideOthers', 'unhide', 'services', 'front', 'zoom', 'window', 'recentDocuments', 'clearRecentDocuments'];

function rolesIn(items: ReadonlyArray<{ role?: string; submenu?: unknown }>): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? rolesIn(item.submenu as Array<{ role?: string; submenu?: unknown }>) : []),
  ]);
}

test.describe('the window', () => {
  test('is sandboxed and isolated, with no Node, and its preload is the built one', async ({ inspector, electron }) => {
    expect(electron.records.sandboxEnabled).toBe(true);
    expect(electron.windows).toHaveLength(1);
    const { webPreferences } = electron.windows[0]!.options;
    expect(webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(webPreferences?.preload).toBe(BUILT_PRELOAD);
    expect(existsSync(webPreferences!.preload!)).toBe(true);
    expect(electron.windows[0]!.isVisible()).toBe(true);
    expect(electron.windows[0]!.webContents.getURL()).toBe(BUILT_PAGE_URL);
    // The page sees the bridge and nothing of Node or Electron.
    const globals = await inspector.page.evaluate(() => ({
      api: Object.keys((window as unknown as { api: object }).api).sort(),
      appEvents: Object.keys((window as unknown as { appEvents: object }).appEvents),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(globals).toEqual({
      api: [
        'addConnection',
        'cancelBatch',
        'cancelLookup',
        'clearHistory',
        'exportBatch',
        'getBatch',
        'getExchanges',
        'getHistory',
        'getKeyStatus',
        'getSettings',
        'lookup',
        'lookupProfile',
        'openIdFile',
        'removeConnection',
        'removeKey',
        'rerunFailed',
        'saveKey',
        'saveSettings',
        'setHistoryEnabled',
        'startBatch',
        'startDemo',
        'switchConnection',
        'takeDeepLinks',
        'testKey',
        'updateConnection',
      ],
      appEvents: ['onDeepLink', 'onBatchChanged'],
      require: 'undefined',
      process: 'undefined',
    });
  });

  test('the built page may open no connection and no frame, even to its own origin', async ({ inspector }) => {
    const csp = await inspector.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toContain("script-src 'self'");
    const fetched = await inspector.page.evaluate(() =>
      fetch(location.href).then(
        () => 'loaded',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');
  });

  test('never navigates to another origin; an Adapty link opens in the browser instead', async ({ inspector, electron }) => {
    const { page } = inspector;
    await page.evaluate(() => {
      window.location.href = 'https://example.com/phish';
    });
    await expect.poll(() => electron.records.navigations.map((n) => n.url)).toContain('https://example.com/phish');
    await page.evaluate(() => {
      window.location.href = 'https://docs.adapty.io/docs/server-side-api';
    });
    await expect.poll(() => electron.records.openedExternally).toEqual(['https://docs.adapty.io/docs/server-side-api']);
    expect(electron.records.navigations.every((navigation) => navigation.prevented)).toBe(true);
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/index\.html$/);
    await inspector.search('all-set');
    await expect(inspector.result).toBeVisible();
  });

  test('window.open is denied; an Adapty link goes to the browser', async ({ inspector, electron, context }) => {
    const { page } = inspector;
    await page.evaluate(() => void window.open('https://example.com/elsewhere'));
    await expect.poll(() => electron.records.windowOpens).toEqual([{ url: 'https://example.com/elsewhere', decision: 'deny' }]);
    await page.evaluate(() => void window.open('https://adapty.io/docs/'));
    await expect.poll(() => electron.records.openedExternally).toEqual(['https://adapty.io/docs/']);
    expect(electron.records.windowOpens.map((open) => open.decision)).toEqual(['deny', 'deny']);
    await expect.poll(() => context.pages().length).toBe(1);
  });

  test('every permission is denied except clipboard writes from the app page in the main window', async ({ inspector, electron, page, context }) => {
    await expect(inspector.keyStatus).toBeVisible();
    const session = electron.module.session.defaultSession;
    const request = session.permissionRequestHandler!;
    const check = session.permissionCheckHandler!;
    const main = electron.windows[0]!.webContents as unknown as Parameters<NonNullable<typeof request>>[0];
    const ask = (permission: string, contents = main, requestingUrl = BUILT_PAGE_URL) =>
      new Promise<boolean>((done) => request(contents, permission as Parameters<typeof request>[1], done, { requestingUrl, isMainFrame: true } as never));

    expect(await ask('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen', 'midi']) {
      expect(await ask(permission), permission).toBe(false);
    }
    expect(await ask('clipboard-sanitized-write', main, 'https://example.com/')).toBe(false);
    const other = await electron.foreignWebContents(await context.newPage(), BUILT_PRELOAD);
    expect(await ask('clipboard-sanitized-write', other as never)).toBe(false);
    const checkFor = (permission: string) => check(main, permission as never, 'file://', { requestingUrl: BUILT_PAGE_URL } as never);
    expect(checkFor('clipboard-sanitized-write')).toBe(true);
    expect(checkFor('notifications')).toBe(false);
    expect(page).toBe(inspector.page);
  });

  test('a message from other web contents is refused, even from the app page', async ({ inspector, electron, context, rendererUrl }) => {
    const mine = await inspector.page.evaluate(() => (window as unknown as { api: { getSettings(): Promise<{ ok: boolean }> } }).api.getSettings());
    expect(mine.ok).toBe(true);

    // Loaded by main itself (loadURL), as another window of the app would be: the same page, other web contents.
    const intruder = await context.newPage();
    const other = await electron.foreignWebContents(intruder, BUILT_PRELOAD);
    await other.loadURL(BUILT_PAGE_URL);
    expect(intruder.url()).toBe(new URL('index.html', rendererUrl).href);
    const refused = await intruder.evaluate(() => (window as unknown as { api: { getSettings(): Promise<unknown> } }).api.getSettings());
    expect(refused).toEqual({ ok: false, error: { kind: 'bad_request', message: "This message did not come from the app's own window and was ignored." } });
    await intruder.close();
  });

  test('the menu has no dead items on this platform, and Help opens the API docs in the browser', async ({ inspector, electron }) => {
    await expect(inspector.keyStatus).toBeVisible();
    const menu = electron.records.menu!;
    expect(menu.length).toBeGreaterThan(0);
    const roles = rolesIn(menu);
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'quit', 'minimize', 'close']));
    if (process.platform !== 'darwin') expect(roles.filter((role) => MAC_ONLY_ROLES.includes(role))).toEqual([]);
    const help = menu.find((item) => item.role === 'help')!;
    const docs = (help.submenu as Array<{ label?: string; click?: () => void }>).find((item) => item.label === 'Adapty API documentation')!;
    docs.click!();
    expect(electron.records.openedExternally).toEqual(['https://adapty.io/docs/']);
  });
});

test.describe('the key goes only where it was saved for', () => {
  type Bridge = { api: Record<string, (request?: unknown) => Promise<{ ok: boolean; error?: { kind: string } }>> };

  test('a page that changes the base URL and tests the key sends it nowhere; main asked, and the answer was no', async ({ inspector, electron, adapty }) => {
    const elsewhere = await startLocalAdapty();
    try {
      const answers = await inspector.page.evaluate(async (url) => {
        const { api } = window as unknown as Bridge;
        const saved = await api.saveSettings!({ baseUrl: url, timeoutMs: 15_000 });
        return { saved, tested: await api.testKey!() };
      }, elsewhere.url);
      expect(answers.saved.ok).toBe(true);
      expect(answers.tested).toMatchObject({ ok: false, error: { kind: 'key_origin_mismatch' } });
      expect(elsewhere.requests).toEqual([]);
      expect(electron.records.messageBoxes).toHaveLength(1);
      const [asked] = electron.records.messageBoxes;
      expect(asked!.message).toBe(`Send your secret API key to ${new URL(elsewhere.url).origin}?`);
      expect(asked!.detail).toContain(`The key was saved for ${new URL(adapty.url).origin}`);
      expect(asked).toMatchObject({ defaultId: 0, cancelId: 0, response: 0 });
      // The window explains, and leads to the settings.
      await inspector.search('all-set');
      await expect(inspector.banner).toHaveAttribute('data-error-kind', 'key_origin_mismatch');
      await expect(inspector.banner).toContainText('The saved key is for another address');
    } finally {
      await elsewhere.close();
    }
  });

  test.describe('when the person agrees in main\'s dialog', () => {
    test.use({ keyMoveAnswer: 'move' });

    test('the key moves to the new origin, and the keychain item says so', async ({ inspector, electron }) => {
      const elsewhere = await startLocalAdapty();
      try {
        await inspector.openSettings();
        await inspector.settings.getByLabel('Base URL').fill(elsewhere.url);
        await inspector.settings.getByRole('button', { name: 'Save connection settings' }).click();
        await expect(inspector.page.getByText('Settings saved')).toBeVisible();
        await inspector.page.keyboard.press('Escape');
        await inspector.search('all-set');
        await expect(inspector.result).toBeVisible();
        // The identifiers and the profile, both with the key, both at the address it now belongs to.
        expect(identifierRequests(elsewhere).filter((request) => request.hasAuthorization)).toHaveLength(1);
        expect(elsewhere.requests.every((request) => request.hasAuthorization)).toBe(true);
        expect(electron.records.messageBoxes.map((box) => box.response)).toEqual([1]);
        const stored = decodeBoundKey((await keytar.getPassword(KEYCHAIN_SERVICES.development, KEYCHAIN_ACCOUNT)) ?? '');
        expect(stored).toEqual({ key: LOCAL_ADAPTY_KEY, origin: new URL(elsewhere.url).origin });
      } finally {
        await elsewhere.close();
      }
    });
  });
});

test.describe('lookups', () => {
  test('go through Chromium\'s network stack with no HTTP cache', async ({ inspector, electron, adapty }) => {
    const before = identifierRequests(adapty).length;
    await inspector.search('all-set');
    await expect(inspector.result).toBeVisible();
    await inspector.search('documented-example');
    await expect(inspector.result).toContainText('documented-example');
    expect(identifierRequests(adapty).length).toBe(before + 2);
    expect(electron.module.net.requests.length).toBeGreaterThanOrEqual(2);
    expect(electron.module.net.requests.every((request) => request.cache === 'no-store')).toBe(true);
  });

  test('answer before their history record is written, and quitting waits for that write', async ({ inspector, electron, dataFolder }) => {
    await inspector.search('all-set');
    await expect(inspector.result).toBeVisible();
    let prevented = 0;
    const quitsBefore = electron.records.quitCalls;
    electron.module.app.emit('will-quit', { preventDefault: () => void (prevented += 1) });
    expect(prevented).toBe(1);
    await expect.poll(() => electron.records.quitCalls).toBe(quitsBefore + 1);
    // Quit is asked for again only once the history is on disk.
    const history = JSON.parse(await readFile(join(dataFolder, 'history.json'), 'utf8')) as { entries: Array<{ id: string }> };
    expect(history.entries.map((entry) => entry.id)).toEqual(['all-set']);
  });

  test('while the app waits to quit, a second launch or activate opens no window for the quit to close', async ({ inspector, electron }) => {
    await expect(inspector.searchInput()).toBeVisible();
    const opened = electron.windows.length;
    for (const window of electron.windows) window.close();
    electron.module.app.emit('will-quit', { preventDefault: () => undefined });
    electron.module.app.emit('second-instance', {}, [process.execPath, '.']);
    electron.module.app.emit('activate');
    expect(electron.windows).toHaveLength(opened);
    await expect.poll(() => electron.records.quitCalls).toBeGreaterThan(0);
  });
});

/**
 * Checks the run's data folder and single-instance lock, saves the key through the settings panel,
 * and checks it landed in this kind of run's keychain item and not in the other kind's.
 */
async function saveKeyInOwnPlaces(
  { inspector, electron, dataFolder }: { inspector: InspectorPage; electron: MainProcessDouble; dataFolder: string },
  expected: { folder: string; service: string; otherService: string },
): Promise<void> {
  expect(basename(dataFolder)).toBe(expected.folder);
  expect(electron.records.lockedUserData).toBe(dataFolder);
  await inspector.openSettings();
  await inspector.saveKey(LOCAL_ADAPTY_KEY);
  await expect(inspector.keyStatus).toContainText(LOCAL_ADAPTY_KEY.slice(-4));
  expect(decodeBoundKey((await keytar.getPassword(expected.service, KEYCHAIN_ACCOUNT)) ?? '').key).toBe(LOCAL_ADAPTY_KEY);
  expect(await keytar.getPassword(expected.otherService, KEYCHAIN_ACCOUNT)).toBeNull();
}

test.describe('links from ticket tools', () => {
  test('macOS hands a link over as open-url: main takes it, tells the window, and the lookup runs', async ({ inspector, electron }) => {
    let prevented = false;
    electron.module.app.emit('open-url', { preventDefault: () => (prevented = true) }, 'adapty-inspector://lookup?customer_user_id=all-set');
    expect(prevented).toBe(true);
    await expect(inspector.result).toContainText('16 of 16 set');
    expect(electron.records.sent.map(({ channel, args }) => [channel, args])).toEqual([['link:arrived', []]]);
  });

  test('a second launch without a link brings the window to the front and runs nothing', async ({ inspector, electron, adapty }) => {
    const before = adapty.requests.length;
    electron.module.app.secondLaunch(['/opt/Adapty Inspector/adapty-inspector']);
    await expect(inspector.searchInput()).toBeVisible();
    expect(electron.records.sent).toEqual([]);
    expect(adapty.requests.length).toBe(before);
  });
});

test.describe('the data folder', () => {
  test.use({ withKey: false });

  test('a development run has its own data folder and keychain item; the key is in no file there', async ({ inspector, electron, dataFolder }) => {
    await saveKeyInOwnPlaces(
      { inspector, electron, dataFolder },
      { folder: 'Adapty Inspector (development)', service: KEYCHAIN_SERVICES.development, otherService: KEYCHAIN_SERVICES.production },
    );
    await inspector.settings.getByLabel('Timeout (seconds)').fill('20');
    await inspector.settings.getByRole('button', { name: 'Save connection settings' }).click();
    await inspector.page.keyboard.press('Escape');
    await inspector.search('all-set');
    await expect(inspector.result).toBeVisible();
    // The app closed and quit, as a person leaves it: every file it keeps is written by then.
    electron.windows[0]!.close();
    const quits = electron.records.quitCalls;
    electron.module.app.emit('will-quit', { preventDefault: () => undefined });
    await expect.poll(() => electron.records.quitCalls).toBeGreaterThan(quits);

    const files = await filesUnder(dataFolder);
    expect(files.map((file) => basename(file.path)).sort()).toEqual(['history.json', 'settings.json', 'window-state.json']);
    // A development run leaves links to the installed app.
    expect(electron.records.protocolClients).toEqual([]);
    expect(JSON.parse(files.find((file) => file.path.endsWith('settings.json'))!.text)).toMatchObject({
      version: 2,
      connections: [{ name: 'Default', timeoutMs: 20_000 }],
    });
    for (const file of files) {
      expect(file.text, file.path).not.toContain(LOCAL_ADAPTY_KEY);
      expect(file.text, file.path).not.toContain(LOCAL_ADAPTY_KEY.slice(0, 16));
    }
    // Nothing written beside it, in the shared application-data folder either.
    expect(await readdir(resolve(dataFolder, '..'))).toEqual(['Adapty Inspector (development)']);
  });

  test.describe('of an installed app', () => {
    test.use({ packaged: true });

    test('is named after the product, with the installed app\'s keychain item', async ({ inspector, electron, dataFolder }) => {
      await saveKeyInOwnPlaces(
        { inspector, electron, dataFolder },
        { folder: 'Adapty Inspector', service: KEYCHAIN_SERVICES.production, otherService: KEYCHAIN_SERVICES.development },
      );
    });

    test('registers itself as the handler of adapty-inspector:// links (a development run does not)', async ({ electron }) => {
      expect(electron.records.protocolClients).toEqual(['adapty-inspector']);
    });
  });
});

test.describe('an explicit --user-data-dir', () => {
  const folder = join(tmpdir(), `inspector-e2e-explicit-${process.pid}`);
  test.use({ electronSwitches: { 'user-data-dir': folder } });
  test.afterAll(() => rm(folder, { recursive: true, force: true }));

  test('is the data folder, and the lock is taken there', async ({ inspector, electron }) => {
    await expect(inspector.keyStatus).toBeVisible();
    expect(electron.records.lockedUserData).toBe(folder);
    await inspector.openSettings();
    await inspector.settings.getByLabel('Timeout (seconds)').fill('21');
    await inspector.settings.getByRole('button', { name: 'Save connection settings' }).click();
    await expect.poll(() => existsSync(join(folder, 'settings.json'))).toBe(true);
  });
});

test.describe('an installed app started with --user-data-dir', () => {
  test.use({ packaged: true, electronSwitches: { 'user-data-dir': join(tmpdir(), 'inspector-e2e-ignored') } });

  test('keeps its own data folder: the switch cannot point it at other settings', async ({ inspector, electron, dataFolder }) => {
    await expect(inspector.keyStatus).toBeVisible();
    expect(basename(dataFolder)).toBe('Adapty Inspector');
    expect(electron.records.lockedUserData).toBe(dataFolder);
  });
});

test.describe('a page that cannot be loaded', () => {
  test.use({ electronFailing: 'page-load' });

  test('is a start-up failure shown in a dialog, not a blank window', async ({ electron }) => {
    await expect.poll(() => electron.records.errorBoxes.length).toBe(1);
    expect(electron.records.errorBoxes[0]!.title).toBe('Adapty Inspector could not start');
    expect(electron.records.errorBoxes[0]!.content).toContain("The app's page could not be loaded (ERR_FILE_NOT_FOUND");
    expect(electron.records.quitCalls).toBe(1);
  });
});

test.describe('a failure while starting', () => {
  test.use({ electronFailing: 'screen' });

  test('is shown in a dialog, then the app quits', async ({ electron }) => {
    await expect.poll(() => electron.records.errorBoxes.length).toBe(1);
    const [box] = electron.records.errorBoxes;
    expect(box!.title).toBe('Adapty Inspector could not start');
    expect(box!.content).toContain('The display server went away.');
    expect(box!.content).toContain('Try starting it again');
    expect(electron.records.quitCalls).toBe(1);
    expect(electron.windows).toHaveLength(0);
  });
});
