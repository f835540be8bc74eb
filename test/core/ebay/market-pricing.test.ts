/**
 * Pricing with market data: with eBay connected, the pricing agent searches eBay's Browse API
 * (application token, through the relay or the seller's own keys) for live listings like the
 * item — by GTIN, else by keywords, category and condition — leaves out outliers, and shows
 * the numbers and the listings in its proposal. The double checks every call against eBay's
 * Browse contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY_SECRET } from '../../../src/main/core/ai/connection';
import type { EbayStatus, Proposal } from '../../../src/shared/api';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { ebayForEachTest } from '../../support/ebay/harness';
import type { MarketListing } from '../../support/ebay/index';
import { calls, says, waitRun, type AgentsHarness } from '../agents/harness';

const h = ebayForEachTest();
let ai: OpenAiServer;

beforeEach(async () => {
  ai = await startOpenAiServer();
  await h.core.platform.secrets.set(API_KEY_SECRET, 'sk-test-market-0123456789');
  await h.call('settings.set', { ai: { preset: 'custom', baseUrl: ai.baseUrl, model: 'gpt-4o-mini' } });
});
afterEach(async () => {
  await ai.close();
});

let n = 0;
const listing = (fields: Partial<MarketListing> & { title: string; price: number }): MarketListing => ({
  itemId: String(300_000_000_000 + ++n),
  currency: 'USD',
  conditionId: 3000,
  condition: 'Used',
  categoryId: '171485',
  ...fields,
});

async function price(itemId: string): Promise<Proposal> {
  ai.chat.push(calls(['suggest_price', { itemId }]), says('Proposed a price.'));
  const { runId } = await h.call<{ runId: string }>('agents.run', { agent: 'pricing' });
  const run = await waitRun({ core: h.core } as AgentsHarness, runId);
  expect(run.outcome).toBe('succeeded');
  const { proposals } = await h.call<{ proposals: Proposal[] }>('proposals.list', {});
  const found = proposals.find((p) => p.itemId === itemId && p.runId === run.id);
  if (!found) throw new Error(`no proposal for ${itemId}: ${JSON.stringify(run)}`);
  return found;
}

describe('pricing with eBay market data', () => {
  it('matches by GTIN, leaves out the outlier, other currencies and conditions, and shows the listings', async () => {
    const upc = '0885909950805';
    h.ebay.state.market.push(
      ...[50, 55, 60, 65].map((p) => listing({ title: `Apple iPad mini 64GB ${p}`, price: p, gtin: upc })),
      listing({ title: 'Apple iPad mini 64GB sealed bundle', price: 400, gtin: upc }),
      listing({ title: 'Apple iPad mini 64GB', price: 45, gtin: upc, currency: 'EUR' }),
      listing({ title: 'Apple iPad mini 64GB new', price: 120, gtin: upc, conditionId: 1000, condition: 'New' }),
      listing({ title: 'Apple iPad mini 64GB (mine)', price: 70, gtin: upc, itemId: '110000000777' }),
    );
    await h.connect('relay');
    const item = await h.core.inventory.create({
      sku: 'IPAD-1',
      title: 'Apple iPad mini 64GB wifi',
      brand: 'Apple',
      condition: 'Used - Excellent',
      specifics: [{ name: 'UPC', value: upc }],
      ebayItemId: '110000000777',
      cost: 20,
      quantity: 1,
      status: 'listed',
      listPrice: 80,
    });

    const proposal = await price(item.id);
    // Own sales: none. Market: 50, 55, 60, 65 (400 is past the fence) → median 57.50.
    expect(proposal.after).toEqual({ listPrice: 57.5 });
    expect(proposal.why).toContain(
      '4 live eBay listings with the same GTIN (1 far from the rest left out) ask a median of $57.50, from $50.00 to $65.00; these are asking prices of listings still for sale, not what buyers paid.',
    );
    expect(proposal.comps?.map((c) => c.price)).toEqual([50, 55, 60, 65]);
    expect(proposal.comps?.[0]?.url).toMatch(/^https:\/\/www\.ebay\.com\/itm\/\d+$/);
    expect(h.ebay.state.calls).toContain(`browse:search:gtin=${upc}`);
    expect(h.ebay.violations).toEqual([]);
    // The Browse call is counted against the keyset's 5,000 a day.
    const status = await h.call<EbayStatus>('ebay.status');
    expect(status.usage.find((u) => u.api === 'browse')).toMatchObject({ calls: 1, limit: 5000 });
  });

  it("with the seller's own keys: keywords and condition when there is no GTIN; own sales still set the price", async () => {
    h.ebay.state.market.push(
      listing({ title: "Levi's 501 jeans W34 L32 blue", price: 38 }),
      listing({ title: "Levi's 501 jeans W34 faded", price: 42 }),
      listing({ title: "Levi's 501 jeans W34 black", price: 40 }),
      listing({ title: "Levi's 505 jeans W34", price: 35 }),
    );
    await h.connect('own-keys');
    for (const p of [40, 44, 48]) {
      const { id } = await h.core.inventory.create({
        sku: `LEV-${p}`,
        title: `Levi 501 jeans W3${p % 10}`,
        brand: "Levi's",
        category: 'Jeans',
        quantity: 1,
      });
      await h.call('inventory.recordSale', { id, price: p });
    }
    const item = await h.core.inventory.create({
      sku: 'LEV-9',
      title: '501 jeans W34',
      brand: "Levi's",
      category: 'Jeans',
      condition: 'Pre-owned',
      quantity: 1,
      status: 'listed',
      listPrice: 30,
    });

    const proposal = await price(item.id);
    expect(proposal.after).toEqual({ listPrice: 44 });
    expect(proposal.why).toMatch(/3 similar items you sold went for a median of \$44\.00/);
    expect(proposal.why).toContain(
      "3 live eBay listings found by Levi's 501 jeans W34, Pre-owned ask a median of $40.00",
    );
    expect(h.ebay.state.calls).toContain("browse:search:q=levi's 501 jeans w34");
    expect(proposal.comps).toHaveLength(3);
    expect(h.ebay.violations).toEqual([]);
  });

  it('prices without the market, and says so, when eBay refuses the search', async () => {
    await h.connect('relay');
    h.ebay.state.inject({ api: 'browse', status: 400 });
    const item = await h.core.inventory.create({
      sku: 'LAMP-1',
      title: 'Brass desk lamp',
      category: 'Lamps',
      cost: 20,
      fees: 5,
      quantity: 1,
      status: 'listed',
      listPrice: 25,
    });
    const proposal = await price(item.id);
    expect(proposal.after).toEqual({ listPrice: Math.ceil((25 / 0.7) * 100) / 100 });
    expect(proposal.why).toMatch(/eBay's live listings could not be read: /);
    expect(proposal.comps).toBeUndefined();
  });
});
