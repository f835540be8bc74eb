/**
 * Dashboard analytics: every figure computed from the seller's databases on request.
 *
 * Definitions (the tests compute these by hand):
 * - Dates are UTC calendar days (YYYY-MM-DD); a week starts on Monday and is named by that day.
 * - `from`/`to` select sales and returns by their date, agent runs and proposals by when they
 *   were created, AI spend by day, and items by when they were acquired (acquired date, or the
 *   day the item was created when it has none) — the same age rule as the inventory filter.
 * - `category` selects items, the sales and returns of those items, and proposals about them.
 *   Agent runs and AI spend are not tied to a category and are not split by it.
 * - Revenue = units × price of each sale − refunds. A return (a `returned` stock movement)
 *   refunds its units at the price of the item's latest sale on or before it; the fees and
 *   shipping of the sale stay spent, and the unit's cost leaves the cost of goods.
 * - Profit = revenue − fees − shipping − cost of goods, cost being the item's cost per unit.
 *   Sales of items without a cost count it as 0 and are counted in `salesWithoutCost`.
 */
import { z } from 'zod';
import { DateSchema, ItemStatusSchema } from '../domain/inventory';
import { route } from './route';

export const AnalyticsFilterSchema = z
  .object({
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    category: z.array(z.string().trim().max(200)).max(200).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const problem = rangeProblem(f);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: ['from'] });
  });
export type AnalyticsFilter = z.infer<typeof AnalyticsFilterSchema>;

/**
 * The one rule for a date range, in the seller's words. The dashboard store checks it before
 * asking core and core's schema refuses with the same sentence, so a reversed range reads the
 * same whichever answers first.
 */
export function rangeProblem(f: { from?: string; to?: string }): { message: string; hint: string } | null {
  if (!f.from || !f.to || f.from <= f.to) return null;
  return {
    message: `The range starts (${f.from}) after it ends (${f.to}).`,
    hint: 'Pick an earlier From date or a later To date.',
  };
}

const Count = z.number().int().nonnegative();
const Money = z.number();

export const AGING_BUCKETS = [
  { key: '0-30', label: '0–30 days', minDays: 0, maxDays: 30 },
  { key: '31-90', label: '31–90 days', minDays: 31, maxDays: 90 },
  { key: '91-180', label: '91–180 days', minDays: 91, maxDays: 180 },
  { key: '181+', label: 'Over 180 days', minDays: 181, maxDays: null },
] as const;

export const AgingBucketSchema = z.object({
  key: z.string(),
  label: z.string(),
  minDays: Count,
  maxDays: Count.nullable(),
  count: Count,
});

export const PeriodSchema = z.object({
  /** A month (YYYY-MM) or the Monday a week starts on (YYYY-MM-DD). */
  period: z.string(),
  orders: Count,
  units: z.number().int(),
  revenue: Money,
  profit: Money,
});
export type Period = z.infer<typeof PeriodSchema>;

export const GroupSchema = z.object({
  /** '' for items without a category (or brand), and for sales of deleted items. */
  name: z.string(),
  units: z.number().int(),
  revenue: Money,
  profit: Money,
});
export type Group = z.infer<typeof GroupSchema>;
const Ranking = z.object({ top: z.array(GroupSchema), bottom: z.array(GroupSchema) });

export const DashboardSchema = z.object({
  /** The UTC day the figures were computed for (ages count to it). */
  today: z.string(),
  filter: z.object({
    from: z.string().optional(),
    to: z.string().optional(),
    category: z.array(z.string()).optional(),
  }),
  inventory: z.object({
    /** Items selected by the filter, archived ones included (see byStatus). */
    items: Count,
    /** Units on hand of items that are not archived. */
    unitsOnHand: Count,
    valueAtCost: Money,
    valueAtList: Money,
    /** Units on hand whose item has no cost (or no list price): left out of that value. */
    unitsWithoutCost: Count,
    unitsWithoutListPrice: Count,
    byStatus: z.record(ItemStatusSchema, Count),
    /** Listed items by age in days since acquired (else since listed, else since added). */
    aging: z.array(AgingBucketSchema),
  }),
  sales: z.object({
    orders: Count,
    unitsSold: Count,
    unitsReturned: Count,
    grossSales: Money,
    refunds: Money,
    revenue: Money,
    fees: Money,
    shipping: Money,
    costOfGoods: Money,
    profit: Money,
    salesWithoutCost: Count,
    /** Net units sold ÷ (net units sold + units on hand), in percent; null with nothing to sell. */
    sellThroughPct: z.number().nullable(),
    /** Days from listed (or acquired, or created) to sold, averaged over sales; null without sales. */
    avgDaysToSell: z.number().nullable(),
    byWeek: z.array(PeriodSchema),
    byMonth: z.array(PeriodSchema),
  }),
  categories: Ranking,
  brands: Ranking,
  agents: z.object({
    runs: Count,
    succeeded: Count,
    failed: Count,
    /** Runs whose model answered without using the seller's data (no tool call). */
    noResult: Count,
    running: Count,
    /** Succeeded ÷ (succeeded + failed + no result), in percent; null before any run finished. */
    successRatePct: z.number().nullable(),
    proposals: z.object({ created: Count, pending: Count, approved: Count, rejected: Count }),
    /** Agent documents that could not be read (written by a newer FlipSync, say). */
    unreadable: Count,
  }),
  ai: z.object({
    today: z.object({
      day: z.string(),
      spentUsd: z.number(),
      budgetUsd: z.number(),
      calls: Count,
      unpricedCalls: Count,
      blocked: z.boolean(),
    }),
    /** Spend over the selected days (local days, as the budget counts them). */
    rangeSpentUsd: z.number(),
    rangeCalls: Count,
    byDay: z.array(z.object({ day: z.string(), spentUsd: z.number(), calls: Count })),
  }),
  /** How long the figures took to compute, in milliseconds (shown small on the page). */
  computeMs: z.number().nonnegative(),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const analyticsRoutes = {
  'analytics.dashboard': route({
    summary: 'Every dashboard figure for a date range and categories, computed from the databases.',
    input: AnalyticsFilterSchema,
    output: DashboardSchema,
  }),
};

/** Something the dashboard counts changed (inventory, sales, agent runs, AI usage, budget). */
export const AnalyticsChangedEventSchema = z.object({
  sources: z.array(z.enum(['inventory', 'agents', 'ai'])),
});
