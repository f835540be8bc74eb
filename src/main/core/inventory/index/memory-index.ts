/**
 * The in-memory inventory index: one row per item (slot), stock summed from movements,
 * full-text postings, and per-column sort orders kept current edit by edit. Applying a
 * document is idempotent, so the same change may arrive from a local write and again from
 * the changes feed (or from a replay after a snapshot) without counting twice.
 */
import {
  SORT_COLUMNS,
  type ItemFilter,
  type ItemSummary,
  type ListQuery,
  type SortColumn,
} from '@shared/api/inventory';
import type { ItemDoc } from '../docs';
import { FilterColumns } from './columns';
import { compareKeys, rowFromDoc, searchText, sortKey, type SortKey } from './rows';
import { TextIndex, type TextIndexDump } from './text-index';

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

export interface IndexDump {
  seq: string | number;
  rows: ItemSummary[];
  moves: [string, number][];
  tombstones: [string, number][];
  text: TextIndexDump;
  /** Built sort orders, as positions in `rows`: a restart needs no sorting. */
  orders: [SortColumn, Int32Array][];
}

const gen = (rev: string) => Number.parseInt(rev, 10);
/** move:<itemUlid>:<ulid> belongs to item:<itemUlid>. */
const itemOfMove = (moveId: string) => `item:${moveId.split(':')[1]}`;
/** Above this many documents in one batch, rebuilding sort orders beats patching them. */
const PATCH_ORDERS_MAX = 500;

type Facet = { value: string; count: number }[];
export type Facets = Record<'category' | 'brand' | 'location' | 'tag' | 'status', Facet>;

export class InventoryIndex {
  /** The database sequence everything up to which is applied. */
  seq: string | number = 0;
  private rows: (ItemSummary | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly text = new TextIndex();
  private readonly columns = new FilterColumns();
  private readonly moves = new Map<string, number>();
  private readonly stock = new Map<string, number>();
  private readonly tombstones = new Map<string, number>();
  private readonly skus = new Map<string, string[]>();
  private readonly orders = new Map<SortColumn, number[]>();
  private facetCache: Facets | null = null;

  get size(): number {
    return this.slotOf.size;
  }

  get(id: string): ItemSummary | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.rows[slot];
  }

  /** Whether this revision of a document is already applied (or needs no applying). */
  has(id: string, rev: string, deleted: boolean): boolean {
    if (id.startsWith('item:')) {
      if (deleted) return !this.slotOf.has(id) && (this.tombstones.get(id) ?? 0) >= gen(rev);
      return this.get(id)?.rev === rev;
    }
    if (id.startsWith('move:')) return deleted ? !this.moves.has(id) : this.moves.has(id);
    return true;
  }

  quantity(id: string): number {
    return this.stock.get(id) ?? 0;
  }

  /** Ids of live items with this SKU, compared without case. */
  idsBySku(sku: string): string[] {
    return this.skus.get(sku.trim().toLowerCase()) ?? [];
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
    this.scan(q, q.sort, q.dir, (row) => {
      if (total >= q.offset && items.length < q.limit) items.push(row);
      total++;
    });
    return { items, total, offset: q.offset };
  }

  /** Every item id matching a filter (for bulk edits on a filter). */
  matchIds(filter: ItemFilter): string[] {
    const ids: string[] = [];
    this.scan(filter, 'createdAt', 'asc', (row) => ids.push(row.id));
    return ids;
  }

  facets(): Facets {
    if (this.facetCache) return this.facetCache;
    const counters = { category: new Map(), brand: new Map(), location: new Map(), tag: new Map(), status: new Map() };
    const bump = (m: Map<string, number>, v: string) => v && m.set(v, (m.get(v) ?? 0) + 1);
    for (const row of this.rows) {
      if (!row) continue;
      bump(counters.category, row.category);
      bump(counters.brand, row.brand);
      bump(counters.location, row.location);
      bump(counters.status, row.status);
      for (const tag of row.tags) bump(counters.tag, tag);
    }
    const list = (m: Map<string, number>) =>
      [...m]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    this.facetCache = {
      category: list(counters.category),
      brand: list(counters.brand),
      location: list(counters.location),
      tag: list(counters.tag),
      status: list(counters.status),
    };
    return this.facetCache;
  }

  dump(): IndexDump {
    const slots = [...this.slotOf.values()].sort((a, b) => a - b);
    return {
      seq: this.seq,
      rows: slots.map((s) => this.rows[s]!),
      moves: [...this.moves],
      tombstones: [...this.tombstones],
      text: this.text.dump(slots),
      orders: this.dumpOrders(slots),
    };
  }

  private dumpOrders(slots: number[]): [SortColumn, Int32Array][] {
    const position = new Int32Array(this.rows.length);
    slots.forEach((slot, i) => (position[slot] = i));
    return [...this.orders].map(([column, order]) => [column, Int32Array.from(order, (slot) => position[slot]!)]);
  }

  static load(dump: IndexDump): InventoryIndex {
    const index = new InventoryIndex();
    index.seq = dump.seq;
    index.rows = dump.rows;
    dump.rows.forEach((row, slot) => {
      index.slotOf.set(row.id, slot);
      index.columns.set(slot, row);
      index.addSku(row.sku, row.id);
    });
    for (const [id, delta] of dump.moves) {
      index.moves.set(id, delta);
      const item = itemOfMove(id);
      index.stock.set(item, (index.stock.get(item) ?? 0) + delta);
    }
    for (const [id, g] of dump.tombstones) index.tombstones.set(id, g);
    index.text.load(dump.text);
    for (const [column, order] of dump.orders) {
      if (order.length === dump.rows.length) index.orders.set(column, Array.from(order));
    }
    return index;
  }

