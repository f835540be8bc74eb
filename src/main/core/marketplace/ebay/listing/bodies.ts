/**
 * What FlipSync writes to eBay for an item: the inventory item and the offer, each merged over
 * what eBay already holds. Both calls replace the whole object (ebay-api.md: a partial PUT was
 * seen erasing a live listing's description, EAN and photos), so every field eBay had and
 * FlipSync does not manage is sent back as it was.
 */
import type { EbaySettings } from '@shared/api';
import type { Item } from '@shared/domain/inventory';
import type { InventoryItem, Offer } from '../rest';
import type { ItemBody, OfferBody } from './calls';
import { conditionOf } from './conditions';
import { aspectsOf } from './preflight';
import { idIn } from '../category-id';
import { MARKETPLACES } from './marketplaces';

export { MARKETPLACES };

/** eBay's answer for an item with no product identifier (ebay-api.md: demanded at publish at times). */
export const DOES_NOT_APPLY = 'Does not apply';

const specific = (item: Item, name: string) =>
  item.specifics.find((s) => s.name.trim().toLowerCase() === name && s.value.trim())?.value.trim();

const WEIGHT_UNIT = { oz: 'OUNCE', lb: 'POUND', g: 'GRAM', kg: 'KILOGRAM' } as const;
const SIZE_UNIT = { in: 'INCH', cm: 'CENTIMETER' } as const;

/**
 * The package as eBay names it, over what eBay has (a package type set in Seller Hub stays).
 * An item without a weight or size keeps eBay's: FlipSync never blanks what it does not know.
 */
export function packageOf(
  had: InventoryItem['packageWeightAndSize'],
  item: Item,
): InventoryItem['packageWeightAndSize'] {
  const { packageWeight: w, packageSize: s } = item;
  if (!w && !s) return had;
  return {
    ...had,
    ...(w ? { weight: { value: w.value, unit: WEIGHT_UNIT[w.unit] } } : {}),
    ...(s ? { dimensions: { length: s.length, width: s.width, height: s.height, unit: SIZE_UNIT[s.unit] } } : {}),
  };
}

export function itemBody(had: InventoryItem | null, item: Item, imageUrls: string[]): ItemBody {
  const { sku: _s, locale: _l, groupIds: _g, inventoryItemGroupKeys: _k, ...kept } = had ?? {};
  const product = kept.product ?? {};
  const upc = specific(item, 'upc');
  const ean = specific(item, 'ean');
  const isbn = specific(item, 'isbn');
  const mpn = specific(item, 'mpn');
  const identified = Boolean(upc || ean || isbn || product.upc?.length || product.ean?.length || product.isbn?.length);
  const pack = packageOf(kept.packageWeightAndSize, item);
  return {
    ...kept,
    ...(pack ? { packageWeightAndSize: pack } : {}),
    availability: {
      ...kept.availability,
      shipToLocationAvailability: {
        ...kept.availability?.shipToLocationAvailability,
        quantity: Math.max(0, item.quantity),
      },
    },
    condition: conditionOf(item.condition) ?? kept.condition,
    product: {
      ...product,
      title: item.title.trim(),
      // An item without a description keeps the one eBay has (an import brings none).
      description: item.description.trim() || product.description || item.title.trim(),
      // An object of string arrays on the wire, though the contract types it string (test/support/ebay/contracts.ts).
      aspects: aspectsOf(item) as unknown as string,
      imageUrls,
      ...(item.brand.trim() ? { brand: item.brand.trim() } : {}),
      ...(mpn ? { mpn } : {}),
      ...(upc ? { upc: [upc] } : {}),
      ...(ean ? { ean: [ean] } : {}),
      ...(isbn ? { isbn: [isbn] } : {}),
      ...(identified ? {} : { upc: [DOES_NOT_APPLY] }),
    },
  };
}

export function offerBody(had: Offer | null, item: Item, settings: EbaySettings): OfferBody {
  const { offerId: _o, status: _s, listing: _l, ...kept } = had ?? {};
  const { currency } = MARKETPLACES[settings.marketplaceId];
  return {
    ...kept,
    sku: item.sku,
    marketplaceId: settings.marketplaceId,
    format: 'FIXED_PRICE',
    availableQuantity: Math.max(0, item.quantity),
    categoryId: idIn(item.category) ?? kept.categoryId,
    ...(item.description.trim() ? { listingDescription: item.description.trim() } : {}),
    listingPolicies: {
      ...kept.listingPolicies,
      fulfillmentPolicyId: settings.fulfillmentPolicyId,
      paymentPolicyId: settings.paymentPolicyId,
      returnPolicyId: settings.returnPolicyId,
    },
    merchantLocationKey: settings.merchantLocationKey,
    pricingSummary: { ...kept.pricingSummary, price: { value: (item.listPrice ?? 0).toFixed(2), currency } },
    // Catalog data may overwrite the seller's title and details (ebay-api.md): only when asked.
    includeCatalogProductDetails: settings.catalogDetails,
  };
}
