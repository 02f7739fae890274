/** Locators and steps for the Inspector's window, so specs read like what a person does. */
import { expect, type Locator, type Page } from '@playwright/test';

export type IdTypeLabel = 'Auto' | 'Customer user ID' | 'Profile ID';

/** The search field's label (its accessible name) for each ID type. */
const FIELD_LABELS: Record<IdTypeLabel, string> = {
  Auto: 'Customer user ID or profile ID',
  'Customer user ID': 'Customer user ID',
  'Profile ID': 'Profile ID',
};

export class InspectorPage {
  constructor(readonly page: Page, readonly url: string) {}

  async open() {
    await this.page.goto(this.url);
    await this.waitUntilLoaded();
  }

  /** For a page the app opened itself (the built harness): wait until the app has loaded its state. */
  async waitUntilLoaded() {
    await expect(this.page.locator('[data-app-state="loaded"]')).toBeVisible();
  }

  idType(label: IdTypeLabel): Locator {
    return this.page.getByRole('radio', { name: label });
  }

  /** The search field as labelled for `type`; without one, the search field whatever type is chosen. */
  searchInput(type?: IdTypeLabel): Locator {
    if (type) return this.page.getByRole('textbox', { name: FIELD_LABELS[type], exact: true });
    return this.page.getByRole('form', { name: 'Look up a profile' }).getByRole('textbox');
  }

  /** Puts `text` on the clipboard and pastes it into the search field, as Ctrl+V does. */
  async pasteIntoSearch(text: string) {
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await this.searchInput().focus();
    await this.page.keyboard.press('ControlOrMeta+V');
  }

  get lookUpButton(): Locator {
    return this.page.getByRole('button', { name: 'Look up' });
  }

