/** Request details: the raw exchange behind a search, the key masked, and the same request as curl. */
import type { Locator } from '@playwright/test';
import { expect, LOCAL_ADAPTY_KEY, test } from './fixtures';

test('the details show each call of the latest search: URL, headers with the key masked, status, time, response headers and the body', async ({
  inspector,
  adapty,
}) => {
  const { page } = inspector;
  await inspector.search('documented-example');
  await expect(inspector.result).toBeVisible();
  await page.getByRole('button', { name: 'Request details', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Request details' });
  await expect(details).toBeVisible();
  const exchanges = details.getByTestId('exchange');
  await expect(exchanges).toHaveCount(2);

  const identifiers = exchanges.first();
  await expect(identifiers).toContainText(`GET ${adapty.url}/api/v2/server-side-api/integration/profile/set/integration-identifiers/`);
  const requestHeaders = identifiers.getByRole('table', { name: 'Identifiers request headers' });
  await expect(requestHeaders).toContainText(`AuthorizationApi-Key ••••${LOCAL_ADAPTY_KEY.slice(-4)}`);
  await expect(requestHeaders).toContainText('adapty-customer-user-iddocumented-example');
  await expect(identifiers.getByTestId('exchange-status')).toHaveText('200 OK');
  await expect(identifiers.getByTestId('exchange-duration')).toHaveText(/^\d+ ms$/);
  await expect(identifiers.getByRole('table', { name: 'Identifiers response headers' })).toContainText('content-type');
  // The body, pretty-printed.
  await expect(identifiers.getByLabel('Identifiers response body')).toContainText('"appsflyer_id": "1741933337626-3179568"');
  await expect(exchanges.nth(1)).toContainText('/api/v2/server-side-api/profile/');

  // Copy as curl: the key as $ADAPTY_API_KEY, never itself.
  await identifiers.getByRole('button', { name: 'Copy as curl' }).click();
  const curl = await inspector.clipboard();
  expect(curl).toContain('"Authorization: Api-Key $ADAPTY_API_KEY"');
  expect(curl).toContain("'adapty-customer-user-id: documented-example'");
  expect(curl).toContain(`'${adapty.url}/api/v2/server-side-api/integration/profile/set/integration-identifiers/'`);
  expect(curl).not.toContain(LOCAL_ADAPTY_KEY.slice(0, 12));
  expect(await inspector.everythingVisibleToThePage()).not.toContain(LOCAL_ADAPTY_KEY);
});

test('a failed call has details too: a 404 with Adapty\'s body, and no answer at all with why', async ({ inspector }) => {
  const { page } = inspector;
  await inspector.search('nobody');
  await expect(inspector.banner).toBeVisible();
  await page.getByRole('button', { name: 'Request details', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Request details' });
  await expect(details.getByTestId('exchange-status').first()).toHaveText('404 Not Found');
  await expect(details.getByLabel('Identifiers response body')).toContainText('profile_not_found');
  await details.getByRole('button', { name: 'Close request details' }).click();
  await expect(details).toHaveCount(0);

  await inspector.search('scenario:drop');
  await expect(inspector.banner).toHaveAttribute('data-error-kind', 'network');
  await page.getByRole('button', { name: 'Request details', exact: true }).click();
  await expect(details.getByTestId('exchange').first()).toContainText('no answer');
  await expect(details.getByTestId('exchange').first()).toContainText('dropped');
});

/** The label of a labelled button as the eye sees it: its text, and whether any of it is cut off. */
function labelShown(button: Locator) {
  return button.evaluate((element) => {
    const label = element.querySelector<HTMLElement>('.mantine-Button-label')!;
    const [outer, inner] = [element.getBoundingClientRect(), label.getBoundingClientRect()];
    const cut = label.scrollWidth > label.clientWidth || inner.left < outer.left || inner.right > outer.right;
    return { text: label.textContent, cut };
  });
}

for (const size of [
  { width: 1400, height: 900 },
  { width: 900, height: 600 },
]) {
  test(`at ${size.width}×${size.height} each "Copy as curl" button shows its whole label, and "Copied" after a click`, async ({ inspector }) => {
    const { page } = inspector;
    await page.setViewportSize(size);
    await inspector.search('documented-example');
    await expect(inspector.result).toBeVisible();
    await page.getByRole('button', { name: 'Request details', exact: true }).click();
    const details = page.getByRole('dialog', { name: 'Request details' });
    const buttons = details.getByRole('button', { name: 'Copy as curl' });
    await expect(buttons).toHaveCount(2);
    const drawer = (await details.boundingBox())!;
    for (const button of await buttons.all()) {
      expect(await labelShown(button)).toEqual({ text: 'Copy as curl', cut: false });
      // Not pushed out of the panel either.
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(drawer.x + drawer.width);
    }
    const first = buttons.first();
    await first.click();
    await expect(first).toHaveAttribute('data-copy-state', 'copied');
    expect(await labelShown(first)).toEqual({ text: 'Copied', cut: false });
  });
}
