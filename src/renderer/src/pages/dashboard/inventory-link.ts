/**
 * Click-through from a dashboard figure to the inventory list showing what it counts.
 *
 * The address is `#/inventory?<query>` where the query holds the inventory list's own
 * filter fields (ItemFilter in src/shared/api/inventory.ts): lists repeat their key
 * (`status=listed&status=ready`), numbers are plain decimals. For example
 * `#/inventory?status=listed&category=Shoes&ageMinDays=31&ageMaxDays=90`.
 * `filterFromInventoryQuery` reads it back, checked against the same schema.
 */
import { ItemFilterSchema, type AnalyticsFilter, type ItemFilter } from '@shared/api';
import type { ItemStatus } from '@shared/domain/inventory';
import { useInventoryTable } from '../../stores/inventory-table';

const LISTS = new Set(['status', 'category', 'brand', 'location']);
const NUMBERS = new Set(['priceMin', 'priceMax', 'ageMinDays', 'ageMaxDays']);

export function inventoryQuery(filter: ItemFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  return params.toString();
}

export const inventoryHref = (filter: ItemFilter) => `#/inventory?${inventoryQuery(filter)}`;

/** The filter a `#/inventory?…` address carries; null when it is not a valid one. */
export function filterFromInventoryQuery(query: string): ItemFilter | null {
  const params = new URLSearchParams(query.replace(/^.*\?/, ''));
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    if (LISTS.has(key)) raw[key] = params.getAll(key);
    else if (NUMBERS.has(key)) raw[key] = Number(params.get(key));
    else raw[key] = params.get(key);
  }
  const parsed = ItemFilterSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Shows the inventory list filtered (its store first, so the list opens already filtered). */
export function openInventory(filter: ItemFilter): void {
  const table = useInventoryTable.getState();
  table.clearFilter();
  if (Object.keys(filter).length > 0) table.setFilter(filter);
  window.location.hash = inventoryHref(filter);
}

const DAY_MS = 86_400_000;
const dayNo = (day: string) => Math.floor(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/**
 * The dashboard filter as inventory criteria: its categories, and its dates as ages since
 * acquired counted to `today` — the rule core uses to select items for the figures.
 */
export function baseItemFilter(filter: AnalyticsFilter, today: string): ItemFilter {
  const base: ItemFilter = {};
  if (filter.category && filter.category.length > 0) base.category = filter.category;
  if (filter.to && dayNo(filter.to) < dayNo(today)) base.ageMinDays = dayNo(today) - dayNo(filter.to);
  if (filter.from) base.ageMaxDays = Math.max(0, dayNo(today) - dayNo(filter.from));
  return base;
}

export const NOT_ARCHIVED: ItemStatus[] = ['draft', 'ready', 'listed', 'sold'];

/** An age bucket within the selected range: both limits must hold. */
export function withinAges(base: ItemFilter, minDays: number, maxDays: number | null): ItemFilter {
  const min = Math.max(minDays, base.ageMinDays ?? 0);
  const max = maxDays === null ? base.ageMaxDays : Math.min(maxDays, base.ageMaxDays ?? maxDays);
  const out: ItemFilter = { ...base, ageMinDays: min };
  if (min === 0) delete out.ageMinDays;
  if (max === undefined) delete out.ageMaxDays;
  else out.ageMaxDays = max;
  return out;
}
