/**
 * The bridge's function names and their IPC channels. Plain data, no imports,
 * so the sandboxed preload can bundle it. contract.ts gives each its schemas.
 */
export const CHANNELS = {
  getKeyStatus: 'key:get-status',
  saveKey: 'key:save',
  testKey: 'key:test',
  removeKey: 'key:remove',
  getSettings: 'settings:get',
  saveSettings: 'settings:save',
  addConnection: 'connection:add',
  updateConnection: 'connection:update',
  removeConnection: 'connection:remove',
  switchConnection: 'connection:switch',
  startDemo: 'connection:demo',
  takeDeepLinks: 'link:take',
  getHistory: 'history:get',
  clearHistory: 'history:clear',
  setHistoryEnabled: 'history:set-enabled',
  lookup: 'lookup:run',
  cancelLookup: 'lookup:cancel',
  getExchanges: 'lookup:exchanges',
  lookupProfile: 'profile:lookup',
  openIdFile: 'batch:open-file',
  startBatch: 'batch:start',
  getBatch: 'batch:get',
  cancelBatch: 'batch:cancel',
  rerunFailed: 'batch:rerun-failed',
  exportBatch: 'batch:export',
} as const;

export type Method = keyof typeof CHANNELS;
export const METHODS = Object.keys(CHANNELS) as Method[];

/**
 * Messages main sends to the window (no payload: the window then asks with an invoke above, whose
 * answer passes the contract). The preload exposes each as a subscription on `window.appEvents`.
 */
export const EVENTS = {
  /** A link arrived: take it with takeDeepLinks. */
  deepLinkArrived: 'link:arrived',
  /** The batch changed (rows ended, it started or stopped): ask getBatch for what changed. At most ~10 a second. */
  batchChanged: 'batch:changed',
} as const;
