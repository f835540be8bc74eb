/**
 * Sales and returns as the dashboard needs them, kept in memory and current from the
 * inventory database's changes feed (local writes and sync alike). Sales (`sale:`) and stock
 * movements (`move:`) are append-only, so each is read once: the first start reads them all
 * (in the background — core does not wait), later starts load a snapshot and replay only
 * the changes since it.
 */
import type { Database } from '../db/open';
import type { MovementDoc, SaleDoc } from '../inventory/docs';
import { Interner, type ItemKeys } from './item-columns';
import { dayNumber, monthNumber, weekStart } from './periods';
import { SaleColumns } from './sale-columns';
import { readLedgerSnapshot, writeLedgerSnapshot, type StoredReturn, type StoredSale } from './ledger-snapshot';
import { logger } from '../log';
import { changeFeedOf, seqNumber, type Following } from '../db/change-feed';
import { readMany } from '../db/read-many';

const log = logger('analytics');

export interface SaleFact {
  id: string;
  itemId: string;
  quantity: number;
  price: number;
  fees: number;
  shipping: number;
  /** Refunded without a return (partial refunds), in all; 0 or absent when none. */
  refunded?: number;
  /** UTC day of the sale, its day number, its week (the Monday's day number) and month number. */
  day: string;
  dayNo: number;
  week: number;
  month: number;
  at: string;
}

export interface ReturnFact {
  id: string;
  itemId: string;
  units: number;
  day: string;
  dayNo: number;
  week: number;
  month: number;
  at: string;
}

const BATCH = 10_000;
/** Save the snapshot this long after the last change, so bursts write once. */
const SAVE_DELAY_MS = 15_000;
const SETTLE_MAX_MS = 5_000;
/** Changes that arrive within this long of the first are applied together. */
const FLUSH_MS = 20;
type Change = { id: string; deleted: boolean };

export class SalesLedger {
  readonly sales = new Map<string, SaleFact>();
  readonly returns = new Map<string, ReturnFact>();
  /** Item ids as numbers, shared with the dashboard's item mirror. */
  readonly keys: ItemKeys = new Interner<string>();
  /** The same sales as `sales`, in the same order, as typed arrays for the figures. */
  readonly columns = new SaleColumns(this.keys);
  /** Resolves once the ledger has caught up with the database as it was at start. */
  readonly ready: Promise<void>;
  private seq: string | number = 0;
  private feed: Following | null = null;
  private pending: Change[] = [];
  private pendingSeq: string | number | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private listeners = new Set<() => void>();

  /** Starts loading at once; calls made before it is ready wait for it. */
  constructor(
    private readonly db: Database,
    private readonly file: string | null,
  ) {
    this.ready = this.load();
    this.ready.catch((error) => log.error('could not read sales and returns', error));
  }

