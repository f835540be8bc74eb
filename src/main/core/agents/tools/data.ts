/** The seller's sales joined to their items, read for pricing and market research. */
import type { ItemSummary } from '@shared/api/inventory';
import type { SaleDoc } from '../../inventory/docs';
import type { InventoryService } from '../../inventory/service';

export interface SoldRecord {
  sale: SaleDoc;
  item: ItemSummary | null;
  /** Days from listed (or acquired) to sold; null when neither date is known. */
  daysToSell: number | null;
  /** Price less fees, shipping and the item's cost per unit; null without a cost. */
  profit: number | null;
}

const DAY = 86_400_000;

export async function readSold(
  inventory: InventoryService,
  sinceDays?: number,
  now = new Date(),
): Promise<SoldRecord[]> {
  const rows = await inventory.db.allDocs<SaleDoc>({ startkey: 'sale:', endkey: 'sale:\uffff', include_docs: true });
  const since = sinceDays !== undefined ? now.getTime() - sinceDays * DAY : -Infinity;
  const out: SoldRecord[] = [];
  for (const r of rows.rows) {
    const sale = r.doc;
    if (!sale || sale.type !== 'sale' || Date.parse(sale.at) < since) continue;
    const item = inventory.index.get(sale.itemId) ?? null;
    const start = item?.listedAt ?? item?.acquiredAt ?? null;
    const daysToSell = start
      ? Math.max(0, Math.round((Date.parse(sale.at) - Date.parse(`${start}T12:00:00Z`)) / DAY))
      : null;
    const profit =
      item?.cost != null
        ? Math.round((sale.price - (sale.fees + sale.shippingCost) / sale.quantity - item.cost) * 100) / 100
        : null;
    out.push({ sale, item, daysToSell, profit });
  }
  return out;
}

export const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const tokens = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 2),
  );
