/**
 * The calls that put an item on eBay, in order, each safe to repeat: its photos (each once, by
 * content hash), the inventory item (read, merged, written whole), the offer (found by SKU
 * before one is made, written whole), publish (never for an offer already published); and
 * the one call that ends a listing.
 */
import type { EbaySettings } from '@shared/api';
import type { Item, PhotoRef } from '@shared/domain/inventory';
import { EbayError } from '../errors';
import { ebayHosts } from '../hosts';
import type { EbayHttp } from '../http';
import { getOffers, type Offer } from '../rest';
import { itemBody, MARKETPLACES, offerBody } from './bodies';
import * as calls from './calls';
import type { ListingJobs } from './jobs';
import { idIn } from '../category-id';
import { tradingCall } from '../trading';
import { CONDITION_IDS, conditionOf } from './conditions';
import { aspectsOf } from './preflight';

const MIME: Record<PhotoRef['ext'], string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
};
/** eBay takes at most 24 pictures a listing. */
const MAX_PICTURES = 24;
/** An uploaded photo is used again until a day before eBay would drop it. */
const IMAGE_MARGIN_MS = 86_400_000;

export interface StepDeps {
  http: EbayHttp;
  jobs: ListingJobs;
  readPhoto: (photo: PhotoRef) => Promise<Buffer | null>;
  now: () => number;
  /** Records where the job is (and the offer once known), so the seller sees it. */
  step: (step: string, offerId?: string) => Promise<void>;
}

export async function sendListing(d: StepDeps, token: string, item: Item, settings: EbaySettings) {
  const hosts = ebayHosts(settings);
  const { language } = MARKETPLACES[settings.marketplaceId];
  const c = { http: d.http, api: hosts.api, token };
  await d.step('photos');
  const urls: string[] = [];
  for (const photo of item.photos) urls.push(await imageUrl(d, { ...c, media: hosts.media }, settings, photo));
  await d.step('item');
  const had = await calls.getItem(c, item.sku);
  // Pictures eBay has that are none of FlipSync's photos (an import brings only the first) stay,
  // after the item's own; a photo the seller removed here goes.
  const known = await d.jobs.imageUrls(settings.environment);
  const others = (had?.product?.imageUrls ?? []).filter((u) => !known.has(u) && !urls.includes(u));
  await calls.putItem(c, item.sku, language, itemBody(had, item, [...urls, ...others].slice(0, MAX_PICTURES)));
  await d.step('offer');
  const { mine, offerId } = await writeOffer(c, item, settings);
  await d.step('publish', offerId);
  // Published already (a revise, or a publish eBay took before a crash): the writes above revised it.
  const listed = mine?.status === 'PUBLISHED' && mine.listing?.listingId ? mine.listing.listingId : null;
  const listingId = listed ?? (await calls.publishOffer(c, offerId));
  return { offerId, listingId, revised: listed !== null };
}

/**
 * The item and its offer on eBay as an unpublished draft, without photos (nothing is uploaded
 * for a question about fees), and what eBay would charge to list it: get_listing_fees is eBay's
 * dry run for an unpublished offer. Publishing later writes the same item and offer again.
 */
export async function draftFees(d: StepDeps, token: string, item: Item, settings: EbaySettings) {
  const hosts = ebayHosts(settings);
  const { language } = MARKETPLACES[settings.marketplaceId];
  const c = { http: d.http, api: hosts.api, token };
  const had = await calls.getItem(c, item.sku);
  await calls.putItem(c, item.sku, language, itemBody(had, item, had?.product?.imageUrls ?? []));
  const { offerId } = await writeOffer(c, item, settings);
  return calls.listingFees(c, offerId);
}

export async function withdrawListing(d: StepDeps, token: string, item: Item, settings: EbaySettings): Promise<void> {
  const api = ebayHosts(settings).api;
  const offers = await getOffers(d.http, api, token, item.sku);
  const live = offers.find((o) => o.marketplaceId === settings.marketplaceId && o.status === 'PUBLISHED');
  // Ended already (here before a crash, or on eBay): nothing more to ask.
  if (live?.offerId) await calls.withdrawOffer({ http: d.http, api, token }, live.offerId);
}

