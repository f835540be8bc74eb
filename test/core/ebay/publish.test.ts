/**
 * Listing on eBay from FlipSync, against the eBay double (requests and answers checked against
 * eBay's contracts, publish-time rules applied as eBay applies them): the setup, a preflight
 * that names each thing eBay would refuse, publishing end to end, a revise that keeps what eBay
 * had, photos uploaded once, catalog data kept off, eBay's refusals mapped to their fix, and a
 * publish asked offline that happens once when eBay is back.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import type {
  EbayListingSetup,
  EbayListingState,
  ItemSummary,
  Preflight,
  PreflightLine,
} from '../../../src/shared/api';
import type { Item } from '../../../src/shared/domain/inventory';
import { ebayForEachTest } from '../../support/ebay/harness';
import { startCore } from '../../support/core';
import { seedApi, seedSite } from '../../support/ebay/index';

const h = ebayForEachTest();

const JACKETS = { id: '57988', name: "Men's Coats & Jackets" };

beforeEach(() => {
  h.ebay.state.categories.push(
    { id: '11450', name: 'Clothing', ancestors: [], leaf: false, words: ['clothing'], aspects: [] },
    {
      ...JACKETS,
      ancestors: [{ id: '11450', name: 'Clothing' }],
      leaf: true,
      words: ['jacket', 'coat', 'parka'],
      aspects: [
        { name: 'Brand', required: true },
        { name: 'Size', required: true, selectionOnly: true, values: ['S', 'M', 'L', 'XL'] },
        { name: 'Colour', required: false },
      ],
    },
  );
  h.ebay.state.listing.policies.push(
    { id: 'F-FLAT', name: 'Flat $5 shipping', kind: 'fulfillment' },
    { id: 'F-CALC', name: 'Calculated USPS', kind: 'fulfillment', calculated: true },
    { id: 'P-1', name: 'Managed payments', kind: 'payment' },
    { id: 'R-30', name: '30 days returns', kind: 'return' },
  );
});

const photo = (r: number) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 90, b: 40 } } })
    .jpeg()
    .toBuffer();

/** An item eBay would take, with two photos. */
async function readyItem(changes: Partial<Item> = {}): Promise<Item> {
  const item = await h.call<Item>('inventory.create', {
    sku: 'JKT-1',
    title: 'Patagonia Down Sweater Jacket Mens Large Navy',
    description: 'Warm, light, no tears.',
    brand: 'Patagonia',
    category: `${JACKETS.name} (${JACKETS.id})`,
    condition: 'Used',
    specifics: [
      { name: 'Size', value: 'L' },
      { name: 'UPC', value: '012345678905' },
    ],
    listPrice: 89.5,
    quantity: 2,
    ...changes,
  });
  await h.core.photos.service.addBytes(item.id, 'front.jpg', await photo(10));
  await h.core.photos.service.addBytes(item.id, 'back.jpg', await photo(200));
  return h.call<Item>('inventory.get', { id: item.id });
}

/** Settings → eBay → Listing setup, as the seller does it: a location, then the three policies. */
async function setUp(fulfillment = 'F-FLAT'): Promise<EbayListingSetup> {
  await h.call('ebay.listing.createLocation', {
    key: 'home',
    name: 'Home',
    addressLine1: '1 Main St',
    city: 'Portland',
    stateOrProvince: 'OR',
    postalCode: '97201',
    country: 'US',
  });
  const setup = await h.call<EbayListingSetup>('ebay.listing.setup');
  await h.call('settings.set', {
    ebay: {
      fulfillmentPolicyId: fulfillment,
      paymentPolicyId: setup.payment[0]!.id,
      returnPolicyId: setup.returns[0]!.id,
    },
  });
  return setup;
}

const failing = (p: Preflight) =>
  Object.fromEntries(p.lines.filter((l) => l.state === 'fail').map((l) => [l.check, l]));

async function settled(id: string): Promise<EbayListingState> {
  return vi.waitFor(
    async () => {
      const s = await h.call<EbayListingState | null>('ebay.listing.state', { id });
      expect(s?.state === 'done' || s?.state === 'failed').toBe(true);
      return s!;
    },
    { timeout: 60_000, interval: 100 },
  );
}

