/**
 * The window's figures for `npm run bench`, into bench/.renderer-figures.json (figures.bench-run.ts adds
 * them to bench/results.json): its start, navigation to an interactive search field, beside a blank page
 * from the same server. The bridge here is Playwright's binding to the handlers, slower than Electron's IPC,
 * so the figure is if anything high.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from '../e2e/fixtures';
import { BLANK_PAGE } from '../e2e/harness/static-server';

const RUNS = 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
export const RENDERER_FIGURES = resolve(__dirname, '.renderer-figures.json');

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
  const figures = [
    { name: 'renderer start: app minus blank page (median of 10)', value: Math.round(median(app) - median(blank)), unit: 'ms', target: '≤ 300', met: median(app) - median(blank) <= 300 },
  ];
  console.log(`renderer start: app ${median(app).toFixed(0)} ms, blank ${median(blank).toFixed(0)} ms (medians of ${RUNS})`);
  writeFileSync(RENDERER_FIGURES, `${JSON.stringify(figures, null, 2)}\n`);
});
