/**
 * The eBay calls listing needs, typed from the vendored contracts: the Account API's policies
 * and opt-in, inventory locations, Metadata's conditions per category, the inventory item and
 * its offer, and photo uploads (Media API). Each answer other than success is an EbayError.
 */
import { randomBytes } from 'node:crypto';
import type { components as InventoryTypes } from '../generated/inventory';
import { EbayError, restError } from '../errors';
import type { EbayHttp } from '../http';
import { accountClient, bearer, inventoryClient, metadataClient, type InventoryItem, type Offer } from '../rest';

export type OfferBody = InventoryTypes['schemas']['EbayOfferDetailsWithKeys'];
export type ItemBody = InventoryTypes['schemas']['InventoryItem'];
export type LocationBody = InventoryTypes['schemas']['InventoryLocationFull'];

export interface Conn {
  http: EbayHttp;
  api: string;
  token: string;
  signal?: AbortSignal;
}

const POLICY_PROGRAM = 'SELLING_POLICY_MANAGEMENT';

export async function optedIn(c: Conn): Promise<boolean> {
  const { data, error, response } = await accountClient(c.http, c.api, c.signal).GET('/program/get_opted_in_programs', {
    headers: bearer(c.token),
  });
  if (response.status === 404) return false;
  if (!data) throw restError('account', 'getOptedInPrograms', response.status, error);
  return (data.programs ?? []).some((p) => p.programType === POLICY_PROGRAM);
}

export async function optIn(c: Conn): Promise<void> {
  const { error, response } = await accountClient(c.http, c.api, c.signal).POST('/program/opt_in', {
    params: { header: { 'Content-Type': 'application/json' } },
    body: { programType: POLICY_PROGRAM },
    headers: bearer(c.token),
  });
  // 409: opted in already.
  if (!response.ok && response.status !== 409) throw restError('account', 'optInToProgram', response.status, error);
}

export async function policies(c: Conn, marketplaceId: string) {
  const account = accountClient(c.http, c.api, c.signal);
  const query = { marketplace_id: marketplaceId };
  const [f, p, r] = await Promise.all([
    account.GET('/fulfillment_policy', { params: { query }, headers: bearer(c.token) }),
    account.GET('/payment_policy', { params: { query }, headers: bearer(c.token) }),
    account.GET('/return_policy', { params: { query }, headers: bearer(c.token) }),
  ]);
  if (!f.data) throw restError('account', 'getFulfillmentPolicies', f.response.status, f.error);
  if (!p.data) throw restError('account', 'getPaymentPolicies', p.response.status, p.error);
  if (!r.data) throw restError('account', 'getReturnPolicies', r.response.status, r.error);
  return {
    fulfillment: (f.data.fulfillmentPolicies ?? []).map((x) => ({
      id: x.fulfillmentPolicyId ?? '',
      name: x.name ?? '',
      calculated: (x.shippingOptions ?? []).some((o) => o.costType === 'CALCULATED'),
    })),
    payment: (p.data.paymentPolicies ?? []).map((x) => ({ id: x.paymentPolicyId ?? '', name: x.name ?? '' })),
    returns: (r.data.returnPolicies ?? []).map((x) => ({ id: x.returnPolicyId ?? '', name: x.name ?? '' })),
  };
}

export async function locations(c: Conn) {
  const { data, error, response } = await inventoryClient(c.http, c.api, c.signal).GET('/location', {
    params: { query: { limit: '100' } },
    headers: bearer(c.token),
  });
  if (!data) throw restError('inventory', 'getInventoryLocations', response.status, error);
  return (data.locations ?? []).map((l) => ({
    key: l.merchantLocationKey ?? '',
    name: l.name ?? '',
    city: l.location?.address?.city ?? '',
  }));
}

export async function createLocation(c: Conn, key: string, body: LocationBody): Promise<void> {
  const { error, response } = await inventoryClient(c.http, c.api, c.signal).POST('/location/{merchantLocationKey}', {
    params: { path: { merchantLocationKey: key }, header: { 'Content-Type': 'application/json' } },
    body,
    headers: bearer(c.token),
  });
  if (!response.ok) throw restError('inventory', 'createInventoryLocation', response.status, error);
}

/** The condition ids a category allows (and whether it needs one at all). */
export async function conditionsOf(c: Conn, marketplaceId: string, categoryId: string) {
  const { data, error, response } = await metadataClient(c.http, c.api, c.signal).GET(
    '/marketplace/{marketplace_id}/get_item_condition_policies',
    {
      params: { path: { marketplace_id: marketplaceId }, query: { filter: `categoryIds:{${categoryId}}` } },
      headers: bearer(c.token),
    },
  );
  if (!data) throw restError('metadata', 'getItemConditionPolicies', response.status, error);
  const policy = (data.itemConditionPolicies ?? []).find((p) => p.categoryId === categoryId);
  return {
    required: policy?.itemConditionRequired ?? false,
    allowed: (policy?.itemConditions ?? []).map((x) => ({
      id: x.conditionId ?? '',
      name: x.conditionDescription ?? '',
    })),
  };
}

/** The inventory item of a SKU as eBay holds it; null when eBay has none. */
export async function getItem(c: Conn, sku: string): Promise<InventoryItem | null> {
  const { data, error, response } = await inventoryClient(c.http, c.api, c.signal).GET('/inventory_item/{sku}', {
    params: { path: { sku } },
    headers: bearer(c.token),
  });
  if (response.status === 404) return null;
  if (!data) throw restError('inventory', 'getInventoryItem', response.status, error);
  return data;
}

