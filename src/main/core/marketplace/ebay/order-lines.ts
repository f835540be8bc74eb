/**
 * One eBay order line becomes one sale of the matching item, keyed so that every device
 * records it under the same ids (the order's time, then a digest of orderId and lineItemId):
 * polled twice, or by two devices that then sync, it stays one sale and one stock movement.
 * A line whose SKU and item number match no item waits in a "needs matching" list.
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import type { Database } from '../../db/open';
import { readMany } from '../../db/read-many';
import type { EventBus } from '../../events';
import type { SaleDoc } from '../../inventory/docs';
import { movement, type InventoryService } from '../../inventory/service';
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
  /** Money eBay handed back on the line while it waited (a partial refund): the sale gets it once matched. */
  refunded?: number;
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
 * on every device, whether eBay cancelled or refunded it). A line never taken in is just cancelled.
 */
async function takeReturn(
  inventory: InventoryService,
  key: string,
  order: Order,
  line: OrderLine,
  why: { at: string; note: string },
): Promise<LineOutcome> {
  return inventory.serial(async () => {
    const sale = await inventory.db.get<SaleDoc>(`sale:${key}`).catch(() => null);
    if (!sale) return 'cancelled';
    const move = { ...movement(sale.itemId, 'returned', sale.quantity, why.note, why.at), saleId: sale._id };
    move._id = `${move._id.slice(0, move._id.lastIndexOf(':'))}:${orderLineKey(why.at, order.orderId ?? '', `${line.lineItemId}\nreturn`)}`;
    const [refused] = await inventory.save([move]);
    if (!refused) return 'returned';
    // 409: taken in already (an earlier poll, or another device whose return arrived by sync).
    if (refused.status === 409) return 'known';
    throw inventory.refusal(refused);
  });
}

const money = (amount: { value?: string } | undefined) => Number(amount?.value ?? 0) || 0;

/** A line as kept while it waits to be matched, and as recorded once it is. */
export function describeLine(order: Order, line: OrderLine): UnmatchedLine {
  const orderId = order.orderId ?? '';
  const lineItemId = line.lineItemId ?? '';
  const quantity = line.quantity ?? 1;
  const lineTotal = money(line.lineItemCost);
  const orderTotal = (order.lineItems ?? []).reduce((sum, l) => sum + money(l.lineItemCost), 0);
  // eBay reports the order's fee; each line carries its share (Finances has the exact split).
  const fees = orderTotal > 0 ? (money(order.totalMarketplaceFee) * lineTotal) / orderTotal : 0;
  return {
    _id: `ebay-unmatched:${orderId}:${lineItemId}`,
    orderId,
    lineItemId,
    sku: line.sku ?? '',
    itemNumber: line.legacyItemId ?? '',
    title: line.title ?? '',
    quantity,
    at: order.creationDate ?? new Date().toISOString(),
    price: Math.round((lineTotal / quantity) * 100) / 100,
    fees: Math.round(fees * 100) / 100,
    currency: line.lineItemCost?.currency ?? '',
  };
}

/** The item a line sells: by SKU, then eBay item number, then what the seller matched before. */
export async function itemOfLine(deps: LineDeps, line: UnmatchedLine): Promise<string | undefined> {
  const index = deps.inventory.index;
  return (
    (line.sku ? index.idsBySku(line.sku)[0] : undefined) ??
    (line.itemNumber ? index.idsByEbayItemId(line.itemNumber)[0] : undefined) ??
    (await rememberedItem(deps, line.sku, line.itemNumber))
  );
}

export const isCancelled = (order: Order) => order.cancelStatus?.cancelState === 'CANCELED';

/**
 * A cancelled order never taken in is not a sale; one taken in before it was cancelled stays
 * a sale and gets its return, so the history says what happened and the unit is back.
 */
export function takeCancelled(deps: LineDeps, order: Order, line: OrderLine): Promise<LineOutcome> {
  const key = orderLineKey(order.creationDate ?? '', order.orderId ?? '', line.lineItemId ?? '');
  const at = order.cancelStatus?.cancelledDate ?? order.lastModifiedDate ?? new Date().toISOString();
  const reason = order.cancelStatus?.cancelRequests?.find((r) => r.cancelReason)?.cancelReason;
  const note = `eBay order ${order.orderId} cancelled${reason ? `: ${reason.replace(/_/g, ' ').toLowerCase()}` : ''}`;
  return takeReturn(deps.inventory, key, order, line, { at, note });
}

/**
 * A line eBay refunded in full: by refunds of its own that add up to its cost, or by completed
 * refunds of the whole order that add up to the order's. A partial refund is a discount, not a
 * return. Answers when, and eBay's refund id.
 */
