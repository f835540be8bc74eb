/**
 * The in-memory inventory index: one row per item (slot), stock summed from movements,
 * full-text postings, and per-column sort orders kept current edit by edit. Applying a
 * document is idempotent, so the same change may arrive from a local write and again from
 * the changes feed (or from a replay after a snapshot) without counting twice.
 *
 * Loaded from a snapshot, it answers queries from the snapshot's buffers; the maps that only
 * writes need (ids, SKUs, stock by movement, term ids) are built on the first write.
 */
import type { ItemFilter, ItemSummary, ListQuery, SortColumn } from '@shared/api/inventory';
import { merge, part, type Bundle } from './bundle';
import type { ItemDoc } from '../docs';
import { FilterColumns } from './columns';
import { countFacets, type Facets } from './facets';
import { RowStore } from './row-store';
import { rowFromDoc, searchText, type SortKey } from './rows';
import { SortOrders } from './sort-orders';
import { StockLedger } from './stock-ledger';
import { TextIndex } from './text-index';

/** A document as the changes feed or allDocs hands it over (a deletion carries no body). */
export type ChangedDoc = { _id: string; _rev: string; _deleted?: boolean } & Record<string, unknown>;

export interface StockChange {
  id: string;
  before: number;
  after: number;
}

export interface ApplyResult {
  /** Items whose row or stock changed. */
  itemIds: Set<string>;
  stock: StockChange[];
}

/** Everything the index holds, as typed arrays plus a little JSON (see bundle.ts). */
export interface IndexDump {
  seq: string | number;
  /** Live items. */
  count: number;
  data: Bundle;
}

const gen = (rev: string) => Number.parseInt(rev, 10);
/** Above this many documents in one batch, rebuilding sort orders beats patching them. */
const PATCH_ORDERS_MAX = 500;

/** Ids by item id, by SKU (lower case) and by eBay item number. */
interface Lookup {
  slotOf: Map<string, number>;
  skus: Map<string, string[]>;
  ebay: Map<string, string[]>;
}

export class InventoryIndex {
  /** The database sequence everything up to which is applied. */
  seq: string | number = 0;
  private rows = new RowStore();
  private columns = new FilterColumns();
  private text = new TextIndex();
  private ledger = new StockLedger();
  private readonly orders = new SortOrders({
    slots: () => this.liveSlots(),
    slotCount: () => this.rows.length,
    keyAt: (slot, column) => this.keyAt(slot, column),
    idAt: (slot) => this.rows.field(slot, 'id')!,
  });
  private ids: Lookup | null = { slotOf: new Map(), skus: new Map(), ebay: new Map() };
  private readonly free: number[] = [];
  private live = 0;
  private facetCache: Facets | null = null;

  get size(): number {
    return this.live;
  }

  get(id: string): ItemSummary | undefined {
    const slot = this.lookup().slotOf.get(id);
    return slot === undefined ? undefined : this.rows.row(slot);
  }

  /** Whether this revision of a document is already applied (or needs no applying). */
  has(id: string, rev: string, deleted: boolean): boolean {
    if (id.startsWith('item:')) {
      const slot = this.lookup().slotOf.get(id);
      if (deleted) return slot === undefined && this.ledger.deletedAt(id) >= gen(rev);
      return slot !== undefined && this.rows.field(slot, 'rev') === rev;
    }
    if (id.startsWith('move:')) return deleted ? !this.ledger.hasMove(id) : this.ledger.hasMove(id);
    return true;
  }

  quantity(id: string): number {
    return this.ledger.quantity(id);
  }

  /** The generation at which an item was deleted here, 0 if it never was (or came back). */
  deletedAt(id: string): number {
    return this.ledger.deletedAt(id);
  }

  /**
   * Applies items a deletion here had hidden, given as the database's winning revisions:
   * PouchDB picks a live revision over a deleted one whatever their generations (an edit or
   * sale on another device beats a delete), so the deletion is forgotten.
   */
  revive(docs: ChangedDoc[]): ApplyResult {
    for (const doc of docs) this.ledger.revive(doc._id);
    return this.apply(docs);
  }

  /** Ids of live items with this SKU, compared without case. */
  idsBySku(sku: string): string[] {
    return this.lookup().skus.get(sku.trim().toLowerCase()) ?? [];
  }

