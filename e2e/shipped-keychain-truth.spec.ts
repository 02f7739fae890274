/**
 * The keychain state is the truth (built app): when the window comes back to
 * the front, it asks main for the key status again, and main asks the keychain
 * again unless it already knows the answer (a failed read, such as a locked
 * keyring, is never kept: test/main/secrets/api-key-logic.test.ts).
 */
import { expect, test } from './fixtures';

test('the key status is checked again when the window regains focus', async ({ inspector, electron }) => {
  const statusReads = () => electron.module.ipcMain.replies.filter((reply) => reply.channel === 'key:get-status').length;
  await expect(inspector.keyStatus).toBeVisible();
  const before = statusReads();
  await inspector.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect.poll(statusReads).toBe(before + 1);
  await inspector.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect.poll(statusReads).toBe(before + 2);
});
