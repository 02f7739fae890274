#!/usr/bin/env node
/**
 * Renders the app icon, build/icon.png (1024×1024, transparent corners), from
 * the SVG below. The SVG here is the source of truth; build/icon.png is its
 * committed output, and electron-builder derives the .icns and .ico from it.
 *
 *   node scripts/make-icon.mjs            # needs a Chromium: CHROMIUM_PATH or /usr/bin/chromium
 *
 * The design: a violet rounded square (Apple's 824/1024 grid, so it sits
 * right in the macOS Dock) with a white magnifying glass whose lens holds "ID".
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const SIZE = 1024;
const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');

const SVG = `
<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="body" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#8B5CF6"/>
      <stop offset="1" stop-color="#4C1D95"/>
    </linearGradient>
    <filter id="shadow" x="-10%" y="-10%" width="120%" height="125%">
      <feDropShadow dx="0" dy="12" stdDeviation="14" flood-color="#1E0B4B" flood-opacity="0.35"/>
    </filter>
  </defs>
  <rect x="100" y="100" width="824" height="824" rx="185" fill="url(#body)" filter="url(#shadow)"/>
  <g fill="none" stroke="#FFFFFF" stroke-linecap="round">
    <circle cx="452" cy="452" r="212" stroke-width="56"/>
    <line x1="620" y1="620" x2="772" y2="772" stroke-width="84"/>
  </g>
  <text x="452" y="452" dy="0.35em" text-anchor="middle" fill="#FFFFFF"
        font-family="'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif" font-weight="bold" font-size="190"
        letter-spacing="4">ID</text>
</svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${SVG}</body></html>`);
  mkdirSync(dirname(OUTPUT), { recursive: true });
  await page.locator('svg').screenshot({ path: OUTPUT, omitBackground: true });
  console.log(`wrote ${OUTPUT}`);
} finally {
  await browser.close();
}
