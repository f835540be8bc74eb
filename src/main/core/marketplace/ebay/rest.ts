/**
 * eBay's REST APIs through openapi-fetch, typed from the vendored contracts, over EbayHttp
 * (the trusted fetch, counting and retries). Any answer other than success becomes an EbayError.
 */
import createClient from 'openapi-fetch';
import type { EbayApiName } from '@shared/api';
import { restError } from './errors';
import type { paths as IdentityPaths } from './generated/identity';
import type { components as FulfillmentTypes, paths as FulfillmentPaths } from './generated/fulfillment';
import type { components as InventoryTypes, paths as InventoryPaths } from './generated/inventory';
import type { paths as FinancesPaths } from './generated/finances';
import type { paths as AccountPaths } from './generated/account';
import type { paths as MetadataPaths } from './generated/metadata';
import type { EbayHttp } from './http';

export type InventoryItem = InventoryTypes['schemas']['InventoryItemWithSkuLocaleGroupid'];
export type Offer = InventoryTypes['schemas']['EbayOfferDetailsWithAll'];
export type Order = FulfillmentTypes['schemas']['Order'];
export type OrderLine = FulfillmentTypes['schemas']['LineItem'];

function viaHttp(http: EbayHttp, api: EbayApiName, signal?: AbortSignal) {
  return async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => (headers[key] = value));
    // A multipart body (a photo) goes as bytes; JSON as text.
    const body =
      request.method === 'GET'
        ? undefined
        : headers['content-type']?.startsWith('multipart/')
          ? new Uint8Array(await request.arrayBuffer())
          : await request.text();
    return http.send(
      api,
      { url: request.url, method: request.method as 'GET' | 'POST' | 'PUT' | 'DELETE', headers, body },
      signal,
    );
  };
}

export function identityClient(http: EbayHttp, apiz: string, signal?: AbortSignal) {
  return createClient<IdentityPaths>({
    baseUrl: `${apiz}/commerce/identity/v1`,
    fetch: viaHttp(http, 'identity', signal),
  });
}

export function inventoryClient(http: EbayHttp, api: string, signal?: AbortSignal) {
  return createClient<InventoryPaths>({
    baseUrl: `${api}/sell/inventory/v1`,
    fetch: viaHttp(http, 'inventory', signal),
  });
}

export function fulfillmentClient(http: EbayHttp, api: string, signal?: AbortSignal) {
  return createClient<FulfillmentPaths>({
    baseUrl: `${api}/sell/fulfillment/v1`,
    fetch: viaHttp(http, 'fulfillment', signal),
  });
}

export function financesClient(http: EbayHttp, apiz: string, signal?: AbortSignal) {
  return createClient<FinancesPaths>({
    baseUrl: `${apiz}/sell/finances/v1`,
    fetch: viaHttp(http, 'finances', signal),
  });
}

export function accountClient(http: EbayHttp, api: string, signal?: AbortSignal) {
  return createClient<AccountPaths>({ baseUrl: `${api}/sell/account/v1`, fetch: viaHttp(http, 'account', signal) });
}

export function metadataClient(http: EbayHttp, api: string, signal?: AbortSignal) {
  return createClient<MetadataPaths>({ baseUrl: `${api}/sell/metadata/v1`, fetch: viaHttp(http, 'metadata', signal) });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** One page of orders modified since `since` (ISO instant), from `offset`. */
export async function getOrders(
  http: EbayHttp,
  api: string,
  token: string,
  since: string,
  offset: number,
  limit: number,
  signal?: AbortSignal,
) {
  const { data, error, response } = await fulfillmentClient(http, api, signal).GET('/order', {
    params: { query: { filter: `lastmodifieddate:[${since}..]`, limit: String(limit), offset: String(offset) } },
    headers: bearer(token),
  });
  if (!data) throw restError('fulfillment', 'getOrders', response.status, error);
  return { orders: data.orders ?? [], total: data.total ?? 0, hasNext: Boolean(data.next) };
}

export async function getUser(http: EbayHttp, apiz: string, token: string) {
  const { data, error, response } = await identityClient(http, apiz).GET('/user/', { headers: bearer(token) });
  if (!data) throw restError('identity', 'getUser', response.status, error);
  return { userId: data.userId ?? '', username: data.username ?? '' };
}

/** One page of inventory items; `page` counts from 0 (the contract's offset is a page number). */
export async function getInventoryItems(
  http: EbayHttp,
  api: string,
  token: string,
  page: number,
  limit: number,
  signal?: AbortSignal,
) {
  const { data, error, response } = await inventoryClient(http, api, signal).GET('/inventory_item', {
    params: { query: { limit: String(limit), offset: String(page) } },
    headers: bearer(token),
  });
  if (!data) throw restError('inventory', 'getInventoryItems', response.status, error);
  return { items: data.inventoryItems ?? [], total: data.total ?? 0, hasNext: Boolean(data.next) };
}

/** The offers of one SKU; none (eBay answers 404 25713) is an empty list. */
export async function getOffers(
  http: EbayHttp,
  api: string,
  token: string,
  sku: string,
  signal?: AbortSignal,
): Promise<Offer[]> {
  const { data, error, response } = await inventoryClient(http, api, signal).GET('/offer', {
    params: { query: { sku } },
    headers: bearer(token),
  });
  if (response.status === 404) return [];
  if (!data) throw restError('inventory', 'getOffers', response.status, error);
  return data.offers ?? [];
}

/** Fees eBay charged per order line, from sale transactions dated from `since` (ISO instant), one page. */
export async function getSaleFees(
  http: EbayHttp,
  apiz: string,
  token: string,
  since: string,
  offset: number,
  signal?: AbortSignal,
) {
  const { data, error, response } = await financesClient(http, apiz, signal).GET('/transaction', {
    params: {
      query: { filter: `transactionDate:[${since}..],transactionType:{SALE}`, limit: '200', offset: String(offset) },
    },
    headers: bearer(token),
  });
  if (!data) throw restError('finances', 'getTransactions', response.status, error);
  const lines = (data.transactions ?? []).flatMap((t) =>
    (t.orderLineItems ?? []).map((line) => ({
      orderId: t.orderId ?? '',
      lineItemId: line.lineItemId ?? '',
      fees: (line.marketplaceFees ?? []).reduce((sum, f) => sum + (Number(f.amount?.value ?? 0) || 0), 0),
    })),
  );
  return { lines, hasNext: Boolean(data.next) && (data.transactions ?? []).length > 0 };
}