  /** Ids of live items listed on eBay under this item number. */
  idsByEbayItemId(itemNumber: string): string[] {
    return this.lookup().ebay.get(itemNumber.trim()) ?? [];
  }

  apply(docs: ChangedDoc[]): ApplyResult {
    const result: ApplyResult = { itemIds: new Set(), stock: [] };
    if (docs.length > PATCH_ORDERS_MAX) this.orders.clear();
    for (const doc of docs) {
      if (doc._id.startsWith('item:')) this.applyItem(doc, result);
      else if (doc._id.startsWith('move:')) this.applyMove(doc, result);
      // Sales change no row: their `sold` movement carries the stock change.
    }
    if (result.itemIds.size > 0) this.facetCache = null;
    return result;
  }

  query(q: ListQuery): { items: ItemSummary[]; total: number; offset: number } {
    const items: ItemSummary[] = [];
    let total = 0;
    const end = q.offset + q.limit;
    this.scan(q, q.sort, q.dir, (slot) => {
      if (total >= q.offset && total < end) items.push(this.rows.row(slot)!);
      total++;
    });
    return { items, total, offset: q.offset };
  }

  /**
   * Visits every live item in slot order with a reader of its fields, building no row
   * objects: after a restart the rows are still the snapshot's columns, and a full read (the
   * dashboard's mirror) should leave them so.
   */
  eachItem(visit: (field: <K extends keyof ItemSummary>(key: K) => ItemSummary[K]) => void): void {
    const rows = this.rows;
    for (let slot = 0; slot < rows.length; slot++) {
      if (!rows.isLive(slot)) continue;
      visit((key) => rows.field(slot, key)!);
    }
  }

  /** Every item id matching a filter (for bulk edits on a filter). */
  matchIds(filter: ItemFilter): string[] {
    const ids: string[] = [];
    this.scan(filter, 'createdAt', 'asc', (slot) => ids.push(this.rows.field(slot, 'id')!));
    return ids;
  }

  facets(): Facets {
    this.facetCache ??= countFacets(this.rows);
    return this.facetCache;
  }

  dump(): IndexDump {
    const slots = this.liveSlots();
    return {
      seq: this.seq,
      count: slots.length,
      data: merge({
        rows: this.rows.dump(slots),
        columns: this.columns.dump(slots),
        text: this.text.dump(slots),
        orders: this.orders.dump(slots, this.rows.length),
        stock: this.ledger.dump(),
      }),
    };
  }

  /** An index answering queries straight from a dump. Throws when the dump is damaged. */
  static load(dump: IndexDump): InventoryIndex {
    const index = new InventoryIndex();
    const { count, data } = dump;
    index.seq = dump.seq;
    index.rows = RowStore.load(part(data, 'rows'));
    if (index.rows.length !== count) throw new Error('index snapshot: row count does not match');
    index.columns = FilterColumns.load(part(data, 'columns'), count);
    index.text = TextIndex.load(part(data, 'text'), count);
    index.orders.load(part(data, 'orders'), count);
    index.ledger = StockLedger.load(part(data, 'stock'));
    index.live = count;
    index.ids = null;
    return index;
  }

  /** Sort columns with no order built yet (after start, or after a large batch dropped them). */
  missingOrders(): SortColumn[] {
    return this.orders.missing();
  }

  /** Builds one column's order ahead of need, so the seller's first sort by it is instant. */
  warm(column: SortColumn): void {
    this.orders.get(column);
  }

  private scan(filter: ItemFilter, column: SortColumn, dir: 'asc' | 'desc', visit: (slot: number) => void): void {
    const match = filter.q ? this.text.match(filter.q, this.rows.length) : null;
    const keep = this.columns.compile(filter);
    const tag = filter.tag?.trim().toLowerCase();
    const ebay = filter.ebay;
    const rows = this.rows;
    const order = this.orders.get(column);
    const step = (slot: number) => {
      if (match && match[slot] !== 1) return;
      if (!keep(slot)) return;
      if (tag && !rows.field(slot, 'tags')!.some((t) => t.toLowerCase() === tag)) return;
      if (ebay && (rows.field(slot, 'ebayItemId') ? 'listed' : 'not-listed') !== ebay) return;
      visit(slot);
    };
    if (dir === 'asc') {
      for (let i = 0; i < order.length; i++) step(order[i]!);
      return;
    }
    // Descending, but items without a value still come last.
    const firstNull = this.orders.firstNull(order, column);
    for (let i = firstNull - 1; i >= 0; i--) step(order[i]!);
    for (let i = firstNull; i < order.length; i++) step(order[i]!);
  }

