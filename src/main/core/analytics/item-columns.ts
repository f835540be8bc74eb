/**
 * The item fields the dashboard sums, mirrored from the inventory index into typed arrays by
 * item key, with every date already a day number and every category already a number. A
 * request then loops over numbers instead of walking the index and parsing strings per row.
 *
 * Kept current by `inventory.changed` (every change the index applies names its items, stock
 * changes included): changed ids are re-read from the index on the next request. Should the
 * index be replaced, or hold a different number of items than the mirror, it is read whole.
 */
import { ITEM_STATUSES } from '@shared/domain/inventory';
import type { ItemSummary } from '@shared/api/inventory';
import type { InventoryIndex } from '../inventory/index/memory-index';
import { dayNumber } from './periods';
import { grown, nextCapacity } from '../typed-arrays';

/** Values (names, week numbers) interned to small numbers, in order of first appearance. */
export class Interner<T> {
  readonly list: T[] = [];
  private readonly ids = new Map<T, number>();
  id(value: T): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(value, id);
      this.list.push(value);
    }
    return id;
  }
  find(value: T): number | undefined {
    return this.ids.get(value);
  }
}

/** Item ids as small numbers, shared by the item mirror and the sales ledger. */
export type ItemKeys = Interner<string>;

/** How categories compare in filters: the inventory list's rule, so click-throughs agree. */
export const filterName = (category: string) => category.trim().toLowerCase();

export const STATUS = Object.fromEntries(ITEM_STATUSES.map((s, i) => [s, i])) as Record<
  (typeof ITEM_STATUSES)[number],
  number
>;

export class ItemColumns {
  capacity = 0;
  live = new Uint8Array(0);
  status = new Uint8Array(0);
  quantity = new Float64Array(0);
  /** NaN when the item has no cost (or no list price). */
  cost = new Float64Array(0);
  listPrice = new Float64Array(0);
  /** Day number the item is stocked since (acquired, else listed, else created): the age and date-range rule. */
  acquired = new Int32Array(0);
  /** Day number it was listed (else acquired): where days-to-sell count from. */
  listed = new Int32Array(0);
  /** The category as filters compare it, in `filterNames`. */
  filterCategory = new Int32Array(0);
  /** The category and brand exactly as written, in `groupNames` ('' is always 0). */
  category = new Int32Array(0);
  brand = new Int32Array(0);
  readonly filterNames = new Interner<string>();
  readonly groupNames = new Interner<string>();
  private source: InventoryIndex | null = null;
  private liveCount = 0;
  private readonly changed = new Set<string>();

  constructor(private readonly keys: ItemKeys) {
    this.groupNames.id('');
  }

  /** Items the index changed; re-read on the next `sync`. */
  markChanged(ids: readonly string[]): void {
    if (!this.source) return;
    for (const id of ids) this.changed.add(id);
  }

  /** Brings the mirror up to the index, and makes room for every item key handed out. */
  sync(index: InventoryIndex): void {
    if (index === this.source) {
      for (const id of this.changed) this.set(id, index.get(id));
      this.changed.clear();
    }
    // A count that disagrees means changes reached the index unannounced: read it whole.
    if (index !== this.source || this.liveCount !== index.size) this.rebuild(index);
    if (this.capacity < this.keys.list.length) this.grow(this.keys.list.length);
  }

  private rebuild(index: InventoryIndex): void {
    this.changed.clear();
    this.live.fill(0);
    this.liveCount = 0;
    // Field by field from the index's columns: no row objects for 100k items.
    index.eachItem((field) => this.fill(field('id'), field));
    this.source = index;
  }

  private set(id: string, row: ItemSummary | undefined): void {
    if (row) return this.fill(id, (key) => row[key]);
    const k = this.keys.id(id);
    if (k >= this.capacity) this.grow(k + 1);
    if (this.live[k] === 1) this.liveCount--;
    this.live[k] = 0;
  }

  private fill(id: string, field: <K extends keyof ItemSummary>(key: K) => ItemSummary[K]): void {
    const k = this.keys.id(id);
    if (k >= this.capacity) this.grow(k + 1);
    if (this.live[k] !== 1) this.liveCount++;
    this.live[k] = 1;
    this.status[k] = STATUS[field('status')];
    this.quantity[k] = field('quantity');
    this.cost[k] = field('cost') ?? Number.NaN;
    this.listPrice[k] = field('listPrice') ?? Number.NaN;
    const listedAt = field('listedAt');
    const acquired = dayNumber(field('acquiredAt') ?? listedAt ?? field('createdAt').slice(0, 10));
    this.acquired[k] = acquired;
    this.listed[k] = listedAt ? dayNumber(listedAt) : acquired;
    const category = field('category');
    this.filterCategory[k] = this.filterNames.id(filterName(category));
    this.category[k] = this.groupNames.id(category);
    this.brand[k] = this.groupNames.id(field('brand'));
  }

  private grow(min: number): void {
    const capacity = nextCapacity(min, this.capacity);
    this.live = grown(this.live, capacity);
    this.status = grown(this.status, capacity);
    this.quantity = grown(this.quantity, capacity);
    this.cost = grown(this.cost, capacity);
    this.listPrice = grown(this.listPrice, capacity);
    this.acquired = grown(this.acquired, capacity);
    this.listed = grown(this.listed, capacity);
    this.filterCategory = grown(this.filterCategory, capacity);
    this.category = grown(this.category, capacity);
    this.brand = grown(this.brand, capacity);
    this.capacity = capacity;
  }

  /** A table of the filter-category numbers a filter allows, or null for every category. */
  allowed(categories: readonly string[] | undefined): Uint8Array | null {
    if (!categories || categories.length === 0) return null;
    const table = new Uint8Array(this.filterNames.list.length);
    for (const c of categories) {
      const id = this.filterNames.find(filterName(c));
      if (id !== undefined) table[id] = 1;
    }
    return table;
  }

  /** Whether an item key is a live item in the allowed categories (all when null). */
  selected(k: number | undefined, allowed: Uint8Array | null): boolean {
    if (!allowed) return true;
    return k !== undefined && k < this.capacity && this.live[k] === 1 && allowed[this.filterCategory[k]!] === 1;
  }
}