describe('listing setup', () => {
  it('reads the opt-in, policies and locations, opts in, and creates the location it then uses', async () => {
    h.ebay.state.listing.optedIn = false;
    await h.connect('relay');
    const before = await h.call<EbayListingSetup>('ebay.listing.setup');
    expect(before).toMatchObject({ connected: true, optedIn: false, fulfillment: [] });
    expect(before.message).toMatch(/opted in to business policies/);
    const after = await h.call<EbayListingSetup>('ebay.listing.optIn');
    expect(after.optedIn).toBe(true);
    expect(after.fulfillment).toEqual([
      { id: 'F-FLAT', name: 'Flat $5 shipping', calculated: false },
      { id: 'F-CALC', name: 'Calculated USPS', calculated: true },
    ]);
    const made = await setUp();
    expect((await h.call<EbayListingSetup>('ebay.listing.setup')).locations).toEqual([
      { key: 'home', name: 'Home', city: 'Portland' },
    ]);
    expect(made.locations.map((l) => l.key)).toEqual(['home']);
    expect((await h.call<{ ebay: { merchantLocationKey: string } }>('settings.get')).ebay.merchantLocationKey).toBe(
      'home',
    );
    expect(h.ebay.violations).toEqual([]);
  });
});

describe('preflight', () => {
  it('names each thing eBay would refuse, with the field that fixes it and the values eBay offers', async () => {
    await h.connect('relay');
    const item = await h.call<Item>('inventory.create', {
      sku: 'BAD-1',
      title: `Warm winter parka jacket ${'with a very long title that goes on '.repeat(3)}`,
      category: 'Jackets',
      condition: 'Refurbished',
      quantity: 0,
    });
    const first = await h.call<Preflight>('ebay.listing.preflight', { id: item.id });
    expect(first.ready).toBe(false);
    const f = failing(first);
    expect(Object.keys(f).sort()).toEqual(
      ['category', 'condition', 'photos', 'price', 'quantity', 'setup', 'specifics', 'title'].sort(),
    );
    expect(f.title!.detail).toMatch(/80 characters; this title has \d+/);
    expect(f.setup!.detail).toMatch(/shipping \(fulfillment\) policy.*payment policy.*return policy.*location/);
    // Suggestions from Taxonomy for the title, as "Name (id)" the item keeps.
    expect(f.category!.choices).toEqual([
      { value: "Men's Coats & Jackets (57988)", label: "Clothing > Men's Coats & Jackets" },
    ]);
    expect(f.photos!.field).toBe('photos');

    // The seller picks the category: now the condition and specifics are checked against it.
    await h.call('inventory.update', {
      id: item.id,
      rev: (await h.call<Item>('inventory.get', { id: item.id })).rev,
      changes: { category: f.category!.choices[0]!.value },
    });
    const second = failing(await h.call<Preflight>('ebay.listing.preflight', { id: item.id }));
    expect(second.category).toBeUndefined();
    expect(second.condition!.detail).toMatch(/does not take "Seller refurbished"/);
    expect(second.condition!.choices.map((c: PreflightLine['choices'][number]) => c.value)).toEqual(['New', 'Used']);
    // Required means aspectRequired (the double says RECOMMENDED in aspectUsage for all of them).
    expect(second.specifics!.detail).toBe('This category requires Brand; Size (one of S, M, L, XL).');
    expect(h.ebay.violations).toEqual([]);
  });

  it('passes an item eBay would take with fixed-cost shipping; calculated shipping asks for the package weight and size', async () => {
    await h.connect('relay');
    await setUp('F-FLAT');
    const item = await readyItem();
    const flat = await h.call<Preflight>('ebay.listing.preflight', { id: item.id });
    expect(flat.ready).toBe(true);
    expect(flat.lines.find((l) => l.check === 'identifier')).toMatchObject({
      state: 'ok',
      detail: 'UPC: 012345678905.',
    });

    await h.call('settings.set', { ebay: { fulfillmentPolicyId: 'F-CALC' } });
    const calc = failing(await h.call<Preflight>('ebay.listing.preflight', { id: item.id }));
    expect(Object.keys(calc)).toEqual(['package']);
    expect(calc.package).toMatchObject({ field: 'packageWeight' });
    expect(calc.package!.detail).toMatch(/needs the package weight and size: fill in Package weight/);

    const update = async (changes: Partial<Item>) =>
      h.call<Item>('inventory.update', {
        id: item.id,
        rev: (await h.call<Item>('inventory.get', { id: item.id })).rev,
        changes,
      });
    await update({ packageWeight: { value: 20, unit: 'oz' } });
    const sizeOnly = failing(await h.call<Preflight>('ebay.listing.preflight', { id: item.id }));
    expect(sizeOnly.package).toMatchObject({ field: 'packageSize' });
    expect(sizeOnly.package!.detail).toMatch(/needs the package size:/);

    await update({ packageSize: { length: 12, width: 9, height: 4, unit: 'in' } });
    const ready = await h.call<Preflight>('ebay.listing.preflight', { id: item.id });
    expect(ready.ready).toBe(true);
    expect(ready.lines.find((l) => l.check === 'package')!.detail).toBe(
      '20 oz, 12 x 9 x 4 in: eBay works out the postage from these.',
    );

    // The double refuses a calculated-shipping publish without both (25020): this one goes live.
    await h.call('ebay.listing.publish', { id: item.id });
    expect(await settled(item.id)).toMatchObject({ state: 'done' });
    expect(h.ebay.state.inventoryItems.find((i) => i.sku === 'JKT-1')!.packageWeightAndSize).toEqual({
      weight: { value: 20, unit: 'OUNCE' },
      dimensions: { length: 12, width: 9, height: 4, unit: 'INCH' },
    });
    expect(h.ebay.violations).toEqual([]);
  });
});

