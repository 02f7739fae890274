import { afterEach, describe, expect, it } from 'vitest';
import { createDemoServer, type DemoServer } from '../../../src/main/demo';
import { activeConnection } from '../../../src/shared/connections';
import { DEMO_CONNECTION_ID, DEMO_TIMEOUT_MS } from '../../../src/shared/demo';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { byCustomer } from '../../helpers/local-adapty';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestApp, errorOf, valueOf } from '../../helpers/test-app';

const tempDir = useTempDirs('adapty-demo-handlers-');

describe("the demo connection: its key and address are its sample server's own", () => {
  const started: DemoServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });

  /** The handlers with the demo started and active. */
  async function withDemo() {
    const demo = createDemoServer();
    started.push(demo);
    const app = await createTestApp(await tempDir(), { baseUrl: DEFAULT_SETTINGS.baseUrl, key: 'secret_live_first_connection_key', demo });
    const connections = valueOf(await app.handlers.startDemo(undefined));
    const connection = activeConnection(connections);
    expect(connection).toMatchObject({ id: DEMO_CONNECTION_ID, demo: true });
    return { ...app, connection };
  }

  it('refuses to replace or remove its key, as data saying why; the key stays and the demo still answers', async () => {
    const { handlers } = await withDemo();
    const before = valueOf(await handlers.getKeyStatus(undefined));
    for (const refused of [
      errorOf(await handlers.saveKey({ key: 'secret_live_someone_elses_key', sessionOnly: false })),
      errorOf(await handlers.saveKey({ key: 'secret_live_someone_elses_key', sessionOnly: true })),
      errorOf(await handlers.removeKey(undefined)),
    ]) {
      expect(refused).toMatchObject({ kind: 'invalid_input', field: 'apiKey' });
      expect(refused.message).toBe("The demo's key is its sample server's own: it cannot be replaced or removed. To use a key of your own, add a connection for your Adapty app.");
    }
    expect(valueOf(await handlers.getKeyStatus(undefined))).toEqual(before);
    expect(valueOf(await handlers.lookup(byCustomer('all-set'))).query.id).toBe('all-set');
  });

  it('refuses another address (defaults included, and named by id while another connection is active), and keeps the timeout its own to change', async () => {
    const { handlers, settings, connection } = await withDemo();
    const address = { field: 'baseUrl', message: "The demo's address is its sample server's, on this computer: it cannot be changed. To use a key of your own, add a connection for your Adapty app." };
    expect(errorOf(await handlers.saveSettings({ baseUrl: 'http://127.0.0.1:1', timeoutMs: DEMO_TIMEOUT_MS }))).toMatchObject({ kind: 'invalid_input', ...address });
    expect(errorOf(await handlers.saveSettings(DEFAULT_SETTINGS))).toMatchObject(address);
    expect(errorOf(await handlers.saveSettings({ baseUrl: 'not a url', timeoutMs: DEMO_TIMEOUT_MS }))).toMatchObject(address);
    valueOf(await handlers.switchConnection({ id: 'default' }));
    expect(errorOf(await handlers.saveSettings({ id: DEMO_CONNECTION_ID, ...DEFAULT_SETTINGS }))).toMatchObject(address);
    const held = () => settings.connections().then(({ connections }) => connections.find(({ id }) => id === DEMO_CONNECTION_ID));
    expect(await held()).toEqual(connection);

    // Its own address (as typed, with a trailing slash) and another timeout: saved.
    expect(valueOf(await handlers.saveSettings({ id: DEMO_CONNECTION_ID, baseUrl: `${connection.baseUrl}/`, timeoutMs: 20_000 }))).toEqual({
      baseUrl: connection.baseUrl,
      timeoutMs: 20_000,
    });
    expect(await held()).toEqual({ ...connection, timeoutMs: 20_000 });
  });

  it("leaves the other connections' keys and addresses to change, and the demo to remove", async () => {
    const { handlers, connection } = await withDemo();
    valueOf(await handlers.switchConnection({ id: 'default' }));
    valueOf(await handlers.saveKey({ key: 'secret_live_another_key_0000', sessionOnly: true }));
    valueOf(await handlers.saveSettings({ baseUrl: 'https://eu.example.com', timeoutMs: 10_000 }));
    valueOf(await handlers.removeKey(undefined));
    expect(valueOf(await handlers.removeConnection({ id: DEMO_CONNECTION_ID })).connections.map(({ id }) => id)).toEqual(['default']);
    expect(await fetch(connection.baseUrl).then(() => 'answered', () => 'refused')).toBe('refused');
  });
});