/** Writes the whole inventory item (eBay replaces it: the caller merged what eBay had). */
export async function putItem(c: Conn, sku: string, language: string, body: ItemBody): Promise<void> {
  const { error, response } = await inventoryClient(c.http, c.api, c.signal).PUT('/inventory_item/{sku}', {
    params: { path: { sku }, header: { 'Content-Language': language, 'Content-Type': 'application/json' } },
    body,
    headers: bearer(c.token),
  });
  if (!response.ok) throw restError('inventory', 'createOrReplaceInventoryItem', response.status, error);
}

export async function createOffer(c: Conn, language: string, body: OfferBody): Promise<string> {
  const { data, error, response } = await inventoryClient(c.http, c.api, c.signal).POST('/offer', {
    params: { header: { 'Content-Language': language, 'Content-Type': 'application/json' } },
    body,
    headers: bearer(c.token),
  });
  if (!data?.offerId) throw restError('inventory', 'createOffer', response.status, error);
  return data.offerId;
}

/** Writes the whole offer (eBay replaces it too: the caller merged what eBay had). */
export async function updateOffer(c: Conn, offerId: string, language: string, body: OfferBody): Promise<void> {
  const { error, response } = await inventoryClient(c.http, c.api, c.signal).PUT('/offer/{offerId}', {
    params: { path: { offerId }, header: { 'Content-Language': language, 'Content-Type': 'application/json' } },
    body,
    headers: bearer(c.token),
  });
  if (!response.ok) throw restError('inventory', 'updateOffer', response.status, error);
}

export async function publishOffer(c: Conn, offerId: string): Promise<string> {
  // eBay was reported to answer 411 to a publish without a body: send {}.
  const { data, error, response } = await inventoryClient(c.http, c.api, c.signal).POST('/offer/{offerId}/publish', {
    params: { path: { offerId } },
    body: {} as never,
    headers: { ...bearer(c.token), 'content-type': 'application/json' },
  });
  if (!data?.listingId) throw restError('inventory', 'publishOffer', response.status, error);
  return data.listingId;
}

export async function withdrawOffer(c: Conn, offerId: string): Promise<void> {
  const { error, response } = await inventoryClient(c.http, c.api, c.signal).POST('/offer/{offerId}/withdraw', {
    params: { path: { offerId } },
    body: {} as never,
    headers: { ...bearer(c.token), 'content-type': 'application/json' },
  });
  if (!response.ok) throw restError('inventory', 'withdrawOffer', response.status, error);
}

/** What eBay would charge to list an unpublished offer (its dry run before publishing). */
export async function listingFees(c: Conn, offerId: string) {
  const { data, error, response } = await inventoryClient(c.http, c.api, c.signal).POST('/offer/get_listing_fees', {
    params: { header: { 'Content-Type': 'application/json' } },
    body: { offers: [{ offerId }] },
    headers: bearer(c.token),
  });
  if (!data) throw restError('inventory', 'getListingFees', response.status, error);
  return (data.feeSummaries ?? []).flatMap((s) =>
    (s.fees ?? []).map((f) => ({
      name: f.feeType ?? 'fee',
      amount: Number(f.amount?.value ?? 0) || 0,
      currency: f.amount?.currency ?? '',
    })),
  );
}

export type { Offer };

/**
 * Moves one listing made on eBay's site into the Inventory API (one way: afterwards some of its
 * settings can no longer be revised in Seller Hub). Answers the offer that now stands for it.
 */
export async function migrateListing(c: Conn, listingId: string): Promise<{ sku: string; offerId: string }> {
  const { data, error, response } = await inventoryClient(c.http, c.api, c.signal).POST('/bulk_migrate_listing', {
    params: { header: { 'Content-Type': 'application/json' } },
    body: { requests: [{ listingId }] },
    headers: bearer(c.token),
  });
  if (!data) throw restError('inventory', 'bulkMigrateListing', response.status, error);
  const answer = data.responses?.find((r) => r.listingId === listingId);
  const made = answer?.inventoryItems?.[0];
  if (!answer || (answer.statusCode ?? 500) >= 300 || !made?.offerId || !made.sku) {
    const first = answer?.errors?.[0];
    throw new EbayError(
      'request',
      `eBay did not move listing ${listingId}${first?.errorId ? ` (eBay error ${first.errorId})` : ''}: ${first?.message ?? 'no answer for it'}`,
      'eBay moves fixed-price listings with a Custom label (SKU) only; the listing stays as it was.',
      first?.errorId,
      answer?.statusCode,
    );
  }
  return { sku: made.sku, offerId: made.offerId };
}

/**
 * Uploads one photo to eBay's picture service (Media API, multipart form data with the file
 * as `image`) and answers its address and when eBay drops it unless a listing uses it.
 */
export async function uploadImage(
  c: Conn & { media: string },
  file: { bytes: Buffer; name: string; type: string },
): Promise<{ url: string; expiresAt: string | null }> {
  // One file part, written out here: the bytes are exact and in hand, and the platform's
  // FormData encoder depends on the realm's Blob and stream classes (a DOM test swaps them).
  const boundary = `----FlipSync${randomBytes(12).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ] as Uint8Array[]);
  const res = await c.http.send(
    'media',
    {
      url: `${c.media}/commerce/media/v1_beta/image/create_image_from_file`,
      method: 'POST',
      headers: { ...bearer(c.token), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: new Uint8Array(body.buffer, body.byteOffset, body.length) as Uint8Array<ArrayBuffer>,
    },
    c.signal,
  );
  const answer = (await res.json().catch(() => null)) as { imageUrl?: string; expirationDate?: string } | null;
  if (res.status !== 201 && res.status !== 200) throw restError('media', 'createImageFromFile', res.status, answer);
  if (!answer?.imageUrl?.startsWith('https://'))
    throw new EbayError('server', 'eBay took the photo but gave no address for it.', 'Try publishing again.');
  return { url: answer.imageUrl, expiresAt: answer.expirationDate ?? null };
}
