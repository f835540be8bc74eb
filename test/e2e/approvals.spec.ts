import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { callServed } from './api-client';
import { startServe } from './serve';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

test('Inventory health run from the Agents page → proposals in Approvals → approve → the item changed', async ({
  page,
}) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-approvals-'));
  const served = await startServe(dataDir);
  try {
    const photos = [{ hash: 'c'.repeat(64), ext: 'jpg' }];
    const [stale, below] = (await callServed(served.url, [
      [
        'inventory.create',
        {
          sku: 'OLD-1',
          title: 'Pyrex bowl',
          status: 'listed',
          listPrice: 40,
          cost: 5,
          listedAt: daysAgo(120),
          quantity: 3,
          specifics: [{ name: 'Brand', value: 'Pyrex' }],
          photos,
        },
      ],
      [
        'inventory.create',
        {
          sku: 'LOW-1',
          title: 'Nike sneakers',
          status: 'listed',
          listPrice: 20,
          cost: 25,
          listedAt: daysAgo(5),
          quantity: 2,
          specifics: [{ name: 'Size', value: '10' }],
          photos,
        },
      ],
    ])) as { id: string; listPrice: number }[];

    await page.goto(`${served.url}#/agents`);
    const health = page.getByTestId('agent-health');
    await expect(page.getByTestId('agent-last-health')).toHaveText('Never run');
    await health.getByRole('button', { name: 'Run now' }).click();
    await expect(page.getByTestId('agent-last-health')).toContainText('Succeeded');
    await expect(page.getByTestId('agent-success-health')).toHaveText('100%');
    await expect(health.getByTestId('run-outcome')).toHaveText('Succeeded');
    await expect(health).toContainText('Scanned 2 items');
    await expect(page.getByTestId('approvals-badge')).toHaveText('2');

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: /^Approvals/ }).click();
    const markdown = page.locator('.proposal-card', { hasText: 'Mark OLD-1 down' });
    await expect(markdown.getByTestId('diff-listPrice')).toContainText('$40.00');
    await expect(markdown.getByTestId('diff-listPrice')).toContainText('$36.00');
    await expect(markdown).toContainText('by Inventory health');

    // Keyboard: focus the markdown proposal and approve it with a.
    await markdown.click({ position: { x: 4, y: 4 } });
    await expect(markdown).toBeFocused();
    await page.keyboard.press('a');
    await expect(page.getByTestId('decision')).toContainText('1 applied');
    await expect(page.getByTestId('approvals-badge')).toHaveText('1');
    await expect(page.locator('.proposal-card')).toHaveCount(1);
    await expect(page.locator('.resolved-list li', { hasText: 'Mark OLD-1 down' })).toContainText(
      'Applied: list price set to $36.00',
    );

    const [after, untouched] = (await callServed(served.url, [
      ['inventory.get', { id: stale!.id }],
      ['inventory.get', { id: below!.id }],
    ])) as { listPrice: number }[];
    expect(after!.listPrice).toBe(36);
    expect(untouched!.listPrice).toBe(20);

    // The inventory shows the new price too.
    await nav.getByRole('link', { name: 'Inventory' }).click();
    await expect(page.getByText('Pyrex bowl')).toBeVisible();
    await expect(page.getByRole('row', { name: /Pyrex bowl/ })).toContainText('36.00');
  } finally {
    await served.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
