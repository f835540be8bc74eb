import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { callServed } from './api-client';
import { startServe } from './serve';

test('a sale recorded through the API shows in revenue and profit without a reload', async ({ page }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-dashboard-'));
  const served = await startServe(dataDir);
  try {
    await page.goto(`${served.url}#/dashboard`);
    await expect(page.getByTestId('dashboard-empty')).toContainText('No items or sales yet');
    await expect(page.getByTestId('revenue')).toHaveText('$0.00');

    const [item] = (await callServed(served.url, [
      [
        'inventory.create',
        {
          sku: 'E2E-1',
          title: 'Vintage camera',
          category: 'Cameras',
          cost: 40,
          listPrice: 120,
          status: 'listed',
          quantity: 2,
        },
      ],
    ])) as { id: string }[];
    // Two units on hand at cost 40 and list 120: the page follows the new item by itself.
    await expect(page.getByTestId('value-at-cost')).toHaveText('$80.00');
    await expect(page.getByTestId('value-at-list')).toHaveText('$240.00');
    await expect(page.getByTestId('dashboard-empty')).toHaveCount(0);

    const reloads: string[] = [];
    page.on('framenavigated', (frame) => reloads.push(frame.url()));
    await callServed(served.url, [
      ['inventory.recordSale', { id: item!.id, price: 110, fees: 14.3, shippingCost: 9.5, date: '2026-01-15' }],
    ]);
    await expect(page.getByTestId('revenue')).toHaveText('$110.00');
    // 110 − 14.30 fees − 9.50 shipping − 40 cost
    await expect(page.getByTestId('profit')).toHaveText('$46.20');
    await expect(page.getByTestId('orders')).toHaveText('1');
    await expect(page.getByTestId('value-at-cost')).toHaveText('$40.00');
    expect(reloads).toEqual([]);

    // A figure opens the inventory filtered to what it counts (the draft is left out).
    await callServed(served.url, [['inventory.create', { sku: 'E2E-2', title: 'Lens cap', status: 'draft' }]]);
    await expect(page.getByTestId('status-draft')).toHaveText('1');
    await page.getByTestId('status-listed').click();
    await expect(page).toHaveURL(/#\/inventory\?status=listed$/);
    await expect(page.getByTestId('inventory-count')).toHaveText('1 item');
  } finally {
    await served.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
