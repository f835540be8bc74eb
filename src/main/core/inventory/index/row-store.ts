/**
 * The index's rows by slot. After a restart the rows live column by column in the snapshot's
 * buffers and become objects only when something asks for one (a page of results, an edit),
 * so a cold start builds no row objects at all. Rows written since start are plain objects
 * that shadow the snapshot's.
 */
import type { ItemSummary } from '@shared/api/inventory';
import { need, packStrings, stringAt, unpackStrings, type Arr, type Bundle, type PackedStrings } from './bundle';

type Key = keyof ItemSummary;
/** Unique strings, packed. The ones marked nullable keep a null flag per row. */
const TEXT = [
  'id',
  'rev',
  'sku',
  'title',
  'acquiredAt',
  'listedAt',
  'soldAt',
  'createdAt',
  'updatedAt',
  'ebayItemId',
] as const;
const NULLABLE_TEXT = new Set<Key>(['acquiredAt', 'listedAt', 'soldAt', 'ebayItemId']);
/** Few distinct values: a code per row into a list of values. */
const DICT = ['brand', 'category', 'condition', 'location', 'status', 'tags'] as const;
/** Rare and structured: JSON text per row, parsed when the row is built. */
const JSON_TEXT = ['photo'] as const;
/** Numbers; NaN stands for null. */
const NUM = ['cost', 'listPrice', 'salePrice', 'quantity', 'conflictCount'] as const;
const NULLABLE_NUM = new Set<Key>(['cost', 'listPrice', 'salePrice']);

/** Same key order as rowFromDoc, so every row shares one object shape. */
const ROW_KEYS = [
  'id',
  'rev',
  'sku',
  'title',
  'brand',
  'category',
  'condition',
  'location',
  'status',
  'cost',
  'listPrice',
  'salePrice',
  'quantity',
  'tags',
  'photo',
  'acquiredAt',
  'listedAt',
  'soldAt',
  'createdAt',
  'updatedAt',
  'conflictCount',
  'ebayItemId',
] as const satisfies readonly Key[];

interface Base {
  count: number;
  text: Map<Key, { packed: PackedStrings; nulls: Uint8Array | null }>;
  dict: Map<Key, { codes: Int32Array; values: unknown[] }>;
  json: Map<Key, PackedStrings>;
  num: Map<Key, Float64Array>;
}

export class RowStore {
  /** A row object, null for an empty slot, undefined for "as in the snapshot". */
  private rows: (ItemSummary | null | undefined)[] = [];
  private base: Base | null = null;

  get length(): number {
    return Math.max(this.rows.length, this.base?.count ?? 0);
  }

  isLive(slot: number): boolean {
    const r = this.rows[slot];
    return r === undefined ? slot < (this.base?.count ?? 0) : r !== null;
  }

  row(slot: number): ItemSummary | undefined {
    const r = this.rows[slot];
    if (r !== undefined) return r ?? undefined;
    if (!this.base || slot >= this.base.count) return undefined;
    const row: Record<string, unknown> = {};
    for (const key of ROW_KEYS) row[key] = this.baseField(slot, key);
    this.rows[slot] = row as ItemSummary;
    return row as ItemSummary;
  }

  /** One field of a live row, without building the row; undefined for an empty slot. */
  field<K extends Key>(slot: number, key: K): ItemSummary[K] | undefined {
    const r = this.rows[slot];
    if (r !== undefined) return r === null ? undefined : r[key];
    if (!this.base || slot >= this.base.count) return undefined;
    return this.baseField(slot, key) as ItemSummary[K];
  }

  set(slot: number, row: ItemSummary): void {
    this.rows[slot] = row;
  }

  clear(slot: number): void {
    this.rows[slot] = null;
  }

  private baseField(slot: number, key: Key): unknown {
    const base = this.base!;
    const num = base.num.get(key);
    if (num) {
      const v = num[slot]!;
      return Number.isNaN(v) ? null : v;
    }
    const dict = base.dict.get(key);
    if (dict) {
      const code = dict.codes[slot]!;
      // Tag lists are shared between rows; rows are replaced, never changed in place.
      return code < 0 ? null : dict.values[code];
    }
    const text = base.text.get(key);
    if (text) return text.nulls?.[slot] ? null : stringAt(text.packed, slot);
    const json = base.json.get(key)!;
    const s = stringAt(json, slot);
    return s === '' ? null : JSON.parse(s);
  }