  get banner(): Locator {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('button', { name: 'Dismiss error' }) });
  }

  get result(): Locator {
    return this.page.getByRole('region', { name: 'Result' });
  }

  row(key: string): Locator {
    return this.page.locator(`tr[data-key="${key}"]`);
  }

  get keyStatus(): Locator {
    return this.page.getByTestId('key-status');
  }

  async search(id: string, type: IdTypeLabel = 'Customer user ID') {
    await this.chooseIdType(type);
    await this.searchInput(type).fill(id);
    await this.searchInput(type).press('Enter');
  }

  async chooseIdType(type: IdTypeLabel) {
    // Mantine's SegmentedControl hides its radio inputs behind their labels: click the label, as a person does.
    if (!(await this.idType(type).isChecked())) {
      await this.page.locator('.mantine-SegmentedControl-root label').filter({ hasText: new RegExp(`^${type}$`) }).click();
    }
  }

  /** Shows the Batch view (the header's view switch), as a person clicks it. */
  async openBatch() {
    await this.page.getByRole('radiogroup', { name: 'View' }).locator('label').filter({ hasText: /^Batch$/ }).click();
    await expect(this.batchIds).toBeVisible();
  }

  /** Shows the Look up view again (the header's view switch), as a person clicks it. */
  async openLookup() {
    await this.page.getByRole('radiogroup', { name: 'View' }).locator('label').filter({ hasText: /^Look up$/ }).click();
    await expect(this.searchInput()).toBeVisible();
  }

  /** The Batch view's field of IDs, one per line. */
  get batchIds(): Locator {
    return this.page.getByRole('textbox', { name: 'IDs to look up, one per line' });
  }

  /** "N done · M failed · K left…" under the batch's progress bar. */
  get batchProgress(): Locator {
    return this.page.getByTestId('batch-progress-line');
  }

  /** The batch's rows in the page (virtualized: only those near the visible part). */
  get batchRows(): Locator {
    return this.page.getByTestId('batch-row');
  }

  /**
   * Pastes `text` over what the Batch view's field holds, as Ctrl+A, Ctrl+V do (Playwright's fill takes
   * time quadratic in the lines of a textarea: minutes for 10,000 IDs; a paste takes well under a second).
   */
  async pasteIds(text: string) {
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await this.batchIds.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+V');
    await expect(this.batchIds).toHaveValue(text);
  }

  /** Pastes `ids` (one per line) into the Batch view and starts it with Ctrl+Enter. */
  async startBatch(ids: readonly string[]) {
    await this.pasteIds(ids.join('\n'));
    await this.batchIds.press('Control+Enter');
  }

  async openSettings() {
    await this.page.getByRole('button', { name: 'Open settings' }).click();
    await expect(this.settings).toBeVisible();
  }

  get settings(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings' });
  }

  keyInput(): Locator {
    return this.settings.locator('input').and(this.settings.getByLabel(/^(Secret API key|Replace with a new key)$/));
  }

  async saveKey(key: string) {
    await this.keyInput().fill(key);
    await this.settings.getByRole('button', { name: 'Save key' }).click();
  }

  /** The Ctrl/⌘+K palette's search field (present only while the palette is open). */
  get palette(): Locator {
    return this.page.getByRole('textbox', { name: 'Search history and actions' });
  }

  /** Opens the palette with Ctrl+K, types `text`, and picks the first match with Enter. */
  async runFromPalette(text: string) {
    await this.page.keyboard.press('Control+K');
    await expect(this.palette).toBeFocused();
    await this.palette.fill(text);
    await this.page.keyboard.press('Enter');
  }

  get history(): Locator {
    return this.page.getByRole('dialog', { name: 'History' });
  }

  async openHistory() {
    await this.page.getByRole('button', { name: 'Open history' }).click();
    await expect(this.history).toBeVisible();
  }

  /** The active connection in the header: its name is the button's text. */
  get connectionSwitcher(): Locator {
    return this.page.getByTestId('connection-switcher');
  }

  /** Switches connection from the header, as a person does. */
  async switchConnection(name: string) {
    await this.connectionSwitcher.click();
    await this.page.getByRole('menuitem').filter({ hasText: name }).click();
    await expect(this.connectionSwitcher).toHaveText(name);
  }

  /** Adds a connection in settings (which must be open); it becomes the active one. */
  async addConnection(name: string, colour?: string) {
    await this.settings.getByRole('button', { name: 'Add connection' }).click();
    const form = this.settings.locator('form').filter({ has: this.page.locator('#new-connection-name') });
    await form.getByLabel('Name').fill(name);
    if (colour) {
      await form.getByRole('combobox', { name: 'Colour' }).click();
      await this.page.getByRole('option', { name: colour }).click();
    }
    await form.getByRole('button', { name: 'Add and switch to it' }).click();
    await expect(this.connectionSwitcher).toHaveText(name);
  }

  /** Sets the active connection's base URL in settings (which must be open). */
  async setBaseUrl(url: string) {
    await this.settings.getByLabel('Base URL').fill(url);
    await this.settings.getByRole('button', { name: 'Save connection settings' }).click();
    await expect(this.page.getByText('Settings saved')).toBeVisible();
  }

  async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Everything the page could leak through: markup, input values, window globals, storage. */
  async everythingVisibleToThePage(): Promise<string> {
    return this.page.evaluate(() => {
      const parts: string[] = [document.documentElement.outerHTML];
      for (const input of Array.from(document.querySelectorAll('input, textarea'))) parts.push((input as HTMLInputElement).value);
      for (const name of Object.getOwnPropertyNames(window)) {
        try {
          const value = (window as unknown as Record<string, unknown>)[name];
          if (typeof value === 'string') parts.push(value);
          else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) parts.push(JSON.stringify(value));
        } catch {
          // Cross-origin or throwing getters hold nothing of ours.
        }
      }
      for (const storage of [localStorage, sessionStorage]) {
        for (let i = 0; i < storage.length; i++) {
          const name = storage.key(i) ?? '';
          parts.push(name, storage.getItem(name) ?? '');
        }
      }
      parts.push(document.cookie, document.title);
      return parts.join('\n');
    });
  }
}
