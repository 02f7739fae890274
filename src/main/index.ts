/**
 * Electron main: wiring only. One instance (a second launch focuses the
 * first); once ready, the handlers are built from their real dependencies
 * (the OS keychain through keytar, settings in the data folder, Electron's
 * network stack for the system proxy and certificates), then IPC, the session
 * guards, the menu and the window. Each piece lives in its own module.
 */
import { app, type BrowserWindow, type WebContents } from 'electron';
import { join } from 'node:path';
import { registerIpc } from './electron/ipc-main';
import { electronFetch } from './electron/net-fetch';
import { setApplicationMenu } from './electron/menu';
import { guardPermissions, guardWebContents } from './electron/session-security';
import { createMainWindow, rendererEntry } from './electron/window';
import { createHandlers } from './handlers';
import { createApiKeyService } from './secrets/api-key';
import { createKeytarStore } from './secrets/keytar-store';
import { createUnavailableStore, loadKeytar } from './secrets/load-keytar';
import { KEYCHAIN_SERVICES } from './secrets/secret-store';
import { createSettingsStore } from './settings/settings-store';

function start(): void {
  const entry = rendererEntry(app.isPackaged);
  let mainWindow: BrowserWindow | null = null;

  const mainWebContents = (): WebContents | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);
  const isMainWindow = (contents: WebContents | null): boolean => contents !== null && contents === mainWebContents();

  function openWindow(): void {
    const window = createMainWindow({ entry, stateFile: join(app.getPath('userData'), 'window-state.json') });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  }

  // Registered before any web contents exists, so no window escapes the guards.
  guardWebContents({ appUrl: entry.url, isMainWindow });

  app.on('second-instance', () => {
    if (!mainWindow) {
      if (app.isReady()) openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(async () => {
      guardPermissions({ appUrl: entry.url, isMainWindow });
      // Development never touches the real key: it has a keychain item of its own.
      const service = app.isPackaged ? KEYCHAIN_SERVICES.production : KEYCHAIN_SERVICES.development;
      const keytar = await loadKeytar();
      const store = keytar.ok ? createKeytarStore({ keytar: keytar.value, service }) : createUnavailableStore(keytar.error);
      const handlers = createHandlers({
        keys: createApiKeyService(store),
        settings: createSettingsStore(join(app.getPath('userData'), 'settings.json')),
        // Chromium's network stack (system proxy and certificates); redirects come back to the client.
        fetch: electronFetch,
      });
      registerIpc(handlers, { appUrl: entry.url, mainWebContents });
      setApplicationMenu({ appName: app.name, isMac: process.platform === 'darwin', isPackaged: app.isPackaged });
      openWindow();
      app.on('activate', () => {
        if (!mainWindow) openWindow();
      });
    })
    .catch((error: unknown) => {
      // Nothing secret has been read yet at this point, so the message is safe to log.
      console.error(`The app could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.quit();
    });
}

// Every renderer sandboxed, whatever its options say. Must run before the app is ready.
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
