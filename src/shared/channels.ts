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
  getHistory: 'history:get',
  clearHistory: 'history:clear',
  setHistoryEnabled: 'history:set-enabled',
  lookup: 'lookup:run',
  cancelLookup: 'lookup:cancel',
  lookupProfile: 'profile:lookup',
} as const;

export type Method = keyof typeof CHANNELS;
export const METHODS = Object.keys(CHANNELS) as Method[];