  /** The given live slots, in that order, as columns. */
  dump(slots: readonly number[]): Bundle {
    const n = slots.length;
    const json: Record<string, unknown> = { count: n };
    const arrays: Record<string, Arr> = {};
    for (const key of TEXT) {
      const values: string[] = new Array(n);
      const nulls = NULLABLE_TEXT.has(key) ? new Uint8Array(n) : null;
      slots.forEach((slot, i) => {
        const v = this.field(slot, key) as string | null;
        if (v === null && nulls) nulls[i] = 1;
        values[i] = v ?? '';
      });
      const packed = packStrings(values);
      arrays[`${key}.blob`] = packed.blob;
      arrays[`${key}.offsets`] = packed.offsets;
      if (nulls) arrays[`${key}.nulls`] = nulls;
      json[`${key}.wide`] = packed.wide;
    }
    for (const key of DICT) {
      const codes = new Int32Array(n);
      const values: unknown[] = [];
      const seen = new Map<string, number>();
      slots.forEach((slot, i) => {
        const v = this.field(slot, key);
        if (v === null || v === undefined) return void (codes[i] = -1);
        const k = typeof v === 'string' ? v : JSON.stringify(v);
        let code = seen.get(k);
        if (code === undefined) {
          code = values.push(v) - 1;
          seen.set(k, code);
        }
        codes[i] = code;
      });
      arrays[`${key}.codes`] = codes;
      json[`${key}.values`] = values;
    }
    for (const key of JSON_TEXT) {
      const packed = packStrings(
        slots.map((slot) => {
          const v = this.field(slot, key);
          return v === null || v === undefined ? '' : JSON.stringify(v);
        }),
      );
      arrays[`${key}.blob`] = packed.blob;
      arrays[`${key}.offsets`] = packed.offsets;
      json[`${key}.wide`] = packed.wide;
    }
    for (const key of NUM) {
      const values = new Float64Array(n);
      slots.forEach((slot, i) => {
        const v = this.field(slot, key) as number | null;
        values[i] = v === null ? Number.NaN : v;
      });
      arrays[key] = values;
    }
    return { json, arrays };
  }

  /** A store whose slots 0..count-1 are the dumped rows. Throws on a damaged dump. */
  static load(b: Bundle): RowStore {
    const count = b.json.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new Error('index snapshot: no count');
    const base: Base = { count, text: new Map(), dict: new Map(), json: new Map(), num: new Map() };
    for (const key of TEXT) {
      const packed = unpackStrings(
        need(b, `${key}.blob`, Uint8Array),
        need(b, `${key}.offsets`, Uint32Array, count + 1),
        b.json[`${key}.wide`] === true,
      );
      const nulls = NULLABLE_TEXT.has(key) ? need(b, `${key}.nulls`, Uint8Array, count) : null;
      base.text.set(key, { packed, nulls });
    }
    for (const key of DICT) {
      const values = b.json[`${key}.values`];
      if (!Array.isArray(values)) throw new Error(`index snapshot: no values for ${key}`);
      base.dict.set(key, { codes: need(b, `${key}.codes`, Int32Array, count), values });
    }
    for (const key of JSON_TEXT) {
      base.json.set(
        key,
        unpackStrings(
          need(b, `${key}.blob`, Uint8Array),
          need(b, `${key}.offsets`, Uint32Array, count + 1),
          b.json[`${key}.wide`] === true,
        ),
      );
    }
    for (const key of NUM) {
      const values = need(b, key, Float64Array, count);
      if (!NULLABLE_NUM.has(key) && values.some(Number.isNaN)) throw new Error(`index snapshot: ${key} has gaps`);
      base.num.set(key, values);
    }
    const store = new RowStore();
    store.base = base;
    return store;
  }
}
