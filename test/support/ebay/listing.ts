/**
 * The double's listing calls: business policies and the opt-in (Account), inventory
 * locations, conditions per category (Metadata), the inventory item and its offer, publish,
 * withdraw and listing fees (Inventory). Beyond the contracts it applies eBay's rules at
 * publish time (ebay-api.md): a leaf category, every required aspect (25002), a condition the
 * category allows (25021), package details for calculated shipping (25020), policies and a
 * location that exist, a photo; and a whole-item PUT that drops a field the item had is a
 * violation (the reported trap of a partial PUT wiping a live listing).
 */
import type { Reply } from './http';
import type { DoubleState } from './state';
import type { components as Inv } from '../../../src/main/core/marketplace/ebay/generated/inventory';

type Item = Inv['schemas']['InventoryItemWithSkuLocaleGroupid'];
type Offer = Inv['schemas']['EbayOfferDetailsWithAll'];

export interface DoublePolicy {
  id: string;
  name: string;
  kind: 'fulfillment' | 'payment' | 'return';
  calculated?: boolean;
}

/** What the double's seller has for listing, and the knobs tests turn. */
export class ListingState {
  optedIn = true;
  policies: DoublePolicy[] = [];
  locations: { key: string; name: string; city: string; country: string }[] = [];
  /** Condition ids each category allows (default: New and Used). */
  conditions = new Map<string, string[]>();
  /** Categories whose listings need a product identifier (or "Does not apply"). */
  identifierRequired = new Set<string>();
  /** eBay catalog titles by UPC: filled into a listing unless the offer says not to. */
  catalog = new Map<string, string>();
  /** Sites the account may not sell on (publish answers 25713). */
  ineligible = new Set<string>();
  /** Photos uploaded through the Media API, in order (their sizes). */
  uploads: number[] = [];
  withdrawn: string[] = [];
  published = 0;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const refuse = (status: number, errorId: number, message: string, domain = 'API_INVENTORY') =>
  json(status, { errors: [{ errorId, domain, category: 'REQUEST', message }] });
const noContent = (): Reply => ({ status: 204, body: '' });

/** Keys `had` holds (top level and inside product) that `next` leaves out. */
function dropped(had: Item, next: Item): string[] {
  const out: string[] = [];
  for (const key of Object.keys(had) as (keyof Item)[]) {
    if (['sku', 'locale', 'groupIds', 'inventoryItemGroupKeys'].includes(key)) continue;
    if (next[key] === undefined) out.push(key);
  }
  for (const key of Object.keys(had.product ?? {}))
    if ((next.product as Record<string, unknown> | undefined)?.[key] === undefined) out.push(`product.${key}`);
  return out;
}

/** eBay's unit names (Inventory API WeightUnitOfMeasureEnum, LengthUnitOfMeasureEnum). */
const WEIGHT_UNITS = ['POUND', 'KILOGRAM', 'OUNCE', 'GRAM'];
const SIZE_UNITS = ['INCH', 'FEET', 'CENTIMETER', 'METER'];

export function answerListing(
  state: DoubleState,
  id: string,
  q: URLSearchParams,
  path: Record<string, string>,
  body: unknown,
  violations: string[],
): Reply | null {
  const l = state.listing;
  switch (id) {
    case 'getOptedInPrograms':
      return json(200, { programs: l.optedIn ? [{ programType: 'SELLING_POLICY_MANAGEMENT' }] : [] });
    case 'optInToProgram':
      l.optedIn = true;
      return json(200, {});
    case 'getFulfillmentPolicies':
    case 'getPaymentPolicies':
    case 'getReturnPolicies': {
      if (!l.optedIn) return refuse(400, 20403, 'User is not eligible for Business Policy.', 'API_ACCOUNT');
      const site = q.get('marketplace_id') ?? '';
      const kind = id === 'getFulfillmentPolicies' ? 'fulfillment' : id === 'getPaymentPolicies' ? 'payment' : 'return';
      const listed = l.policies
        .filter((p) => p.kind === kind)
        .map((p) =>
          kind === 'fulfillment'
            ? {
                fulfillmentPolicyId: p.id,
                name: p.name,
                marketplaceId: site,
                shippingOptions: [{ optionType: 'DOMESTIC', costType: p.calculated ? 'CALCULATED' : 'FLAT_RATE' }],
              }
            : kind === 'payment'
              ? { paymentPolicyId: p.id, name: p.name, marketplaceId: site }
              : { returnPolicyId: p.id, name: p.name, marketplaceId: site },
        );
      const key =
        kind === 'fulfillment' ? 'fulfillmentPolicies' : kind === 'payment' ? 'paymentPolicies' : 'returnPolicies';
      return json(200, { [key]: listed, total: listed.length });
    }
    case 'getInventoryLocations':
      return json(200, {
        total: l.locations.length,
        locations: l.locations.map((x) => ({
          merchantLocationKey: x.key,
          name: x.name,
          merchantLocationStatus: 'ENABLED',
          location: { address: { city: x.city, country: x.country } },
        })),
      });
    case 'createInventoryLocation': {
      const b = body as Inv['schemas']['InventoryLocationFull'];
      if (l.locations.some((x) => x.key === path.merchantLocationKey))
        return refuse(409, 25803, 'merchantLocationKey already exists.');
      const address = b.location?.address;
      if (!address?.country || !(address.postalCode || (address.city && address.stateOrProvince)))
        return refuse(400, 25802, 'Input error. A country, and a postal code or city and state, are required.');
      l.locations.push({
        key: path.merchantLocationKey!,
        name: b.name ?? '',
        city: address.city ?? '',
        country: address.country,
      });
      return noContent();
    }
    case 'getItemConditionPolicies': {
      const ids = /categoryIds:\{([^}]*)\}/.exec(q.get('filter') ?? '')?.[1]?.split('|') ?? [];
      return json(200, {
        itemConditionPolicies: ids.map((categoryId) => ({
          categoryId,
          categoryTreeId: '0',
          itemConditionRequired: true,
          itemConditions: (l.conditions.get(categoryId) ?? ['1000', '3000']).map((conditionId) => ({
            conditionId,
            conditionDescription:
              conditionId === '1000' ? 'New' : conditionId === '3000' ? 'Used' : `Condition ${conditionId}`,
          })),
        })),
      });
    }
    case 'getInventoryItem': {
      const found = state.inventoryItems.find((i) => i.sku === path.sku);
      return found ? json(200, found) : refuse(404, 25702, `SKU ${path.sku} is not available.`);
    }
    case 'createOrReplaceInventoryItem': {
      const next = { ...(body as Item), sku: path.sku!, locale: 'en_US' };
      const at = state.inventoryItems.findIndex((i) => i.sku === path.sku);
      if (at < 0) {
        state.inventoryItems.push(next);
        return noContent();
      }
      const lost = dropped(state.inventoryItems[at]!, next);
      if (lost.length > 0) {
        violations.push(
          `createOrReplaceInventoryItem ${path.sku}: the PUT drops ${lost.join(', ')} (eBay would wipe them)`,
        );
        return refuse(400, 25002, `The request would remove ${lost.join(', ')}.`);
      }
      state.inventoryItems[at] = next;
      reviseListingsOf(state, path.sku!);
      return noContent();
    }
    case 'createOffer': {
      const b = body as Offer;
      const twin = state.offers.find(
        (o) => o.sku === b.sku && o.marketplaceId === b.marketplaceId && o.format === b.format,
      );
      if (twin) return refuse(400, 25002, `Offer entity already exists. offerId ${twin.offerId}`);
      const offerId = String(9_500_000 + state.offers.length);
      state.offers.push({ ...b, offerId, status: 'UNPUBLISHED' });
      return json(201, { offerId });
    }
    case 'updateOffer': {
      const at = state.offers.findIndex((o) => o.offerId === path.offerId);
      if (at < 0) return refuse(404, 25713, 'This Offer is not available.');
      const had = state.offers[at]!;
      state.offers[at] = {
        ...(body as Offer),
        offerId: had.offerId,
        status: had.status,
        ...(had.listing ? { listing: had.listing } : {}),
      };
      if (had.status === 'PUBLISHED' && had.listing?.listingId) state.revise(had.listing.listingId);
      return noContent();
    }
    case 'publishOffer':
      return publish(state, path.offerId!);
    case 'withdrawOffer': {
      const offer = state.offers.find((o) => o.offerId === path.offerId);
      if (!offer?.listing?.listingId || offer.status !== 'PUBLISHED')
        return refuse(404, 25713, 'This Offer is not available.');
      offer.status = 'UNPUBLISHED';
      offer.listing = { ...offer.listing, listingStatus: 'ENDED' };
      l.withdrawn.push(offer.listing.listingId!);
      return json(200, { listingId: offer.listing.listingId });
    }
    case 'bulkMigrateListing': {
      const ids = ((body as { requests?: { listingId?: string }[] }).requests ?? []).map((r) => r.listingId ?? '');
      if (ids.length < 1 || ids.length > 5) {
        violations.push(`bulkMigrateListing: 1 to 5 listings a call (got ${ids.length})`);
        return refuse(400, 25718, 'Cannot migrate listing.');
      }
      return json(200, { responses: ids.map((listingId) => migrate(state, listingId)) });
    }
    case 'getListingFees': {
      const ids = ((body as { offers?: { offerId?: string }[] }).offers ?? []).map((o) => o.offerId);
      const offers = state.offers.filter((o) => ids.includes(o.offerId));
      if (offers.length === 0 || offers.some((o) => o.status !== 'UNPUBLISHED'))
        return refuse(400, 25754, 'Offers must be unpublished to get listing fees.');
      return json(200, {
        feeSummaries: offers.map((o) => ({
          marketplaceId: o.marketplaceId,
          fees: [
            {
              feeType: 'InsertionFee',
              amount: { value: '0.35', currency: o.pricingSummary?.price?.currency ?? 'USD' },
            },
          ],
        })),
      });
    }
    default:
      return null;
  }
}

