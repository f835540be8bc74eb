/**
 * What the seller reads for each item field, in one place for core's sentences, the editor's
 * history, the approvals diff and the import mapping (a field without a label fails to
 * compile).
 */
import type { ItemField } from './inventory';

export const ITEM_FIELD_LABELS: Record<ItemField, string> = {
  sku: 'SKU',
  title: 'Title',
  description: 'Description',
  brand: 'Brand',
  category: 'Category',
  condition: 'Condition',
  specifics: 'Item specifics',
  cost: 'Cost',
  listPrice: 'List price',
  location: 'Location / bin',
  status: 'Status',
  acquiredAt: 'Acquired date',
  listedAt: 'Listed date',
  soldAt: 'Sold date',
  salePrice: 'Sale price',
  fees: 'Fees',
  shippingCost: 'Shipping cost',
  packageWeight: 'Package weight',
  packageSize: 'Package size',
  tags: 'Tags',
  notes: 'Notes',
  photos: 'Photos',
  ebayItemId: 'eBay item number',
};

/** The label to start a line with ("List price"); unknown names are shown as they are. */
export const fieldLabel = (field: string): string => ITEM_FIELD_LABELS[field as ItemField] ?? field;

/** The label inside a sentence ("list price", but "SKU" and "eBay item number" keep theirs). */
export const fieldWords = (field: string): string => {
  const label = fieldLabel(field);
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
};

/** Money fields, shown in the seller's currency. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set(['cost', 'listPrice', 'salePrice', 'fees', 'shippingCost']);
