/** Inventory figures of a dashboard: value, counts by status, aging of listed items. */
import { AGING_BUCKETS, type Dashboard } from '@shared/api/analytics';
import { ITEM_STATUSES, type ItemStatus } from '@shared/domain/inventory';
import { STATUS, type ItemColumns } from './item-columns';

export const cents = (n: number) => Math.round(n * 100) / 100;

/** Which aging bucket an age falls in; items acquired in the future count as new. */
export function agingBucket(ageDays: number): number {
  for (let i = 0; i < AGING_BUCKETS.length; i++) {
    const max = AGING_BUCKETS[i]!.maxDays;
    if (max === null || ageDays <= max) return i;
  }
  return AGING_BUCKETS.length - 1;
}

/** Which items a dashboard counts: acquired in the range, in the allowed categories. */
export interface ItemScope {
  fromNo: number;
  toNo: number;
  /** By filter-category number; null for every category. */
  allowed: Uint8Array | null;
}

export function stockFigures(items: ItemColumns, scope: ItemScope, todayNo: number): Dashboard['inventory'] {
  const { fromNo, toNo, allowed } = scope;
  const { live, status, quantity, cost, listPrice, acquired, filterCategory } = items;
  const statusCounts = new Array<number>(ITEM_STATUSES.length).fill(0);
  const aging = AGING_BUCKETS.map(() => 0);
  const listed = STATUS.listed;
  const archived = STATUS.archived;
  let count = 0;
  let unitsOnHand = 0;
  let valueAtCost = 0;
  let valueAtList = 0;
  let unitsWithoutCost = 0;
  let unitsWithoutListPrice = 0;
  for (let k = 0; k < items.capacity; k++) {
    if (live[k] !== 1) continue;
    const day = acquired[k]!;
    if (day < fromNo || day > toNo) continue;
    if (allowed && allowed[filterCategory[k]!] !== 1) continue;
    const s = status[k]!;
    count++;
    statusCounts[s]!++;
    if (s === listed) aging[agingBucket(todayNo - day)]!++;
    const q = quantity[k]!;
    if (s === archived || q <= 0) continue;
    unitsOnHand += q;
    // NaN marks "no cost" (or no list price).
    const c = cost[k]!;
    if (c !== c) unitsWithoutCost += q;
    else valueAtCost += q * c;
    const l = listPrice[k]!;
    if (l !== l) unitsWithoutListPrice += q;
    else valueAtList += q * l;
  }
  return {
    items: count,
    unitsOnHand,
    valueAtCost: cents(valueAtCost),
    valueAtList: cents(valueAtList),
    unitsWithoutCost,
    unitsWithoutListPrice,
    byStatus: Object.fromEntries(ITEM_STATUSES.map((s, i) => [s, statusCounts[i]!])) as Record<ItemStatus, number>,
    aging: AGING_BUCKETS.map((b, i) => ({ ...b, count: aging[i]! })),
  };
}
