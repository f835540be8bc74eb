/**
 * The last phase of "Import from eBay": every item this run imported that has no photo yet
 * gets its listing's first picture, fetched from eBay's picture host over the trusted fetch
 * and stored like a photo the seller added (by content hash, with a thumbnail). One picture
 * per item keeps an import of thousands of listings light; the other addresses stay on the
 * listing. It runs after the listings, so a slow picture host never holds up the items, and
 * resumes from the listing it reached. A picture that cannot be had is counted, not fatal.
 */
import type { Database } from '../../db/open';
import type { PhotoService } from '../../inventory/photos/service';
import type { InventoryService } from '../../inventory/service';
import { logger } from '../../log';
import { EbayError } from './errors';
import type { ListingDoc } from './listings';
import { pooled } from './pooled';

const log = logger('ebay');
const PAGE = 200;
const PARALLEL = 4;
/** eBay serves listing pictures from these hosts (and a test or private setup from its API host). */
const PICTURE_HOSTS = ['i.ebayimg.com', 'i.sandbox.ebayimg.com'];

export interface PictureProgress {
  run: string;
  /** The last listing document whose picture was dealt with ('' before the first). */
  picturesAfter: string;
  pictures: number;
  picturesMissed: number;
}

export interface PictureDeps {
  local: Database;
  inventory: InventoryService;
  photos: PhotoService;
  /** GET over the trusted fetch; answers the bytes or throws. */
  fetchPicture(url: string, signal: AbortSignal): Promise<Buffer>;
  /**
   * The photo is this picture on eBay: a revise from FlipSync names it by this address (no
   * second upload) and tells it apart from the listing's other pictures, which it keeps.
   */
  pictureOf(hash: string, url: string): Promise<void>;
  /** eBay's API origin in use: its host is trusted for pictures too (test and private setups). */
  apiOrigin: string;
}

export function isPictureAddress(address: string, apiOrigin: string): boolean {
  if (!URL.canParse(address)) return false;
  const url = new URL(address);
  if (url.protocol !== 'https:') return false;
  return PICTURE_HOSTS.includes(url.hostname) || url.host === new URL(apiOrigin).host;
}

export async function importPictures(
  deps: PictureDeps,
  cp: PictureProgress,
  signal: AbortSignal,
  saved: () => Promise<void>,
): Promise<void> {
  for (;;) {
    const page = await deps.local.allDocs<ListingDoc>({
      startkey: cp.picturesAfter ? `${cp.picturesAfter}\u0000` : 'ebay-listing:',
      endkey: 'ebay-listing:\uffff',
      include_docs: true,
      limit: PAGE,
    });
    if (page.rows.length === 0) return;
    const wanted = page.rows.flatMap((row) => {
      const listing = row.doc;
      const picture = listing?.pictureUrls[0];
      if (!listing || listing.state !== 'active' || listing.seenRun !== cp.run || !picture) return [];
      if (!isPictureAddress(picture, deps.apiOrigin)) return [];
      const index = deps.inventory.index;
      const ids = index.idsByEbayItemId(listing.itemNumber).filter((id) => !index.get(id)?.photo);
      return ids.length > 0 ? [{ ids, picture, itemNumber: listing.itemNumber }] : [];
    });
    await pooled(wanted, PARALLEL, async ({ ids, picture, itemNumber }) => {
      if (signal.aborted) throw new EbayError('cancelled', 'Stopped.');
      try {
        const bytes = await deps.fetchPicture(picture, signal);
        for (const id of ids) {
          const { photo } = await deps.photos.addBytes(id, `ebay-${itemNumber}.jpg`, bytes);
          await deps.pictureOf(photo.hash, picture);
        }
        cp.pictures++;
      } catch (error) {
        if (signal.aborted) throw new EbayError('cancelled', 'Stopped.');
        cp.picturesMissed++;
        log.warn(`picture of listing ${itemNumber} not imported`, error);
      }
    });
    cp.picturesAfter = page.rows.at(-1)!.id;
    await saved();
    if (page.rows.length < PAGE) return;
  }
}
