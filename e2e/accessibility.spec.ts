/** Every control a person can reach has an accessible name, in each state of the window. */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

// Controls hidden from assistive technology and out of the tab order (NumberInput's mouse-only
// steppers; the keyboard uses the arrow keys) are not reachable, so they need no name.
const CONTROLS = ['button', 'input', 'select', 'textarea', '[role="switch"]', '[role="radio"]', 'a[href]']
  .map((selector) => `${selector}:not([aria-hidden="true"])`)
  .join(', ');

async function expectAllNamed(scope: Locator) {
  const controls = await scope.locator(CONTROLS).all();
  expect(controls.length).toBeGreaterThan(0);
  for (const control of controls) {
    if (!(await control.isVisible()) && (await control.getAttribute('type')) !== 'radio') continue;
    await expect(control).toHaveAccessibleName(/\S/);
  }
}

test('the search, a result and a banner: every control is named', async ({ inspector }) => {
  await inspector.search('documented-example');
  await expect(inspector.result).toBeVisible();
  await expectAllNamed(inspector.page.locator('body'));
  await inspector.search('scenario:server-error');
  await expect(inspector.banner).toBeVisible();
  await expectAllNamed(inspector.page.locator('body'));
});

test('the settings panel: every control is named', async ({ inspector }) => {
  await inspector.openSettings();
  await expectAllNamed(inspector.settings);
});
