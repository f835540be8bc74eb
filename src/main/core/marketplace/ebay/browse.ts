/**
 * Browse `item_summary/search` with the application token: live listings matching a GTIN or
 * keywords, in one marketplace. Asking prices, not sales (ebay-api.md, Market data).
 */
import createClient from 'openapi-fetch';
import { restError } from './errors';
import type { components as BrowseTypes, paths as BrowsePaths } from './generated/browse';
import type { EbayHttp } from './http';

export type BrowseSummary = BrowseTypes['schemas']['ItemSummary'];

export interface BrowseQuery {
  q?: string;
  gtin?: string;
  categoryIds?: string;
  /** eBay's filter syntax, e.g. `conditionIds:{3000},priceCurrency:USD`. */
  filter?: string;
  limit: number;
}

export async function searchItems(
  http: EbayHttp,
  api: string,
  token: string,
  marketplaceId: string,
  query: BrowseQuery,
  signal?: AbortSignal,
): Promise<{ items: BrowseSummary[]; total: number }> {
  const client = createClient<BrowsePaths>({
    baseUrl: `${api}/buy/browse/v1`,
    fetch: async (request: Request) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => (headers[key] = value));
      return http.send('browse', { url: request.url, method: 'GET', headers }, signal);
    },
  });
  const { data, error, response } = await client.GET('/item_summary/search', {
    params: {
      query: {
        ...(query.q ? { q: query.q } : {}),
        ...(query.gtin ? { gtin: query.gtin } : {}),
        ...(query.categoryIds ? { category_ids: query.categoryIds } : {}),
        ...(query.filter ? { filter: query.filter } : {}),
        limit: String(query.limit),
      },
    },
    headers: { authorization: `Bearer ${token}`, 'x-ebay-c-marketplace-id': marketplaceId },
  });
  if (!data) throw restError('browse', 'search', response.status, error);
  return { items: data.itemSummaries ?? [], total: data.total ?? 0 };
}
