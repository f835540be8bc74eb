/**
 * "Needs matching": an eBay order line whose SKU and item number name no item waits until
 * the seller says which item it sold. Matched once, FlipSync remembers: the line and every
 * other waiting line with that SKU or item number become sales of the item, and later orders
 * with them are taken in by themselves (order-lines.ts reads the remembered match).
 */
import { AppError } from '../../errors';
import { matchRuleIds, type LineDeps, type MatchRule, type UnmatchedLine } from './order-lines';
import { recordLines } from './order-page';

export interface MatchResult {
  itemId: string;
  /** Waiting lines that became sales (this one and those with the same SKU or item number). */
  matched: number;
}

export async function matchLine(
  deps: LineDeps,
  waiting: UnmatchedLine[],
  target: { orderId: string; lineItemId: string; sku: string },
): Promise<MatchResult> {
  const line = waiting.find((l) => l.orderId === target.orderId && l.lineItemId === target.lineItemId);
  if (!line) {
    throw new AppError(
      'NOT_FOUND',
      `Line ${target.lineItemId} of eBay order ${target.orderId} is not waiting to be matched.`,
      'It was matched already (perhaps on another device); the list shows what still waits.',
    );
  }
  const itemId = deps.inventory.index.idsBySku(target.sku)[0];
  if (!itemId) {
    throw new AppError(
      'BAD_REQUEST',
      `No item in your inventory has SKU "${target.sku}".`,
      'Type the SKU of the item that sold, or create the item first and then match it.',
    );
  }
  await remember(deps, matchRuleIds(line.sku, line.itemNumber), itemId);
  const same = (l: UnmatchedLine) =>
    l === line ||
    (line.sku !== '' && l.sku.trim().toLowerCase() === line.sku.trim().toLowerCase()) ||
    (line.itemNumber !== '' && l.itemNumber === line.itemNumber);
  const lines = waiting.filter(same);
  // A line another device already took in as a sale is 'known': recorded once all the same.
  await recordLines(
    deps,
    lines.map((each) => ({ line: each, itemId })),
  );
  for (const each of lines)
    await deps.local.remove(each._id, each._rev!).catch((error: { status?: number }) => {
      if (error.status !== 404 && error.status !== 409) throw error;
    });
  return { itemId, matched: lines.length };
}

async function remember(deps: LineDeps, ids: string[], itemId: string): Promise<void> {
  const res = await deps.local.allDocs<MatchRule>({ keys: ids, include_docs: true });
  const docs = res.rows.map((row, i) => {
    const doc = 'doc' in row ? row.doc : undefined;
    return doc ? { ...doc, itemId } : { _id: ids[i]!, itemId };
  });
  await deps.local.bulkDocs(docs);
}