export function fullRefund(order: Order, line: OrderLine): { at: string; id: string } | null {
  const sum = (list: { amount?: { value?: string } }[]) => list.reduce((n, r) => n + money(r.amount), 0);
  const last = (list: { refundDate?: string; refundId?: string; refundReferenceId?: string }[]) => {
    const newest = [...list].sort((a, b) => (b.refundDate ?? '').localeCompare(a.refundDate ?? ''))[0]!;
    return {
      at: newest.refundDate ?? order.lastModifiedDate ?? new Date().toISOString(),
      id: newest.refundId ?? newest.refundReferenceId ?? '',
    };
  };
  const own = line.refunds ?? [];
  if (own.length > 0 && sum(own) + 0.005 >= money(line.lineItemCost)) return last(own);
  const whole = (order.paymentSummary?.refunds ?? []).filter((r) => r.refundStatus === 'REFUNDED');
  const orderCost = (order.lineItems ?? []).reduce((n, l) => n + money(l.lineItemCost), 0);
  if (whole.length > 0 && orderCost > 0 && sum(whole) + 0.005 >= orderCost) return last(whole);
  return null;
}

/**
 * Money eBay handed back on a line that is no full refund (a discount after the sale): the
 * line's own refunds, else its share (by cost) of the order's completed refunds; 0 when none.
 */
export function partialRefund(order: Order, line: OrderLine): number {
  const sum = (list: { amount?: { value?: string } }[]) => list.reduce((n, r) => n + money(r.amount), 0);
  const own = sum(line.refunds ?? []);
  if (own > 0) return Math.round(own * 100) / 100;
  const whole = sum((order.paymentSummary?.refunds ?? []).filter((r) => r.refundStatus === 'REFUNDED'));
  const orderCost = (order.lineItems ?? []).reduce((n, l) => n + money(l.lineItemCost), 0);
  if (whole <= 0 || orderCost <= 0) return 0;
  return Math.round(((whole * money(line.lineItemCost)) / orderCost) * 100) / 100;
}

/** The sale of a line taken in carries what was refunded on it (set, so reading it again changes nothing). */
export function takePartialRefund(deps: LineDeps, order: Order, line: OrderLine, amount: number): Promise<void> {
  return setSaleRefunded(
    deps,
    orderLineKey(order.creationDate ?? '', order.orderId ?? '', line.lineItemId ?? ''),
    amount,
  );
}

/** Sets what was refunded on the sale of a line (its key); nothing when there is no such sale yet. */
export function setSaleRefunded(deps: LineDeps, key: string, amount: number): Promise<void> {
  const { inventory } = deps;
  return inventory.serial(async () => {
    const sale = await inventory.db.get<SaleDoc>(`sale:${key}`).catch(() => null);
    if (!sale || Math.abs((sale.refunded ?? 0) - amount) < 0.005) return;
    const [refused] = await inventory.save([{ ...sale, refunded: amount }]);
    // 409: another device wrote it first (the same amount, from the same order); else the next poll tries again.
    if (refused && refused.status !== 409) throw inventory.refusal(refused);
  });
}

export function takeRefunded(
  deps: LineDeps,
  order: Order,
  line: OrderLine,
  refund: { at: string; id: string },
): Promise<LineOutcome> {
  const key = orderLineKey(order.creationDate ?? '', order.orderId ?? '', line.lineItemId ?? '');
  const note = `eBay order ${order.orderId} refunded${refund.id ? ` (refund ${refund.id})` : ''}`;
  return takeReturn(deps.inventory, key, order, line, { at: refund.at, note });
}

/** Lines that are no sale any more leave the "needs matching" list (those waiting there). */
export async function dropUnmatched(deps: LineDeps, ids: string[]): Promise<void> {
  const waiting = (await readMany<UnmatchedLine>(deps.local, ids)).flatMap(({ doc }) => (doc ? [doc] : []));
  if (waiting.length === 0) return;
  const results = await deps.local.bulkDocs(waiting.map((doc) => ({ ...doc, _deleted: true })));
  // 409: matched or dropped meanwhile.
  const failed = results.find((r) => 'error' in r && r.status !== 409);
  if (failed) throw new Error(`could not drop an eBay order line that is no sale: ${(failed as Error).message}`);
}

/**
 * Lines for the seller to match. One already waiting stays as it is, except for what eBay has
 * refunded on it since (a partial refund): the sale it becomes must carry that, and the order
 * will not be read again once eBay is done with it.
 */
export async function keepUnmatched(deps: LineDeps, lines: UnmatchedLine[]): Promise<void> {
  const results = await deps.local.bulkDocs(lines);
  const failed = results.find((r) => 'error' in r && r.status !== 409);
  if (failed) throw new Error(`could not keep an eBay order line to match: ${(failed as Error).message}`);
  const waiting = lines.filter((_, i) => 'error' in results[i]!);
  if (waiting.length === 0) return;
  const known = await readMany<UnmatchedLine>(
    deps.local,
    waiting.map((l) => l._id),
  );
  const changed = known.flatMap(({ doc }, i) => {
    const refunded = waiting[i]!.refunded ?? 0;
    return doc && Math.abs((doc.refunded ?? 0) - refunded) >= 0.005 ? [{ ...doc, refunded }] : [];
  });
  // 409: matched or changed meanwhile; the next poll reads the order again if it still waits.
  if (changed.length > 0) await deps.local.bulkDocs(changed);
}
