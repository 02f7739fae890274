/** Request details: the raw exchange behind a search, the key masked, and the same request as curl. */
import type { Locator } from '@playwright/test';
import { MAX_EXCHANGE_BODY_CHARS } from '../src/shared/exchange';
import { answerElsewhere } from './harness/server-elsewhere';
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

test.describe('a server that hides the key in a long body (the key moved to it when main asks)', () => {
  test.use({ keyMoveAnswer: 'move' });

  test('a body cut at 64 KiB is shown as it came, and the key it writes in JSON escapes is not in it', async ({ inspector }) => {
    const { page } = inspector;
    const escaped = [...LOCAL_ADAPTY_KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const head = `{"echo":"${escaped}","pad":"`;
    // JSON up to the cut, then one byte more: what is shown of it parses, the whole does not.
    const body = `${head}${'p'.repeat(MAX_EXCHANGE_BODY_CHARS - head.length - 2)}"}x`;
    const elsewhere = await answerElsewhere(inspector, (_request, response) => {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(body);
    });
    try {
      await inspector.search('someone', 'Customer user ID');
      await expect(inspector.banner).toHaveAttribute('data-error-kind', 'server_error');
      await page.getByRole('button', { name: 'Request details', exact: true }).click();
      const identifiers = page.getByRole('dialog', { name: 'Request details' }).getByTestId('exchange').first();
      await expect(identifiers).toContainText('Body (the first 64 KiB)');
      const shown = identifiers.getByLabel('Identifiers response body');
      // As it came (a part is not pretty-printed), with the key's escapes redacted.
      await expect(shown).toContainText('{"echo":"[redacted]","pad":"ppp');
      expect(await inspector.everythingVisibleToThePage()).not.toContain(LOCAL_ADAPTY_KEY.slice(0, 12));
    } finally {
      await elsewhere.close();
    }
  });
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
