/**
 * Photos between devices. Two databases carry them, each in its own sync stream so photos
 * never hold up item changes and thumbnails never wait behind originals: `photos` holds one
 * document per content hash with the 256 px thumbnail as its attachment (always synced),
 * `originals` one per hash with the file as the seller gave it (synced per the seller's
 * setting: all, on demand when a photo is opened, or never). The files in the data folder
 * stay what the app shows; a document arriving from another device is written out to them.
 *
 * Documents hold nothing but the hash, the extension and the bytes, and PouchDB's revisions
 * are content hashes: two devices that add the same photo write the same revision, so the
 * server keeps it once.
 */
import type { PhotoRef } from '@shared/domain/inventory';
import { changeFeedOf, type Change, type Following } from '../../db/change-feed';
import type { Database } from '../../db/open';
import { logger } from '../../log';
import { MIME, type PhotoStore } from './store';

const log = logger('photos');

export const PHOTO_DATABASES = ['photos', 'originals'] as const;
export type PhotoDatabase = (typeof PHOTO_DATABASES)[number];
export type OriginalsPolicy = 'all' | 'on-demand' | 'never';

const HASH = /^[0-9a-f]{64}$/;
const ATTACHMENT = 'file';
const FEED_STATE = '_local/photo-feed';
/** Originals are up to 20 MB: a publish writes at most about this much per bulkDocs. */
const PUBLISH_BYTES = 32 * 1024 * 1024;
const SAVE_EVERY = 100;
/** Photos written out at once (file writes overlap; LevelDB reads are shared). */
const WRITERS = 8;

interface PhotoDoc {
  _id: string;
  ext: PhotoRef['ext'];
  _attachments?: Record<string, { content_type: string; data: string }>;
}

export interface PhotoReplicaDeps {
  databases: Record<PhotoDatabase, Database>;
  store: PhotoStore;
  /** What of the photos travels now: nothing (sync off), thumbnails, or originals too. */
  syncing(): Promise<'off' | 'thumbnails' | 'all'>;
  /** Whether an item on this device still shows the photo (its files stay while one does). */
  inUse(hash: string): Promise<boolean>;
  /** Told which photos were written out from another device, so open pages can show them. */
  arrived(hashes: string[]): void;
}

/** Gets one document (an original, on demand) from the server into the local database. */
export type PhotoFetcher = (db: PhotoDatabase, id: string) => Promise<boolean>;

export class PhotoReplica {
  private feeds: Following[] = [];
  /** Per photo, the work on its latest change (changes of one photo go in order). */
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly writers = new Slots(WRITERS);
  private readonly inFlight: Record<PhotoDatabase, Set<number>> = { photos: new Set(), originals: new Set() };
  private readonly highest: Partial<Record<PhotoDatabase, number>> = {};
  private saving: Promise<void> = Promise.resolve();
  private fetcher: PhotoFetcher | null = null;
  private publishedAll: Promise<void> | null = null;
  private closed = false;
  private unsaved = 0;

  constructor(private readonly deps: PhotoReplicaDeps) {}

  get databases(): Record<PhotoDatabase, Database> {
    return this.deps.databases;
  }

  /** Follows both databases from where the last run stopped, writing out what arrives. */
  async start(): Promise<void> {
    for (const name of PHOTO_DATABASES) {
      const db = this.deps.databases[name];
      const saved = await db.get<{ _id: string; seq: number }>(FEED_STATE).catch(() => null);
      const feed = changeFeedOf(db, name).follow(
        saved?.seq ?? 0,
        (change) => this.accept(name, change),
        (error) => log.warn(`following ${name} failed`, error),
      );
      this.feeds.push(feed);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const feed of this.feeds) feed.cancel();
    this.feeds = [];
    await Promise.all(this.lanes.values());
    await this.saving;
    await this.saveSeqs().catch(() => undefined);
  }

  /** Set by sync while it runs: how an original is fetched when the seller opens it. */
  setFetcher(fetcher: PhotoFetcher | null): void {
    this.fetcher = fetcher;
  }

  /** Puts a photo just saved here into the databases, when sync is on. */
  async publish(photo: Pick<PhotoRef, 'hash' | 'ext'>): Promise<void> {
    await this.put([photo]);
  }

