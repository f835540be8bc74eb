/**
 * Item photos: files through PhotoStore, references on the item through the inventory
 * service (so the edit is stamped, indexed and synced like any other field change).
 */
import type { Item, PhotoRef } from '@shared/domain/inventory';
import { AppError } from '../../errors';
import type { ItemDoc } from '../docs';
import type { InventoryService } from '../service';
import { MAX_PHOTO_BYTES, photoTooLarge } from '@shared/api/photo-limits';
import { logger } from '../../log';
import type { PhotoReplica } from './replica';
import { PhotoStore } from './store';

const log = logger('photos');
const MAX_PHOTOS = 24;

/** A concurrent edit of the same item (another window, sync) is retried this many times. */
const RETRIES = 3;
const SCAN_BATCH = 1000;

/** The renderer says the same words before sending (photo-limits). */
function tooLarge(fileName: string, bytes: number): AppError {
  const { message, hint } = photoTooLarge(fileName, bytes);
  return new AppError('BAD_REQUEST', message, hint);
}

export class PhotoService {
  readonly store: PhotoStore;
  /** Set once the photos databases are open: photos added here go into sync. */
  replica: PhotoReplica | null = null;

  constructor(
    private readonly inventory: InventoryService,
    dataDir: string,
  ) {
    this.store = new PhotoStore(dataDir);
  }

  async add(itemId: string, fileName: string, data: string): Promise<{ photo: PhotoRef; item: Item }> {
    // Browsers hand over FileReader data: URLs; the bytes are what follows the comma.
    const base64 = data.replace(/^data:[^,]{0,200};base64,/, '');
    // Checked before decoding, so a huge upload is refused without holding it twice in memory.
    const decoded = Math.floor((base64.length * 3) / 4) - (base64.match(/=*$/)?.[0].length ?? 0);
    if (decoded > MAX_PHOTO_BYTES) throw tooLarge(fileName, decoded);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
      throw new AppError('BAD_REQUEST', `${fileName} did not arrive as base64 bytes.`, 'Add the photo again.');
    }
    return this.addBytes(itemId, fileName, Buffer.from(base64, 'base64'));
  }

  /** Adds a photo from its bytes (an upload decoded, or a picture fetched from eBay). */
  async addBytes(itemId: string, fileName: string, bytes: Buffer): Promise<{ photo: PhotoRef; item: Item }> {
    if (bytes.length > MAX_PHOTO_BYTES) throw tooLarge(fileName, bytes.length);
    await this.inventory.get(itemId); // a missing item fails before any file is written
    const photo = await this.store.save(fileName, bytes);
    try {
      const item = await this.editPhotos(itemId, (photos) => {
        if (photos.some((p) => p.hash === photo.hash)) return null;
        if (photos.length >= MAX_PHOTOS) {
          throw new AppError('BAD_REQUEST', `An item can have at most ${MAX_PHOTOS} photos (eBay's limit).`);
        }
        return [...photos, photo];
      });
      // The photo is added either way; sync puts it in again when it next starts (publishAll).
      await this.replica?.publish(photo).catch((error: unknown) => log.warn('putting a photo into sync failed', error));
      return { photo, item };
    } catch (error) {
      // Leave no file behind that nothing points at.
      if (!(await this.inUse(photo.hash))) await this.store.delete(photo.hash);
      throw error;
    }
  }

  async remove(itemId: string, hash: string): Promise<{ item: Item; fileDeleted: boolean }> {
    const item = await this.editPhotos(itemId, (photos) =>
      photos.some((p) => p.hash === hash) ? photos.filter((p) => p.hash !== hash) : null,
    );
    const fileDeleted = (await this.inUse(hash)) ? false : await this.store.delete(hash);
    return { item, fileDeleted };
  }

  /** Applies a change to an item's photo list against its latest revision; null: nothing to change. */
  private async editPhotos(itemId: string, change: (photos: PhotoRef[]) => PhotoRef[] | null): Promise<Item> {
    for (let attempt = 0; ; attempt++) {
      const item = await this.inventory.get(itemId);
      const photos = change(item.photos);
      if (!photos) return item;
      try {
        return await this.inventory.update(itemId, item.rev, { photos });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'CONFLICT' || attempt >= RETRIES) throw error;
      }
    }
  }

  /** Whether any item (or a kept losing sync value) still points at the photo. */
  async inUse(hash: string): Promise<boolean> {
    return (await this.scanItems((hashes) => hashes.includes(hash))) === true;
  }

  /** Every photo hash an item shows (or a kept losing sync value names). */
  async referencedHashes(): Promise<Set<string>> {
    const all = new Set<string>();
    await this.scanItems((hashes) => {
      for (const hash of hashes) all.add(hash);
      return false;
    });
    return all;
  }

  /** Hands each item's photo hashes to `visit` a page at a time; stops early when it answers true. */
  private async scanItems(visit: (hashes: string[]) => boolean): Promise<boolean> {
    let startkey = 'item:';
    for (;;) {
      const res = await this.inventory.db.allDocs<ItemDoc>({
        startkey,
        endkey: 'item:\uffff',
        include_docs: true,
        limit: SCAN_BATCH + 1,
      });
      const rows = res.rows.slice(0, SCAN_BATCH);
      for (const row of rows) {
        const doc = row.doc;
        if (!doc) continue;
        const hashes = doc.fields.photos.map((p) => p.hash);
        for (const c of doc.conflicts) {
          if (c.field === 'photos') hashes.push(...(JSON.stringify(c.value).match(/[0-9a-f]{64}/g) ?? []));
        }
        if (visit(hashes)) return true;
      }
      if (res.rows.length <= SCAN_BATCH) return false;
      startkey = res.rows[SCAN_BATCH]!.id;
    }
  }
}