/** A site listing becomes an inventory item and a published offer with the same listing id (fixed price, SKU needed). */
function migrate(state: DoubleState, listingId: string) {
  const at = state.site.findIndex((l) => l.itemId === listingId && l.status === 'Active');
  const listing = state.site[at];
  if (!listing || !listing.sku)
    return {
      listingId,
      statusCode: 400,
      errors: [
        {
          errorId: 25718,
          domain: 'API_INVENTORY',
          category: 'REQUEST',
          message: 'Cannot migrate listing. A SKU is required.',
        },
      ],
    };
  const offerId = String(9_700_000 + state.offers.length);
  state.inventoryItems.push({
    sku: listing.sku,
    locale: 'en_US',
    condition: 'USED_EXCELLENT',
    availability: { shipToLocationAvailability: { quantity: listing.quantity - listing.quantitySold } },
    product: {
      title: listing.title,
      description: listing.description,
      imageUrls: listing.pictureUrls,
      aspects: Object.fromEntries(listing.specifics.map((x) => [x.name, [x.value]])) as unknown as string,
    },
  });
  state.offers.push({
    offerId,
    sku: listing.sku,
    marketplaceId: 'EBAY_US',
    format: 'FIXED_PRICE',
    categoryId: listing.categoryId,
    availableQuantity: listing.quantity - listing.quantitySold,
    pricingSummary: { price: { value: listing.price.toFixed(2), currency: listing.currency } },
    listing: { listingId, listingStatus: 'ACTIVE' },
    status: 'PUBLISHED',
  });
  // One way: Trading no longer sees it as a site listing.
  state.site.splice(at, 1);
  return { listingId, marketplaceId: 'EBAY_US', statusCode: 200, inventoryItems: [{ sku: listing.sku, offerId }] };
}