  /**
   * Puts every photo in the folder that the databases do not hold yet: the photos of an
   * earlier version, or added while sync was off. Once per run (later ones are published as
   * they are added); call again after `forgetPublished` when sync is switched on.
   */
  publishAll(): Promise<void> {
    this.publishedAll ??= (async () => {
      if ((await this.deps.syncing()) === 'off') {
        this.publishedAll = null;
        return;
      }
      const photos = await this.deps.store.listOriginals();
      const added = await this.put(photos);
      if (added) log.info(`${added} photos from this device put into sync`);
    })().catch((error: unknown) => {
      this.publishedAll = null;
      log.warn('putting photos into sync failed', error);
    });
    return this.publishedAll;
  }

  forgetPublished(): void {
    if (this.publishedAll) void this.publishedAll.then(() => (this.publishedAll = null));
  }

  /**
   * Makes the photo's file (thumbnail or original) present here if it can: from the local
   * database, or for an original, from the server on demand. False when it is not to be had now.
   */
  async ensure(hash: string, size: 'thumb' | 'full'): Promise<boolean> {
    if (!HASH.test(hash)) return false;
    const { store } = this.deps;
    if (size === 'thumb') {
      if ((await store.hasThumb(hash)) || (await store.findExt(hash))) return true;
      return this.writeOut('photos', hash);
    }
    if (await store.findExt(hash)) return true;
    if (await this.writeOut('originals', hash)) return true;
    if (!this.fetcher || !(await this.fetcher('originals', hash).catch(() => false))) return false;
    return this.writeOut('originals', hash);
  }

  /** Removes the photo's documents (and any conflicting copies), so it goes on every device. */
  async remove(hash: string): Promise<void> {
    for (const name of PHOTO_DATABASES) {
      const db = this.deps.databases[name];
      const doc = await db.get(hash, { conflicts: true }).catch(() => null);
      if (!doc) continue;
      const revs = [doc._rev, ...((doc as { _conflicts?: string[] })._conflicts ?? [])];
      await db.bulkDocs(revs.map((rev) => ({ _id: hash, _rev: rev, _deleted: true })));
    }
  }

  /** Hashes the databases hold (for collecting the unused ones). */
  async hashes(): Promise<Set<string>> {
    const out = new Set<string>();
    for (const name of PHOTO_DATABASES) {
      const { rows } = await this.deps.databases[name].allDocs();
      for (const row of rows) if (HASH.test(row.id)) out.add(row.id);
    }
    return out;
  }

  /**
   * Takes a change in hand: several photos are written out at once (one after another, the
   * write-out trailed replication by over a second per 1,000 thumbnails), changes of one photo
   * in their order.
   */
  private accept(name: PhotoDatabase, change: Change): void {
    const hash = change.id;
    this.inFlight[name].add(change.seq);
    const before = this.lanes.get(hash) ?? Promise.resolve();
    const lane = before
      .then(() => this.writers.run(() => this.received(name, change)))
      .catch((error: unknown) => log.warn('a photo from sync failed', error))
      .finally(() => {
        if (this.lanes.get(hash) === lane) this.lanes.delete(hash);
        this.finished(name, change.seq);
      });
    this.lanes.set(hash, lane);
  }

  /** A change in either database: a photo to write out, or one removed everywhere. */
  private async received(name: PhotoDatabase, change: Change): Promise<void> {
    if (this.closed || !HASH.test(change.id)) return;
    const hash = change.id;
    if (change.deleted) {
      // Collected on another device, but an item here shows it (an edit not yet synced there):
      // it stays, and goes back into sync.
      if (await this.deps.inUse(hash)) {
        const ext = await this.deps.store.findExt(hash);
        if (ext) await this.put([{ hash, ext }]);
      } else {
        await this.deps.store.delete(hash);
      }
    } else if (await this.writeOut(name, hash)) {
      this.deps.arrived([hash]);
    }
  }

