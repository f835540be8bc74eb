import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { callServed } from './api-client';
import { startServe, type Served } from './serve';

let dataDir: string;
let served: Served;
test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-stop-'));
  served = await startServe(dataDir);
});
test.afterEach(async () => {
  await served.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('when the server stops, a banner says how to start it, a save is refused and the typed text stays', async ({
  page,
}) => {
  await callServed(served.url, [
    ['inventory.create', { sku: 'STOP-1', title: 'Wool scarf', listPrice: 10, quantity: 1 }],
  ]);
  await page.goto(served.url + '#/inventory');
  await page.getByRole('button', { name: /Price of STOP-1/ }).click();
  const price = page.getByLabel('Price of STOP-1');
  await price.fill('12.5');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);

  await served.stop();

  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('FlipSync stopped');
  await expect(banner).toContainText('npm run serve');
  await expect(banner).toContainText('new address');
  await expect(banner).toContainText('new access token');
  // Readable: axe checks the banner's contrast (white on the error red) and its role.
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="connection-banner"]').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await price.press('Enter');
  await expect(page.getByTestId('inline-notice')).toContainText('Cannot save while disconnected');
  await expect(price).toHaveValue('12.5');
  await expect(price).toBeEditable();
});
