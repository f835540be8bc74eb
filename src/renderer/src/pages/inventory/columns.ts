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
  { key: 'location', label: 'Location', width: 'minmax(84px, 1fr)', sort: 'location' },
  { key: 'status', label: 'Status', width: '110px', sort: 'status' },
  { key: 'listPrice', label: 'Price', width: '100px', sort: 'listPrice', numeric: true },
  { key: 'quantity', label: 'Qty', width: '70px', sort: 'quantity', numeric: true },
  { key: 'acquiredAt', label: 'Acquired', width: '110px', sort: 'acquiredAt' },
];

/** Checkbox column first, then the data columns. */
export const GRID_TEMPLATE = ['36px', ...COLUMNS.map((c) => c.width)].join(' ');

/**
 * The narrowest the rows may get: every column at its minimum, plus gaps (6 px) and padding
 * (8 px a side). Narrower windows scroll the table sideways, header and rows together.
 */
export const TABLE_MIN_WIDTH =
  36 + COLUMNS.reduce((sum, c) => sum + Number.parseInt(/(\d+)px/.exec(c.width)![1]!, 10), 0) + COLUMNS.length * 6 + 16;
export const ROW_HEIGHT = 40;
