/**
 * The sales ledger on disk, so a restart reads one file and replays only the changes since
 * its sequence. It is a cache: a missing, damaged or older-format file is ignored and the
 * ledger is rebuilt from the database. Stored column by column (smaller, faster to parse).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReturnFact, SaleFact } from './sales-ledger';
import { logger } from '../log';

const log = logger('analytics');

const FORMAT = 1;
let writes = 0;

type Derived = 'day' | 'dayNo' | 'week' | 'month';
export type StoredSale = Omit<SaleFact, Derived>;
export type StoredReturn = Omit<ReturnFact, Derived>;

interface Snapshot {
  format: typeof FORMAT;
  seq: string | number;
  sales: {
    id: string[];
    itemId: string[];
    quantity: number[];
    price: number[];
    fees: number[];
    shipping: number[];
    at: string[];
    // Absent from snapshots written before partial refunds were recorded (none had any).
    refunded?: number[];
  };
  returns: { id: string[]; itemId: string[]; units: number[]; at: string[] };
}

/*
 * Checked by hand rather than with zod: the file is our own cache, and zod walking 400k array
 * elements of a 50k-sale ledger took a third of the restart's ledger load.
 */
const each = (a: unknown, type: 'string' | 'number', length: number): boolean => {
  if (!Array.isArray(a) || a.length !== length) return false;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== type) return false;
  return true;
};
const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isSnapshot(v: unknown): v is Snapshot {
  if (!record(v) || v.format !== FORMAT || (typeof v.seq !== 'number' && typeof v.seq !== 'string')) return false;
  const { sales: s, returns: r } = v;
  if (!record(s) || !record(r) || !Array.isArray(s.id) || !Array.isArray(r.id)) return false;
  const n = s.id.length;
  const m = r.id.length;
  return (
    ['id', 'itemId', 'at'].every((k) => each(s[k], 'string', n)) &&
    ['quantity', 'price', 'fees', 'shipping'].every((k) => each(s[k], 'number', n)) &&
    (s.refunded === undefined || each(s.refunded, 'number', n)) &&
    ['id', 'itemId', 'at'].every((k) => each(r[k], 'string', m)) &&
    each(r.units, 'number', m)
  );
}

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
    const parsed: unknown = JSON.parse(text);
    if (!isSnapshot(parsed)) return null;
    const { seq, sales: s, returns: r } = parsed;
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
