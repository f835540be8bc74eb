/**
 * Recording a sale. A sale is its own document plus a `sold` movement, so sales recorded on
 * two devices offline both survive sync; the item only carries a summary (sale price, sold
 * date, status). Stock may go below zero: the seller is warned, never blocked.
 */
import type { ItemFields } from '@shared/domain/inventory';
import { newSaleId, type ItemDoc, type MovementDoc, type SaleDoc } from './docs';
import { applyChanges, today } from './fields';
import { movement, type InventoryService, type SaleInput, type StockWarning } from './service';
import { readMany } from '../db/read-many';
import { logger } from '../log';

const log = logger('inventory');

/** Times the summary is put on a newer version of the item when sync edits keep landing. */
const SUMMARY_TRIES = 5;

/**
 * A sale that arrives from elsewhere (an eBay order line) carries a key every device derives
 * the same way: its documents get ids from it, so recording it twice, or on two devices that
 * then sync, leaves one sale and one stock movement.
 */
export interface SaleKey {
  /** A ULID: sorts by the order's time like the ids of sales recorded here. */
  key: string;
}

/** The sale and its `sold` movement, under ids from the key when it has one. */
function saleDocs(id: string, input: SaleInput, at: string, fixed?: SaleKey): [SaleDoc, MovementDoc] {
  const sale: SaleDoc = {
    _id: fixed ? `sale:${fixed.key}` : newSaleId(),
    type: 'sale',
    itemId: id,
    quantity: input.quantity,
    price: input.price,
    fees: input.fees,
    ...(input.feesEstimated ? { feesEstimated: true as const } : {}),
    shippingCost: input.shippingCost,
    at: input.date ? `${input.date}T12:00:00.000Z` : at,
    channel: input.channel,
  };
  const move = { ...movement(id, 'sold', -input.quantity, `Sale ${sale._id}`, at), saleId: sale._id };
  if (fixed) move._id = `${move._id.slice(0, move._id.lastIndexOf(':'))}:${fixed.key}`;
  return [sale, move];
}

export function recordSale(service: InventoryService, id: string, input: SaleInput, fixed?: SaleKey) {
  return service.serial(async () => {
    const at = new Date().toISOString();
    if (fixed) {
      const known = await service.db.get<SaleDoc>(`sale:${fixed.key}`).catch(() => null);
      if (known) return { sale: publicSale(known), quantity: service.index.quantity(id), warnings: [], repeated: true };
    }
    const [sale, move] = saleDocs(id, input, at, fixed);
    const doc = await service.readItem(id);
    const next = summary(doc, (await service.stockFromMovements(id)) - input.quantity, input, at);
    // The item first, so the index sees "sold" before the stock reaches zero.
    const refused = await service.save(next ? [next, sale, move] : [sale, move]);
    const fact = refused.find((r) => r.doc !== next);
    if (fact) throw service.refusal(fact);
    // Only the item can be refused here: an edit that arrived by sync after it was read. The
    // sale and its movement are saved, so failing now would make a retry record it twice;
    // the summary goes onto the newer version instead.
    if (refused.length > 0 && !(await summaryOnLatest(service, id, () => service.stockFromMovements(id), input, at))) {
      log.warn(`sale ${sale._id} saved; its summary was not put on ${id}`);
    }
    const quantity = service.index.quantity(id);
    const warnings: StockWarning[] = [];
    if (quantity < 0) warnings.push(oversold(doc.fields.sku, quantity));
    return { sale: publicSale(sale), quantity, warnings, repeated: false };
  });
}

export interface KeyedSale {
  itemId: string;
  input: SaleInput;
  key: string;
}

/**
 * Many keyed sales at once (a page of eBay order lines): one read of which are known, one of
 * their items, one `bulkDocs` with every new sale, its movement and its item's summary, so a
 * page costs a few database calls instead of a few per line. Answers, per sale, whether it
 * was recorded before. Stock comes from the index, which holds every saved movement (local
 * ones as they are saved, synced ones from the feed); only the summary's "sold" depends on it.
 */
