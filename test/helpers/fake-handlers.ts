import { vi, type Mock } from 'vitest';
import { NO_BATCH } from '../../src/shared/batch';
import type { Method } from '../../src/shared/channels';
import type { Handlers } from '../../src/shared/contract';
import { lookupError } from '../../src/shared/errors';
import type { KeyStatus } from '../../src/shared/key-status';
import { fail, ok } from '../../src/shared/result';
import { DEFAULT_CONNECTIONS } from '../../src/shared/connections';
import { EMPTY_HISTORY } from '../../src/shared/history';

export const NO_KEY_STATUS: KeyStatus = { configured: false, hint: null, storage: null, keychainProblem: null };

export type FakeHandlers = { [M in Method]: Mock<Handlers[M]> };

/** Handlers that answer a fixed, valid answer each and record their calls. */
export function fakeHandlers(): FakeHandlers {
  return {
    getKeyStatus: vi.fn<Handlers['getKeyStatus']>(async () => ok(NO_KEY_STATUS)),
    saveKey: vi.fn<Handlers['saveKey']>(async () => ok({ configured: true, hint: 'abcd', storage: 'keychain', keychainProblem: null })),
    testKey: vi.fn<Handlers['testKey']>(async () => ok({ requestId: 'req-1' })),
    removeKey: vi.fn<Handlers['removeKey']>(async () => ok(NO_KEY_STATUS)),
    getSettings: vi.fn<Handlers['getSettings']>(async () => ok(DEFAULT_CONNECTIONS)),
    saveSettings: vi.fn<Handlers['saveSettings']>(async ({ baseUrl, timeoutMs }) => ok({ baseUrl, timeoutMs })),
    addConnection: vi.fn<Handlers['addConnection']>(async () => ok(DEFAULT_CONNECTIONS)),
    updateConnection: vi.fn<Handlers['updateConnection']>(async () => ok(DEFAULT_CONNECTIONS)),
    removeConnection: vi.fn<Handlers['removeConnection']>(async () => ok(DEFAULT_CONNECTIONS)),
    switchConnection: vi.fn<Handlers['switchConnection']>(async () => ok(DEFAULT_CONNECTIONS)),
    getExchanges: vi.fn<Handlers['getExchanges']>(async () => ok({ identifiers: [], profile: [] })),
    takeDeepLinks: vi.fn<Handlers['takeDeepLinks']>(async () => ok([])),
    startDemo: vi.fn<Handlers['startDemo']>(async () => ok(DEFAULT_CONNECTIONS)),
    getHistory: vi.fn<Handlers['getHistory']>(async () => ok(EMPTY_HISTORY)),
    clearHistory: vi.fn<Handlers['clearHistory']>(async () => ok(EMPTY_HISTORY)),
    setHistoryEnabled: vi.fn<Handlers['setHistoryEnabled']>(async ({ enabled }) => ok({ enabled, entries: [] })),
    lookup: vi.fn<Handlers['lookup']>(async () => fail(lookupError('not_found', 'No profile.', { status: 404 }))),
    cancelLookup: vi.fn<Handlers['cancelLookup']>(async () => ok(false)),
    lookupProfile: vi.fn<Handlers['lookupProfile']>(async () => fail(lookupError('not_found', 'No profile.', { status: 404 }))),
    openIdFile: vi.fn<Handlers['openIdFile']>(async () => ok(null)),
    startBatch: vi.fn<Handlers['startBatch']>(async ({ ids }) => ok({ total: ids.length, duplicates: 0, blank: 0 })),
    getBatch: vi.fn<Handlers['getBatch']>(async () => ok(NO_BATCH)),
    cancelBatch: vi.fn<Handlers['cancelBatch']>(async () => ok(false)),
    rerunFailed: vi.fn<Handlers['rerunFailed']>(async () => ok({ total: 0 })),
    exportBatch: vi.fn<Handlers['exportBatch']>(async () => ok(null)),
  };
}

/** Whether any handler was called at all. */
export function callCount(handlers: FakeHandlers): number {
  return Object.values(handlers).reduce((sum, handler) => sum + handler.mock.calls.length, 0);
}
