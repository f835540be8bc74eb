/**
 * Sales and returns as the dashboard needs them, kept in memory: read once from the
 * inventory database, then kept current from its changes feed (local writes and sync alike).
 * Sales (`sale:`) and stock movements (`move:`) are append-only, so each is read once.
 */
import type { Database } from '../db/open';
import type { MovementDoc, SaleDoc } from '../inventory/docs';
import { dayNumber } from './periods';

export interface SaleFact {
  id: string;
  itemId: string;
  quantity: number;
  price: number;
  fees: number;
  shipping: number;
  /** UTC day of the sale, and its day number. */
  day: string;
  dayNo: number;
  at: string;
}

export interface ReturnFact {
  id: string;
  itemId: string;
  units: number;
  day: string;
  dayNo: number;
  at: string;
}

const BATCH = 10_000;
type Change = { id: string; deleted: boolean };

export class SalesLedger {
  readonly sales = new Map<string, SaleFact>();
  readonly returns = new Map<string, ReturnFact>();
  private seq: string | number = 0;
  private feed: PouchDB.Core.Changes<object> | null = null;
  private pending: Change[] = [];
  private pendingSeq: string | number | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private stopped = false;
  private listeners = new Set<() => void>();

  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<SalesLedger> {
    const ledger = new SalesLedger(db);
    // The sequence first: whatever lands while reading arrives again through the feed.
    ledger.seq = (await db.info()).update_seq;
    await ledger.readRange('sale:');
    await ledger.readRange('move:');
    ledger.follow();
    return ledger;
  }

  /** Called after each burst of inventory changes is applied (items, sales or movements). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits until every change committed before the call is applied (read-your-writes). */
  async settle(): Promise<void> {
    const target = seqNumber((await this.db.info()).update_seq);
    while (!this.stopped && seqNumber(this.seq) < target) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await this.flushing;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.feed?.cancel();
    await this.flushing;
  }

  private async readRange(prefix: string): Promise<void> {
    let startkey = prefix;
    let skip = 0;
    for (;;) {
      const page = await this.db.allDocs({
        startkey,
        endkey: `${prefix}\uffff`,
        include_docs: true,
        limit: BATCH,
        skip,
      });
      for (const row of page.rows) this.take(row.doc as unknown as SaleDoc | MovementDoc | undefined);
      if (page.rows.length < BATCH) return;
      startkey = page.rows[page.rows.length - 1]!.id;
      skip = 1;
    }
  }

  private take(doc: SaleDoc | MovementDoc | undefined): void {
    if (!doc) return;
    if (doc.type === 'sale') {
      const day = doc.at.slice(0, 10);
      this.sales.set(doc._id, {
        id: doc._id,
        itemId: doc.itemId,
        quantity: doc.quantity,
        price: doc.price,
        fees: doc.fees,
        shipping: doc.shippingCost,
        day,
        dayNo: dayNumber(day),
        at: doc.at,
      });
    } else if (doc.type === 'move' && doc.kind === 'returned' && doc.delta > 0) {
      const day = doc.at.slice(0, 10);
      this.returns.set(doc._id, {
        id: doc._id,
        itemId: doc.itemId,
        units: doc.delta,
        day,
        dayNo: dayNumber(day),
        at: doc.at,
      });
    }
  }

  private follow(): void {
    this.feed = this.db
      .changes({ since: this.seq, live: true, return_docs: false })
      .on('change', (change) => {
        this.pending.push({ id: change.id, deleted: change.deleted === true });
        this.pendingSeq = change.seq;
        if (this.scheduled) return;
        this.scheduled = true;
        setImmediate(() => {
          this.flushing = this.flushing
            .then(() => this.flush())
            .catch((error) => {
              if (!this.stopped) console.error('[analytics] could not apply inventory changes:', error);
            });
        });
      })
      .on('error', (error) => {
        if (!this.stopped) console.error('[analytics] the inventory changes feed stopped:', error);
      });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const changes = this.pending;
    const seq = this.pendingSeq;
    this.pending = [];
    const read: string[] = [];
    for (const { id, deleted } of changes) {
      if (!id.startsWith('sale:') && !id.startsWith('move:')) continue;
      if (deleted) {
        this.sales.delete(id);
        this.returns.delete(id);
      } else {
        read.push(id);
      }
    }
    if (read.length > 0 && !this.stopped) {
      const result = await this.db.allDocs({ keys: [...new Set(read)], include_docs: true });
      for (const row of result.rows) {
        if ('doc' in row) this.take(row.doc as unknown as SaleDoc | MovementDoc | undefined);
      }
    }
    if (seq !== null) this.seq = seq;
    if (changes.length > 0 && !this.stopped) for (const listener of this.listeners) listener();
  }
}

function seqNumber(seq: string | number): number {
  return typeof seq === 'number' ? seq : Number.parseInt(seq, 10) || 0;
}
