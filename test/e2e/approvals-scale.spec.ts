/**
 * Approvals with 1,500 waiting, in Chromium: every one reachable (only those near the view
 * are in the page), Home/End from the keyboard, a filter by agent with its count, and one
 * decision over the whole selection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { seedProposals } from '../support/seed-proposals';
import { callServed } from './api-client';
import { startServe } from './serve';

test('1,500 waiting proposals: virtualised, Home/End, filtered by agent, rejected in one decision', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-approvals-scale-'));
  // Oldest first: SKU-0 … SKU-1449 from pricing, SKU-1450 … SKU-1499 from the health scan.
  await seedProposals(dataDir, [
    { agent: 'pricing', kind: 'price', count: 1450 },
    { agent: 'health', kind: 'fill', count: 50 },
  ]);
  const served = await startServe(dataDir);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${served.url}#/approvals`);
    const toolbar = page.locator('.approvals-toolbar');
    await expect(toolbar.getByText('Select all 1,500')).toBeVisible({ timeout: 60_000 });
    const cards = page.locator('[data-testid^="proposal-proposal:"]');
    expect(await cards.count()).toBeLessThan(60);

    // End: the oldest proposal, brought into view; Home: the newest again.
    await cards.first().focus();
    await page.keyboard.press('End');
    const focused = page.locator('.proposal-card[aria-current="true"]');
    await expect(focused).toContainText('Price SKU-0 at');
    await expect(focused).toBeInViewport();
    await expect(focused).toBeFocused();
    await page.keyboard.press('Home');
    await expect(focused).toContainText('Price SKU-1499 at');
    await expect(focused).toBeInViewport();
    await page.keyboard.press('j');
    await expect(focused).toContainText('Price SKU-1498 at');

    // One agent's proposals, with the count each choice shows.
    const agent = page.getByRole('combobox', { name: 'Agent' });
    await expect(agent.locator('option')).toHaveText([
      'All agents (1,500)',
      'Inventory health (50)',
      'Pricing (1,450)',
    ]);
    await agent.selectOption({ label: 'Inventory health (50)' });
    await expect(toolbar.getByText('Select all 50', { exact: true })).toBeVisible();
    await expect(cards).toHaveCount(50);
    await agent.selectOption({ label: 'All agents (1,500)' });
    await expect(toolbar.getByText('Select all 1,500')).toBeVisible();

    // The whole selection in one decision (sent to core in calls of 1,000).
    await toolbar.getByText('Select all 1,500').click();
    await toolbar.getByRole('button', { name: 'Reject selected (1,500)' }).click();
    await expect(page.getByTestId('decision')).toHaveText('1,500 rejected.', { timeout: 60_000 });
    await expect(page.getByTestId('approvals-empty')).toBeVisible();
    const [left] = (await callServed(served.url, [['proposals.list', { limit: 1 }]])) as { pending: number }[];
    expect(left!.pending).toBe(0);
  } finally {
    await served.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the card in focus keeps the focus when the rest arrive and the list turns virtual', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-approvals-focus-'));
  await seedProposals(dataDir, [{ agent: 'pricing', kind: 'price', count: 300 }]);
  const served = await startServe(dataDir);
  // The call for the rest (a thousand at a time) waits until the seller has focused a card.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/api\?/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const text = String(message);
      if (text.includes('"route":"proposals.list"') && text.includes('"limit":1000'))
        void held.then(() => server.send(message));
      else server.send(message);
    });
  });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${served.url}#/approvals`);
    const cards = page.locator('[data-testid^="proposal-proposal:"]');
    const list = page.getByRole('list', { name: 'Waiting for you' });
    await expect(cards).toHaveCount(20, { timeout: 60_000 });
    await expect(list).not.toHaveClass(/virtual/);
    await cards.first().focus();
    // Marks this very element: a list that replaced its cards would lose the mark with the focus.
    await cards.first().evaluate((card) => card.setAttribute('data-focused-before', ''));

    release();
    await expect(page.locator('.approvals-toolbar').getByText('Select all 300')).toBeVisible({ timeout: 60_000 });
    await expect(list).toHaveClass(/virtual/);
    await expect(page.locator('[data-focused-before]')).toBeFocused();
    await page.keyboard.press('j');
    await expect(cards.nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(cards.nth(1)).toBeFocused();
  } finally {
    await served.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