  /** Writes the document's attachment to the photo's file when the file is missing. */
  private async writeOut(name: PhotoDatabase, hash: string): Promise<boolean> {
    const { store } = this.deps;
    const db = this.deps.databases[name];
    if (name === 'photos' && (await store.hasThumb(hash))) return false;
    if (name === 'originals' && (await store.findExt(hash))) return false;
    const doc = await db.get<PhotoDoc>(hash, { attachments: true, binary: true }).catch(() => null);
    const bytes = (doc?._attachments?.[ATTACHMENT] as { data?: unknown } | undefined)?.data;
    if (!doc || !Buffer.isBuffer(bytes)) return false;
    const written =
      name === 'photos' ? await store.writeThumb(hash, bytes) : await store.writeOriginal(hash, doc.ext, bytes);
    // A document whose bytes are not what its hash says is left alone (never shown, never spread).
    if (!written) log.warn(`a ${name} document for ${hash.slice(0, 12)}… does not hold that photo; ignored`);
    return written;
  }

  /** Puts what the databases lack of these photos, while sync is on; answers how many needed anything. */
  private async put(photos: Pick<PhotoRef, 'hash' | 'ext'>[]): Promise<number> {
    const { store } = this.deps;
    const keys = photos.map((p) => p.hash);
    const lacking = async (name: PhotoDatabase) => {
      const { rows } = await this.deps.databases[name].allDocs({ keys });
      return new Set(rows.filter((r) => !('value' in r) || r.value.deleted).map((r) => r.key));
    };
    const syncing = await this.deps.syncing();
    if (syncing === 'off') return 0;
    // With originals never synced, the originals database would only hold a second copy.
    const [thumbs, originals] = [
      await lacking('photos'),
      syncing === 'all' ? await lacking('originals') : new Set<string>(),
    ];
    let added = 0;
    const batches: Record<PhotoDatabase, PhotoDoc[]> = { photos: [], originals: [] };
    let bytes = 0;
    const flush = async () => {
      for (const name of PHOTO_DATABASES) {
        if (batches[name].length) await this.deps.databases[name].bulkDocs(batches[name]);
        batches[name] = [];
      }
      bytes = 0;
    };
    for (const { hash, ext } of photos) {
      if (!thumbs.has(hash) && !originals.has(hash)) continue;
      added++;
      if (thumbs.has(hash)) {
        // Made from the original when an earlier version never kept one.
        const thumb =
          (await store.readThumb(hash)) ??
          (await store
            .read(hash, 'thumb')
            .then(() => store.readThumb(hash))
            .catch(() => null));
        if (thumb) batches.photos.push(photoDoc(hash, 'webp', thumb));
      }
      if (originals.has(hash)) {
        const original = await store.readOriginal(hash, ext);
        if (original) {
          batches.originals.push(photoDoc(hash, ext, original));
          bytes += original.length;
        }
      }
      if (bytes >= PUBLISH_BYTES) await flush();
    }
    await flush();
    return added;
  }

  /**
   * Where each feed got to: every change up to the saved sequence is done, saved every so
   * often (a restart re-reads at most that much, harmlessly).
   */
  private finished(name: PhotoDatabase, seq: number): void {
    const inFlight = this.inFlight[name];
    inFlight.delete(seq);
    this.highest[name] = Math.max(this.highest[name] ?? 0, seq);
    this.unsaved++;
    if (this.unsaved >= SAVE_EVERY) {
      this.unsaved = 0;
      this.saving = this.saving.then(() => this.saveSeqs()).catch(() => undefined);
    }
  }

  private async saveSeqs(): Promise<void> {
    for (const name of PHOTO_DATABASES) {
      // Done up to just before the oldest change still in hand (all of them, when none is).
      const inFlight = this.inFlight[name];
      const seq = inFlight.size ? Math.min(...inFlight) - 1 : this.highest[name];
      if (seq === undefined) continue;
      const db = this.deps.databases[name];
      const doc = await db.get<{ _id: string; _rev: string; seq: number }>(FEED_STATE).catch(() => null);
      if (doc && doc.seq >= seq) continue;
      await db.put({ _id: FEED_STATE, ...(doc ? { _rev: doc._rev } : {}), seq });
    }
  }
}

/** At most `size` tasks at a time; the rest wait their turn. */
class Slots {
  private busy = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finished task hands its slot straight to the next in line.
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.busy++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.busy--;
    }
  }
}

function photoDoc(hash: string, ext: PhotoDoc['ext'], bytes: Buffer): PhotoDoc {
  // Base64, not a Buffer: PouchDB hashes the document as JSON for its revision, and a
  // Buffer would become a list of numbers first.
  return {
    _id: hash,
    ext,
    _attachments: { [ATTACHMENT]: { content_type: MIME[ext], data: bytes.toString('base64') } },
  };
}
