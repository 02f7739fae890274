/**
 * A stand-in for the `electron` module of the main process, so that the built
 * `out/main/index.js` runs in a test's Node process. Each piece implements the
 * members the app uses, typed against electron's own `.d.ts` (`implements
 * Pick<Electron.X, …>`), so a signature that drifts fails the type check.
 *
 * A window is a Playwright page: loading a file serves it over http (module
 * scripts do not load from file:// in plain Chromium) and reports file:// URLs
 * back to main, as Electron would. The built preload runs in the page with
 * `require('electron')` answered by the renderer-side double (renderer.ts),
 * whose `ipcRenderer.invoke` reaches the handlers main registered with
 * `ipcMain.handle`, with that window's web contents as the sender.
 *
 * Everything main asks of Electron is recorded, for tests to check.
 */
import type {
  App,
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  CommandLine,
  Dialog,
  Display,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  Menu as ElectronMenu,
  MessageBoxOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
  MenuItemConstructorOptions,
  NativeTheme,
  Rectangle,
  Screen,
  Session,
  Shell,
  WebContents as ElectronWebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import type { Page } from '@playwright/test';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNetDouble, type NetDouble } from './net';
import { preloadInitScript, RENDERER_INVOKE_BINDING, WINDOW_OPEN_BINDING } from './renderer';

/** How file:// URLs the app loads are served to the page, and mapped back. */
export interface FileServing {
  /** The http URL that serves a file:// URL, or null when it is not served. */
  toHttp(fileUrl: string): string | null;
  /** The file:// URL behind an http URL the page is on, or null. */
  toFile(httpUrl: string): string | null;
}

export interface MainProcessDoubleOptions {
  isPackaged: boolean;
  /** app.getPath('appData'): a fresh temporary folder. */
  appData: string;
  /** package.json's productName (Electron names the default data folder after it). */
  productName: string;
  /** The page each new window shows (the first: the test's own page). */
  pageForWindow: () => Promise<Page>;
  files: FileServing;
  /** Command-line switches the app was started with. */
  switches?: Record<string, string>;
  /** The buttons message boxes answer with, in order (then the first button). */
  messageBoxAnswers?: number[];
  /**
   * The paths the open and save dialogs answer with, in order (null: the person cancelled; none left: cancelled).
   * The test may push to these while the app runs.
   */
  dialogAnswers?: DialogAnswers;
  /** Makes this part of Electron fail, to see how start-up failures are handled. */
  failing?: 'screen' | 'page-load';
}

export interface DialogAnswers {
  open: Array<string | null>;
  save: Array<string | null>;
}

export interface NavigationRecord {
  url: string;
  prevented: boolean;
}

export interface WindowOpenRecord {
  url: string;
  decision: WindowOpenHandlerResponse['action'];
}

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];

const DISPLAY: Display = {
  accelerometerSupport: 'unknown',
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  colorDepth: 24,
  colorSpace: 'srgb',
  depthPerComponent: 8,
  detected: true,
  displayFrequency: 60,
  id: 1,
  internal: false,
  label: 'Test display',
  maximumCursorSize: { width: 64, height: 64 },
  monochrome: false,
  nativeOrigin: { x: 0, y: 0 },
  rotation: 0,
  scaleFactor: 1,
  size: { width: 1920, height: 1080 },
  touchSupport: 'unknown',
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  workAreaSize: { width: 1920, height: 1040 },
};

export interface Records {
  sandboxEnabled: boolean;
  /** The data folder at the moment the single-instance lock was taken. */
  lockedUserData: string | null;
  quitCalls: number;
  errorBoxes: Array<{ title: string; content: string }>;
  /** Every message box shown, with the button the test's answer pressed. */
  messageBoxes: Array<MessageBoxOptions & { response: number }>;
  /** Every open and save dialog shown, with the path the test's answer chose (null: cancelled). */
  openDialogs: Array<OpenDialogOptions & { answer: string | null }>;
  saveDialogs: Array<SaveDialogOptions & { answer: string | null }>;
  openedExternally: string[];
  menu: MenuItemConstructorOptions[] | null;
  navigations: NavigationRecord[];
  windowOpens: WindowOpenRecord[];
  /** Schemes the app asked to handle (app.setAsDefaultProtocolClient). */
  protocolClients: string[];
  /** Messages main sent to a window (webContents.send). */
  sent: Array<{ channel: string; args: unknown[] }>;
}

