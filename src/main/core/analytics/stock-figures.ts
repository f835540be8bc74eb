/** Inventory figures of a dashboard: value, counts by status, aging of listed items. */
import { AGING_BUCKETS, type Dashboard } from '@shared/api/analytics';
import type { ItemSummary } from '@shared/api/inventory';
import { ITEM_STATUSES, type ItemStatus } from '@shared/domain/inventory';
import { dayNumber } from './periods';

export const cents = (n: number) => Math.round(n * 100) / 100;

/** Age in days since acquired (or created): the rule of the inventory list's age filter. */
export const acquiredDay = (row: ItemSummary) => row.acquiredAt ?? row.createdAt.slice(0, 10);

/** Which aging bucket an age falls in; items acquired in the future count as new. */
export function agingBucket(ageDays: number): number {
  for (let i = 0; i < AGING_BUCKETS.length; i++) {
    const max = AGING_BUCKETS[i]!.maxDays;
    if (max === null || ageDays <= max) return i;
  }
  return AGING_BUCKETS.length - 1;
}

export function stockFigures(rows: readonly ItemSummary[], todayNo: number): Dashboard['inventory'] {
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
