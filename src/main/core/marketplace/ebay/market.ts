/**
 * Market comparables for pricing: live eBay listings like the seller's item, found by its
 * GTIN (UPC, EAN, ISBN in its item specifics) or else by category, keywords and condition,
 * with prices far outside the rest (Tukey's fences) left out. They are asking prices of
 * listings still for sale, not what buyers paid; the pricing rationale says so.
 */
import type { MarketComps } from '@shared/api/agents';
import type { Item } from '@shared/domain/inventory';
import { searchItems, type BrowseSummary } from './browse';
import type { EbayHttp } from './http';

const LIMIT = 50;
const GTIN_NAMES = new Set(['gtin', 'upc', 'ean', 'isbn', 'isbn-13', 'isbn-10']);
const STOP = new Set(['the', 'and', 'for', 'with', 'a', 'an', 'of', 'in', 'on', 'by', 'to', 'lot', 'new', 'used']);

/** The item's GTIN from its item specifics, when one is a plausible 8–14 digit number. */
export function gtinOf(item: Pick<Item, 'specifics'>): string | null {
  for (const s of item.specifics) {
    const digits = s.value.replace(/[\s-]/g, '');
    if (GTIN_NAMES.has(s.name.trim().toLowerCase()) && /^\d{8,14}$/.test(digits)) return digits;
  }
  return null;
}

/** eBay condition ids of the item's condition family (Seller Hub's words or eBay's enum). */
export function conditionIds(condition: string): string | null {
  const c = condition.trim().toLowerCase().replace(/_/g, ' ');
  if (!c) return null;
  if (c.includes('parts') || c.includes('not working')) return '7000';
  if (c.includes('refurbished')) return '2000|2500';
  if (c.startsWith('new')) return '1000|1500|1750';
  if (c.includes('like new')) return '2750|3000';
  if (c.includes('used') || c.includes('pre-owned') || c.includes('preowned')) return '2750|3000|4000|5000|6000';
  return null;
}

/** The words a buyer would search for: brand first, then the title's distinctive words. */
export function keywordsOf(item: Pick<Item, 'title' | 'brand'>): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const raw of `${item.brand} ${item.title}`.split(/[^\p{L}\p{N}'.-]+/u)) {
    const w = raw.trim();
    const key = w.toLowerCase();
    if (w.length < 2 || STOP.has(key) || seen.has(key)) continue;
    seen.add(key);
    words.push(w);
    if (words.length === 8) break;
  }
  return words.join(' ');
}

/** Prices outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR]; with fewer than four prices none are. */
export function outsideFences(prices: number[]): Set<number> {
  if (prices.length < 4) return new Set();
  const sorted = [...prices].sort((a, b) => a - b);
  const q = (p: number) => {
    const at = (sorted.length - 1) * p;
    const lo = Math.floor(at);
    return sorted[lo]! + (sorted[Math.ceil(at)]! - sorted[lo]!) * (at - lo);
  };
  const q1 = q(0.25);
  const q3 = q(0.75);
  const spread = 1.5 * (q3 - q1);
  return new Set(prices.filter((p) => p < q1 - spread || p > q3 + spread));
}

export interface MarketQuery {
  http: EbayHttp;
  api: string;
  token: string;
  marketplaceId: string;
  currency: string;
  signal?: AbortSignal;
}

export async function findComparables(item: Item, m: MarketQuery): Promise<MarketComps> {
  const conditions = conditionIds(item.condition);
  const filter = [`priceCurrency:${m.currency}`, ...(conditions ? [`conditionIds:{${conditions}}`] : [])].join(',');
  const search = (q: Parameters<typeof searchItems>[4]) =>
    searchItems(m.http, m.api, m.token, m.marketplaceId, q, m.signal);
  const gtin = gtinOf(item);
  let matchedBy: MarketComps['matchedBy'] = 'gtin';
  let found = gtin ? (await search({ gtin, filter, limit: LIMIT })).items : [];
  let query = gtin ? `GTIN ${gtin}` : '';
  if (found.length === 0) {
    matchedBy = 'keywords';
    const q = keywordsOf(item);
    const categoryIds = /^\d+$/.test(item.category.trim()) ? item.category.trim() : undefined;
    query = [q, categoryIds ? `category ${categoryIds}` : '', conditions ? item.condition : '']
      .filter(Boolean)
      .join(', ');
    if (!q) return { matchedBy, query, comps: [], left: 0, currency: m.currency };
    found = (await search({ q, ...(categoryIds ? { categoryIds } : {}), filter, limit: LIMIT })).items;
  }
  const priced = found
    .filter((s) => s.legacyItemId !== item.ebayItemId || !item.ebayItemId)
    .flatMap((s) => toComp(s, m.currency));
  const out = outsideFences(priced.map((c) => c.price));
  const comps = priced.filter((c) => !out.has(c.price));
  return { matchedBy, query, comps, left: priced.length - comps.length, currency: m.currency };
}

function toComp(s: BrowseSummary, currency: string): MarketComps['comps'] {
  const price = Number(s.price?.value);
  if (s.price?.currency !== currency || !Number.isFinite(price) || price <= 0 || !s.itemWebUrl) return [];
  return [{ title: s.title ?? '', price, url: s.itemWebUrl, condition: s.condition ?? '' }];
}
