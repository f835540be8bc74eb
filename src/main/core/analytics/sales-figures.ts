/**
 * Sales figures of a dashboard: totals, weekly and monthly series, and categories and brands
 * ranked by profit. Definitions are in src/shared/api/analytics.ts.
 */
import type { Dashboard, Group, Period } from '@shared/api/analytics';
import type { ItemSummary } from '@shared/api/inventory';
import { dayNumber, dayString, monthString } from './periods';
import type { ReturnFact, SaleFact } from './sales-ledger';
import { acquiredDay, cents } from './stock-figures';

export interface SalesScope {
  fromNo: number;
  toNo: number;
  /** Lower-cased categories, or null for all. */
  categories: Set<string> | null;
  lookup: (itemId: string) => ItemSummary | undefined;
}

type Sums = { orders: number; units: number; revenue: number; profit: number };
const RANK = 5;

class Buckets<K extends string | number> {
  readonly map = new Map<K, Sums>();
  add(key: K, orders: number, units: number, revenue: number, profit: number): void {
    let s = this.map.get(key);
    if (!s) this.map.set(key, (s = { orders: 0, units: 0, revenue: 0, profit: 0 }));
    s.orders += orders;
    s.units += units;
    s.revenue += revenue;
    s.profit += profit;
  }
}

export function salesFigures(
  sales: ReadonlyMap<string, SaleFact>,
  returns: ReadonlyMap<string, ReturnFact>,
  scope: SalesScope,
  unitsOnHand: number,
): Pick<Dashboard, 'sales' | 'categories' | 'brands'> {
  const { fromNo, toNo, categories, lookup } = scope;
  const inScope = (dayNo: number, row: ItemSummary | undefined) =>
    dayNo >= fromNo &&
    dayNo <= toNo &&
    (!categories || (row !== undefined && categories.has(row.category.toLowerCase())));

  // Returns are few: only their items' sales are kept, to price each refund.
  const returning = new Map<string, SaleFact[]>();
  for (const r of returns.values()) returning.set(r.itemId, []);

  const t = { orders: 0, units: 0, gross: 0, fees: 0, shipping: 0, cogs: 0, withoutCost: 0, days: 0, timed: 0 };
  const weeks = new Buckets<number>();
  const months = new Buckets<number>();
  const cats = new Buckets<string>();
  const brands = new Buckets<string>();
  const book = (
    at: SaleFact | ReturnFact,
    row: ItemSummary | undefined,
    o: number,
    u: number,
    rev: number,
    p: number,
  ) => {
    weeks.add(at.week, o, u, rev, p);
    months.add(at.month, o, u, rev, p);
    cats.add(row?.category ?? '', o, u, rev, p);
    brands.add(row?.brand ?? '', o, u, rev, p);
  };

  for (const sale of sales.values()) {
    returning.get(sale.itemId)?.push(sale);
    const row = lookup(sale.itemId);
    if (!inScope(sale.dayNo, row)) continue;
    const gross = sale.quantity * sale.price;
    const cost = row?.cost ?? null;
    if (cost === null) t.withoutCost++;
    const cogs = cost === null ? 0 : sale.quantity * cost;
    t.orders++;
    t.units += sale.quantity;
    t.gross += gross;
    t.fees += sale.fees;
    t.shipping += sale.shipping;
    t.cogs += cogs;
    if (row) {
      t.days += Math.max(0, sale.dayNo - dayNumber(row.listedAt ?? acquiredDay(row)));
      t.timed++;
    }
    book(sale, row, 1, sale.quantity, gross, gross - sale.fees - sale.shipping - cogs);
  }

  let refunds = 0;
  let unitsReturned = 0;
  for (const r of returns.values()) {
    const row = lookup(r.itemId);
    if (!inScope(r.dayNo, row)) continue;
    const refund = r.units * refundPrice(returning.get(r.itemId) ?? [], r.at);
    const cogsBack = row?.cost == null ? 0 : r.units * row.cost;
    refunds += refund;
    unitsReturned += r.units;
    t.cogs -= cogsBack;
    book(r, row, 0, -r.units, -refund, cogsBack - refund);
  }

  const revenue = t.gross - refunds;
  const net = Math.max(0, t.units - unitsReturned);
  const denominator = net + unitsOnHand;
  return {
    sales: {
      orders: t.orders,
      unitsSold: t.units,
      unitsReturned,
      grossSales: cents(t.gross),
      refunds: cents(refunds),
      revenue: cents(revenue),
      fees: cents(t.fees),
      shipping: cents(t.shipping),
      costOfGoods: cents(t.cogs),
      profit: cents(revenue - t.fees - t.shipping - t.cogs),
      salesWithoutCost: t.withoutCost,
      sellThroughPct: denominator > 0 ? round1((net / denominator) * 100) : null,
      avgDaysToSell: t.timed > 0 ? round1(t.days / t.timed) : null,
      byWeek: series(weeks, 7, dayString),
      byMonth: series(months, 1, monthString),
    },
    categories: rank(cats),
    brands: rank(brands),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The unit price of the item's latest sale on or before the return (else its first sale). */
function refundPrice(sales: SaleFact[], at: string): number {
  let best: SaleFact | undefined;
  let first: SaleFact | undefined;
  for (const s of sales) {
    if (!first || s.at < first.at) first = s;
    if (s.at <= at && (!best || s.at > best.at)) best = s;
  }
  return (best ?? first)?.price ?? 0;
}

/** Every period from the first with activity to the last, quiet ones as zeros. */
function series(b: Buckets<number>, step: number, name: (key: number) => string): Period[] {
  if (b.map.size === 0) return [];
  const keys = [...b.map.keys()];
  const last = Math.max(...keys);
  const out: Period[] = [];
  for (let key = Math.min(...keys); key <= last; key += step) {
    const s = b.map.get(key);
    out.push(
      s
        ? { period: name(key), orders: s.orders, units: s.units, revenue: cents(s.revenue), profit: cents(s.profit) }
        : { period: name(key), orders: 0, units: 0, revenue: 0, profit: 0 },
    );
  }
  return out;
}

function rank(b: Buckets<string>): { top: Group[]; bottom: Group[] } {
  const groups = [...b.map]
    .map(([name, s]) => ({ name, units: s.units, revenue: cents(s.revenue), profit: cents(s.profit) }))
    .sort((x, y) => y.profit - x.profit || (x.name < y.name ? -1 : 1));
  return { top: groups.slice(0, RANK), bottom: groups.slice(Math.max(RANK, groups.length - RANK)).reverse() };
}
