/**
 * The e2e harness: the built renderer in Chromium, with `window.api` wired to
 * the real main-process handlers (the client talks to a local Adapty server
 * over real HTTP; the key goes to the real OS keychain). Only Electron's IPC
 * transport is replaced: by a Playwright binding that calls the same dispatch.
 */
import { test as base, expect } from '@playwright/test';
import keytar from 'keytar';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { METHODS } from '../src/shared/channels';
import { createHandlers } from '../src/main/handlers';
import { dispatch } from '../src/main/ipc/dispatch';
import { isAppUrl } from '../src/main/navigation';
import { startLocalAdapty, LOCAL_ADAPTY_KEY, type LocalAdapty } from '../src/main/local-adapty/server';
import { createApiKeyService, type ApiKeyService } from '../src/main/secrets/api-key';
import { createKeytarStore } from '../src/main/secrets/keytar-store';
import { KEYCHAIN_SERVICES, type SecretStore } from '../src/main/secrets/secret-store';
import { createSettingsStore, type SettingsStore } from '../src/main/settings/settings-store';
import type { Method } from '../src/shared/channels';
import { InspectorPage } from './harness/inspector-page';
import { serveRenderer } from './harness/static-server';

export { expect, LOCAL_ADAPTY_KEY };

interface Harness {
  inspector: InspectorPage;
  /** The main-process pieces behind the page, for setting up and checking. */
  keys: ApiKeyService;
  keychain: SecretStore;
  settings: SettingsStore;
}

interface Options {
  /** Whether the test starts with the local server's key saved in the keychain. */
  withKey: boolean;
  /** The lookup timeout in settings when the window opens. */
  timeoutMs: number;
}

export const test = base.extend<Harness & Options, { adapty: LocalAdapty; rendererUrl: string }>({
  withKey: [true, { option: true }],
  timeoutMs: [15_000, { option: true }],
  rendererUrl: [
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  adapty: [
    async ({}, use) => {
      const server = await startLocalAdapty({ slowMs: 5000 });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  keychain: async ({}, use) => {
    const store = createKeytarStore({ keytar, service: `${KEYCHAIN_SERVICES.test} e2e ${randomUUID()}` });
    await use(store);
    await store.delete();
  },
  keys: async ({ keychain, withKey }, use) => {
    const keys = createApiKeyService(keychain);
    if (withKey) {
      const saved = await keys.save(LOCAL_ADAPTY_KEY, { sessionOnly: false });
      if (!saved.ok) throw new Error(`The keychain is not usable for e2e tests: ${saved.error.message}`);
    }
    await use(keys);
  },
  settings: async ({ adapty, timeoutMs }, use) => {
    const folder = await mkdtemp(join(tmpdir(), 'inspector-e2e-'));
    const settings = createSettingsStore(join(folder, 'settings.json'));
    await settings.save({ baseUrl: adapty.url, timeoutMs });
    await use(settings);
    await rm(folder, { recursive: true, force: true });
  },
  inspector: async ({ page, context, rendererUrl, keys, settings }, use) => {
    const handlers = createHandlers({ keys, settings, fetch: (url, init) => fetch(url, init) });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rendererUrl });
    await page.exposeBinding('__inspectorIpc', (source, method: Method, payload: unknown) =>
      dispatch(handlers, method, payload, isAppUrl(source.frame.url(), rendererUrl)),
    );
    // What the preload does with contextBridge: one function per channel on window.api.
    await page.addInitScript((methods: string[]) => {
      const w = window as unknown as { __inspectorIpc: (method: string, payload: unknown) => Promise<unknown>; api: unknown };
      w.api = Object.freeze(Object.fromEntries(methods.map((method) => [method, (payload?: unknown) => w.__inspectorIpc(method, payload)])));
    }, METHODS);
    const inspector = new InspectorPage(page, rendererUrl);
    await inspector.open();
    await use(inspector);
  },
});
