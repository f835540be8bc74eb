import type { SortColumn } from '@shared/api';

/** The table's columns; `sort` is the column the core sorts by when its header is clicked. */
export interface Column {
  key: string;
  label: string;
  width: string;
  sort?: SortColumn;
  numeric?: boolean;
}

export const COLUMNS: Column[] = [
  { key: 'photo', label: 'Photo', width: '48px' },
  { key: 'sku', label: 'SKU', width: 'minmax(90px, 1fr)', sort: 'sku' },
  { key: 'title', label: 'Title', width: 'minmax(180px, 3fr)', sort: 'title' },
  { key: 'brand', label: 'Brand', width: 'minmax(80px, 1fr)', sort: 'brand' },
  { key: 'category', label: 'Category', width: 'minmax(90px, 1fr)', sort: 'category' },
  { key: 'location', label: 'Location', width: 'minmax(70px, 1fr)', sort: 'location' },
  { key: 'status', label: 'Status', width: '110px', sort: 'status' },
  { key: 'listPrice', label: 'Price', width: '100px', sort: 'listPrice', numeric: true },
  { key: 'quantity', label: 'Qty', width: '70px', sort: 'quantity', numeric: true },
  { key: 'acquiredAt', label: 'Acquired', width: '110px', sort: 'acquiredAt' },
];

/** Checkbox column first, then the data columns. */
export const GRID_TEMPLATE = ['36px', ...COLUMNS.map((c) => c.width)].join(' ');
export const ROW_HEIGHT = 40;
