/**
 * Photos no item shows any more are removed after a grace period, here and (through the
 * photos databases) on every device. The grace period covers an edit on another device that
 * has not synced yet, and a seller who removes a photo and wants it back; a photo that an
 * item shows again meanwhile is kept.
 */
import type { Database } from '../../db/open';
import { logger } from '../../log';
import type { PhotoReplica } from './replica';
import type { PhotoStore } from './store';

const log = logger('photos');

export const PHOTO_GRACE_MS = 7 * 24 * 60 * 60 * 1000;
export const COLLECT_EVERY_MS = 6 * 60 * 60 * 1000;
const STATE_ID = '_local/photo-collect';

interface CollectState {
  _id: string;
  _rev?: string;
  /** Hash → when it was first seen unused (ISO). */
  unusedSince: Record<string, string>;
}

export interface CollectDeps {
  /** The local-only database (when each photo was first seen unused). */
  local: Database;
  store: PhotoStore;
  replica: PhotoReplica;
  /** Every hash an item on this device shows, including kept losing sync values. */
  referenced(): Promise<Set<string>>;
}

export interface Collected {
  removed: string[];
  /** Unused photos still inside their grace period. */
  waiting: number;
}

export async function collectUnusedPhotos(
  deps: CollectDeps,
  now = Date.now(),
  graceMs = PHOTO_GRACE_MS,
): Promise<Collected> {
  const { store, replica, local } = deps;
  const hashes = new Set([
    ...(await store.listOriginals()).map((p) => p.hash),
    ...(await store.listThumbs()),
    ...(await replica.hashes()),
  ]);
  // No photos, nothing to read: the scan of every item is skipped (100k items without photos).
  if (hashes.size === 0) return { removed: [], waiting: 0 };
  const referenced = await deps.referenced();
  const state: CollectState = (await local.get<CollectState>(STATE_ID).catch(() => null)) ?? {
    _id: STATE_ID,
    unusedSince: {},
  };
  const unusedSince: Record<string, string> = {};
  const removed: string[] = [];
  for (const hash of hashes) {
    if (referenced.has(hash)) continue;
    const since = state.unusedSince[hash] ?? new Date(now).toISOString();
    if (now - Date.parse(since) >= graceMs) {
      await replica.remove(hash);
      await store.delete(hash);
      removed.push(hash);
    } else {
      unusedSince[hash] = since;
    }
  }
  await local.put({ ...state, unusedSince });
  if (removed.length) log.info(`${removed.length} photos no item shows any more were removed`);
  return { removed, waiting: Object.keys(unusedSince).length };
}

/** Runs the collection a while after start, then every few hours. */
export class PhotoCollector {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CollectDeps) {}

  start(firstAfterMs = 60_000): void {
    this.schedule(firstAfterMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = collectUnusedPhotos(this.deps)
        .catch((error: unknown) => log.warn('collecting unused photos failed', error))
        .finally(() => {
          if (this.timer) this.schedule(COLLECT_EVERY_MS);
        });
    }, ms);
    this.timer.unref();
  }
}
