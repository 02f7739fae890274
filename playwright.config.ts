import { defineConfig } from '@playwright/test';
import type { HarnessMode } from './e2e/fixtures';

/**
 * End-to-end tests of the built renderer in Debian's Chromium (Playwright's own
 * browser download does not work here). `npm test` runs them inside a private
 * D-Bus session with gnome-keyring, so the key really goes to a keychain.
 */
export default defineConfig<{ harness: HarnessMode }>({
  testDir: 'e2e',
  outputDir: '.test-output/playwright',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  workers: 2,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT ?? '.test-output/playwright.json' }]],
  use: {
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // The UI against a working keychain (npm test runs it inside scripts/with-keychain.sh), with
    // window.api wired to the handlers from src/.
    { name: 'renderer', testIgnore: /(electron|no-keychain|shipped-[a-z-]+|key-leak-audit)\.spec\.ts$/ },
    // What ships: the built main, preload and renderer, with only Electron itself replaced by a
    // double (e2e/electron-double). One worker: the built main uses the development keychain item.
    {
      name: 'built',
      testIgnore: /(electron|no-keychain|screenshots)\.spec\.ts$/,
      workers: 1,
      use: { harness: 'built' },
    },
    // The UI when no keychain can be reached (npm test runs it with a dead D-Bus address), from src/ and as built.
    { name: 'no-keychain', testMatch: /no-keychain\.spec\.ts$/, testIgnore: /focus-no-keychain\.spec\.ts$/ },
    { name: 'built-no-keychain', testMatch: /no-keychain\.spec\.ts$/, workers: 1, use: { harness: 'built' } },
    // The packaged app itself: needs the Electron binary, which cannot be downloaded here.
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
  ],
});