describe('listing fees', () => {
  it('asks eBay for the fees of an unpublished draft (no photo uploaded), and the publish uses that same offer', async () => {
    await h.connect('relay');
    await setUp();
    const item = await readyItem();
    const before = await h.call<Preflight>('ebay.listing.preflight', { id: item.id });
    expect(before.lines.find((l) => l.check === 'fees')).toMatchObject({ state: 'info', action: 'ask-fees' });
    const after = await h.call<Preflight>('ebay.listing.fees', { id: item.id });
    expect(after.lines.find((l) => l.check === 'fees')).toMatchObject({
      detail: 'InsertionFee 0.35 USD',
      action: null,
    });
    expect(h.ebay.state.offers.filter((o) => o.sku === 'JKT-1')).toMatchObject([{ status: 'UNPUBLISHED' }]);
    expect(h.ebay.state.listing.uploads).toEqual([]);
    await h.call('ebay.listing.publish', { id: item.id });
    expect(await settled(item.id)).toMatchObject({ state: 'done' });
    expect(h.ebay.state.offers.filter((o) => o.sku === 'JKT-1')).toMatchObject([{ status: 'PUBLISHED' }]);
    // Live now: there is nothing to ask.
    await expect(h.call('ebay.listing.fees', { id: item.id })).rejects.toThrow(/revising a listing costs nothing/);
    expect(h.ebay.violations).toEqual([]);
  });
});

