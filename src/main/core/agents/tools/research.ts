/**
 * Market research from the seller's own sales, computed in code: sell-through, days to sell,
 * profit, best and worst groups, price bands. The model only reads and explains the numbers.
 */
import { z } from 'zod';
import type { ItemSummary } from '@shared/api/inventory';
import { median, readSold, type SoldRecord } from './data';
import { tool } from './tool';

const BANDS = [0, 10, 25, 50, 100, 250, Infinity] as const;
const round = (n: number | null, d = 2) => (n === null ? null : Math.round(n * 10 ** d) / 10 ** d);

interface Group {
  key: string;
  unitsSold: number;
  revenue: number;
  profits: number[];
  days: number[];
  /** Listings still unsold in this group. */
  unsold: number;
}

function summarise(groups: Map<string, Group>) {
  return [...groups.values()]
    .map((g) => ({
      group: g.key,
      unitsSold: g.unitsSold,
      revenue: round(g.revenue),
      sellThrough: round(g.unitsSold + g.unsold > 0 ? g.unitsSold / (g.unitsSold + g.unsold) : null, 3),
      medianDaysToSell: median(g.days),
      avgProfit: round(g.profits.length ? g.profits.reduce((a, b) => a + b, 0) / g.profits.length : null),
      unsoldListings: g.unsold,
    }))
    .sort((a, b) => b.revenue! - a.revenue!);
}

export function groupSales(
  sold: SoldRecord[],
  listed: ItemSummary[],
  key: (i: { category: string; brand: string; price: number }) => string,
) {
  const groups = new Map<string, Group>();
  const get = (k: string) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { key: k, unitsSold: 0, revenue: 0, profits: [], days: [], unsold: 0 }));
    return g;
  };
  for (const s of sold) {
    const g = get(key({ category: s.item?.category ?? '', brand: s.item?.brand ?? '', price: s.sale.price }));
    g.unitsSold += s.sale.quantity;
    g.revenue += s.sale.price * s.sale.quantity;
    if (s.profit !== null) g.profits.push(s.profit);
    if (s.daysToSell !== null) g.days.push(s.daysToSell);
  }
  for (const r of listed)
    get(key({ category: r.category, brand: r.brand, price: r.listPrice ?? 0 })).unsold += Math.max(r.quantity, 1);
  return summarise(groups);
}

export const bandOf = (price: number) => {
  const i = BANDS.findIndex((b, k) => price >= b && price < (BANDS[k + 1] ?? Infinity));
  const hi = BANDS[i + 1];
  return hi === Infinity ? `${BANDS[i]}+` : `${BANDS[i]}–${hi}`;
};

export const salesStats = tool({
  name: 'sales_stats',
  description:
    "The seller's sales grouped by category, brand or price band: units sold, revenue, sell-through, median days to sell, average profit. Sorted by revenue; best first.",
  input: z
    .object({
      groupBy: z.enum(['category', 'brand', 'priceBand']),
      sinceDays: z.number().int().min(1).max(3650).optional(),
      limit: z.number().int().min(1).max(50).default(15),
    })
    .strict(),
  async run({ groupBy, sinceDays, limit }, ctx) {
    const sold = await readSold(ctx.sales, ctx.inventory, sinceDays, ctx.now());
    const listed = ctx.inventory.index.matchIds({ status: ['listed'] }).map((id) => ctx.inventory.index.get(id)!);
    const key =
      groupBy === 'priceBand'
        ? (i: { price: number }) => bandOf(i.price)
        : (i: { category: string; brand: string }) => i[groupBy] || '(none)';
    const groups = groupSales(sold, listed, key);
    return {
      salesCounted: sold.length,
      groups: groups.slice(0, limit),
      worst: groups.length > limit ? groups.slice(-Math.min(5, groups.length - limit)) : [],
    };
  },
});
