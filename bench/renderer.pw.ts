/**
 * The window's figures for `npm run bench`, into bench/.figures/window.json (scripts/bench.mjs adds
 * them to bench/results.json): its start, navigation to an interactive search field, beside a blank page
 * from the same server. The bridge here is Playwright's binding to the handlers, slower than Electron's IPC,
 * so the figure is if anything high.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { dirname, resolve } from 'node:path';
import { test } from '../e2e/fixtures';
import { BLANK_PAGE } from '../e2e/harness/static-server';
import { figure, median, type Figure } from './figure';

const RUNS = 10;
const RENDERER_FIGURES = resolve(__dirname, '.figures/window.json');

test('renderer start: navigation to an interactive search field, vs a blank page from the same server', async ({ page, rendererUrl, running }) => {
  void running;
  // In the page: the time since navigation began when the search field can be typed in.
  await page.addInitScript(() => {
    const w = window as unknown as { __interactiveAt?: number };
    const check = () => {
      const field = document.querySelector<HTMLInputElement>('[data-app-state="loaded"] form input[type="text"], [data-app-state="loaded"] form input:not([type])');
      if (field && !field.disabled && w.__interactiveAt === undefined) w.__interactiveAt = performance.now();
      return w.__interactiveAt !== undefined;
    };
    new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const app: number[] = [];
  const blank: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.goto(new URL(BLANK_PAGE, rendererUrl).href, { waitUntil: 'load' });
    const blankMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    await page.goto(rendererUrl, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined, undefined, { timeout: 30_000 });
    const appMs = await page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt);
    // The first of each is a warm-up (the server's and Chromium's caches).
    if (i === 0) continue;
    app.push(appMs);
    blank.push(blankMs);
  }
  const figures = [figure('renderer start: app minus blank page (median of 10)', median(app) - median(blank), 'ms', { atMost: 300 }, 0)];
  console.log(`renderer start: app ${median(app).toFixed(0)} ms, blank ${median(blank).toFixed(0)} ms (medians of ${RUNS})`);
  addFigures(figures);
});

/** Adds figures to bench/.figures/window.json (each test of this file adds its own). */
function addFigures(figures: Figure[]) {
  const before = existsSync(RENDERER_FIGURES) ? (JSON.parse(readFileSync(RENDERER_FIGURES, 'utf8')) as unknown[]) : [];
  writeFileSync(RENDERER_FIGURES, `${JSON.stringify([...before, ...figures], null, 2)}\n`);
}

test.beforeAll(() => {
  mkdirSync(dirname(RENDERER_FIGURES), { recursive: true });
  writeFileSync(RENDERER_FIGURES, '[]\n');
});

test('batch table: 10,000 rows shown, and jumped through; the nodes it holds', async ({ inspector }) => {
  const { page } = inspector;
  await inspector.openBatch();
  await inspector.startBatch(Array.from({ length: 10_000 }, (_, i) => `user-${i + 1}`));
  await expect(inspector.batchProgress).toHaveText('10,000 done · 0 failed · 0 left', { timeout: 120_000 });
  const table = page.getByRole('table', { name: 'Batch results' });
  await expect(table).toHaveAttribute('aria-rowcount', '10001');
  // In the page: from a change to the frame painted after the rows for it are in place.
  async function timedShow() {
    await page.getByRole('radiogroup', { name: 'View' }).locator('label').filter({ hasText: /^Look up$/ }).click();
    await expect(table).toBeHidden();
    return timed('show');
  }
  const timed = (change: 'show' | number) =>
    page.evaluate(async (what) => {
      const region = document.querySelector<HTMLElement>('[role="region"][aria-label="Batch results"]');
      if (!region) throw new Error('no batch table');
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const start = performance.now();
      if (what === 'show') {
        document.querySelector<HTMLElement>('[role="radiogroup"][aria-label="View"] input[value="batch"]')?.click();
      } else region.scrollTop = (region.scrollHeight - region.clientHeight) * what;
      const wanted = what === 'show' ? 1 : Math.max(1, Math.floor(9_999 * what));
      for (let i = 0; i < 100; i++) {
        await frame();
        const indices = [...region.querySelectorAll('tr[data-testid="batch-row"]')].map((row) => Number(row.getAttribute('aria-rowindex')) - 2);
        if (indices.length > 0 && Math.min(...indices) <= wanted && Math.max(...indices) >= wanted - 1) break;
      }
      await frame();
      return performance.now() - start;
    }, change);
  // The table alone: with the field's 10,000 pasted lines still in it, showing the view draws them too (timed apart,
  // as a figure of its own).
  const withText = await timedShow();
  await inspector.batchIds.fill('');
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    // Hidden, then shown again. The hidden view keeps its layout (view-pane.tsx hides it with content-visibility),
    // so this times the switch's render and drawing the rows kept, not laying them out anew.
    times.push(await timedShow());
    for (const at of [0.5, 1, 0.25, 0]) times.push(await timed(at));
  }
  const nodes = await table.evaluate((element) => element.querySelectorAll('*').length);
  const worst = Math.max(...times);
  console.log(`batch view shown with its 10,000 IDs still in the field: ${withText.toFixed(0)} ms`);
  console.log(`batch table: worst ${worst.toFixed(0)} ms of ${times.length} (the view shown again, its layout kept, or jumped to a far row), median ${median(times).toFixed(0)} ms; ${nodes} nodes`);
  addFigures([
    figure('batch table, 10,000 rows: slowest of the view shown again (layout kept) or a jump to a far row', worst, 'ms', { atMost: 150 }, 0),
    figure('batch table, 10,000 rows: DOM nodes', nodes, 'nodes', { atMost: 2000 }, 0),
    figure('batch view shown with its 10,000 IDs still in the field', withText, 'ms', { atMost: 150 }, 0),
  ]);
});
