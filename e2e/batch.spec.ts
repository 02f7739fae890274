/**
 * Batch lookups in the window: IDs pasted or from a file (a column of a CSV), a run with its progress,
 * Cancel keeping what finished, Rerun failed touching only the rows that failed, and the rows exported
 * through main's save dialog. From src/ (renderer) and as built (built, main's dialogs answered by the
 * Electron double).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, identifierRequests, LOCAL_ADAPTY_KEY, test } from './fixtures';

const users = (count: number, from = 1) => Array.from({ length: count }, (_, n) => `user-${n + from}`);

test.describe('batch', () => {
  let folder = '';
  test.beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'inspector-batch-e2e-'));
  });
  test.afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test('pasted IDs run to the end: progress, a row per ID, rerun failed, export CSV', async ({ inspector, adapty, dialogs, running }) => {
    await inspector.openBatch();
    const failing = ['nobody-batch-1', 'nobody-batch-2'];
    await inspector.pasteIds([...users(500), 'user-1', '', ...failing].join('\n'));
    await expect(inspector.page.getByText('502 IDs (1 duplicate, 1 blank line skipped)')).toBeVisible();
    await inspector.batchIds.press('Control+Enter');

    await expect(inspector.batchProgress).toHaveText(/^500 done · 2 failed · 0 left$/, { timeout: 30_000 });
    await expect(inspector.page.getByTestId('batch-failures')).toHaveText('Did not succeed: not found 2');
    const table = inspector.page.getByRole('table', { name: 'Batch results' });
    await expect(table).toHaveAttribute('aria-rowcount', '503');
    // Virtualized: only the rows near the visible part are in the page.
    const inPage = await inspector.batchRows.count();
    expect(inPage).toBeGreaterThan(5);
    expect(inPage).toBeLessThan(100);
    const first = inspector.batchRows.first();
    await expect(first).toHaveAttribute('data-status', 'ok');
    await expect(first).toContainText('user-1');
    await expect(first).toContainText('Customer user ID');

    // The last rows, scrolled to with the keyboard: their error is in the row.
    await inspector.page.getByRole('region', { name: 'Batch results' }).focus();
    await inspector.page.keyboard.press('End');
    const last = inspector.batchRows.filter({ hasText: 'nobody-batch-2' });
    await expect(last).toHaveAttribute('data-status', 'failed');
    // As people read it; the exported file keeps the kind as written (not_found), below.
    await expect(last).toContainText('not found');

    // Rerun failed: only the two that failed are asked again.
    const before = identifierRequests(adapty).length;
    await inspector.page.getByRole('button', { name: 'Rerun failed' }).click();
    await expect(inspector.batchProgress).toHaveText(/^500 done · 2 failed · 0 left$/);
    await expect(inspector.page.getByRole('button', { name: 'Rerun failed' })).toBeEnabled();
    await expect.poll(() => identifierRequests(adapty).slice(before).map((request) => request.customerUserId).sort()).toEqual(failing);

    // Export: main's save dialog, answered with a path; the file holds a row per ID.
    const file = join(folder, 'rows.csv');
    dialogs.save.push(file);
    await inspector.page.getByRole('button', { name: 'Export CSV' }).click();
    await expect(inspector.page.getByTestId('batch-saved')).toHaveText(`Exported to ${file}`);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\r\n');
    expect(lines).toHaveLength(503);
    expect(lines[0]).toMatch(/^id,status,matched_as,message,request_id,attempts,adjust_device_id,/);
    expect(lines[1]).toMatch(/^user-1,ok,customer_user_id,,/);
    expect(lines[502]).toMatch(/^nobody-batch-2,not_found,,/);
    expect(lines.join('\n')).not.toContain(LOCAL_ADAPTY_KEY);
    // As built, the dialog was Electron's own, asked by main, suggesting a .csv name.
    if (running.electron) expect(running.electron.records.saveDialogs[0]).toMatchObject({ answer: file, defaultPath: expect.stringMatching(/^adapty-batch-.*\.csv$/) });

    // A cancelled save dialog writes nothing and says nothing.
    await inspector.page.getByRole('button', { name: 'Export JSON' }).click();
    await expect(inspector.page.getByTestId('batch-error')).toHaveCount(0);
    expect(await inspector.page.content()).not.toContain(LOCAL_ADAPTY_KEY);

    // Run again, the rows are no longer those of the file written: the line saying so goes.
    await inspector.page.getByRole('button', { name: 'Rerun failed' }).click();
    await expect(inspector.batchProgress).toHaveText(/^500 done · 2 failed · 0 left$/);
    await expect(inspector.page.getByTestId('batch-saved')).toHaveCount(0);
  });

  test('the columns keep their widths while the rows scroll by, and the ID stays in view when scrolled to the right', async ({ inspector }) => {
    await inspector.openBatch();
    // Rows that differ: at the top, found users with identifiers; at the end, failures with a long "Why" and none.
    const failing = ['nobody-batch-with-a-longer-id-1', 'nobody-batch-with-a-longer-id-2'];
    await inspector.startBatch([...users(300), ...failing]);
    await expect(inspector.batchProgress).toHaveText('300 done · 2 failed · 0 left', { timeout: 30_000 });
    const region = inspector.page.getByRole('region', { name: 'Batch results' });
    // Each header cell's left edge and width, as the eye sees them in the region.
    const columns = () =>
      region.evaluate((element) => {
        const left = element.getBoundingClientRect().left;
        return [...element.querySelectorAll('th')].map((th) => {
          const box = th.getBoundingClientRect();
          return { name: th.textContent, left: Math.round(box.left - left), width: Math.round(box.width) };
        });
      });
    const atTop = await columns();
    expect(atTop.map(({ name }) => name).slice(0, 6)).toEqual(['#', 'ID', 'Status', 'Why', 'Matched as', 'Adjust device ID (adid)']);
    // No header is cut off.
    expect(await region.evaluate((element) => [...element.querySelectorAll('th')].filter((th) => th.scrollWidth > th.clientWidth).map((th) => th.textContent))).toEqual([]);

    await region.focus();
    for (const key of ['PageDown', 'PageDown', 'End']) {
      await inspector.page.keyboard.press(key);
      await expect.poll(columns).toEqual(atTop);
    }
    const last = inspector.batchRows.filter({ hasText: failing[1]! });
    await expect(last).toHaveAttribute('data-status', 'failed');

    // Scrolled all the way to the right: the last identifier is in view, and so are the row's # and ID.
    await region.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
    const inRegion = async (cell: Locator) => {
      const [outer, inner] = [(await region.boundingBox())!, (await cell.boundingBox())!];
      return inner.x >= outer.x - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5;
    };
    await expect.poll(() => inRegion(region.getByRole('columnheader', { name: 'Tenjin analytics installation ID' }))).toBe(true);
    expect(await inRegion(region.getByRole('columnheader', { name: 'Status' }))).toBe(false);
    for (const cell of [region.getByRole('columnheader', { name: 'ID', exact: true }), last.getByRole('cell', { name: failing[1]!, exact: true }), last.getByRole('cell', { name: '302', exact: true })]) {
      expect(await inRegion(cell)).toBe(true);
    }
    // Nothing scrolled under them shows through: the ID cell is what is seen at its centre.
    expect(
      await last.getByRole('cell', { name: failing[1]!, exact: true }).evaluate((cell) => {
        const box = cell.getBoundingClientRect();
        return cell.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
      }),
    ).toBe(true);
  });

  test('switching views loses nothing in either, and the view not shown can be neither reached with Tab nor read out', async ({ inspector, page }) => {
    await inspector.search('all-set');
    await expect(inspector.result).toContainText('16 of 16 set');
    await inspector.openBatch();
    await inspector.pasteIds(users(3).join('\n'));
    await expect(page.getByText('3 IDs')).toBeVisible();
    // The lookup view is out of sight, out of the accessibility tree, and out of the Tab order.
    await expect(inspector.searchInput()).toBeHidden();
    await expect(page.getByRole('button', { name: 'Look up', exact: true })).toHaveCount(0);
    // The lookup view comes first in the page: Shift+Tab from the batch field walks back towards it, and past it to the header.
    await inspector.batchIds.focus();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('[data-view]')?.getAttribute('data-view') ?? 'outside the views')).not.toBe('lookup');
    }
    // Back and forth: what each view held is still there.
    await inspector.openLookup();
    await expect(inspector.searchInput()).toHaveValue('all-set');
    await expect(inspector.result).toContainText('16 of 16 set');
    await expect(inspector.batchIds).toBeHidden();
    await inspector.openBatch();
    await expect(inspector.batchIds).toHaveValue(users(3).join('\n'));
  });

  test('Cancel keeps the rows that finished; the rest are cancelled and can run again', async ({ inspector }) => {
    await inspector.openBatch();
    const slow = ['scenario:slow:20000:a', 'scenario:slow:20000:b'];
    await inspector.startBatch([...slow, ...users(40)]);
    await expect(inspector.batchProgress).toHaveText(/^40 done · 0 failed · 2 left/);
    // While it runs, a file would hold rows still pending: export waits for the end.
    await expect(inspector.page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    await expect(inspector.page.getByRole('button', { name: 'Export JSON' })).toBeDisabled();
    // Why, on screen (a disabled button takes no focus, so a tooltip would reach no keyboard), and tied to the buttons.
    await expect(inspector.page.getByRole('button', { name: 'Export CSV' })).toHaveAccessibleDescription('Export once the batch has ended, or cancel it first.');
    await inspector.page.getByRole('button', { name: 'Cancel' }).click();
    // Cancelled is not failed: counted, and drawn, apart.
    await expect(inspector.batchProgress).toHaveText('40 done · 0 failed · 2 cancelled · 0 left');
    await expect(inspector.page.getByLabel('Cancelled: 2 of 42')).toBeAttached();
    await expect(inspector.page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    await expect(inspector.page.getByText('Export once the batch has ended')).toHaveCount(0);
    // The Cancel button went away with the run: focus is back in the field, not lost to the page.
    await expect(inspector.batchIds).toBeFocused();
    await expect(inspector.batchRows.nth(0)).toHaveAttribute('data-status', 'cancelled');
    await expect(inspector.batchRows.nth(1)).toHaveAttribute('data-status', 'cancelled');
    await expect(inspector.batchRows.nth(2)).toHaveAttribute('data-status', 'ok');
    await expect(inspector.batchRows.nth(2)).toContainText('user-1');
    // The pasted text is still there.
    await expect(inspector.batchIds).toHaveValue([...slow, ...users(40)].join('\n'));
  });

  test('Escape in the batch view cancels a running batch too', async ({ inspector }) => {
    await inspector.openBatch();
    await inspector.startBatch(['scenario:slow:20000:esc', ...users(5)]);
    await expect(inspector.batchProgress).toHaveText(/^5 done · 0 failed · 1 left/);
    await inspector.batchIds.press('Escape');
    await expect(inspector.batchProgress).toHaveText('5 done · 0 failed · 1 cancelled · 0 left');
    await expect(inspector.batchRows.first()).toHaveAttribute('data-status', 'cancelled');
  });

  test('a CSV file: its ID column is picked, another can be chosen, the header left out', async ({ inspector, dialogs, running }) => {
    const file = join(folder, 'customers.csv');
    await writeFile(file, 'email,customer_user_id,plan\r\nann@example.com,user-7,pro\r\nbob@example.com,user-8,free\r\n');
    await inspector.openBatch();
    // A file that is not UTF-8 says so, and leaves the field as it was.
    const latin1 = join(folder, 'latin1.txt');
    await writeFile(latin1, Buffer.from([0x75, 0xe9, 0x0a]));
    await inspector.batchIds.fill('typed-before');
    dialogs.open.push(latin1);
    await inspector.page.getByRole('button', { name: 'Open file…' }).click();
    await expect(inspector.page.getByTestId('batch-error')).toContainText('latin1.txt is not UTF-8 text');
    await expect(inspector.batchIds).toHaveValue('typed-before');
    dialogs.open.push(file);
    await inspector.page.getByRole('button', { name: 'Open file…' }).click();
    await expect(inspector.page.getByTestId('batch-error')).toHaveCount(0);
    const column = inspector.page.getByRole('combobox', { name: 'Column of customers.csv with the IDs' });
    await expect(column).toHaveValue('1');
    await expect(inspector.batchIds).toHaveValue('user-7\nuser-8');
    await column.selectOption({ label: 'email (column 1)' });
    await expect(inspector.batchIds).toHaveValue('ann@example.com\nbob@example.com');
    await inspector.page.getByRole('checkbox', { name: 'First row is a header' }).uncheck();
    await expect(inspector.batchIds).toHaveValue('email\nann@example.com\nbob@example.com');
    await inspector.page.getByRole('checkbox', { name: 'First row is a header' }).check();
    await column.selectOption('1');
    await inspector.page.getByRole('button', { name: 'Start' }).click();
    await expect(inspector.batchProgress).toHaveText('2 done · 0 failed · 0 left');
    await expect(inspector.batchRows).toHaveCount(2);
    // As built, main asked Electron's own open dialog, for .csv and .txt files.
    if (running.electron) expect(running.electron.records.openDialogs.map(({ answer, filters }) => [answer, filters?.[0]?.extensions])).toEqual([[latin1, ['csv', 'txt']], [file, ['csv', 'txt']]]);
  });

  test('a key refused stops the batch, with a banner that says why', async ({ inspector, keys }) => {
    expect((await keys.save('a_wrong_key_for_this_app', { sessionOnly: false })).ok).toBe(true);
    await inspector.openBatch();
    await inspector.startBatch(users(30));
    const stopped = inspector.page.getByTestId('batch-stopped');
    await expect(stopped).toContainText('The batch stopped');
    // It names the ID it stopped at: one ID refused alone can be taken out of the list.
    await expect(stopped).toContainText(/The batch stopped at "user-\d+": Adapty did not accept the API key/);
    // The refusal's own facts, as the lookup's banner gives them: Adapty's words, the status, the request ID to copy.
    await expect(stopped).toHaveAttribute('data-error-kind', 'unauthorized');
    await expect(stopped).toContainText('Adapty says: Invalid API key');
    await expect(stopped).toContainText('HTTP status: 401');
    await expect(stopped).toContainText(/Request ID: [0-9a-f-]{36}/);
    await expect(stopped.getByRole('button', { name: 'Copy request ID' })).toBeVisible();
    await expect(stopped.getByRole('button', { name: 'Open key settings' })).toBeVisible();
    await expect(inspector.batchProgress).toHaveText(/^0 done · \d+ failed · \d+ cancelled · 0 left$/);
  });

  test('an answer with an identifier of the wrong shape fails its row, naming the field, and keeps the identifiers read', async ({ inspector }) => {
    await inspector.openBatch();
    await inspector.startBatch(['scenario:wrong-shape', 'user-1']);
    await expect(inspector.batchProgress).toHaveText('1 done · 1 failed · 0 left');
    const row = inspector.batchRows.first();
    await expect(row).toHaveAttribute('data-status', 'failed');
    await expect(row).toContainText('invalid response');
    await expect(row).toContainText('"appsflyer_id" should be a string or null');
    // The other identifiers are there, as read.
    await expect(row).toContainText(/adjust-device-id-\d\d-7f3a9c/);
  });

  test('an empty field says so without counting a blank line, and its example IDs never turn red', async ({ inspector, page }) => {
    await inspector.openBatch();
    await expect(page.getByText('0 IDs', { exact: true })).toBeVisible();
    const placeholder = () => inspector.batchIds.evaluate((field) => getComputedStyle(field, '::placeholder').color);
    const before = await placeholder();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByText(/Nothing to look up/)).toBeVisible();
    expect(await placeholder()).toBe(before);
  });

  test('a long ID stays on one line of the field, as it is one ID: the field scrolls sideways instead of wrapping it', async ({ inspector }) => {
    await inspector.openBatch();
    // 200 characters with a hyphen, where a wrapped line would break into what reads as two IDs.
    const long = `scenario:x-request-id:${'a'.repeat(178)}`;
    const lines = () => inspector.batchIds.evaluate((field) => Math.round(field.scrollHeight / parseFloat(getComputedStyle(field).lineHeight)));
    // More lines than the field shows, so its scroll height counts them.
    const others = users(9, 2);
    await inspector.pasteIds(['user-1', ...others].join('\n'));
    const short = await lines();
    await inspector.pasteIds([long, ...others].join('\n'));
    expect(await lines()).toBe(short);
    expect(await inspector.batchIds.evaluate((field) => field.scrollWidth > field.clientWidth)).toBe(true);
  });
});

test('10,000 IDs: every row arrives, and the page holds only the rows near the visible part', async ({ inspector }) => {
  test.setTimeout(90_000);
  // From the palette, by keyboard.
  await inspector.runFromPalette('batch lookup');
  await expect(inspector.batchIds).toBeVisible();
  await inspector.startBatch(users(10_000));
  await expect(inspector.batchProgress).toHaveText('10,000 done · 0 failed · 0 left', { timeout: 80_000 });
  const table = inspector.page.getByRole('table', { name: 'Batch results' });
  await expect(table).toHaveAttribute('aria-rowcount', '10001');
  const nodes = () => table.evaluate((element) => element.querySelectorAll('*').length);
  expect(await nodes()).toBeLessThan(2000);
  // Scrolled to the end by keyboard: the last row is there, and still few nodes.
  await inspector.page.getByRole('region', { name: 'Batch results' }).focus();
  await inspector.page.keyboard.press('End');
  await expect(inspector.batchRows.filter({ hasText: 'user-10000' })).toHaveAttribute('data-status', 'ok');
  expect(await nodes()).toBeLessThan(2000);
});

test.describe('batch without a key', () => {
  test.use({ withKey: false });

  test('Start says there is no key, and the pasted IDs stay', async ({ inspector }) => {
    await inspector.openBatch();
    await inspector.startBatch(['user-1', 'user-2']);
    const error = inspector.page.getByTestId('batch-error');
    await expect(error).toHaveAttribute('data-error-kind', 'no_key');
    await expect(error.getByRole('button', { name: 'Add API key' })).toBeVisible();
    await expect(inspector.batchIds).toHaveValue('user-1\nuser-2');
    await expect(inspector.page.getByTestId('batch-progress')).toHaveCount(0);
  });
});
