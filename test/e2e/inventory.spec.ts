import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectTabStaysInside } from './focus';
import { startServe, type Served } from './serve';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/csv/generic-malformed.csv');

let dataDir: string;
let served: Served;
test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-inv-'));
  served = await startServe(dataDir);
});
test.afterEach(async () => {
  await served.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const row = (page: Page, sku: string) => page.getByRole('row').filter({ has: page.getByLabel(`Select ${sku}`) });

test('create and edit an item; after a reload it is still there, as edited', async ({ page }) => {
  await page.goto(served.url + '#/inventory');
  await expect(page.getByTestId('inventory-empty')).toContainText('No items yet');

  await page.getByRole('button', { name: 'Create an item' }).click();
  const dialog = page.getByRole('dialog', { name: 'New item' });
  await dialog.getByLabel('SKU').fill('E2E-JKT-1');
  await dialog.getByLabel('Title').fill('Denim jacket, size M');
  await dialog.getByLabel('List price').fill('45');
  await dialog.getByLabel('Quantity').fill('2');
  await dialog.getByRole('button', { name: 'Create item' }).click();

  const editor = page.getByRole('complementary', { name: 'Item editor' });
  await expect(editor.getByLabel('Title')).toHaveValue('Denim jacket, size M');
  await editor.getByLabel('Brand').fill("Levi's");
  await editor.getByLabel('Location / bin').fill('Shelf B2');
  await editor.getByLabel('Quantity on hand').fill('3');
  await editor.getByRole('button', { name: 'Save item' }).click();
  await expect(editor.getByTestId('editor-status')).toHaveText('Saved.');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // Inline edit in the table: the price.
  await row(page, 'E2E-JKT-1')
    .getByRole('button', { name: /Price of E2E-JKT-1/ })
    .click();
  await page.getByLabel('Price of E2E-JKT-1').fill('39.5');
  await page.getByLabel('Price of E2E-JKT-1').press('Enter');
  await expect(row(page, 'E2E-JKT-1').getByRole('button', { name: /Price of E2E-JKT-1/ })).toContainText('39.50');

  await page.reload();
  const saved = row(page, 'E2E-JKT-1');
  await expect(saved).toContainText("Levi's");
  await expect(saved).toContainText('Shelf B2');
  await expect(saved.getByRole('button', { name: /Quantity of E2E-JKT-1: 3/ })).toBeVisible();
  await expect(saved.getByRole('button', { name: /Price of E2E-JKT-1/ })).toContainText('39.50');

  await saved.focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByLabel('Brand')).toHaveValue("Levi's");
  await expect(editor.getByTestId('item-history')).toContainText('Stock adjusted +1');
});

test('import a CSV with bad rows: each error by row number, the good rows in the table', async ({ page }) => {
  await page.goto(served.url + '#/inventory');
  await page.getByRole('button', { name: 'Import a CSV' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import items from a CSV file' });
  await wizard.getByLabel(/CSV file/).setInputFiles(FIXTURE);

  await expect(wizard.getByTestId('import-format')).toContainText('Generic CSV');
  await expect(wizard.getByTestId('import-format')).toContainText('3 valid, 7 with errors');
  await wizard.getByRole('button', { name: 'Import 3 rows' }).click();

  const result = wizard.getByTestId('import-result');
  await expect(result).toContainText('3 created');
  const errors = result.getByRole('region', { name: 'Rows with errors' });
  for (const n of [3, 5, 6, 7, 8, 9, 10]) await expect(errors).toContainText(`Row ${n}:`);
  await wizard.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByTestId('inventory-count')).toHaveText('3 items');
  for (const sku of ['OK-1', 'OK-2', 'OK-3']) await expect(row(page, sku)).toBeVisible();
  await expect(page.getByLabel('Select BAD-PRICE')).toHaveCount(0);

  // Searching narrows the table as the seller types.
  await page.getByLabel('Search inventory').fill('two');
  await expect(page.getByTestId('inventory-count')).toHaveText('1 item');
  await expect(row(page, 'OK-2')).toBeVisible();

  // In a narrow window the table scrolls sideways with its header in step.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByTestId('inventory-scroll').evaluate((el) => (el.scrollLeft = 300));
  const header = page.getByRole('columnheader', { name: /Price/ });
  const cell = row(page, 'OK-2').getByRole('button', { name: /^Price of OK-2/ });
  await expect
    .poll(async () => Math.abs((await header.boundingBox())!.x - (await cell.boundingBox())!.x))
    .toBeLessThan(40);
});

test('a 47 MB CSV imports through the browser: sent in parts, every row in the table, no connection lost', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // 10,000 rows with long descriptions (the size of a Seller Hub download with HTML
  // descriptions), characters outside ASCII in each, so parts are cut inside multi-byte text.
  const words = 'vintage café ☕ denim 🎸 jacket größe mint boxed ';
  const description = words.repeat(Math.ceil(4_650 / words.length)).slice(0, 4_650);
  const lines = ['SKU,Title,Quantity,List price,Description'];
  for (let i = 0; i < 10_000; i++)
    lines.push(`BIG-${String(i).padStart(5, '0')},Big file item ${i} 🎸,2,19.99,${description}`);
  const text = lines.join('\n') + '\n';
  const bytes = Buffer.byteLength(text);
  expect(bytes).toBeGreaterThan(47_000_000);
  const file = path.join(dataDir, 'big.csv');
  await writeFile(file, text);

  await page.goto(served.url + '#/inventory');
  await page.getByRole('button', { name: 'Import a CSV' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import items from a CSV file' });
  await wizard.getByLabel(/CSV file/).setInputFiles(file);
  await expect(wizard.getByTestId('import-sending')).toContainText('Sending big.csv to FlipSync');
  await expect(wizard.getByTestId('import-format')).toContainText('10,000 rows: 10,000 valid, 0 with errors', {
    timeout: 120_000,
  });
  await wizard.getByRole('button', { name: 'Import 10,000 rows' }).click();
  await expect(wizard.getByTestId('import-result')).toContainText('10,000 created', { timeout: 180_000 });
  await wizard.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('inventory-count')).toHaveText('10,000 items');

  // The last row arrived whole, its multi-byte characters intact, over the same connection.
  await page.getByLabel('Search inventory').fill('BIG-09999');
  await expect(page.getByTestId('inventory-count')).toHaveText('1 item');
  await row(page, 'BIG-09999').focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('complementary', { name: 'Item editor' });
  await expect(editor.getByLabel('Title')).toHaveValue('Big file item 9999 🎸');
  await expect(editor.getByLabel('Description')).toHaveValue(description);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
});

test('dialogs by keyboard: Tab stays inside, Escape closes wherever focus is, focus returns', async ({ page }) => {
  await page.goto(served.url + '#/inventory');
  const newItem = page.getByRole('button', { name: 'New item' });
  await newItem.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New item' });
  await expect(dialog.getByLabel('SKU')).toBeFocused();
  await expectTabStaysInside(page, dialog, 10);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(newItem).toBeFocused();

  // The import wizard replaces its controls after a file is chosen; Escape still closes it.
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import items from a CSV file' });
  await wizard.getByLabel(/CSV file/).setInputFiles(FIXTURE);
  await expect(wizard.getByTestId('import-format')).toContainText('Generic CSV');
  await page.keyboard.press('Escape');
  await expect(wizard).toHaveCount(0);

  const exportButton = page.getByRole('button', { name: 'Export…' });
  await exportButton.click();
  await expect(page.getByRole('dialog', { name: 'Export items' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Export items' })).toHaveCount(0);
  await expect(exportButton).toBeFocused();

  // Escape in the item editor with unsaved edits asks first; Escape again keeps editing.
  await newItem.click();
  const create = page.getByRole('dialog', { name: 'New item' });
  await create.getByLabel('SKU').fill('ESC-1');
  await create.getByLabel('Title').fill('Brass lamp');
  await create.getByRole('button', { name: 'Create item' }).click();
  const editor = page.getByRole('complementary', { name: 'Item editor' });
  await editor.getByLabel('Notes').fill('Dent on the base');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('alertdialog', { name: 'Discard your changes to ESC-1?' });
  await expect(ask).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(editor.getByLabel('Notes')).toHaveValue('Dent on the base');
});
