import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Presses Tab `times` times and checks focus never reaches the page behind the modal, which
 * is inert (past the last control focus may leave for the browser's own controls, and comes
 * back into the dialog).
 */
export async function expectTabStaysInside(page: Page, dialog: Locator, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press('Tab');
    const where = await dialog.evaluate((d) =>
      d.contains(document.activeElement) ? 'dialog' : document.activeElement === document.body ? 'none' : 'page',
    );
    expect(where).not.toBe('page');
  }
}