export function recordSales(service: InventoryService, sales: KeyedSale[]): Promise<boolean[]> {
  return service.serial(async () => {
    if (sales.length === 0) return [];
    const at = new Date().toISOString();
    const ids = sales.map((s) => `sale:${s.key}`);
    const found = await readMany<SaleDoc>(service.db, ids);
    const repeated = found.map((f) => f.doc !== null);
    const fresh = new Map<string, KeyedSale>();
    sales.forEach((s, i) => {
      if (fresh.has(s.key)) repeated[i] = true;
      else if (!repeated[i]) fresh.set(s.key, s);
    });
    const itemIds = [...new Set([...fresh.values()].map((s) => s.itemId))];
    const items = await readMany<ItemDoc>(service.db, itemIds);
    const sold = new Map<string, number>();
    const last = new Map<string, SaleInput>();
    for (const s of fresh.values()) {
      sold.set(s.itemId, (sold.get(s.itemId) ?? 0) + s.input.quantity);
      last.set(s.itemId, s.input);
    }
    const summaries: ItemDoc[] = [];
    for (const { id, doc } of items) {
      if (doc?.type !== 'item') throw new Error(`item ${id} is not in the inventory`);
      const next = summary(doc, service.index.quantity(doc._id) - sold.get(doc._id)!, last.get(doc._id)!, at);
      if (next) summaries.push(next);
    }
    const facts = [...fresh.values()].flatMap((s) => saleDocs(s.itemId, s.input, at, s));
    const refused = await service.save([...summaries, ...facts]);
    const lost = new Set<string>();
    for (const r of refused) {
      if (r.doc.type === 'item') lost.add(r.doc._id);
      // Saved meanwhile by another device (its copy arrived by sync): it is one sale all the same.
      else if (r.status === 409 && r.doc.type === 'sale') repeated[ids.indexOf(r.doc._id)] = true;
      else if (r.status !== 409) throw service.refusal(r);
    }
    // An item edited by sync after it was read: its summary goes onto the newer version.
    for (const id of lost) {
      if (!(await summaryOnLatest(service, id, () => service.index.quantity(id), last.get(id)!, at))) {
        log.warn(`sales saved; their summary was not put on ${id}`);
      }
    }
    return repeated;
  });
}

/**
 * Puts a sale's summary on the item's latest version, trying again while sync keeps editing
 * it; false when it never took (the sale itself is saved either way).
 */
async function summaryOnLatest(
  service: InventoryService,
  id: string,
  stock: () => Promise<number> | number,
  input: SaleInput,
  at: string,
): Promise<boolean> {
  for (let tries = 1; tries < SUMMARY_TRIES; tries++) {
    const next = summary(await service.readItem(id), await stock(), input, at);
    if (!next || (await service.save([next])).length === 0) return true;
  }
  return false;
}

/** The item with the sale's summary fields, or null when it already has them. */
function summary(doc: ItemDoc, stockAfter: number, input: SaleInput, at: string): ItemDoc | null {
  const changes: Partial<ItemFields> = {
    salePrice: input.price,
    fees: input.fees,
    shippingCost: input.shippingCost,
    soldAt: input.date ?? today(at),
  };
  if (stockAfter <= 0 && doc.fields.status !== 'archived') changes.status = 'sold';
  const { next, changed } = applyChanges(doc, changes, at);
  return changed.length > 0 ? next : null;
}

export function oversold(sku: string, quantity: number): StockWarning {
  return {
    code: 'OVERSOLD',
    quantity,
    message:
      `Stock of ${sku} is now ${quantity}: more units were sold than were on hand ` +
      '(for example the last unit sold on two devices). Both sales are kept; check the orders and adjust stock.',
  };
}

export const publicSale = (s: SaleDoc) => ({
  id: s._id,
  quantity: s.quantity,
  price: s.price,
  fees: s.fees,
  feesEstimated: s.feesEstimated === true,
  shippingCost: s.shippingCost,
  at: s.at,
  channel: s.channel,
  refunded: s.refunded ?? 0,
});
