/**
 * The filterable fields of every row as typed arrays by slot, so a query at 100k items
 * scans numbers instead of lower-casing strings on objects (which the garbage collector then
 * pays for). Must answer exactly as `rowPredicate` in rows.ts; the index tests hold it to that.
 */
import { ITEM_STATUSES } from '@shared/domain/inventory';
import type { ItemFilter, ItemSummary } from '@shared/api/inventory';
import { need, type Bundle } from './bundle';
import { grown, nextCapacity } from '../../typed-arrays';
import { stockedSince } from './rows';

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.floor(Date.parse(date.slice(0, 10)) / DAY_MS);

/** Lower-cased values interned to small numbers. */
class Dictionary {
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    const key = value.trim().toLowerCase();
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
  keys(): string[] {
    return [...this.ids.keys()];
  }
  static of(keys: unknown): Dictionary {
    if (!Array.isArray(keys)) throw new Error('index snapshot: a filter dictionary is missing');
    const d = new Dictionary();
    keys.forEach((k, i) => d.ids.set(String(k), i));
    return d;
  }
  /** A lookup table marking the given values, or null for "any". */
  allowed(values?: string[]): Uint8Array | null {
    if (!values || values.length === 0) return null;
    const table = new Uint8Array(this.ids.size + 1);
    for (const v of values) {
      const id = this.ids.get(v.trim().toLowerCase());
      if (id !== undefined) table[id] = 1;
    }
    return table;
  }
}

export class FilterColumns {
  private capacity = 0;
  private live = new Uint8Array(0);
  private status = new Uint8Array(0);
  private category = new Int32Array(0);
  private brand = new Int32Array(0);
  private location = new Int32Array(0);
  private price = new Float64Array(0);
  private acquired = new Int32Array(0);
  private categories = new Dictionary();
  private brands = new Dictionary();
  private locations = new Dictionary();

  set(slot: number, row: ItemSummary): void {
    if (slot >= this.capacity) this.grow(slot + 1);
    this.live[slot] = 1;
    this.status[slot] = ITEM_STATUSES.indexOf(row.status);
    this.category[slot] = this.categories.id(row.category);
    this.brand[slot] = this.brands.id(row.brand);
    this.location[slot] = this.locations.id(row.location);
    this.price[slot] = row.listPrice ?? Number.NaN;
    this.acquired[slot] = dayNumber(stockedSince(row));
  }

  clear(slot: number): void {
    if (slot < this.capacity) this.live[slot] = 0;
  }

  /** Compiles a filter (all but text and tag) into a test of a slot. */
  compile(filter: ItemFilter, today = new Date()): (slot: number) => boolean {
    let statusMask = 0;
    for (const s of filter.status ?? []) statusMask |= 1 << ITEM_STATUSES.indexOf(s);
    if (statusMask === 0) statusMask = ((1 << ITEM_STATUSES.length) - 1) & ~(1 << ITEM_STATUSES.indexOf('archived'));
    const category = this.categories.allowed(filter.category);
    const brand = this.brands.allowed(filter.brand);
    const location = this.locations.allowed(filter.location);
    const priceMin = filter.priceMin ?? Number.NEGATIVE_INFINITY;
    const priceMax = filter.priceMax ?? Number.POSITIVE_INFINITY;
    const pricing = filter.priceMin !== undefined || filter.priceMax !== undefined;
    const todayNumber = dayNumber(today.toISOString());
    const acquiredBy = filter.ageMinDays !== undefined ? todayNumber - filter.ageMinDays : Number.POSITIVE_INFINITY;
    const acquiredSince = filter.ageMaxDays !== undefined ? todayNumber - filter.ageMaxDays : Number.NEGATIVE_INFINITY;
    const { live, status, price, acquired } = this;
    const cats = this.category;
    const brands = this.brand;
    const locs = this.location;
    return (slot) =>
      live[slot] === 1 &&
      (statusMask & (1 << status[slot]!)) !== 0 &&
      (!category || category[cats[slot]!] === 1) &&
      (!brand || brand[brands[slot]!] === 1) &&
      (!location || location[locs[slot]!] === 1) &&
      (!pricing || (price[slot]! >= priceMin && price[slot]! <= priceMax)) &&
      acquired[slot]! <= acquiredBy &&
      acquired[slot]! >= acquiredSince;
  }

  /** The given live slots' columns, in that order (dumped slot i becomes slot i). */
  dump(slots: readonly number[]): Bundle {
    const pick = <T extends Uint8Array | Int32Array | Float64Array>(from: T, make: (n: number) => T): T => {
      const out = make(slots.length);
      slots.forEach((slot, i) => (out[i] = from[slot]!));
      return out;
    };
    return {
      json: { categories: this.categories.keys(), brands: this.brands.keys(), locations: this.locations.keys() },
      arrays: {
        status: pick(this.status, (n) => new Uint8Array(n)),
        category: pick(this.category, (n) => new Int32Array(n)),
        brand: pick(this.brand, (n) => new Int32Array(n)),
        location: pick(this.location, (n) => new Int32Array(n)),
        price: pick(this.price, (n) => new Float64Array(n)),
        acquired: pick(this.acquired, (n) => new Int32Array(n)),
      },
    };
  }

  /** Columns for slots 0..count-1, all live. The arrays are copied: later writes grow them. */
  static load(b: Bundle, count: number): FilterColumns {
    const c = new FilterColumns();
    c.grow(count);
    c.live.fill(1, 0, count);
    c.status.set(need(b, 'status', Uint8Array, count));
    c.category.set(need(b, 'category', Int32Array, count));
    c.brand.set(need(b, 'brand', Int32Array, count));
    c.location.set(need(b, 'location', Int32Array, count));
    c.price.set(need(b, 'price', Float64Array, count));
    c.acquired.set(need(b, 'acquired', Int32Array, count));
    c.categories = Dictionary.of(b.json.categories);
    c.brands = Dictionary.of(b.json.brands);
    c.locations = Dictionary.of(b.json.locations);
    return c;
  }

  private grow(min: number): void {
    const capacity = nextCapacity(min, this.capacity);
    this.live = grown(this.live, capacity);
    this.status = grown(this.status, capacity);
    this.category = grown(this.category, capacity);
    this.brand = grown(this.brand, capacity);
    this.location = grown(this.location, capacity);
    this.price = grown(this.price, capacity);
    this.acquired = grown(this.acquired, capacity);
    this.capacity = capacity;
  }
}
