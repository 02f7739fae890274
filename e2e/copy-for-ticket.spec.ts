/**
 * A result made for copying: "Copy for ticket" puts plain text on the clipboard, and each
 * copy button sits right beside its value whatever the window's size.
 */
import { expect, test } from './fixtures';

test('"Copy for ticket" copies the connection, the ID looked up, the set identifiers labelled and the request ID', async ({ inspector, adapty }) => {
  await inspector.search('documented-example');
  await expect(inspector.result).toContainText('5 of 16 set');
  const requestId = (await inspector.result.getByText(/^Request ID:/).textContent())!.replace('Request ID: ', '').trim();
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const button = inspector.result.getByRole('button', { name: 'Copy for ticket' });
  await button.click();
  await expect(button).toHaveAttribute('data-copy-state', 'copied');
  expect(await inspector.clipboard()).toBe(
    [
      `Connection: Default (${new URL(adapty.url).host})`,
      'Looked up: Customer user ID documented-example',
      'AppsFlyer ID: 1741933337626-3179568',
      'Facebook anonymous ID: XZ7EF7D15E-8FA1-49D8-B180-918EB333E42A',
      'Firebase app instance ID: C333B35DF1DB418E99F7B815E9F5C549',
      'Mixpanel distinct ID: 33w6yv5DPqVlyMVbjW31xvzJLtJ3',
      'OneSignal subscription ID: 333ed338-757d-466a-a672-ab92db196a1f',
      `Request ID: ${requestId}`,
    ].join('\n'),
  );
});

for (const size of [
  { width: 720, height: 520 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${size.width}×${size.height} each copy button sits right beside its value`, async ({ inspector }) => {
    await inspector.page.setViewportSize(size);
    await inspector.search('documented-example');
    await expect(inspector.result).toContainText('5 of 16 set');
    const rows = inspector.page.getByRole('table', { name: 'Integration identifiers' }).locator('tbody tr');
    await expect(rows).toHaveCount(5);
    for (const row of await rows.all()) {
      const value = row.locator('[data-value]');
      const copy = row.getByRole('button', { name: /^Copy / });
      await copy.scrollIntoViewIfNeeded();
      const [v, c] = [await value.boundingBox(), await copy.boundingBox()];
      expect(v && c, `${await row.getAttribute('data-key')} has a value and a copy button on screen`).toBeTruthy();
      const gap = c!.x - (v!.x + v!.width);
      expect(gap, `${await row.getAttribute('data-key')}: copy button ${gap}px from its value`).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(24);
    }
  });
}
