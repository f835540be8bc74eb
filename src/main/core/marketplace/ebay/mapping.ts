/** eBay listings as FlipSync item fields. */
import type { ItemFields } from '@shared/domain/inventory';
import type { InventoryItem, Offer } from './rest';
import type { SiteDetails } from './trading';

export type ListingFields = Partial<ItemFields> & { sku: string };

const clip = (s: string, n: number) => s.trim().slice(0, n);
const day = (iso: string | null) => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null);

/** A listing without a Custom label is keyed by its item number, as the CSV import does. */
export const fallbackSku = (itemNumber: string) => `EBAY-${itemNumber}`;

export function fromSite(d: SiteDetails, sku: string): { fields: ListingFields; quantity: number } {
  return {
    fields: {
      sku,
      title: clip(d.title, 500),
      listPrice: d.price,
      category: clip(d.categoryName || d.categoryId, 200),
      condition: clip(d.conditionName, 100),
      specifics: d.specifics
        .slice(0, 100)
        .map((s) => ({ name: clip(s.name, 65), value: clip(s.value, 65) }))
        .filter((s) => s.name),
      listedAt: day(d.startTime),
      ebayItemId: d.itemId,
      status: 'listed',
    },
    quantity: Math.max(0, d.quantityAvailable),
  };
}

/** USED_EXCELLENT → "Used - Excellent", as Seller Hub shows conditions. */
export const CONDITIONS: Record<string, string> = {
  NEW: 'New',
  NEW_OTHER: 'New other',
  NEW_WITH_DEFECTS: 'New with defects',
  CERTIFIED_REFURBISHED: 'Certified - Refurbished',
  SELLER_REFURBISHED: 'Seller refurbished',
  LIKE_NEW: 'Like New',
  USED_EXCELLENT: 'Used - Excellent',
  USED_VERY_GOOD: 'Used - Very Good',
  USED_GOOD: 'Used - Good',
  USED_ACCEPTABLE: 'Used - Acceptable',
  FOR_PARTS_OR_NOT_WORKING: 'For parts or not working',
};

/** eBay sends aspects as an object of string lists (the contract types it string). */
function aspects(value: unknown): { name: string; value: string }[] {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return [];
    }
  }
  if (!v || typeof v !== 'object') return [];
  return Object.entries(v as Record<string, unknown>)
    .slice(0, 100)
    .map(([name, values]) => ({
      name: clip(name, 65),
      value: clip(Array.isArray(values) ? values.join(', ') : String(values), 65),
    }))
    .filter((s) => s.name);
}

export function fromApi(
  item: InventoryItem,
  offer: Offer,
  listingId: string,
): { fields: ListingFields; quantity: number } {
  const price = Number(offer.pricingSummary?.price?.value);
  return {
    fields: {
      sku: item.sku!,
      title: clip(item.product?.title ?? item.sku!, 500),
      listPrice: Number.isFinite(price) ? price : null,
      category: clip(offer.categoryId ?? '', 200),
      condition: item.condition ? (CONDITIONS[item.condition] ?? item.condition) : '',
      specifics: aspects(item.product?.aspects),
      ebayItemId: listingId,
      status: 'listed',
    },
    quantity: Math.max(0, offer.availableQuantity ?? item.availability?.shipToLocationAvailability?.quantity ?? 0),
  };
}