/** What the pieces of one double share. */
interface Context {
  options: MainProcessDoubleOptions;
  records: Records;
  app: AppDouble;
  ipcMain: IpcMainDouble;
  windows: BrowserWindowDouble[];
}

let nextWebContentsId = 1;

class CommandLineDouble implements Pick<CommandLine, 'hasSwitch' | 'getSwitchValue'> {
  constructor(private readonly switches: Record<string, string>) {}
  hasSwitch(name: string): boolean {
    return Object.hasOwn(this.switches, name);
  }
  getSwitchValue(name: string): string {
    return this.switches[name] ?? '';
  }
}

export class AppDouble
  extends EventEmitter
  implements
    Pick<
      App,
      'whenReady' | 'isReady' | 'quit' | 'enableSandbox' | 'requestSingleInstanceLock' | 'getPath' | 'setPath' | 'getName' | 'isPackaged' | 'name' | 'setAsDefaultProtocolClient'
    >
{
  readonly isPackaged: boolean;
  name: string;
  readonly commandLine: CommandLine;
  private ready = false;
  private readonly paths: Map<string, string>;
  private readonly readiness: Promise<void>;

  constructor(
    options: MainProcessDoubleOptions,
    private readonly records: Records,
  ) {
    super();
    this.isPackaged = options.isPackaged;
    this.name = options.productName;
    this.commandLine = new CommandLineDouble(options.switches ?? {}) as unknown as CommandLine;
    this.paths = new Map([
      ['appData', options.appData],
      ['userData', join(options.appData, options.productName)],
      ['temp', tmpdir()],
    ]);
    // Electron is ready once main's top-level code has run.
    this.readiness = new Promise((resolve) =>
      setImmediate(() => {
        this.ready = true;
        this.emit('ready');
        resolve();
      }),
    );
  }

  whenReady(): Promise<void> {
    return this.readiness;
  }
  isReady(): boolean {
    return this.ready;
  }
  quit(): void {
    this.records.quitCalls += 1;
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() must be called before the app is ready');
    this.records.sandboxEnabled = true;
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    this.records.protocolClients.push(protocol);
    return true;
  }
  /** What the OS does on a second launch: the first instance hears of it, with the second's command line. */
  secondLaunch(argv: string[]): void {
    this.emit('second-instance', { preventDefault() {} }, argv, process.cwd(), {});
  }
  requestSingleInstanceLock(): boolean {
    this.records.lockedUserData = this.getPath('userData');
    return true;
  }
  getPath(name: Parameters<App['getPath']>[0]): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`The Electron double has no path for "${name}"`);
    return path;
  }
  setPath(name: Parameters<App['setPath']>[0], path: string): void {
    this.paths.set(name, path);
  }
  getName(): string {
    return this.name;
  }
}

export class IpcMainDouble extends EventEmitter implements Pick<IpcMain, 'handle' | 'removeHandler'> {
  readonly handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  /** Every answer a handler gave, in order: everything a renderer ever received from main. */
  readonly replies: Array<{ channel: string; reply: unknown }> = [];
  handle(channel: string, listener: Parameters<IpcMain['handle']>[1]): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke does in a window: the handler's answer, or a rejection. */
  async invoke(channel: string, sender: WebContentsDouble, frameUrl: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender, senderFrame: { url: frameUrl }, frameId: 1, processId: sender.id } as unknown as IpcMainInvokeEvent;
    const reply = await handler(event, ...args);
    this.replies.push({ channel, reply });
    return reply;
  }
}

export class WebContentsDouble extends EventEmitter implements Pick<ElectronWebContents, 'id' | 'isDestroyed' | 'setWindowOpenHandler' | 'getURL' | 'send'> {
  readonly id = nextWebContentsId++;
  page: Page | null = null;
  private destroyed = false;
  private windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  /** The URL main itself loads: Electron fires no will-navigate for it. */
  private loading: string | null = null;

