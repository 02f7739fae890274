/**
 * Electron main: wiring only. The data folder is chosen first (a development
 * run has its own), then one instance per data folder (a second launch
 * focuses the first); once ready, the handlers are built from their real
 * dependencies (the OS keychain through keytar, settings in the data folder,
 * Electron's network stack for the system proxy and certificates), then IPC,
 * the session guards, the menu and the window. Each piece lives in its own
 * module. A failure while starting is shown in a dialog, then the app quits.
 */
import { app, dialog, net, type BrowserWindow, type WebContents } from 'electron';
import { join } from 'node:path';
import { appIdentity } from './app-identity';
import { exportPathChooser, idFileChooser, keyMoveConfirmation } from './electron/dialogs';
import { registerIpc } from './electron/ipc-main';
import { createNetFetch } from './electron/net-fetch';
import { setApplicationMenu } from './electron/menu';
import { guardPermissions, guardWebContents } from './electron/session-security';
import { createMainWindow, rendererEntry } from './electron/window';
import { createHandlers } from './handlers';
import { EVENTS } from '../shared/channels';
import { DEEP_LINK_SCHEME } from '../shared/deep-link';
import { createDeepLinkInbox } from './deep-links';
import { createDemoServer } from './demo';
import { createHistoryStore } from './history/history-store';
import { createKeyRing } from './secrets/key-ring';
import { createKeychain } from './secrets/keytar-store';
import { createUnavailableStore, loadKeytar } from './secrets/load-keytar';
import { createSettingsStore } from './settings/settings-store';

/** How long quitting waits for the history's last write. */
const QUIT_WAIT_MS = 2000;

function start(keychainService: string): void {
  const entry = rendererEntry(app.isPackaged);
  let mainWindow: BrowserWindow | null = null;

  const mainWebContents = (): WebContents | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);
  const isMainWindow = (contents: WebContents | null): boolean => contents !== null && contents === mainWebContents();

  function openWindow(): void {
    const window = createMainWindow({
      entry,
      stateFile: join(app.getPath('userData'), 'window-state.json'),
      onLoadFailed: (error) => failedToStart(new Error(`The app's page could not be loaded (${error instanceof Error ? error.message : String(error)}).`)),
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  }

  // Registered before any web contents exists, so no window escapes the guards.
  guardWebContents({ appUrl: entry.url, isMainWindow });

  // Links from ticket tools: held until the window takes them; the window is told when one arrives.
  const deepLinks = createDeepLinkInbox();
  // Demo mode's local server: started on request, stopped with the demo connection or when the app quits.
  const demo = createDemoServer();
  app.on('will-quit', () => void demo.stop());
  // A lookup answers before its history record is written: the app quits once it is (waiting at most QUIT_WAIT_MS).
  const history = createHistoryStore(join(app.getPath('userData'), 'history.json'));
  /** Set once the app starts quitting: no window opens meanwhile (it would be closed by the quit). */
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void Promise.race([history.settled(), new Promise((resolve) => setTimeout(resolve, QUIT_WAIT_MS))]).then(() => app.quit());
  });
  deepLinks.onArrival(() => mainWebContents()?.send(EVENTS.deepLinkArrived));
  deepLinks.receiveFromArgv(process.argv);
  // macOS hands links over as open-url, on a first launch (before ready) and later.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.receive(url);
    if (app.isReady()) bringToFront();
  });

  app.on('second-instance', (_event, argv) => {
    deepLinks.receiveFromArgv(argv);
    bringToFront();
  });

  /** A second launch or a link: the window comes to the front (opened again if it was closed). */
  function bringToFront(): void {
    if (quitting) return;
    if (!mainWindow) {
      if (app.isReady()) openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(async () => {
      guardPermissions({ appUrl: entry.url, isMainWindow });
      const keytar = await loadKeytar();
      const keychain = keytar.ok ? createKeychain({ keytar: keytar.value, service: keychainService }) : null;
      const storeFor = keytar.ok ? (account: string) => keychain!.item(account) : () => createUnavailableStore(keytar.error);
      const handlers = createHandlers({
        // One keychain item per connection, all behind one queue.
        keys: createKeyRing(storeFor),
        settings: createSettingsStore(join(app.getPath('userData'), 'settings.json')),
        history,
        // Chromium's network stack (system proxy and certificates); redirects come back to the client.
        fetch: createNetFetch(net),
        confirmKeyMove: keyMoveConfirmation(() => mainWindow),
        chooseIdFile: idFileChooser(() => mainWindow),
        chooseExportPath: exportPathChooser(() => mainWindow),
        onBatchChanged: () => mainWebContents()?.send(EVENTS.batchChanged),
        deepLinks,
        demo,
      });
      // An installed app is the handler of adapty-inspector:// links (the installers register it too).
      if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
      registerIpc(handlers, { appUrl: entry.url, mainWebContents });
      setApplicationMenu({ appName: app.name, isMac: process.platform === 'darwin', isPackaged: app.isPackaged });
      openWindow();
      app.on('activate', () => {
        if (!mainWindow && !quitting) openWindow();
      });
    })
    .catch(failedToStart);
}

/** Tells the person (not only the log) and quits. Nothing secret has been read yet, so the text is safe to show. */
function failedToStart(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`The app could not start: ${reason}`);
  dialog.showErrorBox(
    'Adapty Inspector could not start',
    `${reason}\n\nTry starting it again. If this keeps happening, reinstall the app and report this message to its developers.`,
  );
  app.quit();
}

try {
  // A development run (npm start, npm run dev) gets its own data folder, and with it its own
  // single-instance lock; both must be set before the lock is taken. In a development run an
  // explicit --user-data-dir (the Electron end-to-end test gives a throwaway one) wins; an
  // installed app always uses its own folder, whatever it is started with.
  const identity = appIdentity({ isPackaged: app.isPackaged, appData: app.getPath('appData') });
  const explicitFolder = app.isPackaged ? '' : app.commandLine.getSwitchValue('user-data-dir');
  app.setPath('userData', explicitFolder || identity.userData);
  // Every renderer sandboxed, whatever its options say. Must run before the app is ready.
  app.enableSandbox();
  if (app.requestSingleInstanceLock()) start(identity.keychainService);
  else app.quit();
} catch (error) {
  failedToStart(error);
}
