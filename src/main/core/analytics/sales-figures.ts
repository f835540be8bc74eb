/**
 * Sales figures of a dashboard: totals, weekly and monthly series, and categories and brands
 * ranked by profit. Definitions are in src/shared/api/analytics.ts. One pass over the sales
 * as typed arrays (see sale-columns.ts), items read from their mirror by key (item-columns.ts).
 */
import type { Dashboard, Group, Period } from '@shared/api/analytics';
import type { ItemColumns, ItemKeys } from './item-columns';
import { dayString, monthString } from './periods';
import type { SaleColumns } from './sale-columns';
import type { ReturnFact } from './sales-ledger';
import { cents, type ItemScope } from './stock-figures';

type Sums = { orders: number; units: number; revenue: number; profit: number };
const RANK = 5;

/** Sums per bucket number; `map` keeps only the buckets something was booked to. */
class Buckets {
  readonly orders: Float64Array;
  readonly units: Float64Array;
  readonly revenue: Float64Array;
  readonly profit: Float64Array;
  readonly booked: Uint8Array;
  constructor(size: number) {
    this.orders = new Float64Array(size);
    this.units = new Float64Array(size);
    this.revenue = new Float64Array(size);
    this.profit = new Float64Array(size);
    this.booked = new Uint8Array(size);
  }
  add(b: number, orders: number, units: number, revenue: number, profit: number): void {
    this.orders[b]! += orders;
    this.units[b]! += units;
    this.revenue[b]! += revenue;
    this.profit[b]! += profit;
    this.booked[b] = 1;
  }
  map<K>(keys: readonly K[]): Map<K, Sums> {
    const out = new Map<K, Sums>();
    for (let b = 0; b < this.booked.length; b++) {
      if (this.booked[b] !== 1) continue;
      const sums = {
        orders: this.orders[b]!,
        units: this.units[b]!,
        revenue: this.revenue[b]!,
        profit: this.profit[b]!,
      };
      out.set(keys[b]!, sums);
    }
    return out;
  }
}

