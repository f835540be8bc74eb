/**
 * The sales ledger on disk, so a restart reads one file and replays only the changes since
 * its sequence. It is a cache: a missing, damaged or older-format file is ignored and the
 * ledger is rebuilt from the database. Stored column by column (smaller, faster to parse).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ReturnFact, SaleFact } from './sales-ledger';
import { logger } from '../log';

const log = logger('analytics');

const FORMAT = 1;
let writes = 0;

type Derived = 'day' | 'dayNo' | 'week' | 'month';
export type StoredSale = Omit<SaleFact, Derived>;
export type StoredReturn = Omit<ReturnFact, Derived>;

/*
 * zod checks the shape; each column's elements are checked by one plain loop (z.custom), not
 * by a schema per element: zod walking the 400k elements of a 50k-sale ledger element by
 * element took a third of the restart's ledger load.
 */
const arrayOf = <T>(type: 'string' | 'number') =>
  z.custom<T[]>((a) => Array.isArray(a) && a.every((x) => typeof x === type), `a list of ${type}s`);
const Strings = arrayOf<string>('string');
const Numbers = arrayOf<number>('number');
const SnapshotSchema = z.object({
  format: z.literal(FORMAT),
  seq: z.union([z.number(), z.string()]),
  sales: z.object({
    id: Strings,
    itemId: Strings,
    quantity: Numbers,
    price: Numbers,
    fees: Numbers,
    shipping: Numbers,
    at: Strings,
    // Absent from snapshots written before partial refunds were recorded (none had any).
    refunded: Numbers.optional(),
  }),
  returns: z.object({ id: Strings, itemId: Strings, units: Numbers, at: Strings }),
});
type Snapshot = z.infer<typeof SnapshotSchema>;

export const ledgerSnapshotPath = (dataDir: string) => path.join(dataDir, 'cache', 'analytics-sales.json');

export async function writeLedgerSnapshot(
  file: string,
  seq: string | number,
  sales: SaleFact[],
  returns: ReturnFact[],
): Promise<void> {
  const column = <T, K extends keyof T>(list: T[], key: K) => list.map((x) => x[key]);
  const body: Snapshot = {
    format: FORMAT,
    seq,
    sales: {
      id: column(sales, 'id'),
      itemId: column(sales, 'itemId'),
      quantity: column(sales, 'quantity'),
      price: column(sales, 'price'),
      fees: column(sales, 'fees'),
      shipping: column(sales, 'shipping'),
      at: column(sales, 'at'),
      refunded: sales.map((s) => s.refunded ?? 0),
    },
    returns: {
      id: column(returns, 'id'),
      itemId: column(returns, 'itemId'),
      units: column(returns, 'units'),
      at: column(returns, 'at'),
    },
  };
  await mkdir(path.dirname(file), { recursive: true });
  // Write aside and rename, so a crash mid-write never leaves a half snapshot in place.
  const tmp = `${file}.${process.pid}.${++writes}.tmp`;
  await writeFile(tmp, JSON.stringify(body));
  await rename(tmp, file);
}

/** The stored sales and returns, or null when there is no snapshot or it cannot be trusted. */
export async function readLedgerSnapshot(
  file: string,
): Promise<{ seq: string | number; sales: StoredSale[]; returns: StoredReturn[] } | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = SnapshotSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const { seq, sales: s, returns: r } = parsed.data;
    if (Object.values(s).some((c) => c !== undefined && c.length !== s.id.length)) return null;
    if (Object.values(r).some((c) => c.length !== r.id.length)) return null;
    return {
      seq,
      sales: s.id.map((id, i) => ({
        id,
        itemId: s.itemId[i]!,
        quantity: s.quantity[i]!,
        price: s.price[i]!,
        fees: s.fees[i]!,
        shipping: s.shipping[i]!,
        at: s.at[i]!,
        ...(s.refunded?.[i] ? { refunded: s.refunded[i] } : {}),
      })),
      returns: r.id.map((id, i) => ({ id, itemId: r.itemId[i]!, units: r.units[i]!, at: r.at[i]! })),
    };
  } catch (error) {
    log.warn('the sales snapshot is unreadable; rebuilding from the database.', error);
    return null;
  }
}
