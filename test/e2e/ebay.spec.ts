import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { expect, test } from '@playwright/test';
import { seedApi, seedOrders, seedSite, startEbayDouble } from '../support/ebay/index';
import type { DoubleApp } from '../support/ebay/state';
import { startTestRelay } from '../support/ebay/relay';
import { createTestCa } from '../support/tls-ca';
import { callServed } from './api-client';
import { startServe } from './serve';

// The seller's browser meets eBay's consent page and the relay's accept page; here both are
// the test doubles on 127.0.0.1 with the test CA, which only this browser context accepts.
// FlipSync's own core trusts them through the CA file in its settings, as a seller's would.
test.use({ ignoreHTTPSErrors: true });

test('a seller connects eBay through the relay in a browser tab, imports, sees the listings, and an eBay order becomes a sale', async ({
  page,
  context,
}) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-'));
  const ca = await createTestCa('eBay double');
  const ebay = await startEbayDouble(ca);
  const agent = new Agent({ connect: { ca: ca.rootPem } });
  const trust = ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  let relayApp: DoubleApp | null = null;
  const relay = await startTestRelay(ca, ebay.origin, () => relayApp!, trust);
  relayApp = ebay.addApp({
    clientId: 'FlipSync-relay-PRD',
    clientSecret: 'CANARY-relay-secret-e2e',
    ruName: 'FlipSync-FlipSync-relay-e2e',
    acceptUrl: relay.acceptUrl,
  });
  seedSite(ebay.state, 30);
  seedApi(ebay.state, 5);
  const served = await startServe(dataDir);
  try {
    const caFile = await ca.writeRoot(dataDir);
    await callServed(served.url, [
      [
        'settings.set',
        { ai: { caFile }, ebay: { apiBase: ebay.origin, authBase: ebay.origin, relayUrl: relay.origin } },
      ],
    ]);

    await page.goto(served.url);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText('No eBay account is connected.')).toBeVisible();

    // Connect opens eBay's consent page in a new tab; Agree goes through the relay's accept
    // page back to this app's own address, which finishes the sign-in.
    const consentTab = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Connect eBay' }).click();
    const tab = await consentTab;
    await tab.locator('#agree').click();
    await tab.waitForURL((url) => url.hash.startsWith('#/settings'));

    // The first tab follows without a reload.
    await expect(page.getByText(/Connected as thrift_and_find/)).toBeVisible();
    expect(ebay.violations).toEqual([]);

    await page.getByRole('button', { name: 'Import from eBay' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Done: 35 added/ })).toBeVisible();

    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('searchbox').fill('Vintage find number 17');
    await expect(page.getByText('Vintage find number 17', { exact: true })).toBeVisible();
    // Its eBay column links to the listing on eBay and says it is active there.
    const listing = page.getByRole('link', { name: '110000000017', exact: true });
    await expect(listing).toHaveAttribute('href', 'https://www.ebay.com/itm/110000000017');
    await expect(page.getByTestId('ebay-state-SITE-17')).toHaveText('Active');
    // Connected: the Inventory offers the same import as Settings.
    await page.getByRole('button', { name: 'Import from eBay…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from eBay' });
    await expect(dialog.getByRole('status')).toHaveText(/^Done: 35 added/);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A buyer orders number 17 on eBay: it becomes a sale here and the revenue shows it.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('revenue')).toHaveText('$0.00');
    const onEbay = ebay.state.site.find((l) => l.itemId === '110000000017')!;
    const available = () => onEbay.quantity - onEbay.quantitySold;
    const before = available();
    seedOrders(ebay.state, 1, 1, 17);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Check for orders now' }).click();
    await expect(page.getByTestId('ebay-orders-status')).toContainText('1 new sale taken in');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('revenue')).toHaveText('$27.99');
    // The sale took a unit off the item, and FlipSync sent the new quantity to the listing.
    await expect.poll(available).toBe(before - 1);
    expect(ebay.state.quantityUpdates).toEqual([{ listing: '110000000017', quantity: before - 1 }]);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('ebay-update').filter({ hasText: '110000000017' })).toContainText('Sent');
    expect(ebay.violations).toEqual([]);
  } finally {
    await served.stop();
    await relay.close();
    await ebay.close();
    await agent.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
