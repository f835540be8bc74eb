/**
 * Export of all items or those a filter matches, as CSV (our generic format, which imports
 * back unchanged) or JSON (whole items). Item specifics become `C:<Name>` columns, as in
 * eBay's File Exchange template.
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import type { ExportQuerySchema } from '@shared/api/inventory-io';
import type { Item } from '@shared/domain/inventory';
import { toItem, type ItemDoc } from '../docs';
import type { InventoryService } from '../service';
import { sizeText, weightText } from '@shared/domain/package';
import { GENERIC_HEADERS } from './formats';
import { readMany } from '../../db/read-many';

type ExportQuery = z.infer<typeof ExportQuerySchema>;
const READ_CHUNK = 2000;

/** Whole items matching the query, in its order; stock comes from the index (kept from movements). */
async function readItems(service: InventoryService, query: ExportQuery): Promise<Item[]> {
  const limit = Math.max(1, service.index.size);
  const ids = service.index.query({ ...query, offset: 0, limit }).items.map((row) => row.id);
  const items: Item[] = [];
  for (let i = 0; i < ids.length; i += READ_CHUNK) {
    for (const { doc } of await readMany<ItemDoc>(service.db, ids.slice(i, i + READ_CHUNK))) {
      if (doc?.type === 'item') items.push(toItem(doc, service.index.quantity(doc._id)));
    }
  }
  return items;
}

const money = (n: number | null) => (n === null ? '' : n.toFixed(2));

function csvCells(item: Item, specificNames: string[]): (string | number)[] {
  const cells = GENERIC_HEADERS.map(([field]): string | number => {
    const value = item[field];
    // A number, so the formula escaping leaves it alone: "-1" (oversold) would become "'-1".
    if (field === 'quantity') return value as number;
    if (field === 'tags') return item.tags.join('; ');
    if (field === 'packageWeight') return weightText(item.packageWeight);
    if (field === 'packageSize') return sizeText(item.packageSize);
    if (['cost', 'listPrice', 'salePrice', 'fees', 'shippingCost'].includes(field))
      return money(value as number | null);
    return value === null ? '' : String(value);
  });
  for (const name of specificNames) {
    const key = name.toLowerCase();
    cells.push(item.specifics.find((s) => s.name.toLowerCase() === key)?.value ?? '');
  }
  return cells;
}

/**
 * One column per specific name (without regard to case, as import maps them: "Color" and
 * "color" share the first spelling's column), each new name placed right after the name
 * before it in the item that brought it, so an item's specifics import back in their order
 * (unless two items order the same names differently).
 */
function specificColumns(items: Item[]): string[] {
  const names: string[] = [];
  for (const item of items) {
    let after = -1;
    for (const { name } of item.specifics) {
      const key = name.toLowerCase();
      let at = names.findIndex((n) => n.toLowerCase() === key);
      if (at < 0) {
        at = after + 1 > 0 ? after + 1 : names.length;
        names.splice(at, 0, name);
      }
      after = at;
    }
  }
  return names;
}

export function toCsv(items: Item[]): string {
  const names = specificColumns(items);
  const header = [...GENERIC_HEADERS.map(([, h]) => h), ...names.map((n) => `C:${n}`)];
  // A BOM so Excel reads UTF-8; escaped formulae so a title like "=HYPERLINK(…)" stays text.
  const body = Papa.unparse([header, ...items.map((item) => csvCells(item, names))], {
    newline: '\r\n',
    escapeFormulae: true,
  });
  return `\ufeff${body}\r\n`;
}

export async function exportItems(service: InventoryService, format: 'csv' | 'json', query: ExportQuery | undefined) {
  const items = await readItems(service, query ?? { sort: 'sku', dir: 'asc' });
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'json') {
    const text = JSON.stringify({ exportedAt: new Date().toISOString(), count: items.length, items }, null, 2);
    return { fileName: `flipsync-inventory-${stamp}.json`, mimeType: 'application/json', text, count: items.length };
  }
  return {
    fileName: `flipsync-inventory-${stamp}.csv`,
    mimeType: 'text/csv',
    text: toCsv(items),
    count: items.length,
  };
}
