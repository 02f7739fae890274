import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/** `npm run bench`'s figures of the window in headless Chromium, with the e2e harness's bridge (handlers from src/). */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /\.pw\.ts$/,
  outputDir: '../.test-output/bench-playwright',
  timeout: 300_000,
  workers: 1,
  reporter: [['list']],
  projects: [{ name: 'renderer' }],
});
