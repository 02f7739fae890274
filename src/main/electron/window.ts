/**
 * The app's one window, hardened: context isolation, sandbox, no Node, no
 * webview; it never navigates away from the app and never opens another
 * window (allow-listed Adapty links go to the user's browser instead). Its
 * size and position are remembered between runs. The rules themselves live
 * in navigation.ts and window-state.ts; this file only applies them.
 */
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decideNavigation, decideWindowOpen } from '../navigation';
import { createWindowStateSaver, MIN_SIZE, readWindowState, restorePlacement, stateFrom } from '../settings/window-state';
import { openAllowListedLink } from './external-links';

/** Where the page comes from: the dev server (development only) or the built file. */
export interface RendererEntry {
  /** The app's own URL: what navigation and IPC checks compare against. */
  url: string;
  /** Set when the page is loaded from disk. */
  file?: string;
}

/** The dev server URL is honoured only when not packaged: a packaged app always loads its own file. */
export function rendererEntry(isPackaged: boolean): RendererEntry {
  const devUrl = isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  if (devUrl) return { url: devUrl };
  const file = join(__dirname, '../renderer/index.html');
  return { url: pathToFileURL(file).href, file };
}

export interface MainWindowOptions {
  entry: RendererEntry;
  /** userData/window-state.json */
  stateFile: string;
  /** Called when the app's page cannot be loaded (the window would stay blank). */
  onLoadFailed: (error: unknown) => void;
}

const TITLE = 'Adapty Inspector';
/** Mantine's page background in each scheme, so no white flash in dark mode. */
const BACKGROUND = { light: '#ffffff', dark: '#242424' } as const;

export function createMainWindow({ entry, stateFile, onLoadFailed }: MainWindowOptions): BrowserWindow {
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const placement = restorePlacement(readWindowState(stateFile), displays);

  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: TITLE,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would otherwise ask for a new window; those are denied anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.action === 'block-and-open') openAllowListedLink(decision.url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, entry.url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'block-and-open') openAllowListedLink(decision.url);
  });
  // Redirects are blocked for every web contents in session-security.ts.

  rememberPlacement(window, stateFile);

  const loading = entry.file ? window.loadFile(entry.file) : window.loadURL(entry.url);
  loading.catch(onLoadFailed);
  return window;
}

function rememberPlacement(window: BrowserWindow, stateFile: string): void {
  const saver = createWindowStateSaver(stateFile);
  const current = () => stateFrom(window.getNormalBounds(), window.isMaximized());
  const schedule = () => saver.schedule(current());
  window.on('resize', schedule);
  window.on('move', schedule);
  window.on('maximize', schedule);
  window.on('unmaximize', schedule);
  window.on('close', () => {
    saver.schedule(current());
    saver.flush();
  });
}