export function salesFigures(
  sales: SaleColumns,
  returns: ReadonlyMap<string, ReturnFact>,
  items: ItemColumns,
  keys: ItemKeys,
  scope: ItemScope,
  unitsOnHand: number,
): Pick<Dashboard, 'sales' | 'categories' | 'brands'> {
  const { fromNo, toNo, allowed } = scope;
  const { live: itemLive, cost: itemCost, listed, filterCategory, category, brand } = items;
  const capacity = items.capacity;
  const inScope = (dayNo: number, k: number | undefined) =>
    dayNo >= fromNo &&
    dayNo <= toNo &&
    (!allowed || (k !== undefined && k < capacity && itemLive[k] === 1 && allowed[filterCategory[k]!] === 1));

  // Returns are few: only their items' sales are kept, to price each refund.
  const returnList = [...returns.values()].map((r) => ({
    r,
    k: keys.find(r.itemId),
    week: sales.weeks.id(r.week),
    month: sales.months.id(r.month),
  }));
  const returning = new Map<number, number[]>();
  for (const { k } of returnList) if (k !== undefined) returning.set(k, []);
  const flagged = new Uint8Array(keys.list.length);
  for (const k of returning.keys()) flagged[k] = 1;

  const weeks = new Buckets(sales.weeks.list.length);
  const months = new Buckets(sales.months.list.length);
  const groups = items.groupNames.list.length;
  const cats = new Buckets(groups);
  const brands = new Buckets(groups);
  let orders = 0;
  let units = 0;
  let gross = 0;
  let fees = 0;
  let shipping = 0;
  let cogs = 0;
  let withoutCost = 0;
  let days = 0;
  let timed = 0;

  const { live, item, dayNo, week, month, quantity, price, fees: feeOf, shipping: shippingOf } = sales;
  // Partial refunds (money back, no return) count as refunds in the sale's own period.
  let partial = 0;
  for (let i = 0; i < sales.length; i++) {
    if (live[i] !== 1) continue;
    const k = item[i]!;
    if (flagged[k] === 1) returning.get(k)!.push(i);
    const d = dayNo[i]!;
    if (d < fromNo || d > toNo) continue;
    // Sales of deleted items count as no category, no brand and no cost.
    const known = k < capacity && itemLive[k] === 1;
    if (allowed && !(known && allowed[filterCategory[k]!] === 1)) continue;
    const q = quantity[i]!;
    const g = q * price[i]!;
    const f = feeOf[i]!;
    const s = shippingOf[i]!;
    const c = known ? itemCost[k]! : Number.NaN;
    let cost = 0;
    if (c !== c) withoutCost++;
    else cost = q * c;
    orders++;
    units += q;
    gross += g;
    fees += f;
    shipping += s;
    cogs += cost;
    if (known) {
      days += Math.max(0, d - listed[k]!);
      timed++;
    }
    const p = g - f - s - cost;
    weeks.add(week[i]!, 1, q, g, p);
    months.add(month[i]!, 1, q, g, p);
    cats.add(known ? category[k]! : 0, 1, q, g, p);
    brands.add(known ? brand[k]! : 0, 1, q, g, p);
    const back = sales.refunded[i]!;
    if (back > 0) {
      partial += back;
      weeks.add(week[i]!, 0, 0, -back, -back);
      months.add(month[i]!, 0, 0, -back, -back);
      cats.add(known ? category[k]! : 0, 0, 0, -back, -back);
      brands.add(known ? brand[k]! : 0, 0, 0, -back, -back);
    }
  }

  let refunds = partial;
  let unitsReturned = 0;
  // A return refunds a sale: only units sold, minus those returned already, count (in the order
  // the returns came; not by time, since a sale dated by the seller is stamped at noon UTC).
  // Returned units with no recorded sale (sold before FlipSync, say) change stock, not money.
  returnList.sort((a, b) => (a.r.at < b.r.at ? -1 : a.r.at > b.r.at ? 1 : 0));
  const returnedSoFar = new Map<number, number>();
  for (const { r, k, week: w, month: m } of returnList) {
    const rows = k === undefined ? [] : returning.get(k)!;
    let sold = 0;
    for (const i of rows) sold += quantity[i]!;
    const before = k === undefined ? 0 : (returnedSoFar.get(k) ?? 0);
    const matched = Math.min(r.units, Math.max(0, sold - before));
    if (k !== undefined) returnedSoFar.set(k, before + matched);
    if (matched === 0 || !inScope(r.dayNo, k)) continue;
    const known = k !== undefined && k < capacity && itemLive[k] === 1;
    const refund = matched * refundPrice(sales, rows, r.at);
    const c = known ? itemCost[k]! : Number.NaN;
    const cogsBack = c !== c ? 0 : matched * c;
    refunds += refund;
    unitsReturned += matched;
    cogs -= cogsBack;
    const p = cogsBack - refund;
    weeks.add(w, 0, -matched, -refund, p);
    months.add(m, 0, -matched, -refund, p);
    cats.add(known ? category[k]! : 0, 0, -matched, -refund, p);
    brands.add(known ? brand[k]! : 0, 0, -matched, -refund, p);
  }

  const revenue = gross - refunds;
  const net = Math.max(0, units - unitsReturned);
  const denominator = net + unitsOnHand;
  const names = items.groupNames.list;
  return {
    sales: {
      orders,
      unitsSold: units,
      unitsReturned,
      grossSales: cents(gross),
      refunds: cents(refunds),
      revenue: cents(revenue),
      fees: cents(fees),
      shipping: cents(shipping),
      costOfGoods: cents(cogs),
      profit: cents(revenue - fees - shipping - cogs),
      salesWithoutCost: withoutCost,
      sellThroughPct: denominator > 0 ? round1((net / denominator) * 100) : null,
      avgDaysToSell: timed > 0 ? round1(days / timed) : null,
      byWeek: series(weeks.map(sales.weeks.list), 7, dayString),
      byMonth: series(months.map(sales.months.list), 1, monthString),
    },
    categories: rank(cats.map(names)),
    brands: rank(brands.map(names)),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The unit price of the item's latest sale on or before the return (else its first sale). */
function refundPrice(sales: SaleColumns, rows: number[], at: string): number {
  let best = -1;
  let first = -1;
  for (const i of rows) {
    const saleAt = sales.at[i]!;
    if (first < 0 || saleAt < sales.at[first]!) first = i;
    if (saleAt <= at && (best < 0 || saleAt > sales.at[best]!)) best = i;
  }
  const chosen = best >= 0 ? best : first;
  // What a unit still brought in: a return after a partial refund hands back only the rest.
  return chosen >= 0 ? sales.price[chosen]! - sales.refunded[chosen]! / sales.quantity[chosen]! : 0;
}

/** Every period from the first with activity to the last, quiet ones as zeros. */
function series(b: Map<number, Sums>, step: number, name: (key: number) => string): Period[] {
  if (b.size === 0) return [];
  const keys = [...b.keys()];
  const last = Math.max(...keys);
  const out: Period[] = [];
  for (let key = Math.min(...keys); key <= last; key += step) {
    const s = b.get(key);
    out.push(
      s
        ? { period: name(key), orders: s.orders, units: s.units, revenue: cents(s.revenue), profit: cents(s.profit) }
        : { period: name(key), orders: 0, units: 0, revenue: 0, profit: 0 },
    );
  }
  return out;
}

function rank(b: Map<string, Sums>): { top: Group[]; bottom: Group[] } {
  const groups = [...b]
    .map(([name, s]) => ({ name, units: s.units, revenue: cents(s.revenue), profit: cents(s.profit) }))
    .sort((x, y) => y.profit - x.profit || (x.name < y.name ? -1 : 1));
  return { top: groups.slice(0, RANK), bottom: groups.slice(Math.max(RANK, groups.length - RANK)).reverse() };
}
