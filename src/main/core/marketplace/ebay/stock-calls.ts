/**
 * The two calls that set a listing's available quantity on eBay: Trading's
 * ReviseInventoryStatus for listings made on eBay's site, and the Inventory API's
 * bulk_update_price_quantity for listings made through it (ebay-api.md, Stock out). Both take
 * an absolute quantity, so sending the same update twice changes nothing on eBay.
 */
import { EbayError, restError } from './errors';
import type { EbayHttp } from './http';
import { getOffers, inventoryClient } from './rest';
import { tradingCall } from './trading';

export type ListingKind = { kind: 'site' } | { kind: 'api'; offerId: string };

/** Which API revises the listing: an offer of the SKU published as this listing means the Inventory API. */
export async function kindOf(
  http: EbayHttp,
  api: string,
  token: string,
  sku: string,
  listing: string,
  signal?: AbortSignal,
): Promise<ListingKind> {
  const offers = sku ? await getOffers(http, api, token, sku, signal) : [];
  const offer = offers.find((o) => o.listing?.listingId === listing);
  return offer?.offerId ? { kind: 'api', offerId: offer.offerId } : { kind: 'site' };
}

/** Up to four site listings in one ReviseInventoryStatus; answers the listings eBay confirmed. */
export async function setSiteQuantities(
  http: EbayHttp,
  api: string,
  token: string,
  listings: { listing: string; quantity: number }[],
  signal?: AbortSignal,
): Promise<Set<string>> {
  const answer = await tradingCall(
    http,
    api,
    token,
    'ReviseInventoryStatus',
    { InventoryStatus: listings.map((l) => ({ ItemID: l.listing, Quantity: l.quantity })) },
    signal,
  );
  const raw = answer.InventoryStatus;
  const confirmed = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { ItemID?: unknown }[];
  return new Set(confirmed.map((c) => String(c.ItemID ?? '')));
}

export async function setQuantity(
  http: EbayHttp,
  api: string,
  token: string,
  target: ListingKind & { sku: string; listing: string },
  quantity: number,
  signal?: AbortSignal,
): Promise<void> {
  if (target.kind === 'site') {
    await tradingCall(
      http,
      api,
      token,
      'ReviseInventoryStatus',
      { InventoryStatus: { ItemID: target.listing, Quantity: quantity } },
      signal,
    );
    return;
  }
  const { data, error, response } = await inventoryClient(http, api, signal).POST('/bulk_update_price_quantity', {
    params: { header: { 'Content-Type': 'application/json' } },
    body: {
      requests: [
        {
          sku: target.sku,
          shipToLocationAvailability: { quantity },
          offers: [{ offerId: target.offerId, availableQuantity: quantity }],
        },
      ],
    },
    headers: { authorization: `Bearer ${token}` },
  });
  if (!data) throw restError('inventory', 'bulkUpdatePriceQuantity', response.status, error);
  const refused = (data.responses ?? []).find((r) => r.statusCode !== undefined && r.statusCode >= 300);
  if (refused) {
    const first = refused.errors?.[0];
    throw new EbayError(
      refused.statusCode! >= 500 ? 'server' : 'request',
      `eBay refused the quantity of listing ${target.listing}${first?.errorId ? ` (eBay error ${first.errorId})` : ''}: ${first?.message ?? `status ${refused.statusCode}`}`,
      undefined,
      first?.errorId,
      refused.statusCode,
    );
  }
}
