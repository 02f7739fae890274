/**
 * The window's figures for `npm run bench`, into bench/.figures/window.json (scripts/bench.mjs adds
 * them to bench/results.json): its start, navigation to an interactive search field, beside a blank page
 * from the same server. The bridge here is Playwright's binding to the handlers, slower than Electron's IPC,
 * so the figure is if anything high.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { dirname, join, resolve } from 'node:path';
import { test } from '../e2e/fixtures';
import { exposeBridge } from '../e2e/harness/bridge';
import { BLANK_PAGE } from '../e2e/harness/static-server';
import { createHandlers } from '../src/main/handlers';
import { createHistoryStore, type HistoryStore } from '../src/main/history/history-store';
import { createKeyRing } from '../src/main/secrets/key-ring';
import { createSettingsStore } from '../src/main/settings/settings-store';
import type { Handlers } from '../src/shared/contract';
import { MAX_HISTORY } from '../src/shared/history';
import { figure, median, type Figure } from './figure';

const RUNS = 10;
const RENDERER_FIGURES = resolve(__dirname, '.figures/window.json');

/**
 * The start is timed with a bridge of its own, not the harness's `running` fixture, whose handlers live
 * across every navigation (from the second start on, the key status, the settings and the history would
 * come from their memory). Here each navigation gets fresh handlers, as a fresh main process would have:
 * the key read from the keychain, settings.json and history.json from disk. The window's side is the
 * harness's (e2e/fixtures.ts): one function per channel on window.api, and main's messages as subscriptions.
 * The history is full, as after a few days of use: MAX_HISTORY lookups, read from disk at each start and
 * sent to the window, which lists them in its command palette.
 */
test('renderer start: navigation to an interactive search field, vs a blank page from the same server', async ({ page, rendererUrl, keychain, keychainItems, settings, dataFolder }) => {
  // The key in the first connection's keychain item and settings.json on disk, both before the first start.
  void keychain;
  void settings;
  let current: { handlers: Handlers; history: HistoryStore } | null = null;
  const freshHandlers = () => {
    const history = createHistoryStore(join(dataFolder, 'history.json'));
    const keys = createKeyRing((account) => keychainItems.item(account));
    current = { history, handlers: createHandlers({ keys, settings: createSettingsStore(join(dataFolder, 'settings.json')), history, fetch: (url, init) => fetch(url, init) }) };
    return current;
  };
  // A full history on disk: MAX_HISTORY lookups of distinct IDs, each an entry of its own.
  const filling = freshHandlers();
  for (let i = 1; i <= MAX_HISTORY; i++) await filling.handlers.lookup({ idType: 'customer_user_id', id: `user-${i}` });
  await filling.history.settled();
  const { entries } = await filling.history.get();
  if (entries.length !== MAX_HISTORY) throw new Error(`the history should hold ${MAX_HISTORY} entries before timing; it holds ${entries.length}`);
  // The harness's bridge (main's messages never come during a start), over the handlers of the start under way.
  await exposeBridge(page, rendererUrl, () => {
    if (!current) throw new Error('no handlers yet');
    return current.handlers;
  });
  // In the page: the time since navigation began until the frame that shows it is painted, for the search field
  // once it can be typed in, and for a page once loaded (the blank one). The stamp is taken in a task queued
  // from requestAnimationFrame, which runs after that frame's rendering (a stamp in the callback itself would
  // come before it).
  await page.addInitScript(() => {
    const w = window as unknown as { __interactiveAt?: number; __loadedAt?: number };
    const afterNextPaint = (stamp: () => void) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = stamp;
        channel.port2.postMessage(null);
      });
    let seen = false;
    const check = () => {
      const field = document.querySelector<HTMLInputElement>('[data-app-state="loaded"] form input[type="text"], [data-app-state="loaded"] form input:not([type])');
      if (field && !field.disabled && !seen) {
        seen = true;
        afterNextPaint(() => (w.__interactiveAt = performance.now()));
      }
      return seen;
    };
    new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, { subtree: true, childList: true, attributes: true });
    addEventListener('load', () => afterNextPaint(() => (w.__loadedAt = performance.now())));
  });
  const app: number[] = [];
  const blank: number[] = [];
  const blankLoadEnd: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.goto(new URL(BLANK_PAGE, rendererUrl).href, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { __loadedAt?: number }).__loadedAt !== undefined, undefined, { timeout: 30_000 });
    const [blankMs, loadEnd] = await page.evaluate(() => [(window as unknown as { __loadedAt: number }).__loadedAt, (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd]);
    // What main has at its start: nothing read yet (what the last start asked for is settled first).
    await (current as { history: HistoryStore } | null)?.history.settled();
    freshHandlers();
    await page.goto(rendererUrl, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined, undefined, { timeout: 30_000 });
    const appMs = await page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt);
    // The first of each is a warm-up (the server's and Chromium's caches).
    if (i === 0) continue;
    app.push(appMs);
    blank.push(blankMs!);
    blankLoadEnd.push(loadEnd!);
  }
  await (current as { history: HistoryStore } | null)?.history.settled();
  const figures = [figure(`renderer start, a history of ${MAX_HISTORY}: app minus blank page, each to its first frame painted (median of 10)`, median(app) - median(blank), 'ms', { atMost: 300 }, 0)];
  console.log(`renderer start: app ${median(app).toFixed(0)} ms, blank ${median(blank).toFixed(0)} ms to its first frame painted (its loadEventEnd ${median(blankLoadEnd).toFixed(0)} ms), medians of ${RUNS}; fresh handlers for each start, a history of ${MAX_HISTORY} on disk`);
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
    await inspector.openLookup();
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
