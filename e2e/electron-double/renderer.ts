/**
 * The renderer side of the Electron double: what `require('electron')` gives
 * the built preload (`out/preload/index.js`) when it runs in a Playwright
 * page. `contextBridge.exposeInMainWorld` puts the API on `window`;
 * `ipcRenderer.invoke` goes through a Playwright binding to the handlers
 * that the built main registered with `ipcMain.handle` (main-process.ts adds
 * the sender). Typed against electron's own `.d.ts`.
 *
 * Unlike Electron, the preload here runs in the page's own world, not an
 * isolated one, so the binding is reachable from the page too. It gives the
 * page nothing a compromised renderer would not have: every message still
 * passes main's sender check and the contract.
 */
import type { ContextBridge, IpcRenderer } from 'electron';

/** The Playwright binding that carries ipcRenderer.invoke to main. */
export const RENDERER_INVOKE_BINDING = '__electronDoubleInvoke';
/** The Playwright binding that asks main's window-open handler, as Chromium does for window.open. */
export const WINDOW_OPEN_BINDING = '__electronDoubleWindowOpen';

export interface RendererElectron {
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>;
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;
}

/** The page global through which webContents.send reaches ipcRenderer.on listeners. */
export const RENDERER_DELIVER = '__electronDoubleDeliver';

/** Runs in the page (serialised with toString): keep it free of imports and helpers. */
function rendererElectron(bindingName: string, deliverName: string): RendererElectron {
  const invokeMain = (channel: string, ...args: unknown[]): Promise<unknown> =>
    (window as unknown as Record<string, (channel: string, ...args: unknown[]) => Promise<unknown>>)[bindingName]!(channel, ...args);
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  Object.defineProperty(window, deliverName, {
    value: (channel: string, args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, ...args);
    },
  });
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => invokeMain(channel, ...args),
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((each) => each !== listener));
      return ipcRenderer;
    },
  };
  return {
    contextBridge: {
      exposeInMainWorld(apiKey: string, api: unknown) {
        Object.defineProperty(window, apiKey, { value: api, enumerable: true, configurable: false, writable: false });
      },
    },
    ipcRenderer: ipcRenderer as unknown as RendererElectron['ipcRenderer'],
  };
}

/**
 * The init script that runs the built preload before the page's own scripts,
 * in the top frame only (as Electron runs a preload), with CommonJS's
 * `require`, `module` and `exports`, as a sandboxed preload has.
 */
export function preloadInitScript(preloadSource: string): string {
  return `(() => {
  if (window !== window.top) return;
  // window.open asks main's handler with the URL requested; the app denies all, and then it returns null.
  const openBinding = ${JSON.stringify(WINDOW_OPEN_BINDING)};
  window.open = function (url) {
    void window[openBinding](new URL(url === undefined ? '' : String(url), location.href).href);
    return null;
  };
  const electron = (${rendererElectron.toString()})(${JSON.stringify(RENDERER_INVOKE_BINDING)}, ${JSON.stringify(RENDERER_DELIVER)});
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('A sandboxed preload cannot require "' + name + '"');
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}
