import { describe, expect, it } from 'vitest';
import type { EbayImportStatus, ItemSummary } from '../../../src/shared/api';
import { ebayForEachTest } from '../../support/ebay/harness';
import { seedApi, seedSite } from '../../support/ebay/index';

const h = ebayForEachTest();

async function importAll(): Promise<EbayImportStatus> {
  await h.call('ebay.import.start');
  await h.core.ebay.importer.idle();
  return h.call<EbayImportStatus>('ebay.import.status');
}
const items = async () => (await h.call<{ items: ItemSummary[] }>('inventory.list', { limit: 500 })).items;

describe('pictures imported with eBay listings', () => {
  it('gives each new item its listing’s first picture as a photo with a thumbnail, once', async () => {
    const site = seedSite(h.ebay.state, 30);
    seedApi(h.ebay.state, 5);
    // One picture eBay no longer has, one on a host that is not eBay's picture host.
    h.ebay.state.missingPictures.add(new URL(site[3]!.pictureUrls[0]!).pathname);
    site[4]!.pictureUrls = ['https://pictures.example.net/elsewhere.jpg'];
    await h.connect('relay');
    const progress: EbayImportStatus[] = [];
    const off = h.core.events.on('ebay.import.progress', (p) => progress.push(p));
    const done = await importAll();
    off();

    expect(done).toMatchObject({ state: 'done', created: 35, pictures: 33, picturesMissed: 1 });
    expect(progress.some((p) => p.phase === 'pictures')).toBe(true);
    // Only first pictures, only from the picture host: 34 asked for (one answered 404).
    expect(h.ebay.state.calls.filter((c) => c === 'picture')).toHaveLength(34);
    const all = await items();
    const byNumber = new Map(all.map((i) => [i.ebayItemId, i]));
    expect(byNumber.get(site[3]!.itemId)!.photo).toBeNull();
    expect(byNumber.get(site[4]!.itemId)!.photo).toBeNull();
    const withPhoto = byNumber.get(site[0]!.itemId)!;
    expect(withPhoto.photo).not.toBeNull();
    const thumb = await h.call<{ url: string; mimeType: string }>('photos.get', {
      hash: withPhoto.photo!.hash,
      size: 'thumb',
    });
    expect(thumb.mimeType).toMatch(/^image\//);
    // Each listing's picture is its own photo (no two items share one by mistake).
    const hashes = all.flatMap((i) => (i.photo ? [i.photo.hash] : []));
    expect(new Set(hashes).size).toBe(33);

    // Again: the items have their photos, nothing is fetched twice.
    h.ebay.state.calls.length = 0;
    const again = await importAll();
    expect(again).toMatchObject({ state: 'done', created: 0, pictures: 0 });
    expect(h.ebay.state.calls.filter((c) => c === 'picture')).toHaveLength(1);
    expect(h.ebay.violations).toEqual([]);
  });
});
