/** The seller's sales joined to their items, read for pricing and market research. */
import type { CategoryChoice, MarketComps } from '@shared/api/agents';
import type { ItemSummary } from '@shared/api/inventory';
import type { Item } from '@shared/domain/inventory';
import type { SaleDoc } from '../../inventory/docs';
import type { InventoryService } from '../../inventory/service';

/** One sale as pricing and research need it (the sales ledger's facts have this shape). */
export interface SoldSale {
  itemId: string;
  quantity: number;
  /** Per unit. */
  price: number;
  /** For the whole sale. */
  fees: number;
  shipping: number;
  at: string;
}

/**
 * Where the sales come from: in the app, the sales ledger kept current from the changes feed
 * (pricing one item used to read every sale document); salesFromDocs where there is none.
 */
export type SalesSource = () => Promise<Iterable<SoldSale>>;
/** What agents read from the connected marketplace (eBay); each answers null when none is connected. */
export interface Marketplace {
  /** Live listings like the item (Browse). */
  comparables(item: Item, currency: string, signal?: AbortSignal): Promise<MarketComps | null>;
  /** Leaf categories for words that say what an item is, with their item specifics (Taxonomy). */
  categories(query: string, currency: string, signal?: AbortSignal): Promise<CategoryChoice[] | null>;
  /** One leaf category: its item specifics, and its name when known. */
  category(categoryId: string, currency: string, signal?: AbortSignal): Promise<CategoryChoice | null>;
}
export const NO_MARKETPLACE: Marketplace = {
  comparables: async () => null,
  categories: async () => null,
  category: async () => null,
};

export interface SoldRecord {
  sale: SoldSale;
  item: ItemSummary | null;
  /** Days from listed (or acquired) to sold; null when neither date is known. */
  daysToSell: number | null;
  /** Price less fees, shipping and the item's cost per unit; null without a cost. */
  profit: number | null;
}

const DAY = 86_400_000;

/** Every sale document, read afresh: for a core without a sales ledger. */
export const salesFromDocs =
  (inventory: InventoryService): SalesSource =>
  async () => {
    const rows = await inventory.db.allDocs<SaleDoc>({ startkey: 'sale:', endkey: 'sale:\uffff', include_docs: true });
    return rows.rows.flatMap(({ doc }) =>
      doc?.type === 'sale'
        ? [
            {
              itemId: doc.itemId,
              quantity: doc.quantity,
              price: doc.price,
              fees: doc.fees,
              shipping: doc.shippingCost,
              at: doc.at,
            },
          ]
        : [],
    );
  };

export async function readSold(
  sales: SalesSource,
  inventory: InventoryService,
  sinceDays?: number,
  now = new Date(),
): Promise<SoldRecord[]> {
  const since = sinceDays !== undefined ? now.getTime() - sinceDays * DAY : -Infinity;
  const out: SoldRecord[] = [];
  for (const sale of await sales()) {
    if (Date.parse(sale.at) < since) continue;
    const item = inventory.index.get(sale.itemId) ?? null;
    const start = item?.listedAt ?? item?.acquiredAt ?? null;
    const daysToSell = start
      ? Math.max(0, Math.round((Date.parse(sale.at) - Date.parse(`${start}T12:00:00Z`)) / DAY))
      : null;
    const profit =
      item?.cost != null
        ? Math.round((sale.price - (sale.fees + sale.shipping) / sale.quantity - item.cost) * 100) / 100
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
