/**
 * Stock out: a change of a linked item's stock reaches its eBay listing through the outbox —
 * site listings by Trading's ReviseInventoryStatus, API listings by bulk_update_price_quantity —
 * and an import owes eBay nothing. Updates wait while eBay is unreachable (collapsed to the
 * latest quantity), survive a restart, and the 251st revision of a day is held.
 */
import { describe, expect, it, vi } from 'vitest';
import type { EbayImportStatus, EbayOutboxStatus, ItemSummary } from '../../../src/shared/api';
import type { Item } from '../../../src/shared/domain/inventory';
import { startCore } from '../../support/core';
import { ebayForEachTest } from '../../support/ebay/harness';
import { seedApi, seedSite } from '../../support/ebay/index';

const h = ebayForEachTest();

async function importListings(): Promise<void> {
  await h.call('settings.set', { ebay: { importPictures: false } });
  await h.call('ebay.import.start');
  await h.core.ebay.importer.idle();
  expect((await h.call<EbayImportStatus>('ebay.import.status')).state).toBe('done');
  await h.core.ebay.outbox.idle();
}
const bySku = async (sku: string) =>
  (await h.call<{ items: ItemSummary[] }>('inventory.list', { q: sku, status: ['listed', 'sold'] })).items.find(
    (i) => i.sku === sku,
  )!;
const sell = (id: string) => h.call('inventory.recordSale', { id, price: 20, channel: 'market stall' });
const outbox = () => h.call<EbayOutboxStatus>('ebay.outbox.status');
const siteAvailable = (itemId: string) => {
  const l = h.ebay.state.site.find((x) => x.itemId === itemId)!;
  return l.quantity - l.quantitySold;
};

