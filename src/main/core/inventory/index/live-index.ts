/**
 * Keeps the in-memory index current: loads the snapshot (or rebuilds), replays the changes
 * since its sequence, then follows the live changes feed — which is how edits arriving by
 * sync, or written by anything else into the database, reach the table.
 */
import { changeFeedOf, seqNumber, type Following } from '../../db/change-feed';
import type { Database } from '../../db/open';
import { readMany } from '../../db/read-many';
import { InventoryIndex, type ApplyResult, type ChangedDoc, type IndexDump } from './memory-index';
import { readSnapshot, writeSnapshot } from './snapshot';
import { logger } from '../../log';

const log = logger('inventory');

const CATCH_UP_BATCH = 5000;
/**
 * Save the snapshot this long after the first unsaved change (not re-armed by later ones).
 * At 100k items a save holds the main thread for a few hundred ms, so it is rare; a crash
 * only means a longer replay of changes at the next start, never lost data.
 */
const SAVE_DELAY_MS = 120_000;
/** How long writes must pause before dropped sort orders are rebuilt. */
const QUIET_MS = 300;

export type AppliedListener = (result: ApplyResult, source: 'local' | 'feed') => void;

export interface LiveIndexOptions {
  saveDelayMs?: number;
}

export class LiveIndex {
  private feed: Following | null = null;
  private pending: { id: string; rev: string; deleted: boolean }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private pendingSeq: string | number | null = null;
  private flushScheduled = false;
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private saving: Promise<void> = Promise.resolve();
  private warming: NodeJS.Timeout | null = null;
  private bulkWrites = 0;
  private readonly listeners: AppliedListener[] = [];

  private constructor(
    private readonly db: Database,
    private readonly file: string,
    readonly index: InventoryIndex,
    private readonly options: LiveIndexOptions,
  ) {}

  /** Opens the index: snapshot + replay when possible, a full read otherwise; then goes live. */
  static async open(db: Database, file: string, options: LiveIndexOptions = {}): Promise<LiveIndex> {
    const info = await db.info();
    const dump = await readSnapshot(file);
    // A snapshot ahead of the database belongs to another (since replaced) database.
    const loaded = dump && seqNumber(dump.seq) <= seqNumber(info.update_seq) ? loadIndex(dump) : null;
    const live = new LiveIndex(db, file, loaded ?? new InventoryIndex(), options);
    const replayed = await live.catchUp();
    if (!loaded || replayed > 0) live.markDirty();
    live.follow();
    live.warmOrders();
    return live;
  }

  /** Called after each batch applied (local writes and the changes feed alike). */
  onApplied(listener: AppliedListener): void {
    this.listeners.push(listener);
  }

  private applied(result: ApplyResult, source: Parameters<AppliedListener>[1]): void {
    for (const listener of this.listeners) listener(result, source);
  }

  /** Applies documents this process just wrote, so the seller reads their own writes at once. */
  applyLocal(docs: ChangedDoc[]): ApplyResult {
    const result = this.index.apply(docs);
    if (result.itemIds.size > 0) {
      this.markDirty();
      this.warmOrders(QUIET_MS);
      this.applied(result, 'local');
    }
    return result;
  }

  /** Runs a long series of writes without rebuilding sort orders between its batches. */
  async duringBulk<T>(work: () => Promise<T>): Promise<T> {
    this.bulkWrites++;
    if (this.warming) clearTimeout(this.warming);
    this.warming = null;
    try {
      return await work();
    } finally {
      this.bulkWrites--;
      this.warmOrders(QUIET_MS);
    }
  }

  /**
   * Runs a large series of writes made around the routes (a restore) with the feed paused,
   * then reads them in as at start, 5,000 documents a read: followed change by change, each
   * document would be read again and the sort orders patched one row at a time, which at
   * 100k items took minutes after the writes were done.
   */
  async pausedFor<T>(work: () => Promise<T>): Promise<T> {
    this.feed?.cancel();
    this.feed = null;
    await this.flushing;
    return this.duringBulk(async () => {
      try {
        return await work();
      } finally {
        if (!this.stopped) {
          if ((await this.catchUp((result) => this.applied(result, 'feed'))) > 0) this.markDirty();
          this.follow();
        }
      }
    });
  }

