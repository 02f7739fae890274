/**
 * The real app in the real Electron: the built main, preload and renderer
 * (`npm run build` first), launched by Playwright with a throwaway data
 * folder. It checks what only Electron can show: the window and its title,
 * a page without Node that sees nothing but the bridge, the bridge reaching
 * main as a trusted sender, and no way out of the window.
 *
 * Needs the Electron binary. Where it is not installed (its download host is
 * unreachable on the build machine) every test here reports SKIPPED, never
 * passed; with ADAPTY_REQUIRE_ELECTRON=1 (CI with Electron) they fail instead. The check mirrors node_modules/electron/index.js, without calling
 * it: requiring it would try to download the binary.
 */
import { test, expect, _electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { METHODS } from '../src/shared/channels';

const ROOT = resolve(__dirname, '..');
const ELECTRON_PACKAGE = join(ROOT, 'node_modules', 'electron');
const BUILT_MAIN = join(ROOT, 'out', 'main', 'index.js');
const INSTALL_HINT = 'run it on a machine with internet access, where `npx install-electron` can fetch the binary';

/** The Electron executable, or why there is none. */
function findElectronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return { path: join(override, relative ?? 'electron') };
  if (relative === null) {
    return { missing: `Electron binary not installed (download host unreachable): node_modules/electron/path.txt is missing; ${INSTALL_HINT}` };
  }
  const binary = join(ELECTRON_PACKAGE, 'dist', relative);
  if (!existsSync(binary)) {
    return { missing: `Electron binary not installed (download host unreachable): ${binary} is missing; ${INSTALL_HINT}` };
  }
  return { path: binary };
}

/** The environment without the dev-server URL, so the built page is loaded, as in a packaged app. */
function launchEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RENDERER_URL') env[name] = value;
  }
  return env;
}

const electron = findElectronBinary();

test.describe('the Electron app', () => {
  test.describe.configure({ mode: 'serial' });
  // Where the binary is expected (the GitHub Actions electron job sets ADAPTY_REQUIRE_ELECTRON=1), its absence fails.
  const required = process.env.ADAPTY_REQUIRE_ELECTRON === '1';
  test.skip(!required && 'missing' in electron, 'missing' in electron ? electron.missing : '');
  test.beforeAll(() => {
    if ('missing' in electron) throw new Error(`ADAPTY_REQUIRE_ELECTRON=1, but ${electron.missing}`);
  });

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!('path' in electron)) return;
    expect(existsSync(BUILT_MAIN), `${BUILT_MAIN} is missing: run "npm run build" first`).toBe(true);
    userData = mkdtempSync(join(tmpdir(), 'adapty-inspector-e2e-'));
    app = await _electron.launch({
      executablePath: electron.path,
      args: [ROOT, `--user-data-dir=${userData}`],
      cwd: ROOT,
      env: launchEnvironment(),
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens one window titled "Adapty Inspector" with the app header', async () => {
    await expect(page).toHaveTitle('Adapty Inspector');
    await expect(page.getByRole('heading', { name: /Adapty Inspector/ }).first()).toBeVisible();
    expect(app.windows()).toHaveLength(1);
    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.getTitle()));
    expect(title).toEqual(['Adapty Inspector']);
  });

  test('the page has no Node and sees exactly one function per bridge channel', async () => {
    const probe = await page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown>;
      const api = scope.api as Record<string, unknown> | undefined;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
        buffer: typeof scope.Buffer,
        ipcRenderer: typeof scope.ipcRenderer,
        apiNames: api ? Object.keys(api).sort() : null,
        apiTypes: api ? [...new Set(Object.values(api).map((value) => typeof value))] : null,
      };
    });
    expect(probe).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      buffer: 'undefined',
      ipcRenderer: 'undefined',
      apiNames: [...METHODS].sort(),
      apiTypes: ['function'],
    });
  });

  test('renderers run in the OS sandbox (reported on macOS and Windows only)', async () => {
    const renderers = await app.evaluate(({ app: electronApp }) =>
      electronApp.getAppMetrics().filter((metric) => metric.type === 'Tab').map((metric) => metric.sandboxed ?? null),
    );
    expect(renderers.length).toBeGreaterThan(0);
    if (process.platform === 'darwin' || process.platform === 'win32') expect(renderers.every((sandboxed) => sandboxed === true)).toBe(true);
  });

  test('the bridge reaches main as a trusted sender', async () => {
    const answer = await page.evaluate(async () => {
      const api = (globalThis as unknown as { api: { getSettings: () => Promise<{ ok: boolean }> } }).api;
      return api.getSettings();
    });
    expect(answer.ok).toBe(true);
  });

  test('the page can neither open a window nor navigate away', async () => {
    const appUrl = page.url();
    const opened = await page.evaluate(() => {
      const scope = globalThis as unknown as { open: (url: string) => unknown };
      return scope.open('https://example.com/') === null;
    });
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);

    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    expect(page.url()).toBe(appUrl);
  });
});