  private scan(filter: ItemFilter, column: SortColumn, dir: 'asc' | 'desc', visit: (row: ItemSummary) => void): void {
    const match = filter.q ? this.text.match(filter.q, this.rows.length) : null;
    const keep = this.columns.compile(filter);
    const tag = filter.tag?.trim().toLowerCase();
    const rows = this.rows;
    const order = this.order(column);
    const step = (slot: number) => {
      if (match && match[slot] !== 1) return;
      if (!keep(slot)) return;
      const row = rows[slot]!;
      if (tag && !row.tags.some((t) => t.toLowerCase() === tag)) return;
      visit(row);
    };
    if (dir === 'asc') {
      for (let i = 0; i < order.length; i++) step(order[i]!);
      return;
    }
    // Descending, but items without a value still come last.
    const firstNull = this.firstNull(order, column);
    for (let i = firstNull - 1; i >= 0; i--) step(order[i]!);
    for (let i = firstNull; i < order.length; i++) step(order[i]!);
  }

  private compareSlots(column: SortColumn, a: number, b: number): number {
    const ra = this.rows[a]!;
    const rb = this.rows[b]!;
    return compareKeys(sortKey(ra, column), sortKey(rb, column)) || (ra.id < rb.id ? -1 : ra.id > rb.id ? 1 : 0);
  }

  /** Sort columns with no order built yet (after start, or after a large batch dropped them). */
  missingOrders(): SortColumn[] {
    return SORT_COLUMNS.filter((c) => !this.orders.has(c));
  }

  /** Builds one column's order ahead of need, so the seller's first sort by it is instant. */
  warm(column: SortColumn): void {
    this.order(column);
  }

  /** Slots sorted ascending by a column (nulls last), built on first use and then patched. */
  private order(column: SortColumn): number[] {
    let order = this.orders.get(column);
    if (!order) {
      const keys: SortKey[] = new Array(this.rows.length);
      const ids: string[] = new Array(this.rows.length);
      const slots = [...this.slotOf.values()];
      for (const s of slots) {
        keys[s] = sortKey(this.rows[s]!, column);
        ids[s] = this.rows[s]!.id;
      }
      order = slots.sort(
        (a, b) =>
          compareKeys(keys[a] as SortKey, keys[b] as SortKey) || ((ids[a] as string) < (ids[b] as string) ? -1 : 1),
      );
      this.orders.set(column, order);
    }
    return order;
  }

  private firstNull(order: number[], column: SortColumn): number {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortKey(this.rows[order[mid]!]!, column) === null) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private unorder(slot: number): void {
    for (const order of this.orders.values()) {
      const at = order.indexOf(slot);
      if (at >= 0) order.splice(at, 1);
    }
  }

  private reorder(slot: number): void {
    for (const [column, order] of this.orders) {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.compareSlots(column, order[mid]!, slot) < 0) lo = mid + 1;
        else hi = mid;
      }
      order.splice(lo, 0, slot);
    }
  }

  private addSku(sku: string, id: string): void {
    const key = sku.trim().toLowerCase();
    const ids = this.skus.get(key);
    if (!ids) this.skus.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }

  private dropSku(sku: string, id: string): void {
    const key = sku.trim().toLowerCase();
    const ids = this.skus.get(key)?.filter((x) => x !== id);
    if (ids && ids.length > 0) this.skus.set(key, ids);
    else this.skus.delete(key);
  }

  private applyItem(doc: ChangedDoc, result: ApplyResult): void {
    const id = doc._id;
    const g = gen(doc._rev);
    const slot = this.slotOf.get(id);
    const current = slot === undefined ? undefined : this.rows[slot];
    if (current && (current.rev === doc._rev || gen(current.rev) > g)) return;
    if ((this.tombstones.get(id) ?? 0) >= g) return;
    if (doc._deleted) {
      this.tombstones.set(id, g);
      if (slot === undefined || !current) return;
      this.unorder(slot);
      this.text.remove(slot);
      this.columns.clear(slot);
      this.dropSku(current.sku, id);
      this.rows[slot] = undefined;
      this.slotOf.delete(id);
      this.free.push(slot);
      result.itemIds.add(id);
      return;
    }
    const item = doc as unknown as ItemDoc & { _rev: string };
    const row = rowFromDoc(item, this.quantity(id));
    const at = slot ?? this.free.pop() ?? this.rows.length;
    if (current) {
      this.unorder(at);
      this.dropSku(current.sku, id);
    }
    this.rows[at] = row;
    this.columns.set(at, row);
    this.slotOf.set(id, at);
    this.addSku(row.sku, id);
    this.text.set(at, searchText(item));
    this.reorder(at);
    result.itemIds.add(id);
  }

  private applyMove(doc: ChangedDoc, result: ApplyResult): void {
    const id = doc._id;
    const itemId = itemOfMove(id);
    const known = this.moves.get(id);
    let change: number;
    if (doc._deleted) {
      if (known === undefined) return;
      this.moves.delete(id);
      change = -known;
    } else {
      const delta = typeof doc.delta === 'number' ? doc.delta : 0;
      if (known === delta) return;
      this.moves.set(id, delta);
      change = delta - (known ?? 0);
    }
    const before = this.quantity(itemId);
    const after = before + change;
    this.stock.set(itemId, after);
    const slot = this.slotOf.get(itemId);
    if (slot !== undefined && this.rows[slot]) {
      this.unorder(slot);
      this.rows[slot] = { ...this.rows[slot]!, quantity: after };
      this.reorder(slot);
    }
    result.itemIds.add(itemId);
    result.stock.push({ id: itemId, before, after });
  }
}