/**
 * A listing made on eBay's site, revised through Trading's ReviseFixedPriceItem, so the seller
 * can still edit it in Seller Hub. Trading changes only the fields sent: title, description (when the item has one),
 * price, condition, category (when the item names an eBay category) and item specifics.
 * Photos are left as they are on eBay (the item may hold fewer than the listing shows), and
 * the quantity is the stock outbox's.
 */
export async function reviseSiteListing(d: StepDeps, token: string, item: Item, settings: EbaySettings): Promise<void> {
  const api = ebayHosts(settings).api;
  const categoryId = idIn(item.category);
  const condition = conditionOf(item.condition);
  const specifics = Object.entries(aspectsOf(item)).map(([Name, Value]) => ({ Name, Value }));
  await d.step('revise');
  await tradingCall(d.http, api, token, 'ReviseFixedPriceItem', {
    Item: {
      ItemID: item.ebayItemId,
      Title: item.title.trim(),
      // An item without a description (an import brings none) leaves eBay's as it is.
      ...(item.description.trim() ? { Description: item.description.trim() } : {}),
      ...(item.listPrice ? { StartPrice: item.listPrice.toFixed(2) } : {}),
      ...(condition ? { ConditionID: CONDITION_IDS[condition] } : {}),
      ...(categoryId ? { PrimaryCategory: { CategoryID: categoryId } } : {}),
      ...(specifics.length > 0 ? { ItemSpecifics: { NameValueList: specifics } } : {}),
    },
  });
}

/** Ends a listing made on eBay's site (Trading EndFixedPriceItem); one ended already is left as it is. */
export async function endSiteListing(d: StepDeps, token: string, item: Item, settings: EbaySettings): Promise<void> {
  await d.step('end');
  try {
    await tradingCall(d.http, ebayHosts(settings).api, token, 'EndFixedPriceItem', {
      ItemID: item.ebayItemId,
      EndingReason: 'NotAvailable',
    });
  } catch (error) {
    // 1047: the listing has ended already (here before a crash, or on eBay).
    if (!(error instanceof EbayError && error.errorId === 1047)) throw error;
  }
}

/** The item's offer on this site, written whole: the one eBay has for the SKU, else a new one. */
async function writeOffer(c: calls.Conn, item: Item, settings: EbaySettings) {
  const { language } = MARKETPLACES[settings.marketplaceId];
  const offers = await getOffers(c.http, c.api, c.token, item.sku);
  const mine: Offer | null =
    offers.find((o) => o.marketplaceId === settings.marketplaceId && o.format === 'FIXED_PRICE') ?? null;
  const body = offerBody(mine, item, settings);
  const known = mine?.offerId;
  if (known) await calls.updateOffer(c, known, language, body);
  return { mine, offerId: known ?? (await calls.createOffer(c, language, body)) };
}

/** The photo's address on eBay: the one kept for its hash, or a fresh upload. */
async function imageUrl(
  d: StepDeps,
  c: calls.Conn & { media: string },
  settings: EbaySettings,
  photo: PhotoRef,
): Promise<string> {
  const kept = await d.jobs.image(settings.environment, photo.hash);
  if (kept && (!kept.expiresAt || Date.parse(kept.expiresAt) - IMAGE_MARGIN_MS > d.now())) return kept.url;
  const bytes = await d.readPhoto(photo);
  if (!bytes)
    throw new EbayError(
      'request',
      `A photo of this item (${photo.hash.slice(0, 8)}…) is not on this device.`,
      'Open the item on the device where the photo was added, or set Photo originals to "all" in Settings → Sync.',
    );
  const up = await calls.uploadImage(c, { bytes, name: `${photo.hash}.${photo.ext}`, type: MIME[photo.ext] });
  await d.jobs.keepImage(settings.environment, photo.hash, up.url, up.expiresAt);
  return up.url;
}