  constructor(
    private readonly context: Context,
    readonly preload: string | undefined,
  ) {
    super();
    context.app.emit('web-contents-created', { preventDefault() {} }, this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  /** What ipcRenderer.on listeners in the page receive (renderer.ts delivers it). */
  send(channel: string, ...args: unknown[]): void {
    this.context.records.sent.push({ channel, args });
    void this.page
      ?.evaluate(([name, values]) => (window as unknown as Record<string, (c: string, a: unknown[]) => void>).__electronDoubleDeliver?.(name, values), [channel, args] as const)
      .catch(() => undefined);
  }
  getURL(): string {
    const url = this.page?.url() ?? '';
    return this.context.options.files.toFile(url) ?? url;
  }

  async loadURL(url: string): Promise<void> {
    if (this.context.options.failing === 'page-load') throw new Error('ERR_FILE_NOT_FOUND (-6) loading \'' + url + '\'');
    const page = this.page ?? (await this.attach(await this.context.options.pageForWindow()));
    const target = this.context.options.files.toHttp(url) ?? url;
    this.loading = target;
    try {
      await page.goto(target);
    } finally {
      this.loading = null;
    }
    this.emit('did-finish-load');
  }

  /** Wires a page to these web contents: the preload, IPC, navigation and new windows. */
  async attach(page: Page): Promise<Page> {
    const { files } = this.context.options;
    const { records } = this.context;
    this.page = page;
    await page.exposeBinding(RENDERER_INVOKE_BINDING, (source, channel: string, ...args: unknown[]) => {
      const frameUrl = source.frame.url();
      return this.context.ipcMain.invoke(channel, this, files.toFile(frameUrl) ?? frameUrl, ...args);
    });
    if (this.preload) await page.addInitScript({ content: preloadInitScript(readFileSync(this.preload, 'utf8')) });
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (!request.isNavigationRequest() || request.frame() !== page.mainFrame() || request.url() === this.loading) {
        await route.fallback();
        return;
      }
      const url = files.toFile(request.url()) ?? request.url();
      let prevented = false;
      this.emit('will-navigate', { url, preventDefault: () => (prevented = true) }, url, false, true);
      records.navigations.push({ url, prevented });
      if (prevented) await route.abort('aborted');
      else await route.fallback();
    });
    await page.exposeBinding(WINDOW_OPEN_BINDING, async (_source, url: string) => {
      if (this.askToOpen(url) === 'allow') await (await page.context().newPage()).goto(url);
    });
    // A link with target=_blank opens a popup without window.open: asked after the fact, closed if denied.
    page.on('popup', (popup) => {
      if (this.askToOpen(popup.url()) === 'deny') void popup.close();
    });
    return page;
  }

  /** What Electron does before a new window: ask the handler (allowed when there is none). */
  private askToOpen(url: string): WindowOpenHandlerResponse['action'] {
    const details = { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } } as HandlerDetails;
    const { action } = this.windowOpenHandler?.(details) ?? { action: 'allow' };
    this.context.records.windowOpens.push({ url, decision: action });
    return action;
  }
}

