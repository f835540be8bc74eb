/**
 * The double's Browse search over other sellers' live listings: every keyword must be in the
 * title (eBay's default), GTIN and category match exactly, and the filters FlipSync sends
 * (priceCurrency, conditionIds) narrow the result, as eBay documents them.
 */
import type { DoubleState, MarketListing } from './state';

function filters(raw: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of (raw ?? '').matchAll(/(\w+):(\{[^{}]*\}|\[[^\]]*\]|[^,{}[\]]+)/g)) out.set(m[1]!, m[2]!);
  return out;
}

export function searchMarket(state: DoubleState, q: URLSearchParams): object {
  const words = (q.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const gtin = q.get('gtin');
  const categories = (q.get('category_ids') ?? '').split(',').filter(Boolean);
  const f = filters(q.get('filter'));
  const currency = f.get('priceCurrency');
  const conditions = f.get('conditionIds')?.replace(/[{}]/g, '').split('|');
  const limit = Number(q.get('limit') ?? 50);
  const offset = Number(q.get('offset') ?? 0);
  state.calls.push(`browse:search:${gtin ? `gtin=${gtin}` : `q=${words.join(' ')}`}`);
  const hits = state.market.filter(
    (l: MarketListing) =>
      (!gtin || l.gtin === gtin) &&
      words.every((w) => l.title.toLowerCase().includes(w)) &&
      (categories.length === 0 || categories.includes(l.categoryId)) &&
      (!currency || l.currency === currency) &&
      (!conditions || conditions.includes(String(l.conditionId))),
  );
  const page = hits.slice(offset, offset + limit);
  return {
    href: `/buy/browse/v1/item_summary/search?${q.toString()}`,
    limit,
    offset,
    total: hits.length,
    itemSummaries: page.map((l) => ({
      itemId: `v1|${l.itemId}|0`,
      legacyItemId: l.itemId,
      title: l.title,
      price: { value: l.price.toFixed(2), currency: l.currency },
      condition: l.condition,
      conditionId: String(l.conditionId),
      categories: [{ categoryId: l.categoryId }],
      itemWebUrl: `https://www.ebay.com/itm/${l.itemId}`,
      buyingOptions: ['FIXED_PRICE'],
    })),
  };
}
