/**
 * The e2e harness, in two modes (a project's `harness` option):
 *
 * - `source`: the built renderer in Chromium, with `window.api` wired to the
 *   main-process handlers from `src/` (a Playwright binding calls the same
 *   dispatch as ipcMain).
 * - `built`: what ships. The built main (`out/main/index.js`) runs in this
 *   Node process with an Electron double (electron-double/), opens its window
 *   as this test's page, and the built preload runs in it. Only Electron's
 *   transport is substituted: the keychain, the data folder, HTTP and the
 *   handlers are the app's own.
 *
 * In both, the client talks to a local Adapty server over real HTTP and the
 * key goes to the real OS keychain.
 */
import { test as base, expect, type Page } from '@playwright/test';
import keytar from 'keytar';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CHANNELS, type Method } from '../src/shared/channels';
import type { Request, Response } from '../src/shared/contract';
import { appIdentity, PRODUCT_NAME } from '../src/main/app-identity';
import { IDENTIFIERS_PATH } from '../src/main/adapty/client';
import { createHandlers } from '../src/main/handlers';
import { startLocalAdapty, LOCAL_ADAPTY_KEY, type LocalAdapty } from '../src/main/local-adapty/server';
import { createDeepLinkInbox } from '../src/main/deep-links';
import { createDemoServer } from '../src/main/demo';
import { createHistoryStore } from '../src/main/history/history-store';
import { createKeyRing } from '../src/main/secrets/key-ring';
import { createKeychain, type Keychain } from '../src/main/secrets/keytar-store';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICES, type SecretStore } from '../src/main/secrets/secret-store';
import { createSettingsStore, type SettingsStore } from '../src/main/settings/settings-store';
import { BUILT_PAGE_URL, BUILT_PRELOAD, BUILT_RENDERER, loadBuiltMain } from './electron-double/load-built-main';
import { createMainProcessDouble, type DialogAnswers, type FileServing, type MainProcessDouble, type MainProcessDoubleOptions } from './electron-double/main-process';
import { exposeBridge } from './harness/bridge';
import { InspectorPage } from './harness/inspector-page';
import { serveRenderer } from './harness/static-server';
import { contractChecked } from '../test/helpers/contract-checked';

export { expect, LOCAL_ADAPTY_KEY };

/** The requests that reached the identifiers endpoint (each search also asks for the profile, on its own path). */
export function identifierRequests(adapty: LocalAdapty): LocalAdapty['requests'] {
  return adapty.requests.filter((request) => request.path === IDENTIFIERS_PATH);
}

export type HarnessMode = 'source' | 'built';

/** Calls one bridge function as the app's own window does. */
export type Invoke = <M extends Method>(method: M, ...request: Request<M> extends undefined ? [] : [Request<M>]) => Promise<Response<M>>;

interface Harness {
  inspector: InspectorPage;
  /** Key actions through the app's own handlers, as the settings panel does them. */
  keys: { save(key: string, options: { sessionOnly: boolean }): Promise<Response<'saveKey'>> };
  /** The keychain item of the first connection's key (read it to check what the app stored). */
  keychain: SecretStore;
  /** The app's keychain: the item of any connection's key (`accountOf(id)`). */
  keychainItems: Keychain;
  /** The settings file the app uses (written before the app starts). */
  settings: SettingsStore;
  /** The app's data folder (app.getPath('userData') in built mode). */
  dataFolder: string;
  /** What main's open and save dialogs answer (paths, in order; null or none left: cancelled). Push to it before the click. */
  dialogs: DialogAnswers;
  /** Built mode only: what the built main asked of Electron. */
  electron: MainProcessDouble;
  /** The app, running: its bridge, and (built mode) its Electron double. */
  running: {
    invoke: Invoke;
    electron: MainProcessDouble | null;
    /** A link from the OS while the app runs: built, a second launch with it on the command line; source, main's inbox told directly. */
    openLink(url: string): Promise<void>;
  };
}

interface Options {
  harness: HarnessMode;
  /** Whether the test starts with the local server's key saved in the keychain. */
  withKey: boolean;
  /** The lookup timeout in settings when the window opens. */
  timeoutMs: number;
  /** Built mode: app.isPackaged, as the double reports it. */
  packaged: boolean;
  /** Built mode: a part of Electron that fails, to see start-up failures handled. */
  electronFailing: MainProcessDoubleOptions['failing'] | undefined;
  /** Built mode: command-line switches the app is started with. */
  electronSwitches: Record<string, string>;
  /** What the person answers when main asks whether the key may go to a new base URL's origin. */
  keyMoveAnswer: 'keep' | 'move';
  /** The settings file as a version before connections wrote it (`{ baseUrl, timeoutMs }`), to see an upgrade. */
  legacySettings: boolean;
  /** Arguments the app is launched with (after Electron's own), such as a link from a ticket tool. */
  launchArgs: string[];
}

