/**
 * The bridge, and nothing else: `window.api` has one function per entry in
 * CHANNELS, each sending its one request on its one channel; `window.appEvents`
 * has one subscription per entry in EVENTS, whose listener gets no data (the
 * page then asks through `window.api`, where the contract checks the answer).
 * The page never sees ipcRenderer, a channel name or a generic invoke.
 * Sandboxed, so this file may import only electron and plain data
 * (channels.ts is bundled in). Its type for the page is in index.d.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENTS, METHODS, type Method } from '../shared/channels';

type Bridge = Record<Method, (payload?: unknown) => Promise<unknown>>;

function bridgeFunction(channel: (typeof CHANNELS)[Method]): (payload?: unknown) => Promise<unknown> {
  return (payload) => ipcRenderer.invoke(channel, payload);
}

/** Subscribes `listener` to one event; the answer unsubscribes. The listener never sees the IPC event. */
function subscription(channel: (typeof EVENTS)[keyof typeof EVENTS]): (listener: () => void) => () => void {
  return (listener) => {
    const wrapped = () => listener();
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  };
}

const api = Object.fromEntries(METHODS.map((method) => [method, bridgeFunction(CHANNELS[method])])) as Bridge;

contextBridge.exposeInMainWorld('api', Object.freeze(api));
contextBridge.exposeInMainWorld('appEvents', Object.freeze({ onDeepLink: subscription(EVENTS.deepLinkArrived), onBatchChanged: subscription(EVENTS.batchChanged) }));
