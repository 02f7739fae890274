/** Links from ticket tools (adapty-inspector://lookup?…) on a first launch and while the app runs; a bad link runs nothing. */
import { SAMPLE_PROFILES } from '../src/main/local-adapty/profiles';
import { expect, identifierRequests, test } from './fixtures';

const allSet = SAMPLE_PROFILES.find((profile) => profile.customerUserId === 'all-set')!;

test.describe('a link the app is launched with', () => {
  test.use({ launchArgs: ['--no-sandbox-flag-of-some-launcher', 'adapty-inspector://lookup?customer_user_id=all-set'] });

  test('runs its lookup once the app has loaded', async ({ inspector }) => {
    await expect(inspector.result).toContainText('16 of 16 set');
    await expect(inspector.searchInput()).toHaveValue('all-set');
    await expect(inspector.idType('Customer user ID')).toBeChecked();
  });
});

test('a link while the app runs (a second launch, or open-url): its lookup runs, through the connection it names', async ({ inspector, running, adapty }) => {
  await running.openLink(`adapty-inspector://lookup?profile_id=${allSet.profileId.toUpperCase()}`);
  await expect(inspector.result).toContainText('16 of 16 set');
  await expect(inspector.searchInput()).toHaveValue(allSet.profileId);
  await expect(inspector.idType('Profile ID')).toBeChecked();

  // Another connection is active; the link names Default, so the lookup goes there.
  await inspector.openSettings();
  await inspector.addConnection('Other app');
  await expect(inspector.connectionSwitcher).toHaveText('Other app');
  const before = identifierRequests(adapty).length;
  await running.openLink('adapty-inspector://lookup?customer_user_id=documented-example&connection=default');
  await expect(inspector.settings).toHaveCount(0);
  await expect(inspector.connectionSwitcher).toHaveText('Default');
  await expect(inspector.result).toContainText('5 of 16 set');
  expect(identifierRequests(adapty).length).toBe(before + 1);
});

for (const [what, link, reason] of [
  ['an unknown action', 'adapty-inspector://delete?customer_user_id=all-set', 'the app knows only the "lookup" link'],
  ['no ID', 'adapty-inspector://lookup?connection=Default', 'exactly one ID'],
  ['two IDs', `adapty-inspector://lookup?customer_user_id=all-set&profile_id=${allSet.profileId}`, 'exactly one ID'],
  ['an unknown parameter', 'adapty-inspector://lookup?customer_user_id=all-set&then=delete', 'a parameter the app does not know ("then")'],
  ['an ID that breaks the rules', 'adapty-inspector://lookup?profile_id=not-a-uuid', 'its profile ID is not valid'],
  ['an unknown connection', 'adapty-inspector://lookup?customer_user_id=all-set&connection=Production', 'names the connection "Production", which this app does not have'],
] as const) {
  test(`a link with ${what} shows why it cannot be opened, and runs nothing`, async ({ inspector, running, adapty }) => {
    const before = adapty.requests.length;
    await running.openLink(link);
    const banner = inspector.page.getByTestId('link-error');
    await expect(banner).toContainText('This link cannot be opened');
    await expect(banner).toContainText(reason);
    await expect(inspector.result).toHaveCount(0);
    expect(adapty.requests.length).toBe(before);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
  });
}
