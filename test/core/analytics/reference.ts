/**
 * The straightforward computation the dashboard's incremental structures are held to: the
 * inventory figures from the index's rows (through its own filter), the sales figures by
 * walking the ledger's Maps and looking each item up. This is how the figures were computed
 * before the typed-array mirror; a test compares the two after every kind of change.
 */
import {
  AGING_BUCKETS,
  type AnalyticsFilter,
  type Dashboard,
  type Group,
  type Period,
} from '../../../src/shared/api/analytics';
import type { ItemSummary } from '../../../src/shared/api/inventory';
import { ITEM_STATUSES, type ItemStatus } from '../../../src/shared/domain/inventory';
import { dayNumber, dayString, monthString } from '../../../src/main/core/analytics/periods';
import type { ReturnFact, SaleFact, SalesLedger } from '../../../src/main/core/analytics/sales-ledger';
import type { InventoryIndex } from '../../../src/main/core/inventory/index/memory-index';

const cents = (n: number) => Math.round(n * 100) / 100;

/** Age in days since acquired (else listed, else created): the rule of the inventory list's age filter. */
const acquiredDay = (row: ItemSummary) => row.acquiredAt ?? row.listedAt ?? row.createdAt.slice(0, 10);

/** Which aging bucket an age falls in; items acquired in the future count as new. */
function agingBucket(ageDays: number): number {
  for (let i = 0; i < AGING_BUCKETS.length; i++) {
    const max = AGING_BUCKETS[i]!.maxDays;
    if (max === null || ageDays <= max) return i;
  }
  return AGING_BUCKETS.length - 1;
}

function stockFigures(rows: readonly ItemSummary[], todayNo: number): Dashboard['inventory'] {
  const byStatus = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  const aging = AGING_BUCKETS.map(() => 0);
  let unitsOnHand = 0;
  let valueAtCost = 0;
  let valueAtList = 0;
  let unitsWithoutCost = 0;
  let unitsWithoutListPrice = 0;
  for (const row of rows) {
    byStatus[row.status]++;
    if (row.status === 'listed') aging[agingBucket(todayNo - dayNumber(acquiredDay(row)))]!++;
    if (row.status === 'archived' || row.quantity <= 0) continue;
    const q = row.quantity;
    unitsOnHand += q;
    if (row.cost === null) unitsWithoutCost += q;
    else valueAtCost += q * row.cost;
    if (row.listPrice === null) unitsWithoutListPrice += q;
    else valueAtList += q * row.listPrice;
  }
  return {
    items: rows.length,
    unitsOnHand,
    valueAtCost: cents(valueAtCost),
    valueAtList: cents(valueAtList),
    unitsWithoutCost,
    unitsWithoutListPrice,
    byStatus,
    aging: AGING_BUCKETS.map((b, i) => ({ ...b, count: aging[i]! })),
  };
}

interface SalesScope {
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

function salesFigures(
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
  // Each return, oldest first, refunds at most the units of the item sold and not returned
  // yet; the rest (no recorded sale) is stock only.
  const returnedSoFar = new Map<string, number>();
  for (const r of [...returns.values()].sort((a, b) => a.at.localeCompare(b.at))) {
    const itemSales = returning.get(r.itemId) ?? [];
    const sold = itemSales.reduce((n, s) => n + s.quantity, 0);
    const before = returnedSoFar.get(r.itemId) ?? 0;
    const units = Math.min(r.units, Math.max(0, sold - before));
    returnedSoFar.set(r.itemId, before + units);
    const row = lookup(r.itemId);
    if (units === 0 || !inScope(r.dayNo, row)) continue;
    const refund = units * refundPrice(itemSales, r.at);
    const cogsBack = row?.cost == null ? 0 : units * row.cost;
    refunds += refund;
    unitsReturned += units;
    t.cogs -= cogsBack;
    book(r, row, 0, -units, -refund, cogsBack - refund);
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

/** The inventory and sales figures as the dashboard computed them before (unfiltered rows via the index's own filter). */
export function referenceFigures(index: InventoryIndex, ledger: SalesLedger, filter: AnalyticsFilter, todayNo: number) {
  const ages: { ageMinDays?: number; ageMaxDays?: number } = {};
  if (filter.to) ages.ageMinDays = todayNo - dayNumber(filter.to);
  if (filter.from) ages.ageMaxDays = todayNo - dayNumber(filter.from);
  const rows = index.query({
    status: [...ITEM_STATUSES],
    category: filter.category,
    ...ages,
    sort: 'createdAt',
    dir: 'asc',
    offset: 0,
    limit: Number.MAX_SAFE_INTEGER,
  }).items;
  const inventory = stockFigures(rows, todayNo);
  const categories =
    filter.category && filter.category.length > 0 ? new Set(filter.category.map((c) => c.toLowerCase())) : null;
  const sales = salesFigures(
    ledger.sales,
    ledger.returns,
    {
      fromNo: filter.from ? dayNumber(filter.from) : -Infinity,
      toNo: filter.to ? dayNumber(filter.to) : Infinity,
      categories,
      lookup: (id) => index.get(id),
    },
    inventory.unitsOnHand,
  );
  return { inventory, ...sales };
}
