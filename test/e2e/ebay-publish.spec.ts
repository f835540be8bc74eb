import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { Agent, fetch as undiciFetch } from 'undici';
import { expect, test } from '@playwright/test';
import { consent } from '../support/ebay/consent';
import { startEbayDouble } from '../support/ebay/index';
import { PHONES, phoneListing } from '../support/ebay/phone-listing';
import type { DoubleApp } from '../support/ebay/state';
import { startTestRelay } from '../support/ebay/relay';
import { startOpenAiServer } from '../support/openai-server';
import { createTestCa } from '../support/tls-ca';
import { callServed, useAiServer } from './api-client';
import { startServe } from './serve';

/**
 * From draft to a live eBay listing without leaving FlipSync: the listing writer (a scripted
 * model) proposes the listing, Approvals shows eBay's preflight of it, "Apply and publish"
 * applies it and publishes through the queue, and the item editor links the live listing.
 */
test('listing writer → Approvals with eBay’s preflight → apply and publish → the listing link', async ({ page }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-publish-'));
  const ca = await createTestCa('eBay double');
  const ebay = await startEbayDouble(ca);
  const agent = new Agent({ connect: { ca: ca.rootPem } });
  const trust = ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent, redirect: 'manual' })) as unknown as typeof fetch;
  let relayApp: DoubleApp | null = null;
  const relay = await startTestRelay(ca, ebay.origin, () => relayApp!, trust);
  relayApp = ebay.addApp({
    clientId: 'FlipSync-relay-PRD',
    clientSecret: 'CANARY-relay-secret-e2e-publish',
    ruName: 'FlipSync-FlipSync-relay-e2e-pub',
    acceptUrl: relay.acceptUrl,
  });
  ebay.state.categories.push(PHONES);
  ebay.state.listing.policies.push(
    { id: 'F-1', name: 'Flat', kind: 'fulfillment' },
    { id: 'P-1', name: 'Pay', kind: 'payment' },
    { id: 'R-1', name: 'Returns', kind: 'return' },
  );
  const ai = await startOpenAiServer();
  const served = await startServe(dataDir);
  try {
    const caFile = await ca.writeRoot(dataDir);
    await useAiServer(served.url, ai.baseUrl);
    const [, begun] = (await callServed(served.url, [
      [
        'settings.set',
        { ai: { caFile }, ebay: { apiBase: ebay.origin, authBase: ebay.origin, relayUrl: relay.origin } },
      ],
      ['ebay.connect.begin', { returnTo: 'http://127.0.0.1:45675/ebay/callback' }],
    ])) as [unknown, { url: string }];
    const jpeg = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#404040' } })
      .jpeg()
      .toBuffer();
    const [, , , item] = (await callServed(served.url, [
      ['ebay.connect.complete', { url: await consent(trust, begun.url) }],
      [
        'ebay.listing.createLocation',
        {
          key: 'home',
          name: 'Home',
          addressLine1: '',
          city: 'Austin',
          stateOrProvince: 'TX',
          postalCode: '78701',
          country: 'US',
        },
      ],
      ['settings.set', { ebay: { fulfillmentPolicyId: 'F-1', paymentPolicyId: 'P-1', returnPolicyId: 'R-1' } }],
      ['inventory.create', { sku: 'IPH-12', title: 'iphone 12 64gb', listPrice: 310, quantity: 1, condition: 'Used' }],
    ])) as [unknown, unknown, unknown, { id: string }];
    await callServed(served.url, [
      ['photos.add', { itemId: item.id, fileName: 'phone.jpg', base64: jpeg.toString('base64') }],
    ]);

    // The listing writer proposes the whole listing (the model is scripted; the run is the app's).
    ai.chat.push(
      {
        type: 'chat',
        toolCalls: [
          {
            name: 'propose_listing',
            arguments: JSON.stringify(phoneListing(item.id, 'Used - Excellent')),
          },
        ],
      },
      { type: 'chat', content: 'Proposed a listing.' },
    );
    const [{ runId }] = (await callServed(served.url, [
      ['agents.run', { agent: 'listing', input: `List ${item.id}` }],
    ])) as [{ runId: string }];
    await expect
      .poll(
        async () => {
          const [detail] = (await callServed(served.url, [['agents.runDetail', { runId }]])) as [
            { run: { outcome: string | null; proposals: number } },
          ];
          return JSON.stringify([detail.run.outcome, detail.run.proposals]);
        },
        { timeout: 60_000 },
      )
      .toBe(JSON.stringify(['succeeded', 1]));

    await page.goto(`${served.url}#/approvals`);
    const card = page.locator('.proposal-card', { hasText: 'iphone 12 64gb' });
    // eBay's preflight of the item as proposed, before the choice is offered.
    await expect(card.getByText('Ready for eBay: nothing eBay would refuse.')).toBeVisible();
    await card.getByRole('button', { name: 'Apply and publish on eBay' }).click();
    // The applied proposal leaves the list; the answer is shown above it.
    await expect(page.getByTestId('publish-note')).toHaveText(/Applied; publishing on eBay/);
    await expect(card).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('button', { name: 'Apple iPhone 12 64GB Black Unlocked' }).click();
    const live = page.getByTestId('ebay-listing-live');
    await expect(live).toBeVisible();
    await expect(live.getByRole('link')).toHaveAttribute('href', /^https:\/\/www\.ebay\.com\/itm\/13\d{10}$/);
    expect(ebay.state.offers.find((o) => o.sku === 'IPH-12')?.status).toBe('PUBLISHED');
    expect(ebay.violations).toEqual([]);
  } finally {
    await served.stop();
    await ai.close();
    await relay.close();
    await ebay.close();
    await agent.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
