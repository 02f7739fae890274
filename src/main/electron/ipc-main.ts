/**
 * The only place that touches ipcMain: one `handle` per bridge function, all
 * through one wrapper. The wrapper decides whether the sender is trusted (the
 * app's main window, showing the app's own page) and hands everything to
 * `dispatch`, which checks the request, calls the handler and returns data.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, METHODS, type Method } from '../../shared/channels';
import type { Handlers } from '../../shared/contract';
import { dispatch } from '../ipc/dispatch';
import { isAppUrl } from '../navigation';

export interface IpcTrust {
  /** The app's own URL (dev server or built file). */
  appUrl: string;
  /** The main window's web contents, or null while there is none. */
  mainWebContents: () => WebContents | null;
}

/** Trusted only when it comes from the main window's contents and from a frame showing the app's page. */
export function isTrustedSender(event: IpcMainInvokeEvent, trust: IpcTrust): boolean {
  try {
    const main = trust.mainWebContents();
    if (!main || main.isDestroyed() || event.sender !== main) return false;
    return isAppUrl(event.senderFrame?.url, trust.appUrl);
  } catch {
    // A frame that went away mid-call: not trusted.
    return false;
  }
}

function handle(method: Method, handlers: Handlers, trust: IpcTrust): void {
  ipcMain.handle(CHANNELS[method], (event, payload: unknown) => dispatch(handlers, method, payload, isTrustedSender(event, trust)));
}

/** Registers every channel; returns a function that removes them again. */
export function registerIpc(handlers: Handlers, trust: IpcTrust): () => void {
  for (const method of METHODS) handle(method, handlers, trust);
  return () => {
    for (const method of METHODS) ipcMain.removeHandler(CHANNELS[method]);
  };
}
