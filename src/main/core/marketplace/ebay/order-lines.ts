/**
 * One eBay order line becomes one sale of the matching item, keyed so that every device
 * records it under the same ids (the order's time, then a digest of orderId and lineItemId):
 * polled twice, or by two devices that then sync, it stays one sale and one stock movement.
 * A line whose SKU and item number match no item waits in a "needs matching" list.
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import type { Database } from '../../db/open';
import type { EventBus } from '../../events';
import type { SaleDoc } from '../../inventory/docs';
import { recordSale } from '../../inventory/sales';
import { movement, type InventoryService } from '../../inventory/service';
import { awaitFees } from './order-fees';
import type { Order, OrderLine } from './rest';

const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function orderLineKey(createdAt: string, orderId: string, lineItemId: string): string {
  const digest = createHash('sha256').update(`${orderId}\n${lineItemId}`).digest();
  let random = '';
  for (let i = 0; i < 16; i++) random += B32[digest[i]! % 32];
  const ms = Date.parse(createdAt);
  return encodeTime(Number.isNaN(ms) ? 0 : ms, 10) + random;
}

export interface UnmatchedLine {
  _id: string;
  _rev?: string;
  orderId: string;
  lineItemId: string;
  sku: string;
  itemNumber: string;
  title: string;
  quantity: number;
  at: string;
  /** Price per unit and the line's share of eBay's fee, kept to record the sale once matched. */
  price?: number;
  fees?: number;
  currency?: string;
}

/** What the seller matched once: a SKU or item number that names an item in FlipSync. */
export interface MatchRule {
  _id: string;
  _rev?: string;
  itemId: string;
}

export const matchRuleIds = (sku: string, itemNumber: string) => [
  ...(sku ? [`ebay-match:sku:${sku.trim().toLowerCase()}`] : []),
  ...(itemNumber ? [`ebay-match:item:${itemNumber.trim()}`] : []),
];

/** The item the seller matched this SKU or item number to before, if it still exists. */
async function rememberedItem(deps: LineDeps, sku: string, itemNumber: string): Promise<string | undefined> {
  const ids = matchRuleIds(sku, itemNumber);
  if (ids.length === 0) return undefined;
  const res = await deps.local.allDocs<MatchRule>({ keys: ids, include_docs: true });
  for (const row of res.rows) {
    const itemId = 'doc' in row ? row.doc?.itemId : undefined;
    if (itemId && deps.inventory.index.get(itemId)) return itemId;
  }
  return undefined;
}

export type LineDeps = { inventory: InventoryService; local: Database; events: EventBus };

export type LineOutcome = 'recorded' | 'known' | 'unmatched' | 'cancelled' | 'returned';

/**
 * The return of a line already taken in as a sale (keyed like it, so it too is recorded once
 * on every device). A line never taken in is just cancelled.
 */
async function takeReturn(
  inventory: InventoryService,
  key: string,
  order: Order,
  line: OrderLine,
): Promise<LineOutcome> {
  return inventory.serial(async () => {
    const sale = await inventory.db.get<SaleDoc>(`sale:${key}`).catch(() => null);
    if (!sale) return 'cancelled';
    const at = order.cancelStatus?.cancelledDate ?? order.lastModifiedDate ?? new Date().toISOString();
    const reason = order.cancelStatus?.cancelRequests?.find((r) => r.cancelReason)?.cancelReason;
    const note = `eBay order ${order.orderId} cancelled${reason ? `: ${reason.replace(/_/g, ' ').toLowerCase()}` : ''}`;
    const move = { ...movement(sale.itemId, 'returned', sale.quantity, note, at), saleId: sale._id };
    move._id = `${move._id.slice(0, move._id.lastIndexOf(':'))}:${orderLineKey(at, order.orderId ?? '', `${line.lineItemId}\nreturn`)}`;
    const [refused] = await inventory.save([move]);
    if (!refused) return 'returned';
    // 409: taken in already (an earlier poll, or another device whose return arrived by sync).
    if (refused.status === 409) return 'known';
    throw inventory.refusal(refused);
  });
}

const money = (amount: { value?: string } | undefined) => Number(amount?.value ?? 0) || 0;

export async function takeLine(deps: LineDeps, order: Order, line: OrderLine): Promise<LineOutcome> {
  const orderId = order.orderId ?? '';
  const lineItemId = line.lineItemId ?? '';
  const index = deps.inventory.index;
  // A cancelled order never taken in is not a sale; one taken in before it was cancelled
  // stays a sale and gets its return, so the history says what happened and the unit is back.
  if (order.cancelStatus?.cancelState === 'CANCELED') {
    const key = orderLineKey(order.creationDate ?? '', orderId, lineItemId);
    return takeReturn(deps.inventory, key, order, line);
  }
  const sku = line.sku ?? '';
  const itemNumber = line.legacyItemId ?? '';
  const itemId =
    (sku ? index.idsBySku(sku)[0] : undefined) ??
    (itemNumber ? index.idsByEbayItemId(itemNumber)[0] : undefined) ??
    (await rememberedItem(deps, sku, itemNumber));
  const quantity = line.quantity ?? 1;
  const lineTotal = money(line.lineItemCost);
  const orderTotal = (order.lineItems ?? []).reduce((sum, l) => sum + money(l.lineItemCost), 0);
  // eBay reports the order's fee; each line carries its share (Finances has the exact split).
  const fees = orderTotal > 0 ? (money(order.totalMarketplaceFee) * lineTotal) / orderTotal : 0;
  const taken: UnmatchedLine = {
    _id: `ebay-unmatched:${orderId}:${lineItemId}`,
    orderId,
    lineItemId,
    sku,
    itemNumber,
    title: line.title ?? '',
    quantity,
    at: order.creationDate ?? new Date().toISOString(),
    price: Math.round((lineTotal / quantity) * 100) / 100,
    fees: Math.round(fees * 100) / 100,
    currency: line.lineItemCost?.currency ?? '',
  };
  if (!itemId) {
    await deps.local.put(taken).catch((error: { status?: number }) => {
      if (error.status !== 409) throw error;
    });
    return 'unmatched';
  }
  return recordLine(deps, itemId, taken);
}

/** One line as a sale of the item, under the key every device gives it. */
export async function recordLine(deps: LineDeps, itemId: string, line: UnmatchedLine): Promise<LineOutcome> {
  const result = await recordSale(
    deps.inventory,
    itemId,
    {
      quantity: line.quantity,
      price: line.price ?? 0,
      fees: line.fees ?? 0,
      feesEstimated: true,
      shippingCost: 0,
      date: line.at.slice(0, 10),
      channel: 'ebay',
    },
    { key: orderLineKey(line.at, line.orderId, line.lineItemId) },
  );
  if (result.repeated) return 'known';
  await awaitFees(deps.local, result.sale.id, line);
  deps.events.emit('inventory.sold', {
    saleId: result.sale.id,
    itemId,
    title: line.title,
    quantity: line.quantity,
    price: (line.price ?? 0) * line.quantity,
  });
  return 'recorded';
}
