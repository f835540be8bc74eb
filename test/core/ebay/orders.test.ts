import { describe, expect, it, vi } from 'vitest';
import { inProcess, startCore } from '../../support/core';
import type { EbayImportStatus, EbayOrdersStatus, ItemSummary } from '../../../src/shared/api';
import { ebayForEachTest } from '../../support/ebay/harness';
import { seedOrders, seedSite } from '../../support/ebay/index';

const h = ebayForEachTest();

async function importListings(): Promise<void> {
  await h.call('settings.set', { ebay: { importPictures: false } });
  await h.call('ebay.import.start');
  await h.core.ebay.importer.idle();
  expect((await h.call<EbayImportStatus>('ebay.import.status')).state).toBe('done');
}
const salesCount = async () =>
  (await h.core.inventory.db.allDocs({ startkey: 'sale:', endkey: 'sale:\uffff' })).rows.length;
const quantities = async () => {
  const out = new Map<string, number>();
  for (let offset = 0; ; offset += 500) {
    const page = await h.call<{ items: ItemSummary[] }>('inventory.list', {
      limit: 500,
      offset,
      status: ['draft', 'ready', 'listed', 'sold'],
    });
    for (const i of page.items) out.set(i.sku, i.quantity);
    if (page.items.length < 500) return out;
  }
};