describe('publish', () => {
  it('takes an item to a live listing: photos uploaded, item and offer written, published, the item says where', async () => {
    await h.connect('relay');
    await setUp();
    // eBay's catalog knows this UPC by another title: it must not replace the seller's.
    h.ebay.state.listing.catalog.set('012345678905', 'Patagonia Jacket (catalog title)');
    const item = await readyItem();
    const asked = await h.call<EbayListingState>('ebay.listing.publish', { id: item.id });
    expect(['pending', 'sending', 'done']).toContain(asked.state);
    const done = await settled(item.id);
    expect(done).toMatchObject({ state: 'done', reason: null });
    expect(done.listingId).toMatch(/^13\d{10}$/);
    expect(done.url).toBe(`https://www.ebay.com/itm/${done.listingId}`);

    const after = await h.call<Item>('inventory.get', { id: item.id });
    expect(after).toMatchObject({ ebayItemId: done.listingId, status: 'listed' });
    expect(after.listedAt).toMatch(/^\d{4}-\d\d-\d\d$/);

    const s = h.ebay.state;
    expect(s.listing.uploads).toHaveLength(2);
    const onEbay = s.inventoryItems.find((i) => i.sku === 'JKT-1')!;
    expect(onEbay.product).toMatchObject({
      title: item.title,
      aspects: { Size: ['L'], UPC: ['012345678905'], Brand: ['Patagonia'] },
      upc: ['012345678905'],
    });
    expect(onEbay.product!.imageUrls).toHaveLength(2);
    expect(onEbay).toMatchObject({
      condition: 'USED_EXCELLENT',
      availability: { shipToLocationAvailability: { quantity: 2 } },
    });
    const offer = s.offers.find((o) => o.sku === 'JKT-1')!;
    expect(offer).toMatchObject({
      status: 'PUBLISHED',
      categoryId: JACKETS.id,
      includeCatalogProductDetails: false,
      merchantLocationKey: 'home',
      pricingSummary: { price: { value: '89.50', currency: 'USD' } },
      listingPolicies: { fulfillmentPolicyId: 'F-FLAT', paymentPolicyId: 'P-1', returnPolicyId: 'R-30' },
    });
    // The stock outbox knows eBay has 2: a sale here sends 1 to this listing.
    await h.call('inventory.adjustStock', { id: item.id, kind: 'adjusted', delta: -1, note: 'sold at a market' });
    await vi.waitFor(() => expect(s.quantityUpdates).toContainEqual({ listing: done.listingId, quantity: 1 }), {
      timeout: 30_000,
      interval: 100,
    });
    expect(h.ebay.violations).toEqual([]);
  });

  it('revises the live listing keeping every field eBay had, and sends no photo twice', async () => {
    await h.connect('relay');
    await setUp();
    const item = await readyItem();
    await h.call('ebay.listing.publish', { id: item.id });
    const first = await settled(item.id);
    // Set on eBay's side (Seller Hub, another tool): FlipSync does not manage these and must keep them.
    const onEbay = h.ebay.state.inventoryItems.find((i) => i.sku === 'JKT-1')!;
    onEbay.packageWeightAndSize = { weight: { value: 2, unit: 'POUND' } };
    onEbay.product!.epid = '1234567890';
    onEbay.product!.videoIds = ['v-1'];

    const cur = await h.call<Item>('inventory.get', { id: item.id });
    await h.call('inventory.update', {
      id: item.id,
      rev: cur.rev,
      changes: { title: 'Patagonia Down Sweater Jacket Mens L Navy Blue', listPrice: 79 },
    });
    await h.call('ebay.listing.publish', { id: item.id });
    await vi.waitFor(
      async () => {
        const s = await h.call<EbayListingState>('ebay.listing.state', { id: item.id });
        expect(s).toMatchObject({ state: 'done', revisionsToday: 1 });
      },
      { timeout: 60_000, interval: 100 },
    );
    const again = h.ebay.state.inventoryItems.find((i) => i.sku === 'JKT-1')!;
    expect(again.packageWeightAndSize).toEqual({ weight: { value: 2, unit: 'POUND' } });
    expect(again.product).toMatchObject({
      epid: '1234567890',
      videoIds: ['v-1'],
      title: 'Patagonia Down Sweater Jacket Mens L Navy Blue',
    });
    const offers = h.ebay.state.offers.filter((o) => o.sku === 'JKT-1');
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ status: 'PUBLISHED', pricingSummary: { price: { value: '79.00' } } });
    expect(offers[0]!.listing!.listingId).toBe(first.listingId);
    expect(h.ebay.state.listing.uploads).toHaveLength(2);
    expect(h.ebay.state.calls.filter((c) => c === 'inventory:publishOffer')).toHaveLength(1);
    expect(h.ebay.violations).toEqual([]);
  });

  it.each([
    [25002, 'a required specific eBay added since FlipSync read the category', /item specific/],
    [25020, 'a shipping policy that became calculated', /package weight and size/],
    [25713, 'a site the account cannot sell on', /not available for this site/],
  ])('eBay refusing with %i (%s) fails the publish with the fix', async (errorId, _why, fix) => {
    await h.connect('relay');
    await setUp();
    const item = await readyItem();
    // Preflight reads the category, conditions and policies (kept for the session) and passes.
    expect((await h.call<Preflight>('ebay.listing.preflight', { id: item.id })).ready).toBe(true);
    const l = h.ebay.state.listing;
    if (errorId === 25002)
      h.ebay.state.categories.find((c) => c.id === JACKETS.id)!.aspects.push({ name: 'Style', required: true });
    if (errorId === 25020) l.policies.find((p) => p.id === 'F-FLAT')!.calculated = true;
    if (errorId === 25713) l.ineligible.add('EBAY_US');
    await h.call('ebay.listing.publish', { id: item.id });
    const failed = await settled(item.id);
    expect(failed).toMatchObject({ state: 'failed', errorId, step: 'publish' });
    expect(failed.reason).toContain(`eBay error ${errorId}`);
    expect(failed.hint).toMatch(fix);
    expect((await h.call<Item>('inventory.get', { id: item.id })).ebayItemId).toBeNull();
    // What preflight kept is read again: the checklist now shows what eBay refused.
    const now = failing(await h.call<Preflight>('ebay.listing.preflight', { id: item.id }));
    if (errorId === 25002) expect(now.specifics!.detail).toBe('This category requires Style.');
    if (errorId === 25020) expect(now.package!.detail).toMatch(/calculated shipping/);
    expect(h.ebay.violations).toEqual([]);
  });

  it('asked after a restart while eBay cannot be reached, waits and publishes once when it can', async () => {
    await h.connect('relay');
    await setUp();
    const item = await readyItem();
    expect((await h.call<Preflight>('ebay.listing.preflight', { id: item.id })).ready).toBe(true);
    // Restarted without a network: what preflight read of the category was kept on disk.
    await h.core.close();
    h.ebay.state.unreachable = () => true;
    h.core = await startCore(h.dir);
    await h.call('ebay.listing.publish', { id: item.id });
    const waiting = await vi.waitFor(
      async () => {
        const s = await h.call<EbayListingState>('ebay.listing.state', { id: item.id });
        expect(s).toMatchObject({ state: 'pending' });
        expect(s.reason).toMatch(/could not reach/);
        return s;
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(waiting.nextAt).not.toBeNull();
    h.ebay.state.unreachable = null;
    const done = await settled(item.id);
    expect(done.state).toBe('done');
    expect(h.ebay.state.offers.filter((o) => o.sku === 'JKT-1')).toHaveLength(1);
    expect(h.ebay.state.calls.filter((c) => c === 'inventory:publishOffer')).toHaveLength(1);
    expect(h.ebay.state.listing.uploads).toHaveLength(2);
    expect(h.ebay.violations).toEqual([]);
  }, 120_000);

  it('ends the listing: the offer is withdrawn and the item is ready again, tagged as ended', async () => {
    await h.connect('relay');
    await setUp();
    const item = await readyItem();
    await h.call('ebay.listing.publish', { id: item.id });
    const live = await settled(item.id);
    await h.call('ebay.listing.end', { id: item.id });
    await vi.waitFor(
      async () =>
        expect(await h.call<EbayListingState>('ebay.listing.state', { id: item.id })).toMatchObject({
          action: 'end',
          state: 'done',
        }),
      { timeout: 60_000, interval: 100 },
    );
    expect(h.ebay.state.listing.withdrawn).toEqual([live.listingId]);
    const after = await h.call<Item>('inventory.get', { id: item.id });
    expect(after.status).toBe('ready');
    expect(after.tags).toContain('eBay ended');
    expect(h.ebay.violations).toEqual([]);
  });
});

