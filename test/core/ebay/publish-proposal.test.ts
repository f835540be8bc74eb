/**
 * A listing writer's proposal taken to eBay: the preflight of the item as the proposal would
 * leave it (before "Apply and publish" is offered), refused with nothing applied when eBay
 * would refuse the listing, and applied and published as one decision of the seller's. The
 * model is scripted; the agent run, proposal, apply and publish are the app's own.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { API_KEY_SECRET } from '../../../src/main/core/ai/connection';
import type { EbayListingState, Preflight, Proposal } from '../../../src/shared/api';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { ebayForEachTest } from '../../support/ebay/harness';
import { PHONES, phoneListing } from '../../support/ebay/phone-listing';
import { calls, says, waitRun, type AgentsHarness } from '../agents/harness';

const h = ebayForEachTest();
let ai: OpenAiServer;

beforeEach(async () => {
  ai = await startOpenAiServer();
  await h.core.platform.secrets.set(API_KEY_SECRET, 'sk-test-publish-0123456789');
  await h.call('settings.set', { ai: { preset: 'custom', baseUrl: ai.baseUrl, model: 'gpt-4o-mini' } });
  h.ebay.state.categories.push(PHONES);
  h.ebay.state.listing.conditions.set('9355', ['1000', '3000', '5000']);
  h.ebay.state.listing.policies.push(
    { id: 'F-1', name: 'Flat', kind: 'fulfillment' },
    { id: 'P-1', name: 'Pay', kind: 'payment' },
    { id: 'R-1', name: 'Returns', kind: 'return' },
  );
  h.ebay.state.listing.locations.push({ key: 'home', name: 'Home', city: 'Austin', country: 'US' });
  await h.call('settings.set', {
    ebay: { fulfillmentPolicyId: 'F-1', paymentPolicyId: 'P-1', returnPolicyId: 'R-1', merchantLocationKey: 'home' },
  });
});
afterEach(async () => {
  await ai.close();
});

/** The listing writer proposes a full listing for the item; answers the proposal. */
async function proposeFor(itemId: string): Promise<Proposal> {
  ai.chat.push(calls(['propose_listing', phoneListing(itemId, 'Used - Good')]), says('Proposed.'));
  const { runId } = await h.call<{ runId: string }>('agents.run', { agent: 'listing', input: `List ${itemId}` });
  await waitRun({ core: h.core } as AgentsHarness, runId);
  const { proposals } = await h.call<{ proposals: Proposal[] }>('proposals.list', {});
  return proposals.find((p) => p.runId === runId)!;
}

async function phone(withPhoto: boolean) {
  const item = await h.core.inventory.create({ sku: 'IPH-12', title: 'iphone 12 64gb', quantity: 1, listPrice: 310 });
  if (withPhoto) {
    const jpeg = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#222222' } })
      .jpeg()
      .toBuffer();
    await h.core.photos.service.addBytes(item.id, 'phone.jpg', jpeg);
  }
  return item;
}

describe('apply and publish a listing proposal', () => {
  it('checks the item as proposed, then applies the proposal and publishes it as one decision', async () => {
    await h.connect('relay');
    const item = await phone(true);
    const proposal = await proposeFor(item.id);
    expect(proposal.kind).toBe('listing');
    // Before: the item itself (no category, no specifics) would be refused; as proposed it would not.
    expect((await h.call<Preflight>('ebay.listing.preflight', { id: item.id })).ready).toBe(false);
    const check = await h.call<Preflight>('ebay.listing.proposalPreflight', { proposalId: proposal.id });
    expect(check.lines.filter((l) => l.state === 'fail')).toEqual([]);
    expect(check.ready).toBe(true);

    const done = await h.call<{ proposal: Proposal; listing: EbayListingState | null }>(
      'ebay.listing.applyAndPublish',
      {
        proposalId: proposal.id,
      },
    );
    expect(done.proposal.status).toBe('applied');
    expect(done.listing).not.toBeNull();
    const live = await vi.waitFor(
      async () => {
        const s = await h.call<EbayListingState>('ebay.listing.state', { id: item.id });
        expect(s.state).toBe('done');
        return s;
      },
      { timeout: 60_000, interval: 100 },
    );
    const onEbay = h.ebay.state.inventoryItems.find((i) => i.sku === 'IPH-12')!;
    expect(onEbay.product).toMatchObject({
      title: 'Apple iPhone 12 64GB Black Unlocked',
      aspects: { Brand: ['Apple'], Model: ['Apple iPhone 12'] },
    });
    expect(onEbay.condition).toBe('USED_GOOD');
    expect(await h.core.inventory.get(item.id)).toMatchObject({ ebayItemId: live.listingId, status: 'listed' });
    expect(h.ebay.violations).toEqual([]);
  });

  it('refuses when eBay would refuse the listing, and applies nothing', async () => {
    await h.connect('relay');
    const item = await phone(false);
    const proposal = await proposeFor(item.id);
    const check = await h.call<Preflight>('ebay.listing.proposalPreflight', { proposalId: proposal.id });
    expect(check.lines.filter((l) => l.state === 'fail').map((l) => l.check)).toEqual(['photos']);
    await expect(h.call('ebay.listing.applyAndPublish', { proposalId: proposal.id })).rejects.toThrow(
      /eBay would refuse this listing: Photos: eBay needs at least one photo/,
    );
    const { proposals } = await h.call<{ proposals: Proposal[] }>('proposals.list', {});
    expect(proposals.find((p) => p.id === proposal.id)?.status).toBe('pending');
    expect((await h.core.inventory.get(item.id)).title).toBe('iphone 12 64gb');
    expect(h.ebay.state.calls.filter((c) => c.startsWith('inventory:createOrReplace'))).toEqual([]);
  });
});
