/**
 * The harness's bridge between the page and main's handlers, in place of Electron's IPC: what the preload
 * gives the page (one function per channel on window.api, and main's messages as subscriptions on
 * window.appEvents), over Playwright's binding to `dispatch`, which checks the sender's address as main does.
 * The test side tells the page of a message by calling window[`__deepLinkArrived`] or
 * window[`__batchChanged`] (as main's webContents.send would).
 */
import type { Page } from '@playwright/test';
import { dispatch } from '../../src/main/ipc/dispatch';
import { isAppUrl } from '../../src/main/navigation';
import { METHODS, type Method } from '../../src/shared/channels';
import type { Handlers } from '../../src/shared/contract';

/** A call as the page at `url` would make it. */
export type FromPage = (method: Method, payload: unknown, url: string) => Promise<unknown>;

/** Wires the page to the handlers `handlersNow` gives at each call (a test may replace them between navigations). */
export async function exposeBridge(page: Page, rendererUrl: string, handlersNow: () => Handlers): Promise<FromPage> {
  const fromPage: FromPage = (method, payload, url) => dispatch(handlersNow(), method, payload, isAppUrl(url, rendererUrl));
  await page.exposeBinding('__inspectorIpc', (source, method: Method, payload: unknown) => fromPage(method, payload, source.frame.url()));
  await page.addInitScript((methods: string[]) => {
    const w = window as unknown as { __inspectorIpc: (method: string, payload: unknown) => Promise<unknown>; api: unknown };
    w.api = Object.freeze(Object.fromEntries(methods.map((method) => [method, (payload?: unknown) => w.__inspectorIpc(method, payload)])));
    // A subscription whose listener gets no data, told by the test side calling window[`tell`].
    const subscription = (tell: string) => {
      const listeners = new Set<() => void>();
      (w as unknown as Record<string, () => void>)[tell] = () => listeners.forEach((listener) => listener());
      return (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      };
    };
    (w as unknown as { appEvents: unknown }).appEvents = Object.freeze({ onDeepLink: subscription('__deepLinkArrived'), onBatchChanged: subscription('__batchChanged') });
  }, METHODS);
  return fromPage;
}
