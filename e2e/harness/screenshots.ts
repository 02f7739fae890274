/**
 * Screenshots of a state in light and dark, at 900×600 and 1400×900, into
 * .test-output/screenshots/ (Playwright empties test-results, so not there),
 * and axe-core's accessibility check of the same state in each scheme.
 * With UPDATE_README_SCREENSHOT=1 the light 1400×900 shots named in
 * README_IMAGES go to docs/.
 */
import AxeBuilder from '@axe-core/playwright';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = resolve(__dirname, '../../.test-output/screenshots');
const SIZES = [
  { width: 900, height: 600 },
  { width: 1400, height: 900 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** States whose light 1400×900 shot illustrates the README, and the file each becomes in docs/. */
const README_IMAGES: Record<string, string> = {
  result: 'screenshot.png',
  'profile-panel': 'profile-panel.png',
  'connection-switcher': 'connection-switcher.png',
  'batch-finished': 'batch.png',
};

/**
 * One axe-core finding that people relying on assistive technology would hit: serious or critical, and
 * any landmark problem (a second banner, say), which axe rates moderate but which breaks navigation by landmark.
 */
export interface AxeFinding {
  scheme: string;
  rule: string;
  impact: string;
  /** Where, as CSS selectors, and axe's own summary of what is wrong. */
  targets: string[];
  summary: string;
}

export interface CapturedState {
  files: string[];
  /** Serious and critical axe-core violations (WCAG 2.1 A and AA, best practices) and landmark problems, in light and in dark. */
  findings: AxeFinding[];
}

async function axeFindings(page: Page, scheme: string): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical' || violation.id.startsWith('landmark-'))
    .map((violation) => ({
      scheme,
      rule: violation.id,
      impact: violation.impact ?? '',
      targets: violation.nodes.map((node) => node.target.join(' ')),
      summary: violation.nodes[0]?.failureSummary ?? violation.help,
    }));
}

export async function captureStates(page: Page, state: string): Promise<CapturedState> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const files: string[] = [];
  const findings: AxeFinding[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const file = join(SCREENSHOT_DIR, `${state}--${colorScheme}--${size.width}x${size.height}.png`);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      files.push(file);
    }
    findings.push(...(await axeFindings(page, colorScheme)));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (original) await page.setViewportSize(original);
  const readmeImage = README_IMAGES[state];
  if (readmeImage && process.env.UPDATE_README_SCREENSHOT === '1') {
    await copyFile(join(SCREENSHOT_DIR, `${state}--light--1400x900.png`), resolve(__dirname, '../../docs', readmeImage));
  }
  return { files, findings };
}
