/** Reads every item as a health row: fields from the documents, stock from the live index. */
import type { ItemDoc } from '../../inventory/docs';
import type { InventoryService } from '../../inventory/service';
import type { HealthRow } from './scan';

const PAGE = 5000;

export function healthRow(doc: ItemDoc & { _rev: string }, quantity: number): HealthRow {
  const f = doc.fields;
  return {
    id: doc._id,
    rev: doc._rev,
    sku: f.sku,
    title: f.title,
    status: f.status,
    quantity,
    cost: f.cost,
    listPrice: f.listPrice,
    fees: f.fees,
    listedAt: f.listedAt,
    brand: f.brand,
    condition: f.condition,
    photos: f.photos.length,
    specifics: f.specifics.length,
  };
}

export async function readHealthRows(inventory: InventoryService, signal?: AbortSignal): Promise<HealthRow[]> {
  const rows: HealthRow[] = [];
  let startkey = 'item:';
  for (;;) {
    signal?.throwIfAborted();
    const page = await inventory.db.allDocs<ItemDoc>({
      startkey,
      endkey: 'item:\uffff',
      limit: PAGE + 1,
      include_docs: true,
    });
    const docs = page.rows.slice(0, PAGE);
    for (const r of docs) {
      if (r.doc && r.doc.type === 'item')
        rows.push(healthRow(r.doc as ItemDoc & { _rev: string }, inventory.index.quantity(r.id)));
    }
    if (page.rows.length <= PAGE) return rows;
    startkey = page.rows[PAGE]!.id;
  }
}