describe('listings made on eBay’s site', () => {
  it('revises them through Trading (ReviseFixedPriceItem), keeping what FlipSync does not send; no policies needed', async () => {
    await h.connect('relay');
    seedSite(h.ebay.state, 1);
    await h.call('settings.set', { ebay: { importPictures: false } });
    await h.call('ebay.import.start');
    await h.core.ebay.importer.idle();
    const row = (await h.call<{ items: ItemSummary[] }>('inventory.list', { q: 'SITE-1', status: ['listed'] }))
      .items[0]!;
    const site = h.ebay.state.site[0]!;
    const picturesBefore = [...site.pictureUrls];
    const cur = await h.call<Item>('inventory.get', { id: row.id });
    await h.call('inventory.update', {
      id: cur.id,
      rev: cur.rev,
      changes: { title: 'Vintage find number 1, restored', listPrice: 24.5 },
    });
    // No listing setup: a site listing keeps its own shipping, payment and return settings.
    const check = await h.call<Preflight>('ebay.listing.preflight', { id: row.id });
    expect(check.lines.filter((l) => l.state === 'fail')).toEqual([]);
    expect(check.lines.find((l) => l.check === 'setup')!.detail).toMatch(/Trading API/);
    await h.call('ebay.listing.publish', { id: row.id });
    const done = await settled(row.id);
    expect(done).toMatchObject({ state: 'done', listingId: site.itemId, revisionsToday: 1 });
    expect(site).toMatchObject({ title: 'Vintage find number 1, restored', price: 24.5, description: '<p>Item 1</p>' });
    expect(site.pictureUrls).toEqual(picturesBefore);
    expect(h.ebay.state.siteRevisions).toEqual([site.itemId]);
    // Nothing moved it to the Inventory API (that migration is one way, and only on the seller's say).
    expect(h.ebay.state.calls.filter((c) => /createOffer|createOrReplaceInventoryItem|publishOffer/.test(c))).toEqual(
      [],
    );

    // Ended from FlipSync through Trading too.
    await h.call('ebay.listing.end', { id: row.id });
    await vi.waitFor(
      async () =>
        expect(await h.call<EbayListingState>('ebay.listing.state', { id: row.id })).toMatchObject({
          action: 'end',
          state: 'done',
        }),
      { timeout: 60_000, interval: 100 },
    );
    expect(site.status).toBe('Ended');
    expect((await h.call<Item>('inventory.get', { id: row.id })).tags).toContain('eBay ended');
    expect(h.ebay.violations).toEqual([]);
  });
});

