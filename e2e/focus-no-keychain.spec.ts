/**
 * The keychain state is the truth (built app, no reachable keychain): while
 * the keychain has a problem, the window asks main again when it comes back
 * to the front, at most every 5 s; main asks the keychain again each time (a
 * failed read is never kept: test/main/secrets/api-key-logic.test.ts). Runs
 * in project built-no-keychain only: it counts the answers main sent, which
 * only the Electron double records.
 */
import { expect, test } from './fixtures';

test.use({ withKey: false });

test('a keychain problem is checked again when the window regains focus, not more than every 5 s', async ({ inspector, electron }) => {
  const statusReads = () => electron.module.ipcMain.replies.filter((reply) => reply.channel === 'key:get-status').length;
  await inspector.openSettings();
  await expect(inspector.settings.getByRole('alert').filter({ hasText: 'The OS keychain cannot be used' })).toBeVisible();
  await inspector.page.keyboard.press('Escape');
  const before = statusReads();
  await inspector.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect.poll(statusReads).toBe(before + 1);
  await inspector.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await inspector.page.waitForTimeout(300);
  expect(statusReads()).toBe(before + 1);
});