describe('eBay stock out', () => {
  it('sends a sale made here to the site listing, and an import sends nothing back', async () => {
    seedSite(h.ebay.state, 4);
    await h.connect('relay');
    await importListings();
    expect(h.ebay.state.quantityUpdates).toEqual([]);

    const item = await bySku('SITE-2');
    const before = siteAvailable(item.ebayItemId!);
    expect(item.quantity).toBe(before);
    await sell(item.id);
    await h.core.ebay.outbox.idle();
    expect(siteAvailable(item.ebayItemId!)).toBe(before - 1);
    expect(h.ebay.state.quantityUpdates).toEqual([{ listing: item.ebayItemId, quantity: before - 1 }]);
    expect(await outbox()).toMatchObject({ pending: 0, failed: 0, held: 0 });
    expect(h.ebay.violations).toEqual([]);
  });

  it('sends an adjustment of an API-made listing through the Inventory API', async () => {
    seedApi(h.ebay.state, 3);
    await h.connect('own-keys');
    await importListings();
    const item = await bySku('API-2');
    await h.call('inventory.adjustStock', { id: item.id, kind: 'received', delta: 5, note: 'restock' });
    await h.core.ebay.outbox.idle();
    const offer = h.ebay.state.offers.find((o) => o.sku === 'API-2')!;
    expect(offer.availableQuantity).toBe(item.quantity + 5);
    expect(h.ebay.state.calls).toContain('inventory:bulkUpdatePriceQuantity');
    expect(h.ebay.violations).toEqual([]);
  });

  it('waits while eBay is unreachable, collapses to the latest quantity, and sends it after a restart', async () => {
    seedSite(h.ebay.state, 2);
    await h.connect('relay');
    await importListings();
    const item = await bySku('SITE-1');
    await h.call('inventory.adjustStock', { id: item.id, kind: 'received', delta: 10, note: '' });
    // eBay says to come back in an hour: the update waits, with eBay's words.
    h.ebay.state.inject({ api: 'trading', status: 429, retryAfter: 3600, times: 1 });
    await h.core.ebay.outbox.idle();
    let status = await outbox();
    expect(status.pending).toBe(1);
    expect(status.entries[0]!.reason).toMatch(/429/);
    // Two more changes while it waits: one entry, the latest quantity.
    await sell(item.id);
    await sell(item.id);
    await h.core.ebay.outbox.idle();
    await h.core.close();
    expect(h.ebay.state.quantityUpdates).toEqual([]);

    h.core = await startCore(h.dir);
    await vi.waitFor(async () => expect((await outbox()).pending).toBe(0), { timeout: 30_000, interval: 100 });
    expect(h.ebay.state.quantityUpdates).toEqual([{ listing: item.ebayItemId, quantity: item.quantity + 8 }]);
    status = await outbox();
    expect(status.entries[0]).toMatchObject({ state: 'sent', known: item.quantity + 8, revisions: 1 });
  });

  it('rides out a storm of 429s: every listing ends with its latest quantity, none lost', async () => {
    seedSite(h.ebay.state, 10);
    await h.connect('relay');
    await importListings();
    const items = await Promise.all(
      h.ebay.state.site.map((l) =>
        h.call<Item>('inventory.get', { id: h.core.inventory.index.idsByEbayItemId(l.itemId)[0] }),
      ),
    );
    // eBay says "too many requests" to the next 14 Trading calls, each asking for a second.
    h.ebay.state.inject({ api: 'trading', status: 429, retryAfter: 1, times: 14 });
    for (const item of items) await sell(item.id);
    // More changes while the storm lasts: only the latest quantity matters.
    for (const item of items.slice(0, 5))
      await h.call('inventory.adjustStock', { id: item.id, kind: 'received', delta: 3, note: '' });
    await h.core.ebay.outbox.idle();
    await vi.waitFor(
      async () => {
        const status = await outbox();
        expect(status).toMatchObject({ pending: 0, failed: 0, held: 0 });
      },
      { timeout: 90_000, interval: 200 },
    );
    for (const [i, item] of items.entries()) {
      const wanted = item.quantity - 1 + (i < 5 ? 3 : 0);
      expect(siteAvailable(h.ebay.state.site[i]!.itemId), item.sku).toBe(wanted);
    }
    // The storm was real: calls were refused, and the sender waited them out.
    expect(h.ebay.state.injected[0]!.times).toBe(0);
    expect(h.ebay.violations).toEqual([]);
  }, 120_000);

  it('holds an update eBay refuses past 250 revisions of the day, with the reason', async () => {
    seedSite(h.ebay.state, 1);
    await h.connect('relay');
    await importListings();
    const item = await bySku('SITE-1');
    await sell(item.id);
    await h.core.ebay.outbox.idle();
    expect(h.ebay.state.quantityUpdates).toHaveLength(1);
    // Revised 249 more times today elsewhere (Seller Hub, another tool): eBay's count is 250.
    h.ebay.state.revisions.set(item.ebayItemId!, 250);
    await h.call('inventory.adjustStock', { id: item.id, kind: 'received', delta: 2, note: '' });
    await h.core.ebay.outbox.idle();
    const status = await outbox();
    expect(status.held).toBe(1);
    expect(status.entries[0]!.reason).toMatch(
      /250 revisions of a listing a day; this update waits until \d{4}-\d\d-\d\d \(UTC\)/,
    );
    expect(h.ebay.state.quantityUpdates).toHaveLength(1);
    // The hold is counted: nothing more is sent today, not even on a retry of the sender.
    await h.core.ebay.outbox.drain();
    expect(h.ebay.state.quantityUpdates).toHaveLength(1);
  });

  it('sends nothing while the seller has stock sending off, and what waited when it is turned on', async () => {
    seedSite(h.ebay.state, 1);
    await h.connect('relay');
    await importListings();
    await h.call('settings.set', { ebay: { pushStock: false } });
    const item = await bySku('SITE-1');
    await sell(item.id);
    await h.core.ebay.outbox.idle();
    expect(h.ebay.state.quantityUpdates).toEqual([]);
    expect((await outbox()).pending).toBe(1);
    await h.call('settings.set', { ebay: { pushStock: true } });
    await vi.waitFor(async () => expect((await outbox()).pending).toBe(0), { timeout: 10_000, interval: 50 });
    expect(h.ebay.state.quantityUpdates).toEqual([{ listing: item.ebayItemId, quantity: item.quantity - 1 }]);
  });
});
