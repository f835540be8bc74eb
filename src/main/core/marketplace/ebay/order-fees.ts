/**
 * Exact fees from eBay's Finances API. An order says what eBay charged for the whole order;
 * a sale taken in from it carries its line's share, marked estimated. Once Finances lists the
 * sale transaction (minutes to hours later), each line's own marketplace fees replace the
 * estimate and the mark goes. Lines waiting for that are kept in the local database.
 */
import type { Database } from '../../db/open';
import { readMany } from '../../db/read-many';
import type { SaleDoc } from '../../inventory/docs';
import type { InventoryService } from '../../inventory/service';
import type { getSaleFees } from './rest';

interface Awaiting {
  _id: string;
  _rev?: string;
  saleId: string;
  /** When the order was placed: transactions are read from a day before the oldest. */
  at: string;
}

const PREFIX = 'ebay-fees:';
/** Pages read per pass; the rest waits for the next poll. */
const MAX_PAGES = 10;
/** After this long Finances will not list it any more: the estimate stays. */
const GIVE_UP_MS = 60 * 24 * 3600_000;

/** Many sales at once (a page of orders): one write. One already waiting stays as it is. */
export async function awaitFeesOf(
  local: Database,
  sales: { saleId: string; line: { orderId: string; lineItemId: string; at: string } }[],
): Promise<void> {
  if (sales.length === 0) return;
  const docs: Awaiting[] = sales.map(({ saleId, line }) => ({
    _id: `${PREFIX}${line.orderId}:${line.lineItemId}`,
    saleId,
    at: line.at,
  }));
  const results = await local.bulkDocs(docs);
  const failed = results.find((r) => 'error' in r && r.status !== 409);
  if (failed) throw new Error(`could not note a sale whose fees eBay has yet to report: ${(failed as Error).message}`);
}

export interface FeeDeps {
  inventory: InventoryService;
  local: Database;
  now: () => number;
  /** One page of sale transactions from `since`, read with the seller's token. */
  read: (since: string, offset: number) => Promise<Awaited<ReturnType<typeof getSaleFees>>>;
}

/** Replaces estimated fees with what Finances reports; answers how many sales it settled. */
export async function settleFees(deps: FeeDeps): Promise<number> {
  const res = await deps.local.allDocs<Awaiting>({ startkey: PREFIX, endkey: `${PREFIX}\uffff`, include_docs: true });
  const waiting = new Map(res.rows.flatMap((r) => (r.doc ? [[r.id.slice(PREFIX.length), r.doc] as const] : [])));
  if (waiting.size === 0) return 0;
  const oldest = Math.min(...[...waiting.values()].map((w) => Date.parse(w.at) || deps.now()));
  const since = new Date(oldest - 24 * 3600_000).toISOString();
  const found = new Map<string, number>();
  for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
    const { lines, hasNext } = await deps.read(since, offset);
    for (const line of lines) found.set(`${line.orderId}:${line.lineItemId}`, line.fees);
    offset += lines.length;
    if (!hasNext) break;
  }
  const done: Awaiting[] = [];
  const fees = new Map<string, number>();
  for (const [key, awaiting] of waiting) {
    const amount = found.get(key);
    if (amount !== undefined) fees.set(awaiting.saleId, amount);
    if (amount !== undefined || deps.now() - Date.parse(awaiting.at) > GIVE_UP_MS) done.push(awaiting);
  }
  const settled = fees.size > 0 ? await setFees(deps.inventory, fees) : 0;
  if (done.length > 0) await deps.local.bulkDocs(done.map((d) => ({ ...d, _deleted: true })));
  return settled;
}

/** The exact fees on their sales, in one read and one write; answers how many took them. */
async function setFees(inventory: InventoryService, fees: Map<string, number>): Promise<number> {
  return inventory.serial(async () => {
    const sales = await readMany<SaleDoc>(inventory.db, [...fees.keys()]);
    const next = sales.flatMap(({ doc }) => {
      if (!doc?.feesEstimated) return [];
      const { feesEstimated: _estimate, ...rest } = doc;
      return [{ ...rest, fees: Math.round(fees.get(doc._id)! * 100) / 100 }];
    });
    if (next.length === 0) return 0;
    // One refused: another device settled it first (the same numbers, from the same transaction).
    return next.length - (await inventory.save(next)).length;
  });
}
