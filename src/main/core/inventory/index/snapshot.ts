/**
 * The index snapshot on disk, so a restart loads one file and replays only the changes
 * since its sequence instead of reading every document. It is a cache: a missing, damaged
 * or older-format file is ignored and the index is rebuilt from the database.
 *
 * Layout: "FSIX" + format byte, a uint32 header length, the JSON header (rows, movements,
 * terms), then raw Int32 data: term ids in sorted order, each slot's term ids, and the built
 * sort orders (JSON would make those several times slower to read).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ItemSummary, SortColumn } from '@shared/api/inventory';
import type { IndexDump } from './memory-index';

/** Rows are stored column by column: a third of the size of row objects, and faster to parse. */
const ROW_KEYS = [
  'id',
  'rev',
  'sku',
  'title',
  'brand',
  'category',
  'condition',
  'location',
  'status',
  'cost',
  'listPrice',
  'salePrice',
  'quantity',
  'tags',
  'photo',
  'acquiredAt',
  'listedAt',
  'soldAt',
  'createdAt',
  'updatedAt',
  'conflictCount',
] as const satisfies readonly (keyof ItemSummary)[];
type Columns = Record<(typeof ROW_KEYS)[number], unknown[]>;

function toColumns(rows: ItemSummary[]): Columns {
  return Object.fromEntries(ROW_KEYS.map((k) => [k, rows.map((r) => r[k])])) as Columns;
}

function fromColumns(c: Columns): ItemSummary[] {
  const n = c.id.length;
  const rows: ItemSummary[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    // Same key order as rowFromDoc, so every row shares one object shape.
    for (const k of ROW_KEYS) row[k] = c[k][i];
    rows[i] = row as ItemSummary;
  }
  return rows;
}

const MAGIC = 'FSIX';
const FORMAT = 4;
let writes = 0;

export const snapshotPath = (dataDir: string) => path.join(dataDir, 'cache', 'inventory-index.bin');

export async function writeSnapshot(file: string, dump: IndexDump): Promise<void> {
  const { text, rows, orders, ...rest } = dump;
  const header = Buffer.from(
    JSON.stringify({
      ...rest,
      columns: toColumns(rows),
      terms: text.terms,
      sortedCount: text.sorted.length,
      slotTermsCount: text.slotTerms.length,
      orders: orders.map(([column]) => column),
    }),
    'utf8',
  );
  const head = Buffer.alloc(9);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt8(FORMAT, 4);
  head.writeUInt32LE(header.length, 5);
  const sorted = Buffer.from(text.sorted.buffer, text.sorted.byteOffset, text.sorted.byteLength);
  const slots = Buffer.from(text.slotTerms.buffer, text.slotTerms.byteOffset, text.slotTerms.byteLength);
  const sortOrders = orders.map(([, order]) => Buffer.from(order.buffer, order.byteOffset, order.byteLength));
  await mkdir(path.dirname(file), { recursive: true });
  // Write aside and rename, so a crash mid-write never leaves a half snapshot in place.
  const tmp = `${file}.${process.pid}.${++writes}.tmp`;
  // The casts bridge @types/node's Buffer generics and TypeScript's own Uint8Array typing.
  await writeFile(
    tmp,
    Buffer.concat([head, header, sorted, slots, ...sortOrders] as unknown as Uint8Array[]) as unknown as Uint8Array,
  );
  await rename(tmp, file);
}

/** The snapshot, or null when there is none or it cannot be trusted. */
export async function readSnapshot(file: string): Promise<IndexDump | null> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return null;
  }
  try {
    if (buf.toString('latin1', 0, 4) !== MAGIC || buf.readUInt8(4) !== FORMAT) return null;
    const headerLength = buf.readUInt32LE(5);
    const header = JSON.parse(buf.toString('utf8', 9, 9 + headerLength)) as Omit<
      IndexDump,
      'text' | 'rows' | 'orders'
    > & {
      columns: Columns;
      terms: string[];
      sortedCount: number;
      slotTermsCount: number;
      orders: SortColumn[];
    };
    const start = 9 + headerLength;
    // Copy into an aligned buffer: Int32Array needs a 4-byte aligned offset.
    const data = new Int32Array((buf.length - start) / 4);
    new Uint8Array(data.buffer).set(buf.subarray(start));
    const { terms, sortedCount, slotTermsCount, columns, orders, ...rest } = header;
    if (!Array.isArray(columns?.id) || !Array.isArray(terms) || sortedCount !== terms.length) return null;
    const n = columns.id.length;
    const ordersAt = sortedCount + slotTermsCount;
    if (data.length !== ordersAt + orders.length * n) return null;
    return {
      ...rest,
      rows: fromColumns(columns),
      text: { terms, sorted: data.subarray(0, sortedCount), slotTerms: data.subarray(sortedCount, ordersAt) },
      orders: orders.map((column, i) => [column, data.subarray(ordersAt + i * n, ordersAt + (i + 1) * n)]),
    };
  } catch (error) {
    console.warn('[inventory] the index snapshot is unreadable; rebuilding from the database.', error);
    return null;
  }
}

export const removeSnapshot = (file: string) => rm(file, { force: true });
