/** Turning item documents into table rows, and the row-level pieces of a query. */
import type { ItemFilter, ItemSummary, SortColumn } from '@shared/api/inventory';
import type { ItemDoc } from '../docs';

export function rowFromDoc(doc: ItemDoc & { _rev: string }, quantity: number): ItemSummary {
  const f = doc.fields;
  return {
    id: doc._id,
    rev: doc._rev,
    sku: f.sku,
    title: f.title,
    brand: f.brand,
    category: f.category,
    condition: f.condition,
    location: f.location,
    status: f.status,
    cost: f.cost,
    listPrice: f.listPrice,
    salePrice: f.salePrice,
    quantity,
    tags: f.tags,
    photo: f.photos[0] ?? null,
    acquiredAt: f.acquiredAt,
    listedAt: f.listedAt,
    soldAt: f.soldAt,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    conflictCount: doc.conflicts?.length ?? 0,
    ebayItemId: f.ebayItemId ?? null,
  };
}

/**
 * The text a seller can search an item by. A SKU needs no token of its own: "abc-12" splits
 * into "abc" and "12" in the query exactly as in the SKU, and both must match.
 */
export function searchText(doc: ItemDoc): string[] {
  const f = doc.fields;
  return [f.title, f.sku, f.brand, f.category, f.tags.join(' '), f.notes, f.description, f.location];
}

/**
 * The day an item's age counts from: when it was acquired; for an item without that date
 * (an eBay listings report has none), when it was listed; else when it was added here. One
 * rule for the inventory's age filter and the dashboard's aging, so a click-through agrees.
 */
export function stockedSince(row: Pick<ItemSummary, 'acquiredAt' | 'listedAt' | 'createdAt'>): string {
  return row.acquiredAt ?? row.listedAt ?? row.createdAt.slice(0, 10);
}

export type SortKey = string | number | null;

/** The value a column sorts by; null sorts last in both directions. */
export function sortKey(row: ItemSummary, column: SortColumn): SortKey {
  const v = row[column];
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'string' ? v.toLowerCase() : v;
}

export function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const lowerSet = (values?: string[]) =>
  values && values.length > 0 ? new Set(values.map((v) => v.trim().toLowerCase())) : null;

const daysAgo = (days: number, today: Date) => {
  const d = new Date(today);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

/** Builds the row predicate of a filter once per query, so the scan does no parsing. */
export function rowPredicate(filter: ItemFilter, today = new Date()): (row: ItemSummary) => boolean {
  const status = filter.status && filter.status.length > 0 ? new Set(filter.status) : null;
  const category = lowerSet(filter.category);
  const brand = lowerSet(filter.brand);
  const location = lowerSet(filter.location);
  const tag = filter.tag?.toLowerCase();
  const { priceMin, priceMax } = filter;
  // Age N days or more means acquired on or before the date N days ago.
  const acquiredBy = filter.ageMinDays !== undefined ? daysAgo(filter.ageMinDays, today) : null;
  const acquiredSince = filter.ageMaxDays !== undefined ? daysAgo(filter.ageMaxDays, today) : null;
  return (row) => {
    if (status ? !status.has(row.status) : row.status === 'archived') return false;
    if (category && !category.has(row.category.toLowerCase())) return false;
    if (brand && !brand.has(row.brand.toLowerCase())) return false;
    if (location && !location.has(row.location.toLowerCase())) return false;
    if (tag && !row.tags.some((t) => t.toLowerCase() === tag)) return false;
    if (filter.ebay && (row.ebayItemId ? 'listed' : 'not-listed') !== filter.ebay) return false;
    if (priceMin !== undefined && (row.listPrice === null || row.listPrice < priceMin)) return false;
    if (priceMax !== undefined && (row.listPrice === null || row.listPrice > priceMax)) return false;
    if (acquiredBy || acquiredSince) {
      const acquired = stockedSince(row);
      if (acquiredBy && acquired > acquiredBy) return false;
      if (acquiredSince && acquired < acquiredSince) return false;
    }
    return true;
  };
}
