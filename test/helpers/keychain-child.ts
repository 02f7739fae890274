/**
 * The real keytar in a child process with a D-Bus session of its own, so a
 * test can lock that keyring (or take the Secret Service away) without
 * disturbing the test files running next to it. The child answers keytar
 * calls over stdin/stdout and rethrows keytar's errors with their own message,
 * so a store built on `child.keytar` meets exactly what keytar reports.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Keytar } from '../../src/main/secrets/keytar-store';
import { KEYTAR_PATH } from './keychain';

/**
 * keyring: an unlocked gnome-keyring (scripts/with-keychain.sh);
 * no-login-keyring: gnome-keyring activated by D-Bus with no keyring created yet;
 * no-secret-service: a bus that can activate nothing; dead-bus: a socket that is not there;
 * no-bus: no bus address and no DISPLAY.
 */
export type ChildMode = 'keyring' | 'no-login-keyring' | 'no-secret-service' | 'dead-bus' | 'no-bus';

export interface KeychainChild {
  keytar: Keytar;
  /** Locks the login collection the way a screen lock or `seahorse` would. */
  lock(): Promise<void>;
  close(): Promise<void>;
}

const STARTUP_MS = 8000;
const WITH_KEYCHAIN = fileURLToPath(new URL('../../scripts/with-keychain.sh', import.meta.url));

/** A session bus config with no <servicedir>: nothing can be activated on it. */
const BARE_BUS = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

const LOCK = [
  'call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets',
  '--method', 'org.freedesktop.Secret.Service.Lock', "['/org/freedesktop/secrets/collection/login']",
];

/** The child: one JSON request per line in, one answer per line out. */
const SERVER = `
const keytar = require(process.env.KEYTAR_PATH);
const { execFile } = require('node:child_process');
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
const lock = () => new Promise((resolve, reject) =>
  execFile('gdbus', ${JSON.stringify(LOCK)}, (e, out, err) => (e ? reject(new Error(err || e.message)) : resolve(out.trim()))));
const ops = { getPassword: keytar.getPassword, setPassword: keytar.setPassword, deletePassword: keytar.deletePassword, lock };
require('node:readline').createInterface({ input: process.stdin })
  .on('line', async (line) => {
    const { id, op, args } = JSON.parse(line);
    try { send({ id, ok: true, value: await ops[op](...args) }); }
    catch (e) { send({ id, ok: false, message: String((e && e.message) || e) }); }
  })
  .on('close', () => process.exit(0));
send({ ready: true });
`;

function command(mode: ChildMode, dir: string): { file: string; args: string[]; env: NodeJS.ProcessEnv } {
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, DBUS_SESSION_BUS_ADDRESS: _bus, ...base } = process.env;
  const env = { ...base, KEYTAR_PATH, XDG_DATA_HOME: join(dir, 'data'), XDG_RUNTIME_DIR: dir };
  const node = [process.execPath, '-e', SERVER];
  switch (mode) {
    case 'keyring':
      return { file: WITH_KEYCHAIN, args: node, env };
    case 'no-login-keyring':
      return { file: 'dbus-run-session', args: ['--', ...node], env };
    case 'no-secret-service': {
      const config = join(dir, 'bare-bus.conf');
      writeFileSync(config, BARE_BUS);
      return { file: 'dbus-run-session', args: [`--config-file=${config}`, '--', ...node], env };
    }
    case 'dead-bus':
      return { file: process.execPath, args: node.slice(1), env: { ...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'nonexistent')}` } };
    case 'no-bus':
      return { file: process.execPath, args: node.slice(1), env };
  }
}

/** Starts a child keytar in `mode`; resolves once it is ready to answer. */
export async function startKeychainChild(mode: ChildMode): Promise<KeychainChild> {
  const dir = mkdtempSync(join(tmpdir(), 'keychain-child-'));
  const { file, args, env } = command(mode, dir);
  // Its own process group, so that a child stuck in a D-Bus call can be stopped with its bus and keyring.
  const child: ChildProcessWithoutNullStreams = spawn(file, args, { env, stdio: 'pipe', detached: true });
  let stderr = '';
  child.stdin.on('error', () => {}); // EPIPE once the child is gone: its pending calls are rejected below.
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, name);
    } catch {
      // The group is already gone.
    }
  };
  /** Ends the child: EOF first (it exits by itself), then SIGTERM and SIGKILL to its group. */
  async function stop(): Promise<void> {
    child.stdin.end();
    for (const [name, waitMs] of [['SIGTERM', 3000], ['SIGKILL', 2000]] as const) {
      const done = await Promise.race([exited.then(() => true), delay(waitMs, false, { ref: false })]);
      if (done) break;
      signal(name);
    }
    await Promise.race([exited, delay(2000, undefined, { ref: false })]);
    signal('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  const ready = new Promise<'ready' | 'exited'>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      // The bus's daemons share this stdout (gnome-keyring prints its environment): only our JSON counts.
      let answer: { ready?: true; id: number; ok: boolean; value?: unknown; message?: string };
      try {
        answer = JSON.parse(line) as typeof answer;
      } catch {
        return;
      }
      if (answer.ready) return resolve('ready');
      const waiter = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.ok) waiter?.resolve(answer.value);
      else waiter?.reject(new Error(answer.message));
    });
    void exited.then(() => {
      resolve('exited');
      for (const waiter of pending.values()) waiter.reject(new Error(`keychain child (${mode}) exited`));
      pending.clear();
    });
  });

  function ask(op: string, args: unknown[]): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.stdin.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }

  const outcome = await Promise.race([ready, delay(STARTUP_MS, 'slow' as const, { ref: false })]);
  if (outcome !== 'ready') {
    await stop();
    const what = outcome === 'exited' ? 'exited before it was ready' : `was not ready within ${STARTUP_MS} ms`;
    throw new Error(`keychain child (${mode}) ${what}: ${stderr.trim()}`);
  }
  return {
    keytar: {
      getPassword: (service, account) => ask('getPassword', [service, account]) as Promise<string | null>,
      setPassword: (service, account, password) => ask('setPassword', [service, account, password]) as Promise<void>,
      deletePassword: (service, account) => ask('deletePassword', [service, account]) as Promise<boolean>,
    },
    lock: async () => void (await ask('lock', [])),
    close: stop,
  };
}
