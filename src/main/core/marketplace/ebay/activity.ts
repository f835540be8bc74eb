/**
 * What eBay brought in lately, for the seller's eBay activity view: the newest sales taken in
 * from eBay orders, newest first, with the item they sold and whether their fees are still
 * estimated. Sale ids sort by time, so this reads from the end of the sale range.
 */
import type { SaleDoc } from '../../inventory/docs';
import type { InventoryService } from '../../inventory/service';

/** Sale documents read per step from the end of the range (most are eBay's when eBay is connected). */
const STEP = 200;
/** Sales looked at in all before the view makes do with fewer. */
const LOOK_AT = 2000;

export async function recentEbaySales(inventory: InventoryService, limit: number) {
  const out: SaleDoc[] = [];
  let startkey = 'sale:\uffff';
  for (let seen = 0; out.length < limit && seen < LOOK_AT; seen += STEP) {
    const res = await inventory.db.allDocs<SaleDoc>({
      startkey,
      endkey: 'sale:',
      descending: true,
      include_docs: true,
      limit: STEP + 1,
    });
    const rows = res.rows.filter((r) => r.id !== startkey);
    for (const row of rows) if (row.doc?.channel === 'ebay' && out.length < limit) out.push(row.doc);
    if (rows.length < STEP) break;
    startkey = rows.at(-1)!.id;
  }
  return out.map((sale) => {
    const item = inventory.index.get(sale.itemId);
    return {
      saleId: sale._id,
      itemId: sale.itemId,
      sku: item?.sku ?? '',
      title: item?.title ?? 'An item no longer in your inventory',
      quantity: sale.quantity,
      price: sale.price,
      fees: sale.fees,
      feesEstimated: sale.feesEstimated === true,
      at: sale.at,
    };
  });
}
