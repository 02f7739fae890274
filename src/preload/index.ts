/**
 * The bridge, and nothing else: `window.api` has one function per entry in
 * CHANNELS, each sending its one request on its one channel. The page never
 * sees ipcRenderer, a channel name or a generic invoke. Sandboxed, so this
 * file may import only electron and plain data (channels.ts is bundled in).
 * Its type for the page is in index.d.ts (the contract's `Api`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, METHODS, type Method } from '../shared/channels';

type Bridge = Record<Method, (payload?: unknown) => Promise<unknown>>;

function bridgeFunction(channel: (typeof CHANNELS)[Method]): (payload?: unknown) => Promise<unknown> {
  return (payload) => ipcRenderer.invoke(channel, payload);
}

const api = Object.fromEntries(METHODS.map((method) => [method, bridgeFunction(CHANNELS[method])])) as Bridge;

contextBridge.exposeInMainWorld('api', Object.freeze(api));
