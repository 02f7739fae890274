/**
 * Screenshots of a state in light and dark, at 900×600 and 1400×900, into
 * .test-output/screenshots/ (Playwright empties test-results, so not there).
 * With UPDATE_README_SCREENSHOT=1 the light 1400×900 result becomes docs/screenshot.png.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = resolve(__dirname, '../../.test-output/screenshots');
const SIZES = [
  { width: 900, height: 600 },
  { width: 1400, height: 900 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

export async function captureStates(page: Page, state: string): Promise<string[]> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const files: string[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const file = join(SCREENSHOT_DIR, `${state}--${colorScheme}--${size.width}x${size.height}.png`);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      files.push(file);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (original) await page.setViewportSize(original);
  if (state === 'result' && process.env.UPDATE_README_SCREENSHOT === '1') {
    await copyFile(join(SCREENSHOT_DIR, 'result--light--1400x900.png'), resolve(__dirname, '../../docs/screenshot.png'));
  }
  return files;
}
