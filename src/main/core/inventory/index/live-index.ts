/**
 * Keeps the in-memory index current: loads the snapshot (or rebuilds), replays the changes
 * since its sequence, then follows the live changes feed — which is how edits arriving by
 * sync, or written by anything else into the database, reach the table.
 */
import type { Database } from '../../db/open';
import { InventoryIndex, type ApplyResult, type ChangedDoc } from './memory-index';
import { readSnapshot, writeSnapshot } from './snapshot';

const CATCH_UP_BATCH = 5000;
/** Save the snapshot this long after the last change, so bursts write once. */
const SAVE_DELAY_MS = 15_000;

export type AppliedListener = (result: ApplyResult, source: 'local' | 'feed') => void;

export interface LiveIndexOptions {
  saveDelayMs?: number;
}

export class LiveIndex {
  private feed: PouchDB.Core.Changes<object> | null = null;
  private pending: ChangedDoc[] = [];
  private pendingSeq: string | number | null = null;
  private flushScheduled = false;
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private listener: AppliedListener = () => undefined;

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
    const usable = dump && seqNumber(dump.seq) <= seqNumber(info.update_seq);
    const live = new LiveIndex(db, file, usable ? InventoryIndex.load(dump) : new InventoryIndex(), options);
    const replayed = await live.catchUp();
    if (!usable || replayed > 0) live.markDirty();
    live.follow();
    return live;
  }

  onApplied(listener: AppliedListener): void {
    this.listener = listener;
  }

  /** Applies documents this process just wrote, so the seller reads their own writes at once. */
  applyLocal(docs: ChangedDoc[]): ApplyResult {
    const result = this.index.apply(docs);
    if (result.itemIds.size > 0) {
      this.markDirty();
      this.listener(result, 'local');
    }
    return result;
  }

  /** Waits until the feed has applied every change committed so far (tests, shutdown). */
  async settle(): Promise<void> {
    const target = seqNumber((await this.db.info()).update_seq);
    while (!this.stopped && seqNumber(this.index.seq) < target) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async save(): Promise<void> {
    this.dirty = false;
    await writeSnapshot(this.file, this.index.dump());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.feed?.cancel();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.flush();
    if (this.dirty) await this.save().catch((error) => console.warn('[inventory] could not save the index', error));
  }

  private async catchUp(): Promise<number> {
    let count = 0;
    for (;;) {
      const batch = await this.db.changes({ since: this.index.seq, include_docs: true, limit: CATCH_UP_BATCH });
      const docs = batch.results.map(
        (r) => (r.doc ?? { _id: r.id, _rev: r.changes[0]!.rev, _deleted: true }) as ChangedDoc,
      );
      this.index.apply(docs);
      this.index.seq = batch.last_seq;
      count += docs.length;
      if (batch.results.length < CATCH_UP_BATCH) return count;
    }
  }

  private follow(): void {
    this.feed = this.db
      .changes({ since: this.index.seq, live: true, include_docs: true, return_docs: false })
      .on('change', (change) => {
        this.pending.push(
          (change.doc ?? { _id: change.id, _rev: change.changes[0]!.rev, _deleted: true }) as ChangedDoc,
        );
        this.pendingSeq = change.seq;
        // One apply and one event per burst of changes, not one per document.
        if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => this.flush());
        }
      })
      .on('error', (error) => {
        if (!this.stopped) console.error('[inventory] the changes feed stopped:', error);
      });
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const docs = this.pending;
    this.pending = [];
    const result = this.index.apply(docs);
    if (this.pendingSeq !== null) this.index.seq = this.pendingSeq;
    this.markDirty();
    if (result.itemIds.size > 0 && !this.stopped) this.listener(result, 'feed');
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.stopped || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (this.dirty && !this.stopped) {
        this.save().catch((error) => console.warn('[inventory] could not save the index snapshot', error));
      }
    }, this.options.saveDelayMs ?? SAVE_DELAY_MS);
    this.saveTimer.unref();
  }
}

/** Local PouchDB sequences are numbers; CouchDB-style ones start with the number. */
function seqNumber(seq: string | number): number {
  return typeof seq === 'number' ? seq : Number.parseInt(seq, 10) || 0;
}
