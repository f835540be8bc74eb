/**
 * Every page, filled with real data, checked by axe-core in Chromium: no serious or critical
 * violation (missing names and labels, contrast, roles that do not fit), in the light and the
 * dark theme. Also: the page's main area is not a live region, so a streamed chat reply is not
 * read out token by token; the status lines are.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { callServed, useAiServer } from './api-client';
import { startServe, type Served } from './serve';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const REPLY = [
  'Here is a plan for the **silver ring**:',
  '',
  '1. Photograph the hallmark.',
  '2. Check [sold listings](https://www.ebay.com/sch/i.html).',
  '',
  '| Step | Time |',
  '| ---- | ---- |',
  '| Photos | 5 min |',
  '',
  '```',
  'weight: 4.2 g',
  '```',
].join('\n');

let dataDir: string;
let served: Served;
let ai: OpenAiServer;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-a11y-'));
  ai = await startOpenAiServer();
  served = await startServe(dataDir);
  await useAiServer(served.url, ai.baseUrl);
  const items = (await callServed(served.url, [
    [
      'inventory.create',
      {
        sku: 'OLD-1',
        title: 'Pyrex mixing bowl, primary colors',
        brand: 'Pyrex',
        category: 'Kitchen',
        status: 'listed',
        listPrice: 40,
        cost: 5,
        listedAt: daysAgo(120),
        acquiredAt: daysAgo(200),
        quantity: 3,
        specifics: [{ name: 'Color', value: 'Red' }],
      },
    ],
    [
      'inventory.create',
      {
        sku: 'LOW-1',
        title: 'Nike running shoes, size 10',
        brand: 'Nike',
        category: "Men's Shoes",
        status: 'listed',
        listPrice: 20,
        cost: 25,
        listedAt: daysAgo(5),
        quantity: 2,
      },
    ],
    ['inventory.create', { sku: 'DRAFT-1', title: 'Lens cap', status: 'draft', cost: 1 }],
  ])) as { id: string }[];
  await callServed(served.url, [
    ['inventory.recordSale', { id: items[0]!.id, price: 38, fees: 5, shippingCost: 6, date: daysAgo(2) }],
  ]);
});

test.afterEach(async () => {
  await served.stop();
  await ai.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs axe on what is on screen and lists each serious or critical violation readably. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function walk(page: Page, theme: 'light' | 'dark') {
  // Six full axe runs on a loaded 2-core machine take minutes, not the default one.
  test.setTimeout(360_000);
  await callServed(served.url, [['settings.set', { general: { theme } }]]);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const found: Record<string, string[]> = {};

  // Chat, with a finished reply that uses lists, a link, a table and code.
  await page.goto(served.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  const input = page.getByRole('textbox', { name: 'Message', exact: true });
  await expect(input).toBeEnabled();
  ai.chat.push({ type: 'chat', content: REPLY }, { type: 'chat', content: 'Silver ring' });
  await input.fill('How do I price a silver ring?');
  await input.press('Enter');
  const reply = page.getByTestId('message-assistant').last();
  await expect(reply).toHaveAttribute('data-status', 'done');
  await expect(reply.getByRole('table')).toBeVisible();
  found.chat = await seriousViolations(page);

  // Agents, after a real run of Inventory health (which leaves proposals for Approvals).
  await nav.getByRole('link', { name: 'Agents' }).click();
  const health = page.getByTestId('agent-health');
  await health.getByRole('button', { name: 'Run now' }).click();
  await expect(page.getByTestId('agent-last-health')).toContainText('Succeeded');
  await expect(health.getByTestId('run-outcome')).toHaveText('Succeeded');
  found.agents = await seriousViolations(page);

  await nav.getByRole('link', { name: /^Approvals/ }).click();
  await expect(page.locator('.proposal-card').first()).toBeVisible();
  found.approvals = await seriousViolations(page);

  // Inventory with the item editor open.
  await nav.getByRole('link', { name: 'Inventory' }).click();
  await expect(page.getByTestId('inventory-count')).toHaveText('3 items');
  await page.getByRole('button', { name: 'Pyrex mixing bowl, primary colors' }).click();
  const editor = page.getByRole('complementary', { name: 'Item editor' });
  await expect(editor.getByLabel('Title')).toHaveValue('Pyrex mixing bowl, primary colors');
  await expect(editor.getByTestId('item-history')).toContainText('Sold');
  found.inventory = await seriousViolations(page);

  await nav.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('orders')).toHaveText('1');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  found.dashboard = await seriousViolations(page);

  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('ai-key-status')).toContainText('stored');
  found.settings = await seriousViolations(page);

  expect(found).toEqual({ chat: [], agents: [], approvals: [], inventory: [], dashboard: [], settings: [] });
}

test('every page with real data has no serious or critical axe violation, light theme', async ({ page }) => {
  await walk(page, 'light');
});

test('every page with real data has no serious or critical axe violation, dark theme', async ({ page }) => {
  await walk(page, 'dark');
});

test('a streamed reply is not read out token by token: only its status line is live', async ({ page }) => {
  await page.goto(served.url);
  const input = page.getByRole('textbox', { name: 'Message', exact: true });
  await expect(input).toBeEnabled();
  ai.chat.push({
    type: 'chat',
    content: 'One two three four five six seven eight nine ten.',
    chunkSize: 2,
    chunkDelayMs: 40,
  });
  await input.fill('Count to ten');
  await input.press('Enter');
  const status = page.getByTestId('reply-status');
  await expect(status).toHaveText('FlipSync is writing a reply…');
  // No live region (aria-live, or the status, alert and log roles that imply one) holds the thread.
  const liveAround = await page.locator('ol.messages').evaluate((list) => {
    const live: string[] = [];
    for (let el: Element | null = list; el; el = el.parentElement) {
      const role = el.getAttribute('role') ?? '';
      if (el.hasAttribute('aria-live') || ['status', 'alert', 'log'].includes(role))
        live.push(el.outerHTML.slice(0, 80));
    }
    return live;
  });
  expect(liveAround).toEqual([]);
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await expect(status).toHaveText('Reply finished.');
  await expect(status).toHaveAttribute('role', 'status');
});
