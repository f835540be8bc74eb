/**
 * A page of eBay orders taken in at once: the lines that match an item become sales in one
 * batch (recordSales: a few database calls per page instead of a few per line), the rest
 * wait to be matched, cancelled orders get their returns. A line's ids derive from eBay's
 * orderId and lineItemId (orderLineKey), so a line is one sale however often it is read.
 */
import { recordSales } from '../../inventory/sales';
import { awaitFeesOf } from './order-fees';
import {
  describeLine,
  dropUnmatched,
  fullRefund,
  isCancelled,
  itemOfLine,
  partialRefund,
  setSaleRefunded,
  keepUnmatched,
  orderLineKey,
  takeCancelled,
  takePartialRefund,
  takeRefunded,
  type LineDeps,
  type LineOutcome,
  type UnmatchedLine,
} from './order-lines';
import type { Order } from './rest';

export interface PageLine {
  /** orderId and lineItemId: the line's identity across polls. */
  key: string;
  outcome: LineOutcome;
}

export async function takePage(deps: LineDeps, orders: Order[]): Promise<PageLine[]> {
  const taken: PageLine[] = [];
  const matched: { line: UnmatchedLine; itemId: string }[] = [];
  const unmatched: UnmatchedLine[] = [];
  // Lines that are no sale (cancelled, or refunded before anyone matched them): one waiting to
  // be matched must leave the list, or matching it would record a sale eBay took back.
  const noSale: string[] = [];
  const refundedUnmatched = new Set<string>();
  for (const order of orders) {
    for (const line of order.lineItems ?? []) {
      const key = `${order.orderId}\n${line.lineItemId}`;
      const described = describeLine(order, line);
      if (isCancelled(order)) {
        noSale.push(described._id);
        taken.push({ key, outcome: await takeCancelled(deps, order, line) });
        continue;
      }
      const itemId = await itemOfLine(deps, described);
      if (itemId) matched.push({ line: described, itemId });
      else if (fullRefund(order, line)) {
        noSale.push(described._id);
        refundedUnmatched.add(key);
        taken.push({ key, outcome: 'cancelled' });
      } else {
        const refunded = partialRefund(order, line);
        unmatched.push(refunded > 0 ? { ...described, refunded } : described);
        taken.push({ key, outcome: 'unmatched' });
      }
    }
  }
  if (unmatched.length > 0) await keepUnmatched(deps, unmatched);
  if (noSale.length > 0) await dropUnmatched(deps, noSale);
  const outcomes = await recordLines(deps, matched);
  matched.forEach(({ line }, i) => taken.push({ key: `${line.orderId}\n${line.lineItemId}`, outcome: outcomes[i]! }));
  // Refunded in full after the sale: the sale gets its return (once; the ids are the line's).
  for (const order of orders) {
    if (isCancelled(order)) continue;
    for (const line of order.lineItems ?? []) {
      const key = `${order.orderId}\n${line.lineItemId}`;
      const refund = fullRefund(order, line);
      if (refund && !refundedUnmatched.has(key))
        taken.push({ key, outcome: await takeRefunded(deps, order, line, refund) });
      else if (!refund) {
        // A partial refund is no return: the sale keeps its unit and carries the money handed back.
        const amount = partialRefund(order, line);
        if (amount > 0) await takePartialRefund(deps, order, line, amount);
      }
    }
  }
  return taken;
}

/** Lines as sales of their items, under the keys every device gives them: one batch. */
export async function recordLines(
  deps: LineDeps,
  lines: { line: UnmatchedLine; itemId: string }[],
): Promise<('recorded' | 'known')[]> {
  const keyOf = (line: UnmatchedLine) => orderLineKey(line.at, line.orderId, line.lineItemId);
  const repeated = await recordSales(
    deps.inventory,
    lines.map(({ line, itemId }) => ({
      itemId,
      key: keyOf(line),
      input: {
        quantity: line.quantity,
        price: line.price ?? 0,
        fees: line.fees ?? 0,
        feesEstimated: true,
        shippingCost: 0,
        date: line.at.slice(0, 10),
        channel: 'ebay',
      },
    })),
  );
  // A line refunded in part while it waited to be matched: its sale carries it from the start.
  for (const { line } of lines) if (line.refunded) await setSaleRefunded(deps, keyOf(line), line.refunded);
  const recorded = lines.filter((_, i) => !repeated[i]);
  await awaitFeesOf(
    deps.local,
    recorded.map(({ line }) => ({ saleId: `sale:${keyOf(line)}`, line })),
  );
  for (const { line, itemId } of recorded)
    deps.events.emit('inventory.sold', {
      saleId: `sale:${keyOf(line)}`,
      itemId,
      title: line.title,
      quantity: line.quantity,
      price: (line.price ?? 0) * line.quantity,
    });
  return repeated.map((r) => (r ? 'known' : 'recorded'));
}