describe('eBay orders in', () => {
  it('takes in 500 orders over many pages exactly once, though orders change between pages', async () => {
    seedSite(h.ebay.state, 620);
    await h.connect('relay');
    await importListings();
    const before = await quantities();
    seedOrders(h.ebay.state, 500);
    const lines = h.ebay.state.orders.reduce((n, o) => n + o.lineItems!.length, 0);
    h.ebay.state.maxPageSize = 50;
    // After each of the first pages, an order already served is modified (it moves to the end,
    // and every later order shifts one place towards the pages already read).
    let changes = 0;
    h.ebay.state.afterOrdersPage = (offset) => {
      if (changes >= 4 || offset === 0) return;
      const order = h.ebay.state.orders[changes * 7]!;
      order.lastModifiedDate = new Date().toISOString();
      changes++;
    };
    // Whichever poll reads the orders (this one, or an automatic one that started first) had to
    // read again, since orders moved while it paged.
    const passes: number[] = [];
    h.core.events.on('ebay.orders', (status) => passes.push(status.last?.passes ?? 0));
    await h.core.ebay.orders.poll();
    expect(Math.max(...passes)).toBeGreaterThan(1);
    expect(await salesCount()).toBe(lines);

    // Each line took its unit off its item, once.
    const after = await quantities();
    let sold = 0;
    for (const [sku, q] of before) sold += q - (after.get(sku) ?? q);
    expect(sold).toBe(lines);

    // Polling again finds the same orders (the overlap) and records nothing.
    h.ebay.state.afterOrdersPage = null;
    const again = await h.core.ebay.orders.poll();
    expect(again).toMatchObject({ recorded: 0, settled: true });
    expect(await salesCount()).toBe(lines);
    expect(h.ebay.violations).toEqual([]);
  }, 240_000);

  it('keeps a line that matches no item for the seller to match, and takes it in nowhere', async () => {
    seedSite(h.ebay.state, 3);
    await h.connect('relay');
    await importListings();
    seedOrders(h.ebay.state, 1, 2, 900);
    const result = await h.core.ebay.orders.poll();
    expect(result).toMatchObject({ recorded: 0, unmatched: 2 });
    expect(await salesCount()).toBe(0);
    const waiting = await h.core.ebay.orders.unmatched();
    expect(waiting.map((l) => [l.itemNumber, l.sku]).sort()).toEqual([
      ['110000000900', ''],
      ['110000000901', 'SITE-901'],
    ]);
    // Polling again keeps one entry per line.
    await h.core.ebay.orders.poll();
    expect(await h.core.ebay.orders.unmatched()).toHaveLength(2);
  });

  it('matches a waiting line to an item once: it becomes a sale, and later orders with its SKU match by themselves', async () => {
    seedSite(h.ebay.state, 3);
    await h.connect('relay');
    await importListings();
    seedOrders(h.ebay.state, 1, 2, 900);
    await h.core.ebay.orders.poll();
    const waiting =
      await h.call<{ orderId: string; lineItemId: string; sku: string; price: number }[]>('ebay.orders.unmatched');
    const lamp = waiting.find((l) => l.sku === 'SITE-901')!;
    expect(lamp.price).toBe(11.99);
    const item = await h.call<{ id: string }>('inventory.create', {
      sku: 'LAMP-901',
      title: 'Brass lamp',
      quantity: 3,
    });

    const wrong = await h.core.dispatch(
      'ebay.orders.match',
      { orderId: lamp.orderId, lineItemId: lamp.lineItemId, sku: 'NOPE-1' },
      inProcess,
    );
    expect(!wrong.ok && wrong.error.message).toBe('No item in your inventory has SKU "NOPE-1".');
    const status: unknown[] = [];
    h.core.events.on('ebay.orders', (s) => status.push(s));
    const matched = await h.call('ebay.orders.match', {
      orderId: lamp.orderId,
      lineItemId: lamp.lineItemId,
      sku: 'lamp-901',
    });
    expect(matched).toEqual({ itemId: item.id, matched: 1 });
    expect(status.at(-1)).toMatchObject({ unmatched: 1 });
    expect((await h.call<{ quantity: number }>('inventory.get', { id: item.id })).quantity).toBe(2);
    const sales = await h.core.inventory.db.allDocs<{ itemId: string; price: number; channel: string }>({
      startkey: 'sale:',
      endkey: 'sale:\uffff',
      include_docs: true,
    });
    expect(sales.rows.map((r) => [r.doc!.itemId, r.doc!.price, r.doc!.channel])).toEqual([[item.id, 11.99, 'ebay']]);
    const again = await h.core.dispatch(
      'ebay.orders.match',
      { orderId: lamp.orderId, lineItemId: lamp.lineItemId, sku: 'LAMP-901' },
      inProcess,
    );
    expect(!again.ok && again.error.code).toBe('NOT_FOUND');

    // A new order for the same eBay SKU: taken in by itself, as a sale of the matched item.
    seedOrders(h.ebay.state, 1, 1, 901);
    expect(await h.core.ebay.orders.poll()).toMatchObject({ recorded: 1, unmatched: 1 });
    expect((await h.call<{ quantity: number }>('inventory.get', { id: item.id })).quantity).toBe(1);
    expect(await salesCount()).toBe(2);
    expect(h.ebay.violations).toEqual([]);
  });

  it('marks fees taken from the order as estimated, and replaces them with what Finances reports', async () => {
    seedSite(h.ebay.state, 10);
    await h.connect('relay');
    await importListings();
    await h.core.ebay.orders.poll();
    seedOrders(h.ebay.state, 2, 1, 7);
    const saleOf = async (n: number) => {
      const item = await h.call<{ items: { id: string }[] }>('inventory.list', { q: `SITE-${n}` });
      const history = await h.call<{ entries: { type: string; sale?: { fees: number; feesEstimated: boolean } }[] }>(
        'inventory.history',
        { id: item.items[0]!.id },
      );
      return history.entries.find((e) => e.type === 'sale')!.sale!;
    };
    // Finances has not listed the sales yet: the order's fee, shared by line, marked estimated.
    expect(await h.core.ebay.orders.poll()).toMatchObject({ recorded: 2, feesSettled: 0 });
    expect(await saleOf(7)).toMatchObject({ fees: 1.5, feesEstimated: true });

    const [first, second] = h.ebay.state.orders.slice(-2);
    h.ebay.state.feesPosted.set(first!.orderId!, { [first!.lineItems![0]!.lineItemId!]: 1.37 });
    expect(await h.core.ebay.orders.poll()).toMatchObject({ recorded: 0, feesSettled: 1 });
    expect(await saleOf(7)).toMatchObject({ fees: 1.37, feesEstimated: false });
    expect(await saleOf(8)).toMatchObject({ fees: 1.5, feesEstimated: true });

    h.ebay.state.feesPosted.set(second!.orderId!, { [second!.lineItems![0]!.lineItemId!]: 2.04 });
    expect(await h.core.ebay.orders.poll()).toMatchObject({ feesSettled: 1 });
    expect(await saleOf(8)).toMatchObject({ fees: 2.04, feesEstimated: false });
    // Nothing waits for fees any more: a poll does not ask Finances.
    const asked = h.ebay.state.calls.filter((c) => c === 'finances:getTransactions').length;
    await h.core.ebay.orders.poll();
    expect(h.ebay.state.calls.filter((c) => c === 'finances:getTransactions').length).toBe(asked);
    // The dashboard counts the fees eBay charged.
    const dash = await h.call<{ sales: { fees: number } }>('analytics.dashboard', {});
    expect(dash.sales.fees).toBeCloseTo(3.41, 2);
    expect(h.ebay.violations).toEqual([]);
  });

  it('catches up by itself after a start: an order placed while FlipSync was closed becomes a sale', async () => {
    seedSite(h.ebay.state, 10);
    await h.connect('relay');
    await importListings();
    expect(await h.call('ebay.orders.poll')).toMatchObject({ last: { recorded: 0, settled: true }, unmatched: 0 });
    await h.core.close();
    seedOrders(h.ebay.state, 3, 1);
    h.core = await startCore(h.dir);
    // No one asks: the catch-up poll after start takes the orders in.
    await vi.waitFor(async () => expect(await salesCount()).toBe(3), { timeout: 30_000, interval: 200 });
    expect(h.ebay.violations).toEqual([]);
  });

  it('looks again within seconds while eBay cannot be reached, and takes the order in once it can', async () => {
    seedSite(h.ebay.state, 10);
    await h.connect('relay');
    await importListings();
    expect(await h.call('ebay.orders.poll')).toMatchObject({ last: { recorded: 0, settled: true } });
    await h.core.close();
    // Started without a network: the catch-up poll fails, and the next one is not 3 minutes away.
    h.ebay.state.unreachable = () => true;
    h.core = await startCore(h.dir);
    const failed = await vi.waitFor(
      async () => {
        const status = await h.call<EbayOrdersStatus>('ebay.orders.status');
        expect(status.lastError).toBeTruthy();
        expect(status.nextPollAt).toBeTruthy();
        return status;
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(Date.parse(failed.nextPollAt!) - Date.parse(failed.lastError!.at)).toBeLessThan(60_000);
    // The network comes back, with a sale made meanwhile: no one asks, it comes in.
    seedOrders(h.ebay.state, 2, 1);
    h.ebay.state.unreachable = null;
    // The sales are saved page by page; the status says how the poll went once it has ended.
    await vi.waitFor(
      async () => {
        expect(await salesCount()).toBe(2);
        expect((await h.call<EbayOrdersStatus>('ebay.orders.status')).lastError).toBeNull();
      },
      { timeout: 60_000, interval: 200 },
    );
  }, 120_000);
});
