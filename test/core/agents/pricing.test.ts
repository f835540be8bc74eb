/**
 * Pricing with real numbers: the seller's own sales come from the sales ledger (not a read of
 * every sale document per item priced), and the item's recorded fees and shipping count
 * before the fee model's defaults.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from '../inventory/helpers';
import { calls, says, startAgentsHarness, waitRun, type AgentsHarness } from './harness';

async function price(h: AgentsHarness, itemId: string) {
  h.server.chat.push(calls(['suggest_price', { itemId }]), says('Proposed a price.'));
  const run = await waitRun(h, (await call(h.core, 'agents.run', { agent: 'pricing' })).runId);
  expect(run.outcome).toBe('succeeded');
  const { proposals } = await call(h.core, 'proposals.list', {});
  return proposals.find((p) => p.itemId === itemId && p.runId === run.id)!;
}

describe('pricing', () => {
  let h: AgentsHarness;
  beforeEach(async () => {
    h = await startAgentsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('prices from the sales ledger: a sale recorded just before counts, and no sale document is read for it', async () => {
    const sold: string[] = [];
    for (const [i, p] of [40, 44, 48].entries()) {
      sold.push(await h.item({ sku: `LEV-${i}`, title: `Levi 501 jeans W3${i}`, brand: "Levi's", category: 'Jeans' }));
      await call(h.core, 'inventory.recordSale', { id: sold[i]!, price: p });
    }
    const item = await h.item({
      sku: 'LEV-9',
      title: 'Levi 501 jeans W34',
      brand: "Levi's",
      category: 'Jeans',
      status: 'listed',
      listPrice: 30,
    });
    // The dashboard's ledger has the three sales; pricing reads them from there.
    await call(h.core, 'analytics.dashboard', {});
    const allDocs = vi.spyOn(h.core.inventory.db, 'allDocs');
    // A fourth sale, recorded right before the run: the ledger catches up before answering.
    const fourth = await h.item({ sku: 'LEV-4', title: 'Levi 501 jeans W36', brand: "Levi's", category: 'Jeans' });
    await call(h.core, 'inventory.recordSale', { id: fourth, price: 52 });

    const proposal = await price(h, item);
    expect(proposal.why).toMatch(/4 similar items you sold went for a median of \$46\.00/);
    expect(proposal.after).toEqual({ listPrice: 46 });
    const saleRangeReads = allDocs.mock.calls.filter(([opts]) => (opts as { startkey?: string })?.startkey === 'sale:');
    expect(saleRangeReads).toEqual([]);
  });

  it("counts the item's recorded fees and shipping in its floor and target", async () => {
    // No comparable sales: the target margin decides. Cost 20, shipping 8, fees 5, margin 30%.
    const item = await h.item({
      sku: 'LAMP-1',
      title: 'Brass desk lamp',
      category: 'Lamps',
      status: 'listed',
      listPrice: 25,
      cost: 20,
      fees: 5,
      shippingCost: 8,
    });
    const proposal = await price(h, item);
    expect(proposal.after).toEqual({ listPrice: Math.ceil(((20 + 8 + 5) / 0.7) * 100) / 100 });
    expect(proposal.why).toMatch(/recorded fees of \$5\.00 and shipping of \$8\.00/);

    // Without them, the fee model's 13.6% + $0.40 and free shipping.
    const plain = await h.item({
      sku: 'LAMP-2',
      title: 'Brass floor lamp',
      category: 'Lamps',
      status: 'listed',
      listPrice: 25,
      cost: 20,
    });
    expect((await price(h, plain)).after).toEqual({
      listPrice: Math.ceil(((20 + 0.4) / (1 - 0.136 - 0.3)) * 100) / 100,
    });
  });

  it("uses the fee table of the seller's currency, and asks for one rather than apply US fees to pounds", async () => {
    await call(h.core, 'settings.set', { general: { currency: 'GBP' } });
    const item = await h.item({
      sku: 'GB-1',
      title: 'Teak side table',
      category: 'Tables',
      status: 'listed',
      listPrice: 50,
      cost: 40,
    });
    h.server.chat.push(calls(['suggest_price', { itemId: item }]), says('I could not price it.'));
    const run = await waitRun(h, (await call(h.core, 'agents.run', { agent: 'pricing' })).runId);
    const detail = await call(h.core, 'agents.runDetail', { runId: run.id });
    expect(JSON.stringify(detail.steps)).toMatch(/no fee table for GBP/);
    expect((await call(h.core, 'proposals.list', {})).proposals).toEqual([]);

    // With a table for pounds (dated: a newer one replaces it from its date), the price uses it.
    const table = { currency: 'GBP', marketplace: 'EBAY_GB', perOrder: 0.3, source: 'test table' };
    await call(h.core, 'settings.set', {
      fees: {
        tables: [
          ...(await call(h.core, 'settings.get', {})).fees.tables,
          { ...table, ratePct: 15, since: '2020-01-01' },
          { ...table, ratePct: 12.8, since: '2024-01-01' },
          { ...table, ratePct: 99 / 2, since: '2999-01-01' },
        ],
      },
    });
    const proposal = await price(h, item);
    expect(proposal.after).toEqual({ listPrice: Math.ceil(((40 + 0.3) / (1 - 0.128 - 0.3)) * 100) / 100 });
    expect(proposal.why).toMatch(/Fees: test table\./);
  });

  it("checks prices in the health scan against the fee table of the seller's currency", async () => {
    await call(h.core, 'settings.set', { general: { currency: 'GBP' } });
    // £21 for an item that cost £20: above cost with no fees counted, below it with eBay's fees.
    const item = await h.item({ sku: 'GB-2', title: 'Brass candlestick', status: 'listed', listPrice: 21, cost: 20 });
    const scan = async () => {
      const run = await waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
      const detail = await call(h.core, 'agents.runDetail', { runId: run.id });
      const { proposals } = await call(h.core, 'proposals.list', {});
      return {
        steps: JSON.stringify(detail.steps),
        price: proposals.find((p) => p.itemId === item && p.kind === 'price'),
      };
    };
    const without = await scan();
    expect(without.steps).toMatch(/no fee table for GBP, so fees are not counted/);
    expect(without.price).toBeUndefined();

    const tables = (await call(h.core, 'settings.get', {})).fees.tables;
    await call(h.core, 'settings.set', {
      fees: {
        tables: [
          ...tables,
          {
            currency: 'GBP',
            marketplace: 'EBAY_GB',
            ratePct: 12.8,
            perOrder: 0.3,
            since: '2024-01-01',
            source: 'test',
          },
        ],
      },
    });
    const withTable = await scan();
    expect(withTable.steps).not.toMatch(/no fee table/);
    expect(withTable.price?.after).toEqual({ listPrice: Math.ceil(((20 + 0.3) / (1 - 0.128 - 0.3)) * 100) / 100 });
  });
});
