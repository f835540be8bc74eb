/**
 * The CSV formats sellers bring and how their headers map to item fields. Headers match
 * case-insensitively, ignoring spaces, punctuation, a leading `*` and a `(…)` suffix
 * (see shared/reference/ebay-csv.md), so "*Action(SiteID=US|…)", "Custom label (SKU)" and
 * "CustomLabel" all compare as plain words.
 */
import type { ColumnMapping, ColumnTarget, ImportField, ImportFormat } from '@shared/api/inventory-io';

export function normalizeHeader(header: string): string {
  let text = header.trim().replace(/^\*+/, '');
  // The "(…)" suffix by index, not by regex: /\(.*\)$/ is quadratic on a cell of many "(".
  const open = text.indexOf('(');
  if (open >= 0 && text.endsWith(')')) text = text.slice(0, open);
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `C:Brand` (File Exchange item specifics) → "Brand"; null for other headers. */
export function specificName(header: string): string | null {
  const match = /^\s*\*?C:(.+)$/i.exec(header);
  const name = match?.[1]?.trim();
  return name ? name.slice(0, 65) : null;
}

/** Headers of our own export, in order: the generic format. */
export const GENERIC_HEADERS: [ImportField, string][] = [
  ['sku', 'SKU'],
  ['title', 'Title'],
  ['description', 'Description'],
  ['brand', 'Brand'],
  ['category', 'Category'],
  ['condition', 'Condition'],
  ['quantity', 'Quantity'],
  ['cost', 'Cost'],
  ['listPrice', 'List price'],
  ['salePrice', 'Sale price'],
  ['fees', 'Fees'],
  ['shippingCost', 'Shipping cost'],
  ['packageWeight', 'Package weight'],
  ['packageSize', 'Package size'],
  ['location', 'Location'],
  ['status', 'Status'],
  ['acquiredAt', 'Acquired'],
  ['listedAt', 'Listed'],
  ['soldAt', 'Sold'],
  ['tags', 'Tags'],
  ['notes', 'Notes'],
  ['ebayItemId', 'eBay item number'],
];

type Aliases = Record<string, ImportField>;

const GENERIC: Aliases = {
  ...Object.fromEntries(GENERIC_HEADERS.flatMap(([field, header]) => [[normalizeHeader(header), field]])),
  ...{ customlabel: 'sku', itemtitle: 'title', name: 'title', qty: 'quantity', stock: 'quantity' },
  ...{ price: 'listPrice', listprice: 'listPrice', saleprice: 'salePrice', shipping: 'shippingCost' },
  ...{ bin: 'location', storagelocation: 'location', acquiredat: 'acquiredAt', listedat: 'listedAt' },
  ...{ soldat: 'soldAt', purchaseprice: 'cost', itemid: 'ebayItemId', ebayitemid: 'ebayItemId' },
  ...{ weight: 'packageWeight', shippingweight: 'packageWeight', dimensions: 'packageSize' },
  ...{ packagedimensions: 'packageSize' },
};

/** Seller Hub "Active listings" downloads, older and newer spellings. */
const EBAY_ACTIVE: Aliases = {
  itemid: 'ebayItemId',
  itemnumber: 'ebayItemId',
  customlabel: 'sku',
  quantityavailable: 'quantity',
  availablequantity: 'quantity',
  price: 'listPrice',
  currentprice: 'listPrice',
  startdate: 'listedAt',
  condition: 'condition',
  conditionid: 'condition',
  itemtitle: 'title',
  title: 'title',
  categoryleafname: 'category',
  ebaycategory1name: 'category',
  privatenotes: 'notes',
};

/** The File Exchange upload template. Its *Location is where the item ships from, not a bin. */
const FILE_EXCHANGE: Aliases = {
  customlabel: 'sku',
  title: 'title',
  description: 'description',
  category: 'category',
  conditionid: 'condition',
  startprice: 'listPrice',
  quantity: 'quantity',
  itemid: 'ebayItemId',
};

const ALIASES: Record<ImportFormat, Aliases> = {
  'ebay-active-listings': EBAY_ACTIVE,
  'ebay-file-exchange': FILE_EXCHANGE,
  generic: GENERIC,
};

const ALL_KNOWN = new Set([...Object.keys(GENERIC), ...Object.keys(EBAY_ACTIVE), ...Object.keys(FILE_EXCHANGE)]);

/** How many cells of a row look like headers we know (finds the header under an Info row). */
export function knownHeaderCount(cells: string[]): number {
  return cells.filter((c) => specificName(c) !== null || ALL_KNOWN.has(normalizeHeader(c))).length;
}

export function detectFormat(headers: string[]): ImportFormat {
  const names = new Set(headers.map(normalizeHeader));
  if (headers.some((h) => /^\s*\*?Action\s*\(/i.test(h)) || (names.has('action') && names.has('startprice'))) {
    return 'ebay-file-exchange';
  }
  const hasItemNumber = names.has('itemid') || names.has('itemnumber');
  const ebayOnly = ['quantityavailable', 'availablequantity', 'currentprice', 'itemtitle', 'categoryleafname'];
  if (hasItemNumber && ebayOnly.some((n) => names.has(n))) return 'ebay-active-listings';
  return 'generic';
}

/** The mapping we propose; a field already filled by an earlier column leaves later ones unmapped. */
export function autoMapping(headers: string[], format: ImportFormat): ColumnMapping[] {
  const aliases = ALIASES[format];
  const taken = new Set<string>();
  return headers.map((header, index) => {
    let target: ColumnTarget = null;
    const specific = format === 'ebay-active-listings' ? null : specificName(header);
    const candidate = specific !== null ? `specific:${specific}` : aliases[normalizeHeader(header)];
    if (candidate && !taken.has(candidate.toLowerCase())) {
      target = candidate;
      taken.add(candidate.toLowerCase());
    }
    return { index, header, target };
  });
}

/** What every new item from this format starts with (existing items keep their own). */
export function formatDefaults(format: ImportFormat): { status?: 'listed' } {
  // An active-listings download lists what is live on eBay right now.
  return format === 'ebay-active-listings' ? { status: 'listed' } : {};
}
