/** Request details: the raw exchange behind a search, the key masked, and the same request as curl. */
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
