/**
 * `--connection NAME` as a process: the app's own settings file and keychain items (a development run's,
 * inside the private keyring of scripts/with-keychain.sh), found by name, and the key sent only where it
 * was saved for.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appIdentity } from '../../src/main/app-identity';
import { encodeBoundKey } from '../../src/main/secrets/key-binding';
import { accountOf } from '../../src/main/secrets/key-ring';
import { createKeychain } from '../../src/main/secrets/keytar-store';
import { KEYCHAIN_SERVICES } from '../../src/main/secrets/secret-store';
import { createSettingsStore } from '../../src/main/settings/settings-store';
import { startLocalAdapty, type LocalAdapty } from '../../src/main/local-adapty/server';
import { describeKeychain, fakeKey, realKeytar } from '../helpers/keychain';

const CLI = resolve(__dirname, '../../out/main/cli.js');
type Run = { code: number; stdout: string; stderr: string };

describeKeychain('the CLI reads a connection of the app: --connection NAME', () => {
  const staging = fakeKey();
  const production = fakeKey();
  let appData: string;
  let stagingServer: LocalAdapty;
  let productionServer: LocalAdapty;
  const items = () => createKeychain({ keytar: realKeytar(), service: KEYCHAIN_SERVICES.development });
  let ids: { staging: string; production: string; moved: string };

  function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
    return new Promise((done) => {
      const childEnv = {
        PATH: process.env.PATH,
        DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
        ADAPTY_INSPECTOR_APP_DATA: appData,
        ADAPTY_INSPECTOR_DEVELOPMENT: '1',
        ...env,
      } as NodeJS.ProcessEnv;
      execFile(process.execPath, [CLI, ...args], { env: childEnv, timeout: 15_000 }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
  }

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`);
    appData = await mkdtemp(join(tmpdir(), 'cli-connection-'));
    stagingServer = await startLocalAdapty({ apiKeys: [staging] });
    productionServer = await startLocalAdapty({ apiKeys: [production] });
    const settings = createSettingsStore(join(appIdentity({ isPackaged: false, appData }).userData, 'settings.json'));
    await settings.change((all) => ({
      ok: true,
      value: {
        active: all.active,
        connections: [
          { id: 'c-stage001', name: 'Acme staging', colour: 'orange', baseUrl: stagingServer.url, timeoutMs: 5_000 },
          { id: 'c-prod0001', name: 'Acme production', colour: 'teal', baseUrl: productionServer.url, timeoutMs: 5_000 },
          { id: 'c-moved001', name: 'Moved', colour: 'gray', baseUrl: productionServer.url, timeoutMs: 5_000 },
          ...all.connections,
        ],
      },
    }));
    ids = { staging: 'c-stage001', production: 'c-prod0001', moved: 'c-moved001' };
    const keychain = items();
    await keychain.item(accountOf(ids.staging)).set(encodeBoundKey({ key: staging, origin: new URL(stagingServer.url).origin }));
    await keychain.item(accountOf(ids.production)).set(encodeBoundKey({ key: production, origin: new URL(productionServer.url).origin }));
    // Saved for the staging address, while the connection now points at production.
    await keychain.item(accountOf(ids.moved)).set(encodeBoundKey({ key: staging, origin: new URL(stagingServer.url).origin }));
  });

  afterAll(async () => {
    const keychain = items();
    for (const id of Object.values(ids ?? {})) await keychain.item(accountOf(id)).delete();
    await stagingServer?.close();
    await productionServer?.close();
    await rm(appData, { recursive: true, force: true });
  });

  it('looks up through the named connection (any case), with its own key and address, and never prints the key', async () => {
    const { code, stdout, stderr } = await run(['lookup', 'all-set', '--connection', 'acme STAGING']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('AppsFlyer');
    // Each server accepts only its own key: a found profile proves which key went where.
    expect(stagingServer.requests.at(-1)?.customerUserId).toBe('all-set');
    expect(`${stdout}${stderr}`).not.toContain(staging);

    const other = await run(['profile', 'all-set', '--connection', 'Acme production', '--json']);
    expect(other.code).toBe(0);
    expect(JSON.parse(other.stdout)).toMatchObject({ customer_user_id: 'all-set' });
    expect(productionServer.requests.at(-1)?.customerUserId).toBe('all-set');
  });

  it('ADAPTY_API_KEY wins over the keychain when it is set', async () => {
    const before = stagingServer.requests.length;
    const { code, stderr } = await run(['lookup', 'all-set', '--connection', 'Acme staging'], { ADAPTY_API_KEY: production });
    // Sent to the staging address, which does not know the production key: refused, so that key was the one sent.
    expect(code).toBe(3);
    expect(stagingServer.requests.length).toBeGreaterThan(before);
    expect(stderr).not.toContain(production);
  });

  it('an unknown name lists the connections; a connection without a key, or with a key for another address, sends nothing', async () => {
    const before = stagingServer.requests.length + productionServer.requests.length;
    const unknown = await run(['lookup', 'all-set', '--connection', 'Nope', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ kind: 'invalid_input', message: expect.stringContaining('"Acme staging", "Acme production"') });

    const keyless = await run(['lookup', 'all-set', '--connection', 'Default']);
    expect(keyless.code).toBe(2);
    expect(keyless.stderr).toContain('The connection "Default" has no key saved');

    const moved = await run(['lookup', 'all-set', '--connection', 'Moved']);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toContain(`was saved for ${new URL(stagingServer.url).origin}`);
    expect(moved.stderr).not.toContain(staging);

    const elsewhere = await run(['lookup', 'all-set', '--connection', 'Acme staging', '--base-url', productionServer.url]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('--base-url points elsewhere');
    expect(stagingServer.requests.length + productionServer.requests.length).toBe(before);
  });
});
