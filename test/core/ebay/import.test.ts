import { describe, expect, it } from 'vitest';
import type { EbayImportStatus, EbayStatus, ItemSummary } from '../../../src/shared/api';

type ItemPage = { items: ItemSummary[]; total: number };
import { ebayForEachTest } from '../../support/ebay/harness';
import { seedApi, seedSite } from '../../support/ebay/index';

const h = ebayForEachTest();

async function importAll(): Promise<EbayImportStatus> {
  await h.call('ebay.import.start');
  await h.core.ebay.importer.idle();
  return h.call<EbayImportStatus>('ebay.import.status');
}

const list = (q: Record<string, unknown> = {}) => h.call<ItemPage>('inventory.list', { limit: 500, ...q });

describe('importing eBay listings', () => {
  it('imports 1,000 site and 200 API listings over many pages; importing again adds nothing', async () => {
    seedSite(h.ebay.state, 1000);
    seedApi(h.ebay.state, 200);
    h.ebay.state.maxPageSize = 50;
    await h.connect('relay');
    // Pictures have their own test (import-pictures.test.ts); here the setting that turns them off.
    await h.call('settings.set', { ebay: { importPictures: false } });
    const progress: EbayImportStatus[] = [];
    const off = h.core.events.on('ebay.import.progress', (p) => progress.push(p));
    const first = await importAll();
    off();
    expect(first).toMatchObject({ state: 'done', created: 1200, updated: 0, failed: [], read: 1200, total: 1200 });
    expect(progress.filter((p) => p.state === 'running').length).toBeGreaterThan(20);
    expect((await list()).total).toBe(1200);
    const calls = h.ebay.state.calls;
    expect(calls.filter((c) => c === 'trading:GetMyeBaySelling')).toHaveLength(20);
    expect(calls.filter((c) => c === 'trading:GetItem')).toHaveLength(1000);
    expect(calls.filter((c) => c === 'inventory:getInventoryItems').length).toBeGreaterThanOrEqual(4);
    expect(calls.filter((c) => c === 'picture')).toHaveLength(0);

    const noSku = h.ebay.state.site.find((l) => !l.sku)!;
    const page = await list({ q: noSku.title });
    const item = page.items.find((i) => i.title === noSku.title)!;
    expect(item).toMatchObject({
      sku: `EBAY-${noSku.itemId}`,
      ebayItemId: noSku.itemId,
      status: 'listed',
      category: 'Clothing, Shoes & Accessories',
      condition: 'Used',
      listPrice: noSku.price,
    });
    const full = await h.call<{ specifics: unknown[]; listedAt: string }>('inventory.get', { id: item.id });
    expect(full).toMatchObject({ specifics: noSku.specifics, listedAt: '2026-10-01' });
    const apiItem = (await list({ q: 'API listing 7' })).items.find((i) => i.sku === 'API-7')!;
    expect(apiItem).toMatchObject({
      ebayItemId: '120000000007',
      condition: 'Used - Excellent',
      listPrice: 27,
      quantity: 2,
    });

    h.ebay.state.calls.length = 0;
    const again = await importAll();
    expect(again).toMatchObject({ state: 'done', created: 0, updated: 0, ended: 0, failed: [] });
    expect((await list()).total).toBe(1200);
    // Unchanged site listings need no GetItem the second time.
    expect(h.ebay.state.calls.filter((c) => c === 'trading:GetItem')).toHaveLength(0);
    expect(h.ebay.violations).toEqual([]);
    const usage = (await h.call<EbayStatus>('ebay.status')).usage;
    expect(usage.find((u) => u.api === 'trading')!.calls).toBe(1000 + 40);
  }, 240_000);

  it('marks a listing that ended on eBay ended, and keeps the item', async () => {
    seedSite(h.ebay.state, 5);
    await h.connect('relay');
    await importAll();
    h.ebay.state.site[0]!.status = 'Ended';
    const second = await importAll();
    expect(second).toMatchObject({ state: 'done', ended: 1, created: 0 });
    const items = (await list()).items;
    expect(items).toHaveLength(5);
    const ended = items.find((i) => i.ebayItemId === h.ebay.state.site[0]!.itemId)!;
    expect(ended).toMatchObject({ status: 'ready', tags: ['eBay ended'] });

    // The seller relists it (a new item number, the same Custom label): listed again, not ended.
    const old = h.ebay.state.site[0]!;
    h.ebay.state.site.push({ ...old, itemId: '119999999999', status: 'Active' });
    const third = await importAll();
    expect(third).toMatchObject({ state: 'done', created: 0, updated: 1 });
    const relisted = (await list()).items.find((i) => i.sku === old.sku)!;
    expect(relisted).toMatchObject({ status: 'listed', ebayItemId: '119999999999', tags: [] });
  });

  it('matches a listing without Custom label to an item whose eBay number was typed by hand', async () => {
    const [listing] = seedSite(h.ebay.state, 3, 3); // item 3 has no SKU on eBay
    expect(listing!.sku).toBeUndefined();
    await h.call('inventory.create', {
      sku: 'MY-JACKET',
      title: 'My jacket',
      ebayItemId: listing!.itemId,
      quantity: 1,
    });
    await h.connect('own-keys');
    const result = await importAll();
    expect(result).toMatchObject({ created: 2, updated: 1 });
    const items = (await list()).items;
    expect(items).toHaveLength(3);
    expect(items.find((i) => i.ebayItemId === listing!.itemId)).toMatchObject({
      sku: 'MY-JACKET',
      title: listing!.title,
    });
  });

  it('renews an access token that runs out mid-import and finishes', async () => {
    seedSite(h.ebay.state, 120);
    h.ebay.state.maxPageSize = 20;
    await h.connect('relay');
    let expired = false;
    const off = h.core.events.on('ebay.import.progress', (p) => {
      if (!expired && p.read >= 40) {
        expired = true;
        h.ebay.state.expireAccessTokens();
      }
    });
    const result = await importAll();
    off();
    expect(expired).toBe(true);
    expect(result).toMatchObject({ state: 'done', created: 120, failed: [] });
    // One refresh for all the calls that hit the expired token at once.
    expect(h.ebay.state.calls.filter((c) => c === 'token:refresh_token')).toHaveLength(1);
  });

  it('a withdrawn consent stops the import with "reconnect eBay"; what was imported stays', async () => {
    seedSite(h.ebay.state, 60);
    h.ebay.state.maxPageSize = 20;
    await h.connect('own-keys');
    let revoked = false;
    const off = h.core.events.on('ebay.import.progress', (p) => {
      if (!revoked && p.read >= 20) {
        revoked = true;
        h.ebay.state.revokeRefreshTokens();
      }
    });
    const result = await importAll();
    off();
    expect(result.state).toBe('failed');
    expect(result.message).toMatch(/no longer accepts/);
    expect(result.hint).toMatch(/Reconnect eBay/);
    const status = await h.call<EbayStatus>('ebay.status');
    expect(status).toMatchObject({ connected: false, needsReconnect: true });
    expect((await list()).total).toBeGreaterThanOrEqual(20);
  });

  it('waits out a 429 with Retry-After and a 500, then succeeds', async () => {
    seedSite(h.ebay.state, 3);
    seedApi(h.ebay.state, 2);
    await h.connect('relay');
    h.ebay.state.inject({ api: 'trading', status: 429, retryAfter: 1 });
    h.ebay.state.inject({ api: 'inventory', status: 500 });
    const started = Date.now();
    const result = await importAll();
    expect(result).toMatchObject({ state: 'done', created: 5, failed: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.ebay.state.injected.every((f) => f.times === 0)).toBe(true);
    expect(h.ebay.violations).toEqual([]);
  });

  it('resumes a cancelled import where it stopped, adding no duplicates', async () => {
    seedSite(h.ebay.state, 100);
    h.ebay.state.maxPageSize = 10;
    await h.connect('relay');
    let cancelled = false;
    const off = h.core.events.on('ebay.import.progress', (p) => {
      if (!cancelled && p.read >= 30) {
        cancelled = true;
        void h.call('ebay.import.cancel');
      }
    });
    await h.call('ebay.import.start');
    await h.core.ebay.importer.idle();
    off();
    const stopped = await h.call<EbayImportStatus>('ebay.import.status');
    expect(stopped.state).toBe('cancelled');
    expect(stopped.read).toBeLessThan(100);
    const resumed = await importAll();
    expect(resumed).toMatchObject({ state: 'done', created: 100, failed: [] });
    expect((await list()).total).toBe(100);
    // Pages read before the stop are not read again.
    expect(h.ebay.state.calls.filter((c) => c === 'trading:GetMyeBaySelling').length).toBeLessThan(13);
  });

  it('explains an eBay error with its id and the contract’s meaning', async () => {
    seedApi(h.ebay.state, 1);
    await h.connect('relay');
    h.ebay.state.inject({ api: 'inventory', status: 500, times: 5 });
    const result = await importAll();
    expect(result.state).toBe('failed');
    expect(result.message).toContain('eBay error 25001');
    expect(result.message).toContain('A system error has occurred');
  }, 60_000);
});