/** Maps out/renderer's files to the static server that serves them, and back. */
function servingOf(rendererUrl: string): FileServing {
  const folder = `${pathToFileURL(BUILT_RENDERER).href}/`;
  return {
    toHttp: (fileUrl) => (fileUrl.startsWith(folder) ? new URL(fileUrl.slice(folder.length), rendererUrl).href : null),
    toFile: (httpUrl) => (httpUrl.startsWith(rendererUrl) ? `${folder}${httpUrl.slice(rendererUrl.length).split(/[?#]/)[0]}` : null),
  };
}

/**
 * The built main uses the keychain item of a development run ("Adapty
 * Inspector (development)"), or of an installed app when `packaged`. Tests
 * touch those only inside the private keyring of scripts/with-keychain.sh,
 * never a developer's own.
 */
function builtModeKeychain(packaged: boolean): Keychain {
  // With no reachable keychain (project built-no-keychain) every call fails as data and nothing is touched.
  if (process.env.ADAPTY_TEST_SECRET_SERVICE !== '1' && process.env.ADAPTY_E2E_NO_KEYCHAIN !== '1') {
    throw new Error('The built-app e2e tests use the app\'s own keychain items: run them inside scripts/with-keychain.sh (npm test does).');
  }
  return createKeychain({ keytar, service: packaged ? KEYCHAIN_SERVICES.production : KEYCHAIN_SERVICES.development });
}

