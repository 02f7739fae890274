/**
 * A keyring that stops answering (its daemon SIGSTOPped, as a keyring waiting
 * on a prompt nobody sees): every handler still answers within its deadline,
 * and settings do not wait on the keychain at all. Real keytar, real
 * gnome-keyring, real files: run only through vitest.stall.config.mts, inside
 * a private keychain session (it stops that session's keyring).
 */
import { keyRingOver } from '../helpers/key-ring';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/handlers';
import { LOCAL_ADAPTY_KEY, startLocalAdapty, type LocalAdapty } from '../../src/main/local-adapty/server';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { createSettingsStore } from '../../src/main/settings/settings-store';
import type { Handlers } from '../../src/shared/contract';
import { HAS_SECRET_SERVICE, realKeytar, testService } from '../helpers/keychain';
import { useTempDirs } from '../helpers/temp-dir';

const DEADLINE_MS = 2_000;
/** How much later than its deadline a handler may answer (scheduling, a busy machine). */
const SLACK_MS = 1_000;

/** The process behind org.freedesktop.secrets on this session's bus. */
function keyringPid(): number {
  const out = execFileSync('gdbus', [
    'call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
    '--method', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'org.freedesktop.secrets',
  ], { encoding: 'utf8' });
  const pid = Number(/uint32 (\d+)/.exec(out)?.[1]);
  if (!pid) throw new Error(`no keyring process on this bus: ${out}`);
  return pid;
}

const tempDir = useTempDirs('keychain-stall-');
let adapty: LocalAdapty;
let pid = 0;

beforeAll(async () => {
  if (!HAS_SECRET_SERVICE) throw new Error('Run this inside scripts/with-keychain.sh: it needs a private keyring it may stop.');
  adapty = await startLocalAdapty();
  pid = keyringPid();
});
afterAll(async () => {
  if (pid) process.kill(pid, 'SIGCONT');
  await adapty?.close();
});

/** The handlers as the app builds them at start-up: nothing read from the keychain yet. */
async function startApp(service: string): Promise<Handlers> {
  const settings = createSettingsStore(join(await tempDir(), 'settings.json'));
  await settings.save({ baseUrl: adapty.url, timeoutMs: 5_000 });
  const keys = keyRingOver(createKeytarStore({ keytar: realKeytar(), service, timeoutMs: DEADLINE_MS }));
  return createHandlers({ keys, settings, fetch: (url, init) => fetch(url, init) });
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

it('with the keyring stopped, every handler answers within its deadline and settings answer at once', async () => {
  const service = testService('stall');
  const before = await startApp(service);
  expect(await before.saveKey({ key: LOCAL_ADAPTY_KEY, sessionOnly: false })).toMatchObject({ ok: true });

  const app = await startApp(service);
  process.kill(pid, 'SIGSTOP');
  try {
    const figures: string[] = [];
    // Five status checks first: each one used to leave a worker thread stuck in the keyring.
    for (let i = 0; i < 5; i++) {
      const { value, ms } = await timed(app.getKeyStatus(undefined));
      figures.push(`getKeyStatus ${ms.toFixed(0)} ms`);
      expect(value).toMatchObject({ ok: true, value: { configured: false, keychainProblem: { problem: 'timeout' } } });
      expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    }
    const settings = await timed(app.getSettings(undefined));
    const saved = await timed(app.saveSettings({ baseUrl: adapty.url, timeoutMs: 6_000 }));
    figures.push(`getSettings ${settings.ms.toFixed(0)} ms`, `saveSettings ${saved.ms.toFixed(0)} ms`);
    expect(settings.value).toMatchObject({ ok: true, value: { active: 'default', connections: [{ id: 'default', timeoutMs: 5_000 }] } });
    expect(saved.value).toMatchObject({ ok: true, value: { timeoutMs: 6_000 } });
    expect(settings.ms).toBeLessThan(SLACK_MS);
    expect(saved.ms).toBeLessThan(SLACK_MS);

    // Everything at once: keychain calls queue and give up at their deadlines; settings do not wait.
    const all = await Promise.all([
      timed(app.lookup({ idType: 'customer_user_id', id: 'all-set' })),
      timed(app.testKey(undefined)),
      timed(app.saveKey({ key: `${LOCAL_ADAPTY_KEY}-2`, sessionOnly: false })),
      timed(app.removeKey(undefined)),
      timed(app.getSettings(undefined)),
    ]);
    figures.push(...all.map(({ ms }, i) => `${['lookup', 'testKey', 'saveKey', 'removeKey', 'getSettings'][i]} ${ms.toFixed(0)} ms`));
    for (const { value, ms } of all.slice(0, 4)) {
      expect(value).toMatchObject({ ok: false, error: { kind: 'keychain_unavailable', problem: 'timeout' } });
      expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    }
    expect(all[4]!.ms).toBeLessThan(SLACK_MS);
    // eslint-disable-next-line no-console -- the figures are the point of this test
    console.log(`with the keyring stopped: ${figures.join(', ')}`);
  } finally {
    process.kill(pid, 'SIGCONT');
  }

  // Once it answers again, the key is there, unchanged by the attempts that timed out before running.
  const later = await startApp(service);
  expect(await later.getKeyStatus(undefined)).toMatchObject({ ok: true, value: { configured: true, hint: LOCAL_ADAPTY_KEY.slice(-4) } });
  await later.removeKey(undefined);
});