  /** Waits until the feed has applied every change committed so far (tests, shutdown). */
  async settle(): Promise<void> {
    const target = seqNumber((await this.db.info()).update_seq);
    while (!this.stopped && seqNumber(this.index.seq) < target) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Saves the snapshot; saves run one at a time, so two never race on the file. */
  save(): Promise<void> {
    const run = this.saving.then(async () => {
      this.dirty = false;
      await writeSnapshot(this.file, this.index.dump());
    });
    this.saving = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.feed?.cancel();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    if (this.warming) clearTimeout(this.warming);
    await this.flushing;
    if (this.dirty) await this.save().catch((error) => log.warn('could not save the index', error));
    await this.saving;
  }

  private async catchUp(applied?: (result: ApplyResult) => void): Promise<number> {
    let count = 0;
    for (;;) {
      const batch = await this.db.changes({ since: this.index.seq, include_docs: true, limit: CATCH_UP_BATCH });
      const docs = batch.results.map(
        (r) => (r.doc ?? { _id: r.id, _rev: r.changes[0]!.rev, _deleted: true }) as ChangedDoc,
      );
      const result = this.index.apply(docs);
      const revived = await this.reviveHidden(docs);
      for (const id of revived?.itemIds ?? []) result.itemIds.add(id);
      if (result.itemIds.size > 0) applied?.(result);
      this.index.seq = batch.last_seq;
      count += docs.length;
      if (batch.results.length < CATCH_UP_BATCH) return count;
    }
  }

  private follow(): void {
    // Without documents: most changes are this process's own writes, already applied; only
    // the others (sync, other writers) are read, in one allDocs per burst.
    this.feed = changeFeedOf(this.db, 'inventory').follow(
      this.index.seq,
      (change) => {
        this.pending.push({ id: change.id, rev: change.rev, deleted: change.deleted });
        if (this.pendingSeq === null || change.seq > seqNumber(this.pendingSeq)) this.pendingSeq = change.seq;
        if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => {
            this.flushing = this.flushing
              .then(() => this.flush())
              .catch((error) => {
                if (!this.stopped) log.error('could not apply changes to the index', error);
              });
          });
        }
      },
      (error) => {
        if (!this.stopped) log.error('the changes feed stopped', error);
      },
    );
  }

  /** Applies one burst of feed changes: one read for the documents not applied yet, one event. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const changes = this.pending;
    const seq = this.pendingSeq;
    this.pending = [];
    const unknown = changes.filter((c) => !this.index.has(c.id, c.rev, c.deleted));
    let docs: ChangedDoc[] = [];
    if (unknown.length > 0 && !this.stopped) {
      const found = await readMany<ChangedDoc>(this.db, [...new Set(unknown.map((c) => c.id))]);
      docs = found.flatMap((f) => (f.doc ? [f.doc] : []));
      // A deletion's revision is not in what `get` answers; deletions are few, read them as before.
      const deleted = found.filter((f) => f.deleted).map((f) => f.id);
      if (deleted.length > 0) {
        const read = await this.db.allDocs({ keys: deleted });
        for (const r of read.rows)
          if ('value' in r && r.value.deleted)
            docs.push({ _id: r.id, _rev: r.value.rev, _deleted: true } as ChangedDoc);
      }
    }
    const result = this.index.apply(docs);
    const revived = await this.reviveHidden(docs);
    for (const id of revived?.itemIds ?? []) result.itemIds.add(id);
    if (seq !== null && seqNumber(seq) > seqNumber(this.index.seq)) this.index.seq = seq;
    this.markDirty();
    if (result.itemIds.size > 0) this.warmOrders(QUIET_MS);
    if (result.itemIds.size > 0 && !this.stopped) this.applied(result, 'feed');
  }

  /**
   * Live revisions that a deletion made here kept out of the index (another device edited or
   * sold the item while this one deleted it; PouchDB then keeps the live one). Each is read
   * again and shown if the database still holds it live, unless it was deleted again here
   * while the read was under way.
   */
  private async reviveHidden(docs: ChangedDoc[]): Promise<ApplyResult | null> {
    const hidden = docs.filter((d) => d._id.startsWith('item:') && !d._deleted && this.index.deletedAt(d._id) > 0);
    if (hidden.length === 0 || this.stopped) return null;
    const before = new Map(hidden.map((d) => [d._id, this.index.deletedAt(d._id)]));
    const winners = (await readMany<ChangedDoc>(this.db, [...before.keys()])).flatMap((f) => (f.doc ? [f.doc] : []));
    const fresh = winners.filter((d) => this.index.deletedAt(d._id) === before.get(d._id));
    return fresh.length > 0 ? this.index.revive(fresh) : null;
  }

  /**
   * Builds missing sort orders one column per turn of the event loop, so calls still get
   * through. After writes it waits for a quiet moment: during an import every large batch
   * drops the orders again, and rebuilding them between batches would be wasted work.
   */
  private warmOrders(delayMs = 0): void {
    if (this.stopped || this.bulkWrites > 0) return;
    if (this.warming) clearTimeout(this.warming);
    const next = this.index.missingOrders()[0];
    if (!next) return;
    this.warming = setTimeout(() => {
      this.warming = null;
      if (this.stopped) return;
      this.index.warm(next);
      this.warmOrders();
    }, delayMs);
    this.warming.unref();
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.stopped || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (this.dirty && !this.stopped) {
        this.save().catch((error) => log.warn('could not save the index snapshot', error));
      }
    }, this.options.saveDelayMs ?? SAVE_DELAY_MS);
    this.saveTimer.unref();
  }
}

function loadIndex(dump: IndexDump): InventoryIndex | null {
  try {
    return InventoryIndex.load(dump);
  } catch (error) {
    log.warn('the index snapshot is damaged; rebuilding from the database.', error);
    return null;
  }
}

/** Local PouchDB sequences are numbers; CouchDB-style ones start with the number. */
