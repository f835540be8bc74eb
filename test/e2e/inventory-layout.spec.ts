/**
 * The Inventory table and editor as laid out by Chromium in a 1280 px wide window: long
 * titles end in an ellipsis and keep their full text, a clicked title opens at its start,
 * the open editor leaves Status, Price and Qty in view, and a long title stays inside the
 * editor's header.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { callServed } from './api-client';
import { startServe, type Served } from './serve';

// 95 characters, as eBay sellers write them when the listing site allows it.
const LONG_TITLE = 'Vintage Levis 501 Selvedge Denim Jeans Mens 34x32 Made in USA Button Fly Dark Wash Red Tab 1990s';

let dataDir: string;
let served: Served;
test.use({ viewport: { width: 1280, height: 800 } });
test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-layout-'));
  served = await startServe(dataDir);
  await callServed(served.url, [
    [
      'inventory.create',
      { sku: 'LAYOUT-SHORT', title: 'Wool scarf', listPrice: 12, quantity: 1, ebayItemId: '110000000001' },
    ],
    [
      'inventory.create',
      { sku: 'LAYOUT-LONG', title: LONG_TITLE, brand: 'Levi Strauss & Co.', listPrice: 89.5, quantity: 2 },
    ],
  ]);
});
test.afterEach(async () => {
  await served.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const row = (page: Page, sku: string) => page.getByRole('row').filter({ has: page.getByLabel(`Select ${sku}`) });
const titleButton = (page: Page) => row(page, 'LAYOUT-LONG').getByRole('button', { name: LONG_TITLE });
const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
};

async function openInventory(page: Page) {
  await page.goto(served.url + '#/inventory');
  await expect(titleButton(page)).toBeVisible();
}

test('a long title is cut with an ellipsis and keeps its full text as its tooltip and name', async ({ page }) => {
  await openInventory(page);
  const title = titleButton(page);
  await expect(title).toHaveAttribute('title', LONG_TITLE);
  const cut = await title.evaluate((el) => ({
    overflow: getComputedStyle(el).textOverflow,
    clipped: el.scrollWidth > el.clientWidth,
    insideCell: el.getBoundingClientRect().right <= el.closest('[role="cell"]')!.getBoundingClientRect().right + 0.5,
  }));
  expect(cut).toEqual({ overflow: 'ellipsis', clipped: true, insideCell: true });
});

test('clicking a long title opens the item with the title shown from its start', async ({ page }) => {
  await openInventory(page);
  await titleButton(page).click();
  const editor = page.getByRole('complementary', { name: 'Item editor' });
  await expect(editor.getByLabel('Title')).toHaveValue(LONG_TITLE);
  // Nothing in the table or the editor is scrolled sideways into the middle of the title.
  const cell = titleButton(page).locator('xpath=ancestor::*[@role="cell"][1]');
  expect(await cell.evaluate((el) => el.scrollLeft)).toBe(0);
  expect(await titleButton(page).evaluate((el) => el.scrollLeft)).toBe(0);
  expect(await editor.getByLabel('Title').evaluate((el: HTMLInputElement) => el.scrollLeft)).toBe(0);
  expect(await page.getByTestId('inventory-scroll').evaluate((el) => el.scrollLeft)).toBe(0);
  // The start of the title is where the cell starts, not scrolled out to its left.
  const [cellBox, titleBox] = [await box(cell), await box(titleButton(page))];
  expect(titleBox.x).toBeGreaterThanOrEqual(cellBox.x - 0.5);
});

test('every column, eBay included, is in view without scrolling sideways', async ({ page }) => {
  await openInventory(page);
  const scroll = page.getByTestId('inventory-scroll');
  // The rows' own width: the box less its vertical scrollbar.
  const right = (await box(scroll)).x + (await scroll.evaluate((el) => el.clientWidth));
  for (const name of ['SKU', 'Title', 'Brand', 'Category', 'Location', 'Status', 'Price', 'Qty', 'eBay', 'Acquired']) {
    const header = await box(page.getByRole('columnheader', { name }));
    expect(header.x + header.width, `${name} ends in view`).toBeLessThanOrEqual(right + 0.5);
  }
  expect(await scroll.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // The listing number fits its cell, its state on the line below.
  const link = row(page, 'LAYOUT-SHORT').getByRole('link', { name: '110000000001' });
  const fits = await link.evaluate((el) => ({
    whole: el.scrollWidth <= el.clientWidth,
    inside: el.getBoundingClientRect().right <= el.closest('[role="cell"]')!.getBoundingClientRect().right + 0.5,
  }));
  expect(fits).toEqual({ whole: true, inside: true });
  await expect(row(page, 'LAYOUT-SHORT').getByText('Active', { exact: true })).toBeVisible();
});

test('the open editor leaves Status, Price and Qty in view', async ({ page }) => {
  await openInventory(page);
  await titleButton(page).click();
  await expect(page.getByRole('complementary', { name: 'Item editor' }).getByLabel('Title')).toHaveValue(LONG_TITLE);
  const view = await box(page.getByTestId('inventory-scroll'));
  for (const name of ['Status', 'Price', 'Qty']) {
    const header = await box(page.getByRole('columnheader', { name }));
    expect(header.x, `${name} starts in view`).toBeGreaterThanOrEqual(view.x);
    expect(header.x + header.width, `${name} ends in view`).toBeLessThanOrEqual(view.x + view.width);
  }
  const long = row(page, 'LAYOUT-LONG');
  for (const control of [/Status of LAYOUT-LONG/, /Price of LAYOUT-LONG/, /Quantity of LAYOUT-LONG/]) {
    const cell = await box(long.getByRole('button', { name: control }).or(long.getByLabel(control)).first());
    expect(cell.x + cell.width, `${control} ends in view`).toBeLessThanOrEqual(view.x + view.width);
  }
});

test('a 95-character title is clamped to two lines inside the editor header, beside the close button', async ({
  page,
}) => {
  await openInventory(page);
  await titleButton(page).click();
  const editor = page.getByRole('complementary', { name: 'Item editor' });
  const heading = editor.getByRole('heading', { level: 2 });
  await expect(heading).toContainText(LONG_TITLE);
  await expect(heading).toHaveAttribute('title', LONG_TITLE);
  const [panel, head, close] = [
    await box(editor),
    await box(heading),
    await box(editor.getByRole('button', { name: 'Close editor' })),
  ];
  expect(head.x + head.width).toBeLessThanOrEqual(close.x);
  expect(close.x + close.width).toBeLessThanOrEqual(panel.x + panel.width);
  // The title's own lines as drawn: two, the rest of it clamped away (it is longer than that).
  const title = await heading.locator('.editor-title').evaluate((el) => ({
    lines: Math.round(el.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(el).lineHeight)),
    clamped: el.scrollHeight > el.clientHeight,
  }));
  expect(title).toEqual({ lines: 2, clamped: true });
  expect(await heading.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
});