/** A published listing's item changed: that is a revision on eBay (250 a day). */
function reviseListingsOf(state: DoubleState, sku: string): void {
  for (const o of state.offers)
    if (o.sku === sku && o.status === 'PUBLISHED' && o.listing?.listingId) state.revise(o.listing.listingId);
}

const CONDITION_IDS: Record<string, string> = {
  NEW: '1000',
  NEW_OTHER: '1500',
  LIKE_NEW: '2750',
  USED_EXCELLENT: '3000',
  USED_VERY_GOOD: '4000',
  USED_GOOD: '5000',
  USED_ACCEPTABLE: '6000',
};

function publish(state: DoubleState, offerId: string): Reply {
  const l = state.listing;
  const offer = state.offers.find((o) => o.offerId === offerId);
  if (!offer) return refuse(404, 25713, 'This Offer is not available.');
  if (l.ineligible.has(offer.marketplaceId ?? ''))
    return refuse(400, 25713, 'This Offer is not available : the account cannot sell on this marketplace.');
  const item = state.inventoryItems.find((i) => i.sku === offer.sku);
  const product = item?.product;
  if (!item || !product?.title) return refuse(400, 25002, 'A user error has occurred. The title is missing.');
  if (product.title.length > 80) return refuse(400, 25002, 'A user error has occurred. The title is too long.');
  if (!product.imageUrls?.length) return refuse(400, 25002, 'A user error has occurred. A picture is required.');
  const category = state.categories.find((c) => c.id === offer.categoryId);
  if (!category?.leaf) return refuse(400, 25005, 'The category ID you selected is not a leaf category.');
  const aspects = product.aspects as unknown as Record<string, string[]> | undefined;
  for (const a of category.aspects.filter((x) => x.required))
    if (!aspects?.[a.name]?.length)
      return refuse(400, 25002, `A user error has occurred. The item specific ${a.name} is missing.`);
  const allowed = l.conditions.get(category.id) ?? ['1000', '3000'];
  if (!item.condition || !allowed.includes(CONDITION_IDS[item.condition] ?? ''))
    return refuse(400, 25021, 'The item condition is not valid for the category.');
  const p = offer.listingPolicies;
  const has = (kind: DoublePolicy['kind'], id?: string) => l.policies.some((x) => x.kind === kind && x.id === id);
  if (
    !has('fulfillment', p?.fulfillmentPolicyId) ||
    !has('payment', p?.paymentPolicyId) ||
    !has('return', p?.returnPolicyId)
  )
    return refuse(400, 25007, 'A valid fulfillment, payment and return policy are required.');
  const fulfillment = l.policies.find((x) => x.id === p?.fulfillmentPolicyId);
  const pack = item.packageWeightAndSize;
  const weighed = Boolean(pack?.weight?.value && WEIGHT_UNITS.includes(pack.weight.unit ?? ''));
  const d = pack?.dimensions;
  const sized = Boolean(d?.length && d.width && d.height && SIZE_UNITS.includes(d.unit ?? ''));
  if (fulfillment?.calculated && !(weighed && sized))
    return refuse(400, 25020, 'The package weight and dimensions are required for calculated shipping.');
  if (!l.locations.some((x) => x.key === offer.merchantLocationKey))
    return refuse(400, 25002, 'A user error has occurred. No Item.Country exists: create an inventory location.');
  if (!(Number(offer.pricingSummary?.price?.value) > 0)) return refuse(400, 25003, 'The price is invalid.');
  if (l.identifierRequired.has(category.id) && !(product.upc?.length || product.ean?.length || product.isbn?.length))
    return refuse(400, 25002, 'A user error has occurred. Provide a UPC, or "Does not apply".');
  // eBay's catalog fills in (and may overwrite) the seller's text unless told not to.
  const catalog = l.catalog.get(product.upc?.[0] ?? '');
  if (catalog && offer.includeCatalogProductDetails !== false) product.title = catalog;
  if (offer.status === 'PUBLISHED' && offer.listing?.listingId) {
    state.revise(offer.listing.listingId);
    return json(200, { listingId: offer.listing.listingId });
  }
  const listingId = String(130_000_000_000 + ++l.published);
  offer.status = 'PUBLISHED';
  offer.listing = { listingId, listingStatus: 'ACTIVE' };
  return json(200, { listingId });
}