describe('listings made through the Inventory API elsewhere', () => {
  it('asks eBay which API revises an imported listing, and revises it through the Inventory API, not Trading', async () => {
    await h.connect('relay');
    await setUp();
    seedApi(h.ebay.state, 1);
    h.ebay.state.categories.push({
      id: '261186',
      name: 'Other',
      ancestors: [],
      leaf: true,
      words: ['api'],
      aspects: [],
    });
    // The listing has two pictures; the import brings the first as the item's photo.
    const pictures = h.ebay.state.inventoryItems[0]!.product!.imageUrls!;
    pictures.push(`${h.ebay.state.pictureBase}/images/g/api1b/s-l1600.jpg`);
    const before = [...pictures];
    await h.call('settings.set', { ebay: { importPictures: true } });
    await h.call('ebay.import.start');
    await h.core.ebay.importer.idle();
    const row = (await h.call<{ items: ItemSummary[] }>('inventory.list', { q: 'API-1', status: ['listed'] }))
      .items[0]!;
    const cur = await h.call<Item>('inventory.get', { id: row.id });
    await h.call('inventory.update', {
      id: cur.id,
      rev: cur.rev,
      changes: { title: 'API listing 1, better title', condition: 'Used', category: 'Other (261186)', listPrice: 30 },
    });
    await h.call('ebay.listing.publish', { id: row.id });
    const done = await settled(row.id);
    expect(done).toMatchObject({ state: 'done', listingId: '120000000001' });
    expect(h.ebay.state.inventoryItems.find((i) => i.sku === 'API-1')!.product!.title).toBe(
      'API listing 1, better title',
    );
    // Both pictures stay, the first by its own eBay address: nothing uploaded, nothing lost.
    expect(h.ebay.state.inventoryItems.find((i) => i.sku === 'API-1')!.product!.imageUrls).toEqual(before);
    expect(h.ebay.state.listing.uploads).toEqual([]);
    expect(h.ebay.state.offers.filter((o) => o.sku === 'API-1')).toHaveLength(1);
    expect(h.ebay.state.calls).not.toContain('trading:ReviseFixedPriceItem');
    expect(h.ebay.state.calls.filter((c) => c === 'inventory:publishOffer')).toEqual([]);
    expect(h.ebay.violations).toEqual([]);
  });
});

describe('moving a site listing to the Inventory API', () => {
  it('happens only when asked and confirmed; afterwards revisions and stock go through the Inventory API', async () => {
    await h.connect('relay');
    await setUp();
    seedSite(h.ebay.state, 2);
    await h.call('settings.set', { ebay: { importPictures: true } });
    await h.call('ebay.import.start');
    await h.core.ebay.importer.idle();
    const row = (await h.call<{ items: ItemSummary[] }>('inventory.list', { q: 'SITE-1', status: ['listed'] }))
      .items[0]!;
    const listingId = h.ebay.state.site[0]!.itemId;
    // Not confirmed: refused, nothing asked of eBay.
    await expect(h.call('ebay.listing.migrate', { id: row.id })).rejects.toThrow(/cannot be undone/);
    expect(h.ebay.state.calls).not.toContain('inventory:bulkMigrateListing');
    const after = await h.call<Preflight>('ebay.listing.migrate', { id: row.id, understood: true });
    expect(after.lines.find((l) => l.check === 'setup')!.detail).toBe('Policies and location are chosen.');
    expect(h.ebay.state.offers.find((o) => o.sku === 'SITE-1')).toMatchObject({
      listing: { listingId },
      status: 'PUBLISHED',
    });
    // A sale here now goes to the offer, not to Trading.
    await h.call('inventory.adjustStock', { id: row.id, kind: 'adjusted', delta: -1, note: 'sold at a fair' });
    await vi.waitFor(() => expect(h.ebay.state.calls).toContain('inventory:bulkUpdatePriceQuantity'), {
      timeout: 30_000,
      interval: 100,
    });
    expect(h.ebay.state.calls).not.toContain('trading:ReviseInventoryStatus');
    expect(h.ebay.violations).toEqual([]);
  });
});
