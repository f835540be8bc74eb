/**
 * Turns parsed CSV rows into item fields with the mapping the seller confirmed, and checks
 * every row the way the inventory will: what would fail on save is reported here, with the
 * row number and a reason, before anything is written.
 */
import { EMPTY_ITEM, ItemFieldsSchema, type ItemFields } from '@shared/domain/inventory';
import type { ColumnMapping, ImportField, ImportFormat, RowIssue } from '@shared/api/inventory-io';
import { fieldLabel } from '../fields';
import { formatDefaults } from './formats';
import { joinedWarning, joinLines } from '../single-line';
import type { CsvRow } from './parse';
import {
  readCondition,
  readDate,
  readMoney,
  readPackageSize,
  readPackageWeight,
  readQuantity,
  readStatus,
  readTags,
  readText,
} from './values';

/** eBay cuts titles at 80 characters; longer ones import but the seller should know. */
export const EBAY_TITLE_MAX = 80;

export interface ImportRow {
  row: number;
  fields: Partial<ItemFields> & { sku: string };
  quantity?: number;
  /** The item this SKU already belongs to, if any. */
  existingId?: string;
  /** For a new item: every field, as the item schema parsed them here. */
  checked?: ItemFields;
}

const PartialFields = ItemFieldsSchema.partial();
const MONEY: ImportField[] = ['cost', 'listPrice', 'salePrice', 'fees', 'shippingCost'];
const DATES: ImportField[] = ['acquiredAt', 'listedAt', 'soldAt'];

function readCell(field: ImportField, cell: string, header: string): unknown {
  if (MONEY.includes(field)) return readMoney(cell, header);
  if (DATES.includes(field)) return readDate(cell, header);
  switch (field) {
    case 'quantity':
      return readQuantity(cell);
    case 'status':
      return readStatus(cell);
    case 'tags':
      return readTags(cell);
    case 'condition':
      return readCondition(cell);
    case 'packageWeight':
      return readPackageWeight(cell, header);
    case 'packageSize':
      return readPackageSize(cell, header);
    case 'description':
    case 'notes':
      return readText(cell);
    default:
      return readText(cell).trim();
  }
}

/**
 * One row's values; empty cells are left out so they never blank what an item already has.
 * Every unreadable cell is named in the one error, so the seller fixes the row in one go.
 */
function readRow(cells: string[], mapping: ColumnMapping[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const specifics: { name: string; value: string }[] = [];
  const problems: string[] = [];
  for (const column of mapping) {
    if (!column.target) continue;
    const cell = cells[column.index] ?? '';
    if (cell.trim() === '') continue;
    if (column.target.startsWith('specific:')) {
      specifics.push({ name: column.target.slice('specific:'.length), value: readText(cell).trim() });
      continue;
    }
    try {
      out[column.target] = readCell(column.target as ImportField, cell, column.header || column.target);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(problems.join(' '));
  if (specifics.length > 0) out.specifics = specifics;
  return out;
}

function describe(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return `${fieldLabel(String(issue?.path[0] ?? 'item'))}: ${issue?.message}`;
}

/** Where a checker puts what it found; a preview keeps only the first ones of each. */
export interface IssueSink {
  error(issue: RowIssue): void;
  warning(issue: RowIssue): void;
}

/**
 * Checks rows one at a time, as they are read. Duplicate SKUs in the file: the first row
 * wins, later ones are errors. `lookup` answers the id of an existing item with that SKU
 * (compared without case).
 */
export class RowChecker {
  private readonly firstRowOf = new Map<string, number>();
  private readonly defaults: Partial<ItemFields>;
  private readonly hasSku: boolean;
  private readonly hasEbayId: boolean;
  private readonly hasTitle: boolean;

  constructor(
    private readonly mapping: ColumnMapping[],
    format: ImportFormat,
    private readonly lookup: (sku: string) => string | undefined,
    /** The SKU of an item already listed under this eBay item number (the seller may have typed it in by hand). */
    private readonly skuOfEbayItem: (itemNumber: string) => string | undefined = () => undefined,
  ) {
    this.defaults = formatDefaults(format);
    this.hasSku = mapping.some((m) => m.target === 'sku');
    this.hasEbayId = mapping.some((m) => m.target === 'ebayItemId');
    this.hasTitle = mapping.some((m) => m.target === 'title');
  }

  check({ row, cells }: CsvRow, sink: IssueSink): ImportRow | null {
    let values: Record<string, unknown>;
    try {
      values = readRow(cells, this.mapping);
    } catch (error) {
      sink.error({ row, reason: (error as Error).message });
      return null;
    }
    const { quantity, ...read } = values as Partial<ItemFields> & { quantity?: number };
    const { fields, joined } = joinLines(read);
    if (joined.length > 0) sink.warning({ row, reason: joinedWarning(joined) });
    if (!fields.sku && fields.ebayItemId && this.hasEbayId) {
      const known = this.skuOfEbayItem(fields.ebayItemId);
      if (known) {
        // An item that already carries this eBay item number is the same item, whatever its SKU.
        fields.sku = known;
        sink.warning({ row, reason: `No SKU: matched item ${known} by its eBay item number.` });
      } else {
        // eBay listings without a Custom label still need a stable key, or re-imports would duplicate.
        fields.sku = `EBAY-${fields.ebayItemId}`;
        sink.warning({ row, reason: `No SKU: using ${fields.sku} from the eBay item number.` });
      }
    }
    if (!fields.sku) {
      const fix = this.hasSku ? 'Fill in the SKU' : 'Map a column to SKU';
      sink.error({ row, reason: `The row has no SKU. ${fix}: items are matched on it.` });
      return null;
    }
    const key = fields.sku.toLowerCase();
    const first = this.firstRowOf.get(key);
    if (first !== undefined) {
      sink.error({ row, reason: `SKU "${fields.sku}" also appears in row ${first}; each SKU once per file.` });
      return null;
    }
    this.firstRowOf.set(key, row);
    const existingId = this.lookup(fields.sku);
    if (!existingId && !fields.title) {
      const fix = this.hasTitle ? 'Fill in the title' : 'Map a column to Title';
      sink.error({ row, reason: `The row has no title, which every new item needs. ${fix}.` });
      return null;
    }
    const candidate = existingId ? fields : { ...EMPTY_ITEM, ...this.defaults, ...fields };
    const parsed = existingId ? PartialFields.safeParse(candidate) : ItemFieldsSchema.safeParse(candidate);
    if (!parsed.success) {
      sink.error({ row, reason: describe(parsed.error) });
      return null;
    }
    if (quantity !== undefined && quantity < 0) {
      sink.warning({
        row,
        reason: `Quantity is ${quantity}: more were sold than were on hand. It is imported as the stock on hand.`,
      });
    }
    if (fields.title && fields.title.length > EBAY_TITLE_MAX) {
      sink.warning({
        row,
        reason: `Title is ${fields.title.length} characters; eBay allows ${EBAY_TITLE_MAX}, so shorten it before listing.`,
      });
    }
    const ready = existingId ? fields : { ...this.defaults, ...fields };
    const checked = existingId ? undefined : (parsed.data as ItemFields);
    return { row, fields: ready as ImportRow['fields'], quantity, existingId, checked };
  }
}