export class BrowserWindowDouble
  extends EventEmitter
  implements
    Pick<
      ElectronBrowserWindow,
      'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus' | 'maximize' | 'isMaximized' | 'getNormalBounds' | 'isVisible' | 'close'
    >
{
  readonly webContents: WebContentsDouble;
  private readonly bounds: Rectangle;
  private visible = false;
  private maximized = false;
  private destroyed = false;
  /** Settles when the first page load ends (rejects if it fails). */
  readonly loaded: Promise<void>;
  private markLoaded!: (error?: unknown) => void;

  constructor(
    private readonly context: Context,
    readonly options: BrowserWindowConstructorOptions = {},
  ) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.loaded = new Promise<void>((resolve, reject) => {
      this.markLoaded = (error) => (error === undefined ? resolve() : reject(error));
    });
    this.loaded.catch(() => undefined);
    context.windows.push(this);
    this.webContents = new WebContentsDouble(context, options.webPreferences?.preload);
  }

  async loadURL(url: string): Promise<void> {
    try {
      await this.webContents.loadURL(url);
      this.markLoaded();
      this.emit('ready-to-show');
    } catch (error) {
      this.markLoaded(error);
      throw error;
    }
  }
  loadFile(file: string): Promise<void> {
    return this.loadURL(pathToFileURL(file).href);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  show(): void {
    this.visible = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {}
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
  close(): void {
    if (this.destroyed) return;
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    if (this.context.windows.every((window) => window.isDestroyed())) this.context.app.emit('window-all-closed');
  }
}

export class SessionDouble implements Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

/** What `require('electron')` gives the built main. */
export interface ElectronMainModule {
  app: AppDouble;
  BrowserWindow: new (options?: BrowserWindowConstructorOptions) => BrowserWindowDouble;
  ipcMain: IpcMainDouble;
  session: { defaultSession: SessionDouble };
  net: NetDouble;
  Menu: Pick<typeof ElectronMenu, 'buildFromTemplate' | 'setApplicationMenu'>;
  screen: Pick<Screen, 'getPrimaryDisplay' | 'getAllDisplays'>;
  nativeTheme: Pick<NativeTheme, 'shouldUseDarkColors'>;
  shell: Pick<Shell, 'openExternal'>;
  dialog: Pick<Dialog, 'showErrorBox' | 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog'>;
}

export interface MainProcessDouble {
  module: ElectronMainModule;
  records: Records;
  windows: BrowserWindowDouble[];
  /** Web contents that are not the main window's (another window, say), wired to a page. */
  foreignWebContents(page: Page, preload: string): Promise<WebContentsDouble>;
}

export function createMainProcessDouble(options: MainProcessDoubleOptions): MainProcessDouble {
  const records: Records = {
    sandboxEnabled: false,
    lockedUserData: null,
    quitCalls: 0,
    errorBoxes: [],
    messageBoxes: [],
    openDialogs: [],
    saveDialogs: [],
    openedExternally: [],
    menu: null,
    navigations: [],
    windowOpens: [],
    protocolClients: [],
    sent: [],
  };
  const context: Context = { options, records, app: new AppDouble(options, records), ipcMain: new IpcMainDouble(), windows: [] };

  class BrowserWindow extends BrowserWindowDouble {
    constructor(windowOptions?: BrowserWindowConstructorOptions) {
      super(context, windowOptions);
    }
  }

  const module: ElectronMainModule = {
    app: context.app,
    BrowserWindow,
    ipcMain: context.ipcMain,
    session: { defaultSession: new SessionDouble() },
    net: createNetDouble(),
    Menu: {
      buildFromTemplate: (template) => ({ items: template }) as unknown as ElectronMenu,
      setApplicationMenu: (menu) => {
        records.menu = (menu as unknown as { items: MenuItemConstructorOptions[] } | null)?.items ?? null;
      },
    },
    screen: {
      getPrimaryDisplay: () => {
        if (options.failing === 'screen') throw new Error('The display server went away.');
        return DISPLAY;
      },
      getAllDisplays: () => [DISPLAY],
    },
    nativeTheme: { shouldUseDarkColors: false },
    shell: {
      openExternal: async (url) => {
        records.openedExternally.push(url);
      },
    },
    dialog: {
      showErrorBox: (title, content) => {
        records.errorBoxes.push({ title, content });
      },
      // Answers with the button the test chose (default: the first), as a person would click it.
      showMessageBox: async (...args: [BrowserWindowDouble | MessageBoxOptions, MessageBoxOptions?]) => {
        const messageBox = (args[1] ?? args[0]) as MessageBoxOptions;
        const response = options.messageBoxAnswers?.shift() ?? 0;
        records.messageBoxes.push({ ...messageBox, response });
        return { response, checkboxChecked: false };
      },
      // Answers with the path the test chose, as a person would pick it (none chosen: cancelled).
      showOpenDialog: async (...args: [BrowserWindowDouble | OpenDialogOptions, OpenDialogOptions?]): Promise<OpenDialogReturnValue> => {
        const dialogOptions = (args[1] ?? args[0]) as OpenDialogOptions;
        const answer = options.dialogAnswers?.open.shift() ?? null;
        records.openDialogs.push({ ...dialogOptions, answer });
        return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
      },
      showSaveDialog: async (...args: [BrowserWindowDouble | SaveDialogOptions, SaveDialogOptions?]): Promise<SaveDialogReturnValue> => {
        const dialogOptions = (args[1] ?? args[0]) as SaveDialogOptions;
        const answer = options.dialogAnswers?.save.shift() ?? null;
        records.saveDialogs.push({ ...dialogOptions, answer });
        return answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer };
      },
    } as ElectronMainModule['dialog'],
  };

  return {
    module,
    records,
    windows: context.windows,
    async foreignWebContents(page, preload) {
      const contents = new WebContentsDouble(context, preload);
      await contents.attach(page);
      return contents;
    },
  };
}

/** Each piece of the double stands for a real export of electron (a type error here names the stray one). */
type NotElectron = Exclude<keyof ElectronMainModule, keyof typeof import('electron')>;
export const EVERY_PIECE_IS_ELECTRONS: [NotElectron] extends [never] ? true : NotElectron = true;