  /** Called after each burst of inventory changes is applied (items, sales or movements). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits until every change committed before the call is applied (read-your-writes). */
  async settle(): Promise<void> {
    await this.ready;
    const target = seqNumber((await this.db.info()).update_seq);
    // Bounded: should the feed ever stall, the figures come a little stale rather than never.
    const deadline = Date.now() + SETTLE_MAX_MS;
    while (!this.stopped && seqNumber(this.seq) < target) {
      if (this.timer) this.flushNow(); // someone waits: no point gathering more
      if (Date.now() > deadline) {
        log.warn('the inventory changes feed is behind; answering with what it has applied');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await this.flushing;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.ready.catch(() => undefined);
    this.feed?.cancel();
    if (this.timer) clearTimeout(this.timer);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    await this.flushing;
    if (this.dirty) await this.save();
  }

  private async load(): Promise<void> {
    // The sequence first: whatever lands while reading arrives again through the feed.
    const info = await this.db.info();
    const snapshot = this.file ? await readLedgerSnapshot(this.file) : null;
    // A snapshot ahead of the database belongs to another (since replaced) database.
    if (snapshot && seqNumber(snapshot.seq) <= seqNumber(info.update_seq)) {
      for (const sale of snapshot.sales) this.take(sale);
      for (const ret of snapshot.returns) this.take(ret);
      this.seq = snapshot.seq;
    } else {
      this.seq = info.update_seq;
      await Promise.all([this.readRange('sale:'), this.readRange('move:')]);
      this.markDirty();
    }
    if (!this.stopped) this.follow();
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    this.dirty = false;
    try {
      await writeLedgerSnapshot(this.file, this.seq, [...this.sales.values()], [...this.returns.values()]);
    } catch (error) {
      log.warn('could not save the sales snapshot', error);
    }
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.stopped || this.saveTimer || !this.file) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (this.dirty && !this.stopped) void this.save();
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
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

  private take(doc: SaleDoc | MovementDoc | StoredSale | StoredReturn | undefined): void {
    if (!doc) return;
    if (!('type' in doc)) {
      const fact = { ...doc, ...when(doc.at) };
      if ('units' in fact) this.returns.set(fact.id, fact);
      else this.setSale(fact);
      return;
    }
    if (doc.type === 'sale') {
      this.setSale({
        id: doc._id,
        itemId: doc.itemId,
        quantity: doc.quantity,
        price: doc.price,
        fees: doc.fees,
        shipping: doc.shippingCost,
        ...(doc.refunded ? { refunded: doc.refunded } : {}),
        ...when(doc.at),
        at: doc.at,
      });
    } else if (doc.type === 'move' && doc.kind === 'returned' && doc.delta > 0) {
      this.returns.set(doc._id, {
        id: doc._id,
        itemId: doc.itemId,
        units: doc.delta,
        ...when(doc.at),
        at: doc.at,
      });
    }
  }

  private setSale(sale: SaleFact): void {
    this.sales.set(sale.id, sale);
    this.columns.set(sale);
  }

  private follow(): void {
    this.feed = changeFeedOf(this.db, 'inventory').follow(
      this.seq,
      (change) => {
        this.pending.push({ id: change.id, deleted: change.deleted });
        if (this.pendingSeq === null || change.seq > seqNumber(this.pendingSeq)) this.pendingSeq = change.seq;
        // The feed hands changes over one at a time: a burst (a page of eBay orders, an import
        // chunk) is read back in one call rather than one per change.
        this.timer ??= setTimeout(() => this.flushNow(), FLUSH_MS);
      },
      (error) => {
        if (!this.stopped) log.error('the inventory changes feed stopped', error);
      },
    );
  }

  private flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing
      .then(() => this.flush())
      .catch((error) => {
        if (!this.stopped) log.error('could not apply inventory changes', error);
      });
  }

  private async flush(): Promise<void> {
    const changes = this.pending;
    const seq = this.pendingSeq;
    this.pending = [];
    const read: string[] = [];
    for (const { id, deleted } of changes) {
      if (!id.startsWith('sale:') && !id.startsWith('move:')) continue;
      if (deleted) {
        this.sales.delete(id);
        this.columns.delete(id);
        this.returns.delete(id);
      } else {
        read.push(id);
      }
    }
    if (read.length > 0 && !this.stopped) {
      for (const { doc } of await readMany<SaleDoc | MovementDoc>(this.db, [...new Set(read)])) {
        if (doc) this.take(doc);
      }
    }
    if (seq !== null && seqNumber(seq) > seqNumber(this.seq)) this.seq = seq;
    if (read.length > 0) this.markDirty();
    if (changes.length > 0 && !this.stopped) for (const listener of this.listeners) listener();
  }
}

/** The calendar keys of an instant, worked out once when the document is read. */
function when(at: string) {
  const day = at.slice(0, 10);
  const dayNo = dayNumber(day);
  return { day, dayNo, week: weekStart(dayNo), month: monthNumber(day) };
}
