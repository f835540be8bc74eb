import type { SortColumn } from '@shared/api';

export type ColumnKey =
  | 'photo'
  | 'sku'
  | 'title'
  | 'brand'
  | 'category'
  | 'location'
  | 'status'
  | 'listPrice'
  | 'quantity'
  | 'ebay'
  | 'acquiredAt';

/** The table's columns; `sort` is the column the core sorts by when its header is clicked. */
export interface Column {
  key: ColumnKey;
  label: string;
  width: string;
  sort?: SortColumn;
  numeric?: boolean;
  /** The header says it to screen readers only (the photo column is self-evident). */
  hideLabel?: boolean;
}

/**
 * Every column. At their minimum widths they fit the table in a 1280 px window (about 1000 px
 * beside the navigation), so nothing hides off to the right before the seller scrolls.
 */
export const COLUMNS: Column[] = [
  { key: 'photo', label: 'Photo', width: '48px', hideLabel: true },
  { key: 'sku', label: 'SKU', width: 'minmax(68px, 1fr)', sort: 'sku' },
  { key: 'title', label: 'Title', width: 'minmax(124px, 3fr)', sort: 'title' },
  { key: 'brand', label: 'Brand', width: 'minmax(64px, 1fr)', sort: 'brand' },
  { key: 'category', label: 'Category', width: 'minmax(72px, 1fr)', sort: 'category' },
  { key: 'location', label: 'Location', width: 'minmax(72px, 1fr)', sort: 'location' },
  { key: 'status', label: 'Status', width: '104px', sort: 'status' },
  { key: 'listPrice', label: 'Price', width: '90px', sort: 'listPrice', numeric: true },
  { key: 'quantity', label: 'Qty', width: '60px', sort: 'quantity', numeric: true },
  // The listing number (12 digits) over its state, two short lines in the row's height.
  { key: 'ebay', label: 'eBay', width: '92px' },
  { key: 'acquiredAt', label: 'Acquired', width: '84px', sort: 'acquiredAt' },
];

/**
 * Beside the open item editor the table is about half as wide: it keeps what identifies a row
 * and what the seller edits inline (Status, Price, Qty), so those stay in view.
 */
const BESIDE_EDITOR: ColumnKey[] = ['sku', 'title', 'status', 'listPrice', 'quantity'];
export const COMPACT_COLUMNS: Column[] = COLUMNS.filter((c) => BESIDE_EDITOR.includes(c.key)).map((c) =>
  c.key === 'title' ? { ...c, width: 'minmax(120px, 3fr)' } : c,
);

export interface Layout {
  columns: Column[];
  /** Checkbox column first, then the data columns. */
  template: string;
  /**
   * The narrowest the rows may get: every column at its minimum, plus gaps (6 px) and padding
   * (8 px a side). Narrower tables scroll sideways, header and rows together.
   */
  minWidth: number;
}

function layoutOf(columns: Column[]): Layout {
  const least = (c: Column) => Number.parseInt(/(\d+)px/.exec(c.width)![1]!, 10);
  return {
    columns,
    template: ['36px', ...columns.map((c) => c.width)].join(' '),
    minWidth: 36 + columns.reduce((sum, c) => sum + least(c), 0) + columns.length * 6 + 16,
  };
}

export const FULL_LAYOUT = layoutOf(COLUMNS);
export const COMPACT_LAYOUT = layoutOf(COMPACT_COLUMNS);
export const ROW_HEIGHT = 40;
