/**
 * Per-column sort orders of the index: slots ascending by a column (nulls last, then by id),
 * built on first use, then patched edit by edit. After a restart they are views on the
 * snapshot's buffer and become arrays only when first patched.
 */
import { SORT_COLUMNS, type SortColumn } from '@shared/api/inventory';
import { need, type Bundle } from './bundle';
import { compareKeys, type SortKey } from './rows';

export interface SortSource {
  /** Every live slot. */
  slots(): number[];
  /** One more than the highest slot. */
  slotCount(): number;
  keyAt(slot: number, column: SortColumn): SortKey;
  idAt(slot: number): string;
}

type Order = number[] | Int32Array;

export class SortOrders {
  private readonly orders = new Map<SortColumn, Order>();

  constructor(private readonly source: SortSource) {}

  clear(): void {
    this.orders.clear();
  }

  missing(): SortColumn[] {
    return SORT_COLUMNS.filter((c) => !this.orders.has(c));
  }

  /** Slots sorted ascending by a column (nulls last). */
  get(column: SortColumn): Order {
    let order = this.orders.get(column);
    if (!order) {
      const slots = this.source.slots();
      const keys: SortKey[] = new Array(this.source.slotCount());
      const ids: string[] = new Array(this.source.slotCount());
      for (const s of slots) {
        keys[s] = this.source.keyAt(s, column);
        ids[s] = this.source.idAt(s);
      }
      order = slots.sort((a, b) => compareKeys(keys[a]!, keys[b]!) || (ids[a]! < ids[b]! ? -1 : 1));
      this.orders.set(column, order);
    }
    return order;
  }

  /** Where the items without a value start in an order. */
  firstNull(order: Order, column: SortColumn): number {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.source.keyAt(order[mid]!, column) === null) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  remove(slot: number): void {
    for (const column of this.orders.keys()) {
      const order = this.editable(column);
      const at = order.indexOf(slot);
      if (at >= 0) order.splice(at, 1);
    }
  }

  insert(slot: number): void {
    for (const column of this.orders.keys()) {
      const order = this.editable(column);
      const key = this.source.keyAt(slot, column);
      const id = this.source.idAt(slot);
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const other = order[mid]!;
        const c = compareKeys(this.source.keyAt(other, column), key) || (this.source.idAt(other) < id ? -1 : 1);
        if (c < 0) lo = mid + 1;
        else hi = mid;
      }
      order.splice(lo, 0, slot);
    }
  }

  /** The built orders, as positions in the dumped slots. */
  dump(slots: readonly number[], slotCount: number): Bundle {
    const position = new Int32Array(slotCount);
    slots.forEach((slot, i) => (position[slot] = i));
    const arrays: Bundle['arrays'] = {};
    for (const [column, order] of this.orders) arrays[column] = Int32Array.from(order, (slot) => position[slot]!);
    return { json: { columns: [...this.orders.keys()] }, arrays };
  }

  load(b: Bundle, count: number): void {
    const columns = Array.isArray(b.json.columns) ? (b.json.columns as SortColumn[]) : [];
    for (const column of columns) {
      if (!SORT_COLUMNS.includes(column)) continue;
      this.orders.set(column, need(b, column, Int32Array, count));
    }
  }

  private editable(column: SortColumn): number[] {
    const order = this.orders.get(column)!;
    if (Array.isArray(order)) return order;
    const copy = Array.from(order);
    this.orders.set(column, copy);
    return copy;
  }
}
