/**
 * The ledger's sales as typed arrays, in the ledger's own order, with what the figures need
 * worked out once when a sale arrives: its item as a key, its day number, its week and month
 * as small bucket numbers. A request then sums numbers, with no lookup or string work per
 * sale. A deleted sale leaves a hole, closed up once holes outnumber the sales.
 */
import { Interner, type ItemKeys } from './item-columns';
import type { SaleFact } from './sales-ledger';
import { grown, nextCapacity } from '../typed-arrays';

const COMPACT_MIN_HOLES = 1024;

export class SaleColumns {
  /** Rows in use, holes included. */
  length = 0;
  capacity = 0;
  live = new Uint8Array(0);
  item = new Int32Array(0);
  dayNo = new Int32Array(0);
  /** Bucket numbers in `weeks` (week start day numbers) and `months` (month numbers). */
  week = new Int32Array(0);
  month = new Int32Array(0);
  quantity = new Float64Array(0);
  price = new Float64Array(0);
  fees = new Float64Array(0);
  shipping = new Float64Array(0);
  /** Refunded without a return (partial refunds), in all. */
  refunded = new Float64Array(0);
  at: string[] = [];
  readonly weeks = new Interner<number>();
  readonly months = new Interner<number>();
  readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private holes = 0;

  constructor(private readonly keys: ItemKeys) {}

  /** Adds a sale, or updates it in place (as a Map keeps a key's place when it is set again). */
  set(sale: SaleFact): void {
    let row = this.rowOf.get(sale.id);
    if (row === undefined) {
      if (this.length >= this.capacity) this.grow(this.length + 1);
      row = this.length++;
      this.rowOf.set(sale.id, row);
      this.ids[row] = sale.id;
    }
    this.live[row] = 1;
    this.item[row] = this.keys.id(sale.itemId);
    this.dayNo[row] = sale.dayNo;
    this.week[row] = this.weeks.id(sale.week);
    this.month[row] = this.months.id(sale.month);
    this.quantity[row] = sale.quantity;
    this.price[row] = sale.price;
    this.fees[row] = sale.fees;
    this.shipping[row] = sale.shipping;
    this.refunded[row] = sale.refunded ?? 0;
    this.at[row] = sale.at;
  }

  delete(id: string): void {
    const row = this.rowOf.get(id);
    if (row === undefined) return;
    this.rowOf.delete(id);
    this.live[row] = 0;
    this.holes++;
    if (this.holes >= COMPACT_MIN_HOLES && this.holes * 2 > this.length) this.compact();
  }

  /** Closes the holes, keeping the order. */
  private compact(): void {
    let to = 0;
    for (let from = 0; from < this.length; from++) {
      if (this.live[from] !== 1) continue;
      if (to !== from) {
        for (const column of [this.live, this.item, this.dayNo, this.week, this.month]) column[to] = column[from]!;
        for (const column of [this.quantity, this.price, this.fees, this.shipping, this.refunded])
          column[to] = column[from]!;
        this.at[to] = this.at[from]!;
        this.ids[to] = this.ids[from]!;
        this.rowOf.set(this.ids[to]!, to);
      }
      to++;
    }
    this.live.fill(0, to, this.length);
    this.at.length = to;
    this.ids.length = to;
    this.length = to;
    this.holes = 0;
  }

  private grow(min: number): void {
    const capacity = nextCapacity(min, this.capacity);
    this.live = grown(this.live, capacity);
    this.item = grown(this.item, capacity);
    this.dayNo = grown(this.dayNo, capacity);
    this.week = grown(this.week, capacity);
    this.month = grown(this.month, capacity);
    this.quantity = grown(this.quantity, capacity);
    this.price = grown(this.price, capacity);
    this.fees = grown(this.fees, capacity);
    this.shipping = grown(this.shipping, capacity);
    this.refunded = grown(this.refunded, capacity);
    this.capacity = capacity;
  }
}
