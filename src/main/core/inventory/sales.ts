/**
 * Recording a sale. A sale is its own document plus a `sold` movement, so sales recorded on
 * two devices offline both survive sync; the item only carries a summary (sale price, sold
 * date, status). Stock may go below zero: the seller is warned, never blocked.
 */
import type { ItemFields } from '@shared/domain/inventory';
import { newSaleId, type ItemDoc, type SaleDoc } from './docs';
import { applyChanges, today } from './fields';
import { movement, type InventoryService, type SaleInput, type StockWarning } from './service';
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

export function recordSale(service: InventoryService, id: string, input: SaleInput, fixed?: SaleKey) {
  return service.serial(async () => {
    const at = new Date().toISOString();
    if (fixed) {
      const known = await service.db.get<SaleDoc>(`sale:${fixed.key}`).catch(() => null);
      if (known) return { sale: publicSale(known), quantity: service.index.quantity(id), warnings: [], repeated: true };
    }
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
    const doc = await service.readItem(id);
    let next = summary(doc, (await service.stockFromMovements(id)) - input.quantity, input, at);
    // The item first, so the index sees "sold" before the stock reaches zero.
    let refused = await service.save(next ? [next, sale, move] : [sale, move]);
    const fact = refused.find((r) => r.doc !== next);
    if (fact) throw service.refusal(fact);
    // Only the item can be refused here: an edit that arrived by sync after it was read. The
    // sale and its movement are saved, so failing now would make a retry record it twice;
    // the summary goes onto the newer version instead.
    for (let tries = 1; refused.length > 0 && tries < SUMMARY_TRIES; tries++) {
      const current = await service.readItem(id);
      next = summary(current, await service.stockFromMovements(id), input, at);
      refused = next ? await service.save([next]) : [];
    }
    if (refused.length > 0) log.warn(`sale ${sale._id} saved; its summary was not put on ${id}`);
    const quantity = service.index.quantity(id);
    const warnings: StockWarning[] = [];
    if (quantity < 0) warnings.push(oversold(doc.fields.sku, quantity));
    return { sale: publicSale(sale), quantity, warnings, repeated: false };
  });
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
});
