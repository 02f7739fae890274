/**
 * The key-leak audit, on the built app (project "built"): every flow runs with
 * one known key, against a local Adapty that accepts it, including a server
 * that echoes the key back. Then everything is scanned for any form of the
 * key (any 12-character run, in any case, of the key, its URL-encoding, base64
 * and hex): every answer main sent the page, the page itself, everything
 * printed to the console or to stdout/stderr, and every file in the app's
 * data folder.
 *
 * The scanner is written here, independently of the app's redaction: a form
 * the redaction missed is a form this finds.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLocalAdapty, type LocalAdapty } from '../src/main/local-adapty/server';
import { expect, test } from './fixtures';

/** Every live key starts with this public prefix (the key field's placeholder shows it): it is no secret. */
const PUBLIC_PREFIX = 'secret_live_';
const KEY = `${PUBLIC_PREFIX}Au0ditKeyLeak.Ab12Cd34Ef56Gh78`;
const RUN = 12;

/** Every case-folded 12-character run of every form of the key, but the public prefix alone. */
function keyRuns(key: string): string[] {
  const bytes = Buffer.from(key);
  // base64 at each of its three alignments (the key inside a longer encoded text), dropping the group with the padding bytes.
  const base64 = [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').slice(offset ? 4 : 0);
    return [encoded, encoded.replaceAll('+', '-').replaceAll('/', '_')];
  });
  const forms = [key, encodeURIComponent(key), ...base64, bytes.toString('hex')];
  const runs = new Set<string>();
  for (const form of forms) for (let i = 0; i + RUN <= form.length; i++) runs.add(form.slice(i, i + RUN).toLowerCase());
  runs.delete(PUBLIC_PREFIX);
  return [...runs];
}

function leaksIn(text: string): string[] {
  const folded = text.toLowerCase();
  return keyRuns(KEY).filter((run) => folded.includes(run));
}

/** Everything written to the console and to stdout/stderr while `run` runs (still printed as usual). */
/* eslint-disable no-console -- this wraps every console method to read what main prints */
async function capturingOutput(run: () => Promise<void>): Promise<string> {
  const printed: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((name) => console[name]);
  const writes = [process.stdout.write, process.stderr.write] as const;
  methods.forEach((name, i) => {
    console[name] = (...args: unknown[]) => {
      printed.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? String(arg))).join(' '));
      originals[i]!.apply(console, args);
    };
  });
  for (const [i, stream] of [process.stdout, process.stderr].entries()) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (writes[i] as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  }
  try {
    await run();
  } finally {
    methods.forEach((name, i) => (console[name] = originals[i]!));
    process.stdout.write = writes[0];
    process.stderr.write = writes[1];
  }
  return printed.join('\n');
}
/* eslint-enable no-console */

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

test.use({ withKey: false });

let audited: LocalAdapty;
test.beforeAll(async () => {
  audited = await startLocalAdapty({ apiKeys: [KEY], slowMs: 3000 });
});
test.afterAll(async () => {
  await audited.close();
});

test('no form of the key reaches the page, the output or the data folder, in any flow', async ({ inspector, electron, dataFolder }) => {
  test.setTimeout(90_000);
  const { page } = inspector;
  const printed = await capturingOutput(async () => {
    await inspector.openSettings();
    await inspector.settings.getByLabel('Base URL').fill(audited.url);
    await inspector.settings.getByRole('button', { name: 'Save connection settings' }).click();
    await inspector.saveKey(`  ${KEY}  `);
    await expect(inspector.keyStatus).toContainText(KEY.slice(-4));
    await inspector.settings.getByRole('button', { name: 'Test key' }).click();
    await expect(inspector.settings.getByRole('status').filter({ hasText: 'The key works' })).toBeVisible();
    await page.keyboard.press('Escape');

    const lookups = ['all-set', 'nobody-here', 'scenario:echo-key', 'scenario:forbidden', 'scenario:server-error', 'scenario:bad-gateway', 'scenario:not-json',
      'scenario:wrong-shape', 'scenario:rate-limited', 'scenario:drop', 'scenario:redirect-same-origin', 'scenario:redirect-loop', 'scenario:x-request-id'];
    const answered = () => electron.module.ipcMain.replies.filter((reply) => reply.channel === 'lookup:run').length;
    for (const id of lookups) {
      const before = answered();
      await inspector.search(id);
      await expect.poll(answered).toBe(before + 1);
    }
    await inspector.search('all-set');
    await inspector.result.getByRole('button', { name: 'Copy all as JSON' }).click();

    // A wrong key: the 401 and everything around it.
    await inspector.openSettings();
    await inspector.saveKey(`${KEY}-wrong`);
    await page.keyboard.press('Escape');
    await inspector.search('all-set');
    await expect(inspector.banner).toHaveAttribute('data-error-kind', 'unauthorized');

    await inspector.openSettings();
    await inspector.settings.getByRole('button', { name: 'Remove key' }).click();
    await inspector.settings.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(inspector.keyStatus).toHaveText('No API key');
    electron.windows[0]!.close();
  });

  expect(audited.requests.filter((request) => request.hasAuthorization).length).toBeGreaterThan(10);
  const replies = electron.module.ipcMain.replies;
  expect(replies.length).toBeGreaterThan(20);
  expect(leaksIn(JSON.stringify(replies)), 'in what main sent the page').toEqual([]);
  expect(leaksIn(await inspector.everythingVisibleToThePage()), 'in the page').toEqual([]);
  expect(leaksIn(await inspector.clipboard()), 'on the clipboard').toEqual([]);
  expect(leaksIn(printed), 'in what was printed').toEqual([]);
  const files = await filesUnder(dataFolder);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(leaksIn(await readFile(file, 'latin1')), file).toEqual([]);
});
