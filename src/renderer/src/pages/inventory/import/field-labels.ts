import type { ImportField } from '@shared/api';

/** What the seller reads for each field a column can fill (a field without a label fails to compile). */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  sku: 'SKU',
  title: 'Title',
  description: 'Description',
  brand: 'Brand',
  category: 'Category',
  condition: 'Condition',
  quantity: 'Quantity on hand',
  cost: 'Cost',
  listPrice: 'List price',
  salePrice: 'Sale price',
  fees: 'Fees',
  shippingCost: 'Shipping cost',
  location: 'Location / bin',
  status: 'Status',
  acquiredAt: 'Acquired date',
  listedAt: 'Listed date',
  soldAt: 'Sold date',
  tags: 'Tags',
  notes: 'Notes',
  ebayItemId: 'eBay item number',
};