  /** The value a column sorts by (as sortKey in rows.ts); null sorts last in both directions. */
  private keyAt(slot: number, column: SortColumn): SortKey {
    const v = this.rows.field(slot, column);
    if (v === null || v === undefined || v === '') return null;
    return typeof v === 'string' ? v.toLowerCase() : (v as number);
  }

  private liveSlots(): number[] {
    const slots: number[] = [];
    for (let slot = 0; slot < this.rows.length; slot++) if (this.rows.isLive(slot)) slots.push(slot);
    return slots;
  }

  /** The id and SKU maps, built from the rows on first need. */
  private lookup(): Lookup {
    if (!this.ids) {
      this.ids = { slotOf: new Map(), skus: new Map(), ebay: new Map() };
      for (const slot of this.liveSlots()) {
        const id = this.rows.field(slot, 'id')!;
        this.ids.slotOf.set(id, slot);
        this.addKeys(
          { sku: this.rows.field(slot, 'sku')!, ebayItemId: this.rows.field(slot, 'ebayItemId') ?? null },
          id,
        );
      }
    }
    return this.ids;
  }

  private addKeys(row: Pick<ItemSummary, 'sku' | 'ebayItemId'>, id: string): void {
    const { skus, ebay } = this.lookup();
    add(skus, row.sku.trim().toLowerCase(), id);
    if (row.ebayItemId) add(ebay, row.ebayItemId.trim(), id);
  }

  private dropKeys(row: Pick<ItemSummary, 'sku' | 'ebayItemId'>, id: string): void {
    const { skus, ebay } = this.lookup();
    drop(skus, row.sku.trim().toLowerCase(), id);
    if (row.ebayItemId) drop(ebay, row.ebayItemId.trim(), id);
  }

  private applyItem(doc: ChangedDoc, result: ApplyResult): void {
    const id = doc._id;
    const g = gen(doc._rev);
    const { slotOf } = this.lookup();
    const slot = slotOf.get(id);
    const current = slot === undefined ? undefined : this.rows.row(slot);
    if (current && (current.rev === doc._rev || gen(current.rev) > g)) return;
    if (this.ledger.deletedAt(id) >= g) return;
    if (doc._deleted) {
      this.ledger.markDeleted(id, g);
      if (slot === undefined || !current) return;
      this.orders.remove(slot);
      this.text.remove(slot);
      this.columns.clear(slot);
      this.dropKeys(current, id);
      this.rows.clear(slot);
      slotOf.delete(id);
      this.free.push(slot);
      this.live--;
      result.itemIds.add(id);
      return;
    }
    const item = doc as unknown as ItemDoc & { _rev: string };
    const row = rowFromDoc(item, this.quantity(id));
    const at = slot ?? this.free.pop() ?? this.rows.length;
    if (current) {
      this.orders.remove(at);
      this.dropKeys(current, id);
    } else this.live++;
    this.rows.set(at, row);
    this.columns.set(at, row);
    slotOf.set(id, at);
    this.addKeys(row, id);
    this.text.set(at, searchText(item));
    this.orders.insert(at);
    result.itemIds.add(id);
  }

  private applyMove(doc: ChangedDoc, result: ApplyResult): void {
    const delta = doc._deleted ? null : typeof doc.delta === 'number' ? doc.delta : 0;
    const change = this.ledger.move(doc._id, delta);
    if (!change) return;
    const { itemId, before, after } = change;
    const slot = this.lookup().slotOf.get(itemId);
    const row = slot === undefined ? undefined : this.rows.row(slot);
    if (slot !== undefined && row) {
      this.orders.remove(slot);
      this.rows.set(slot, { ...row, quantity: after });
      this.orders.insert(slot);
    }
    result.itemIds.add(itemId);
    result.stock.push({ id: itemId, before, after });
  }
}

function add(map: Map<string, string[]>, key: string, id: string): void {
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

function drop(map: Map<string, string[]>, key: string, id: string): void {
  const ids = map.get(key)?.filter((x) => x !== id);
  if (ids && ids.length > 0) map.set(key, ids);
  else map.delete(key);
}