export const test = base.extend<Harness & Options, { adapty: LocalAdapty; rendererUrl: string }>({
  harness: ['source', { option: true }],
  withKey: [true, { option: true }],
  timeoutMs: [15_000, { option: true }],
  packaged: [false, { option: true }],
  electronFailing: [undefined, { option: true }],
  electronSwitches: [{}, { option: true }],
  keyMoveAnswer: ['keep', { option: true }],
  legacySettings: [false, { option: true }],
  launchArgs: [[], { option: true }],
  rendererUrl: [
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  adapty: [
    async ({}, use) => {
      const server = await startLocalAdapty({ slowMs: 5000 });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  dataFolder: async ({ harness, packaged }, use) => {
    const appData = await mkdtemp(join(tmpdir(), 'inspector-e2e-'));
    await use(harness === 'built' ? appIdentity({ isPackaged: packaged, appData }).userData : appData);
    // A lookup that ended with the test may still be writing history.json: rm retries rather than fail on ENOTEMPTY.
    await rm(appData, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  },
  keychainItems: async ({ harness, packaged }, use) => {
    await use(harness === 'built' ? builtModeKeychain(packaged) : createKeychain({ keytar, service: `${KEYCHAIN_SERVICES.test} e2e ${randomUUID()}` }));
  },
  keychain: async ({ harness, withKey, keychainItems }, use) => {
    const store = keychainItems.item(KEYCHAIN_ACCOUNT);
    // A test's own service starts empty; the app's own items (built mode) may hold an earlier test's key.
    const reachable = process.env.ADAPTY_E2E_NO_KEYCHAIN !== '1';
    const before = withKey ? await store.set(LOCAL_ADAPTY_KEY) : harness === 'built' && reachable ? await store.delete() : null;
    if (before && !before.ok) throw new Error(`The keychain is not usable for e2e tests: ${before.error.message}`);
    await use(store);
    await store.delete();
  },
  settings: async ({ adapty, timeoutMs, dataFolder, legacySettings }, use) => {
    const file = join(dataFolder, 'settings.json');
    if (legacySettings) {
      await mkdir(dataFolder, { recursive: true });
      await writeFile(file, `${JSON.stringify({ baseUrl: adapty.url, timeoutMs })}\n`);
      await use(createSettingsStore(file));
      return;
    }
    const settings = createSettingsStore(file);
    await settings.save({ baseUrl: adapty.url, timeoutMs });
    await use(settings);
  },
  dialogs: async ({}, use) => {
    await use({ open: [], save: [] });
  },
  running: async (
    // `keychain` first: it puts the test's key (or none) in the first connection's item before the app starts.
    { harness, page, context, rendererUrl, keychain, keychainItems, settings, dataFolder, packaged, electronFailing, electronSwitches, keyMoveAnswer, launchArgs, dialogs },
    use,
  ) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rendererUrl });
    if (harness === 'built') {
      const appData = join(dataFolder, '..');
      const running = await startBuiltApp({
        page,
        rendererUrl,
        appData,
        packaged,
        failing: electronFailing,
        switches: electronSwitches,
        // The dialog's second button sends the key to the new origin.
        messageBoxAnswers: keyMoveAnswer === 'move' ? [1, 1, 1, 1] : [],
        dialogAnswers: dialogs,
        launchArgs,
      });
      await use(running);
      // A batch still running ends with the test, not in the next one's keychain.
      if (!electronFailing) await running.invoke('cancelBatch').catch(() => undefined);
      // As when the person closes the window: main saves the window's placement; then the app quits (the demo server stops).
      for (const window of running.electron?.windows ?? []) window.close();
      // Main puts off the quit until the history not yet written is on disk, then quits: the data folder
      // goes only after that. (Closing the last window may have called quit already; a test may have quit it.)
      let putOff = false;
      const quits = running.electron?.records.quitCalls ?? 0;
      running.electron?.module.app.emit('will-quit', { preventDefault: () => (putOff = true) });
      if (putOff) await expect.poll(() => running.electron!.records.quitCalls, { message: 'the built main did not quit' }).toBeGreaterThan(quits);
      return;
    }
    void keychain;
    // As main does: links from the launch are held until the page takes them; later ones are announced.
    const deepLinks = createDeepLinkInbox();
    deepLinks.receiveFromArgv(launchArgs);
    deepLinks.onArrival(() => void page.evaluate(() => (window as unknown as { __deepLinkArrived?: () => void }).__deepLinkArrived?.()));
    const history = createHistoryStore(join(dataFolder, 'history.json'));
    const demo = createDemoServer();
    // Every answer held to the contract, with no field for dispatch to strip (test/helpers/contract-checked.ts).
    const handlers = contractChecked(
      createHandlers({
        demo,
        deepLinks,
        keys: createKeyRing((account) => keychainItems.item(account)),
        history,
        settings,
        fetch: (url, init) => fetch(url, init),
        confirmKeyMove: async () => keyMoveAnswer === 'move',
        // As main's dialogs would: the path the test chose, or cancelled.
        chooseIdFile: async () => dialogs.open.shift() ?? null,
        chooseExportPath: async () => dialogs.save.shift() ?? null,
        onBatchChanged: () => void page.evaluate(() => (window as unknown as { __batchChanged?: () => void }).__batchChanged?.()).catch(() => undefined),
      }),
    );
    const fromPage = await exposeBridge(page, rendererUrl, () => handlers);
    const invoke = ((method: Method, payload?: unknown) => fromPage(method, payload, rendererUrl)) as Invoke;
    await use({ invoke, electron: null, openLink: async (url) => deepLinks.receive(url) });
    // A lookup that ended with the test is not left writing history.json into a folder being removed.
    await handlers.cancelLookup(undefined);
    await handlers.cancelBatch(undefined);
    await history.settled();
    await demo.stop();
  },
  electron: async ({ running }, use) => {
    if (!running.electron) throw new Error('The electron fixture exists only in the built harness (project "built").');
    await use(running.electron);
  },
  keys: async ({ running }, use) => {
    await use({ save: (key, { sessionOnly }) => running.invoke('saveKey', { key, sessionOnly }) });
  },
  inspector: async ({ page, rendererUrl, running }, use) => {
    const inspector = new InspectorPage(page, rendererUrl);
    if (running.electron) await inspector.waitUntilLoaded();
    else await inspector.open();
    await use(inspector);
  },
});

/** Loads the built main with an Electron double and waits for its window to show the app. */
async function startBuiltApp(options: {
  page: Page;
  rendererUrl: string;
  appData: string;
  packaged: boolean;
  failing: MainProcessDoubleOptions['failing'];
  switches: Record<string, string>;
  messageBoxAnswers: number[];
  dialogAnswers: DialogAnswers;
  launchArgs: string[];
}): Promise<Harness['running']> {
  let pageTaken = false;
  const electron = createMainProcessDouble({
    isPackaged: options.packaged,
    appData: options.appData,
    productName: PRODUCT_NAME,
    files: servingOf(options.rendererUrl),
    failing: options.failing,
    switches: options.switches,
    messageBoxAnswers: options.messageBoxAnswers,
    dialogAnswers: options.dialogAnswers,
    pageForWindow: async () => {
      if (pageTaken) return options.page.context().newPage();
      pageTaken = true;
      return options.page;
    },
  });
  // Main reads its launch's command line from process.argv, as in Electron, while its top-level code runs.
  const argv = process.argv;
  process.argv = [...argv, ...options.launchArgs];
  try {
    loadBuiltMain(electron.module);
  } finally {
    process.argv = argv;
  }
  if (!options.failing) {
    await expect.poll(() => electron.windows.length, { message: 'the built main opened no window' }).toBe(1);
    await electron.windows[0]!.loaded;
  }
  const invoke = (async (method: Method, payload?: unknown) => {
    const window = electron.windows[0];
    if (!window) throw new Error('The app has no window');
    return electron.module.ipcMain.invoke(CHANNELS[method], window.webContents, BUILT_PAGE_URL, payload);
  }) as Invoke;
  const openLink = async (url: string) => electron.module.app.secondLaunch(['/opt/Adapty Inspector/adapty-inspector', url]);
  return { invoke, electron, openLink };
}

export { BUILT_PAGE_URL, BUILT_PRELOAD };
